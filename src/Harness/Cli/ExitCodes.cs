namespace Landscape.Experiments.CommandLine;

/// <summary>The exit codes of <c>landscape</c> (documented in <c>--help</c> and docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>Success: the command ran and every claim holds.</summary>
    public const int Success = 0;

    /// <summary>A run finished but at least one claim does not hold (each is named on standard error).</summary>
    public const int ClaimFailed = 1;

    /// <summary>Usage error: unknown verb, experiment or setting, or a bad value.</summary>
    public const int Usage = 2;

    /// <summary>Data error: an input file is missing, unreadable or malformed.</summary>
    public const int DataError = 3;

    /// <summary>The experiment failed with an unexpected error (a bug; the stack trace is printed).</summary>
    public const int Failed = 4;

    /// <summary>Cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;

    /// <summary>The text for <c>--help</c>.</summary>
    public const string Help = """
        Exit codes:
          0    every claim holds
          1    a claim failed (each failing claim is named on standard error)
          2    usage error: unknown verb, experiment or setting, or a bad value
          3    data error: an input file is missing, unreadable or malformed
          4    the experiment failed with an unexpected error (stack trace on standard error)
          130  cancelled (Ctrl+C)
        """;
}
