using Landscape.Generators.Experiment;
using Landscape.Generators.Tests.Infrastructure;

namespace Landscape.Generators.Tests.Experiment;

/// <summary>End-to-end snapshots of a representative catalog (H4), and that the generated code compiles.</summary>
public sealed class ExperimentSnapshotTests
{
    /// <summary>Two studies as the paper's would be declared, plus one without settings, in two namespaces.</summary>
    internal const string StudiesSource = ExperimentHarness.Usings + """
        namespace Samples.Studies
        {
            public enum Optimizer { GradientDescent, HeavyBall, Adam }

            [Experiment("edge-of-stability", Summary = "Sharpness rises to 2/η and hovers there under full-batch GD")]
            public sealed partial class EdgeOfStability : IExperiment
            {
                [Setting("Learning rates for full-batch GD")] public double[] LearningRates { get; set; } = [0.02, 0.04];
                [Setting("Steps per run")] public int Steps { get; set; } = 3000;
                [Setting("Optimizer")] public Optimizer Optimizer { get; set; } = Optimizer.GradientDescent;
                [Setting("Hessian-vector products per sharpness estimate")] public int HVPCount { get; set; } = 20;
                [Setting("Write checkpoints")] public bool Checkpoint { get; set; } = true;
                public ExperimentResult Run(ExperimentContext context) => context.Result();
            }

            [Experiment("subquadratic-growth", Summary = "Loss grows slower than quadratically\nalong top eigendirections")]
            public sealed partial class SubquadraticGrowth : IExperiment
            {
                [Setting("Largest distance t")] public double MaxT { get; set; } = 10;
                [Setting("Seeds")] public long[] Seeds { get; set; } = [1, 2];
                [Setting("Label of the run")] public string Label { get; set; } = "";
                [Setting("Optimizers to compare")] public Optimizer[] Optimizers { get; set; } = [Optimizer.Adam];
                public ExperimentResult Run(ExperimentContext context) => context.Result();
            }
        }

        namespace Samples.Other
        {
            [Experiment("baseline")]
            internal sealed partial class Baseline : IExperiment
            {
                public ExperimentResult Run(ExperimentContext context) => context.Result();
            }
        }
        """;

    [Fact]
    public void Studies()
    {
        GeneratorOutput output = ExperimentHarness.Run(StudiesSource);
        Assert.Empty(output.GeneratorDiagnostics);
        GeneratedCodeAssert.Compiles(output);
        (string hint, string text) = Assert.Single(output.Sources);
        Assert.Equal(ExperimentGenerator.CatalogHintName, hint);
        Snapshot.Match(text, "ExperimentSnapshotTests.Studies");
    }
}
