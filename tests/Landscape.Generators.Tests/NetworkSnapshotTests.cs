using Landscape.Generators.Tests.Infrastructure;

namespace Landscape.Generators.Tests;

/// <summary>End-to-end snapshots of representative networks (H4), and that the generated code compiles.</summary>
public sealed class NetworkSnapshotTests
{
    internal const string FcTanh = """
        using Landscape;

        namespace Samples;

        [Network(LossFunction.MeanSquaredError)]
        [Input(784)]
        [Dense(200, Activation.Tanh)]
        [Dense(200, Activation.Tanh)]
        [Dense(10)]
        public partial class FcTanh;
        """;

    internal const string Classifier = """
        using Landscape;

        namespace Samples.Nested;

        public static partial class Models
        {
            [Network(LossFunction.SoftmaxCrossEntropy)]
            [Input(20)]
            [Dense(32, Activation.Gelu, Init = Init.He, InitScale = 0.5)]
            [Dense(16, Activation.Relu, Bias = false)]
            [Dense(5, Activation.Sigmoid)]
            internal sealed partial class Classifier;
        }
        """;

    [Fact]
    public void FcTanh_MatchesSnapshot_AndCompiles()
    {
        GeneratorOutput output = GeneratorHarness.Run(FcTanh);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Equal("Samples.FcTanh.g.cs", Assert.Single(output.Sources).HintName);
        Snapshot.Match(output.SingleSource, "NetworkSnapshotTests.FcTanh");
        Assert.Empty(output.CompilationErrors);
    }

    [Fact]
    public void NestedClassifier_MatchesSnapshot_AndCompiles()
    {
        GeneratorOutput output = GeneratorHarness.Run(Classifier);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Equal("Samples.Nested.Models.Classifier.g.cs", Assert.Single(output.Sources).HintName);
        Snapshot.Match(output.SingleSource, "NetworkSnapshotTests.Classifier");
        Assert.Empty(output.CompilationErrors);
    }
}
