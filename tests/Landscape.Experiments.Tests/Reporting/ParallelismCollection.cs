namespace Landscape.Experiments.Tests.Reporting;

/// <summary>Tests that run experiments (which set the process-wide <see cref="Parallelism.MaxThreads"/>) run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ParallelismCollection
{
    public const string Name = "Parallelism";
}
