namespace Landscape.Experiments;

/// <summary>How an experiment run ended.</summary>
public enum ExperimentStatus
{
    /// <summary>Ran to the end and every claim holds.</summary>
    Passed,

    /// <summary>Ran to the end and at least one claim does not hold.</summary>
    ClaimsFailed,

    /// <summary>Cancelled before the end; partial tables are not written.</summary>
    Cancelled,
}
