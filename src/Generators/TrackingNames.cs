namespace Landscape.Generators;

/// <summary>Names of the tracked pipeline stages; the incrementality tests assert each one is cached after an unrelated edit.</summary>
internal static class TrackingNames
{
    /// <summary>[Network] declarations parsed into a Result of NetworkSpec.</summary>
    public const string ParseNetwork = nameof(ParseNetwork);

    /// <summary>The diagnostics of each [Network] declaration.</summary>
    public const string NetworkDiagnostics = nameof(NetworkDiagnostics);

    /// <summary>The valid NetworkSpecs that produce source.</summary>
    public const string NetworkSpecs = nameof(NetworkSpecs);
}
