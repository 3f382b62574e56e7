using System;
using Landscape.Experiments;

namespace Landscape.Mpi.Probe;

/// <summary>
/// A study that fails on one rank only (rank <see cref="FailingRank"/>) while the others go on to a data-parallel call:
/// under mpirun the job must end with a non-zero exit, not hang.
/// </summary>
[Experiment("rank-failure", Summary = "Fails on one rank while the others wait in a data-parallel call")]
public sealed partial class RankFailure : IExperiment
{
    /// <summary>The rank that throws.</summary>
    [Setting("The rank that throws")]
    public int FailingRank { get; set; } = 1;

    /// <summary>Throws on the failing rank; the other ranks evaluate a data-parallel loss, which waits for it.</summary>
    public ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Communicator.Rank == FailingRank) throw new InvalidOperationException($"rank {FailingRank} fails on purpose");
        var random = new Random(1);
        var x = new double[600 * 12];
        for (int i = 0; i < x.Length; i++) x[i] = random.NextDouble();
        (IModel model, Dataset data) = context.Distribute(new ProbeNet(), new Dataset(x, new double[600 * 3], 600));
        double loss = model.Loss(new double[model.ParameterCount], data);
        context.Measure("loss", loss);
        return context.Result();
    }
}
