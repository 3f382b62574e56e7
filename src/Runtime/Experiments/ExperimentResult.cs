using System.Collections.Generic;
using System.Linq;

namespace Landscape.Experiments;

/// <summary>What an experiment produced: its claims, reported measurements, the files written and the status.</summary>
public sealed class ExperimentResult
{
    /// <summary>Creates a result.</summary>
    public ExperimentResult(IReadOnlyList<Claim> claims, IReadOnlyList<Measurement> measurements, IReadOnlyList<string> files, ExperimentStatus status)
    {
        Claims = claims;
        Measurements = measurements;
        Files = files;
        Status = status;
    }

    /// <summary>The claims in the order they were made.</summary>
    public IReadOnlyList<Claim> Claims { get; }

    /// <summary>Quantities reported without a verdict.</summary>
    public IReadOnlyList<Measurement> Measurements { get; }

    /// <summary>Files written, relative to the output directory, in the order written.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>How the run ended.</summary>
    public ExperimentStatus Status { get; }

    /// <summary>The claims that do not hold.</summary>
    public IEnumerable<Claim> FailedClaims => Claims.Where(c => !c.Holds);
}
