using System.Collections.Generic;

namespace Landscape.Generators.Tests.Fuzzing;

/// <summary>A valid declaration the fuzzer mutates: its kind (which generator it targets) and its source.</summary>
/// <param name="Kind">"network", "objective" or "experiment": the counts are reported per kind.</param>
/// <param name="Name">A short name for messages.</param>
/// <param name="Source">A complete, valid C# file.</param>
internal sealed record FuzzSeed(string Kind, string Name, string Source);

/// <summary>
/// The valid declarations the fuzzer starts from. Each must compile with the generators and produce no diagnostics
/// (checked by <see cref="GeneratorFuzzTests.Seeds_AreValid"/>). To fuzz another generator, add its seeds here under a
/// new kind and its generator to <see cref="FuzzHarness.Generators"/>.
/// </summary>
internal static class FuzzCorpus
{
    private const string Header = "using System;\nusing Landscape;\nusing Landscape.Experiments;\n\nnamespace Fuzz;\n\n";

    public static IReadOnlyList<FuzzSeed> Seeds { get; } =
    [
        new("network", "mse-tanh", Header + """
            [Network(LossFunction.MeanSquaredError)]
            [Input(4)]
            [Dense(8, Activation.Tanh)]
            [Dense(3)]
            public sealed partial class Net;
            """),
        new("network", "ce-options", Header + """
            [Network(LossFunction.SoftmaxCrossEntropy)]
            [Input(6)]
            [Dense(5, Activation.Relu, Bias = false, Init = Init.He)]
            [Dense(4, Activation.Gelu, InitScale = 0.5)]
            [Dense(3, Activation.Identity, Init = Init.Xavier)]
            internal partial class Classifier
            {
                public int Extra => 1;
            }
            """),
        new("network", "nested", Header + """
            public static partial class Models
            {
                [Network(LossFunction.MeanSquaredError)]
                [Input(1)]
                [Dense(2, Activation.Sin)]
                [Dense(1, Activation.Softplus)]
                public partial class Wave;
            }
            """),
        new("network", "lenet", Header + """
            [Network(LossFunction.SoftmaxCrossEntropy)]
            [Input(1, 12, 12)]
            [Conv2d(4, 5, Activation.Tanh, Padding = 2)]
            [AvgPool2d(2)]
            [Conv2d(6, 3, Activation.Tanh)]
            [MaxPool2d(2, Stride = 1, Padding = 1)]
            [Dense(8, Activation.Tanh)]
            [Dense(3)]
            public partial class LeNetLike;
            """),
        new("network", "resnet", Header + """
            [Network(LossFunction.SoftmaxCrossEntropy)]
            [Input(2, 8, 8)]
            [Conv2d(4, 3, Activation.Relu, Padding = 1, Init = Init.He)]
            [ResidualBegin]
            [Conv2d(4, 3, Activation.Relu, Padding = 1, Init = Init.He)]
            [Conv2d(4, 3, Padding = 1)]
            [ResidualEnd(Activation.Relu)]
            [ResidualBegin]
            [Conv2d(6, 3, Activation.Relu, Stride = 2, Padding = 1)]
            [Conv2d(6, 3, Padding = 1, Bias = false)]
            [ResidualEnd(Activation.Relu, Projection = true)]
            [GlobalAvgPool2d]
            [Dense(3)]
            public partial class ResNetLike;
            """),
        new("network", "dense-residual", Header + """
            [Network(LossFunction.MeanSquaredError)]
            [Input(5)]
            [Dense(4, Activation.Tanh)]
            [ResidualBegin]
            [Dense(4, Activation.Square)]
            [ResidualEnd(Activation.Tanh)]
            [ResidualBegin]
            [Dense(3, Activation.Tanh)]
            [ResidualEnd(Projection = true)]
            [Dense(2)]
            public partial class DenseResidual;
            """),
        new("objective", "valley", Header + """
            public sealed partial record Valley(double A, double B)
            {
                [Objective] public double Value(double x, double y) { var s = 1 + B * y * y; return s * (Math.Sqrt(1 + A * x * x) - 1) - y; }
            }
            """),
        new("objective", "piecewise", Header + """
            public partial class Piecewise
            {
                public double Scale { get; init; } = 2;
                private const double Cut = 0.5;

                [Objective]
                public double Value(double x, double y, double z)
                {
                    double r = x * x + Math.Pow(y, 2) + Math.Exp(-z);
                    r = r > Cut ? Scale * Math.Log(1 + r) : r;
                    return Math.Abs(x) < 1 && !(y > 3) ? Math.Max(r, Math.Tanh(z)) : Math.Sin(x) * Math.Cos(y);
                }
            }
            """),
        new("objective", "struct", Header + """
            public partial struct Bowl
            {
                public double A;

                [Objective] double Value(double x) => A * x * x + Math.Sqrt(1 + x * x);
            }
            """),
        new("experiment", "settings", Header + """
            public enum Mode { Fast, Careful }

            [Experiment("edge-of-stability", Summary = "Sharpness rises to 2/η")]
            public sealed partial class EdgeOfStability : IExperiment
            {
                [Setting("Learning rates")] public double[] LearningRates { get; set; } = [0.02, 0.04];
                [Setting("Steps per run")] public int Steps { get; set; } = 3000;
                [Setting("Seed offset")] public long Offset { get; set; }
                [Setting("Checkpoint")] public bool Checkpoint { get; set; } = true;
                [Setting("Label")] public string Label { get; set; } = "run";
                [Setting("Modes")] public Mode[] Modes { get; set; } = [Mode.Fast];

                public ExperimentResult Run(ExperimentContext context) => context.Result();
            }
            """),
        new("experiment", "plain", Header + """
            public static partial class Studies
            {
                [Experiment("two-scales")]
                internal partial class TwoScales : IExperiment
                {
                    [Setting("Decay factor")] public double Factor { get; set; } = 0.1;

                    public ExperimentResult Run(ExperimentContext context)
                    {
                        context.ClaimWithin("factor", Factor, 0, 1);
                        return context.Result();
                    }
                }
            }
            """),
    ];
}
