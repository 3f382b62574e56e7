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

    /// <summary>[Objective] methods parsed into a Result of ObjectiveSpec.</summary>
    public const string ParseObjective = nameof(ParseObjective);

    /// <summary>The diagnostics of each [Objective] method.</summary>
    public const string ObjectiveDiagnostics = nameof(ObjectiveDiagnostics);

    /// <summary>The valid ObjectiveSpecs that produce source.</summary>
    public const string ObjectiveSpecs = nameof(ObjectiveSpecs);
}
