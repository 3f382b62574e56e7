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

    /// <summary>DESIGN.md §2b's LeNet-5: convolutions, average pooling, the implicit flatten before [Dense].</summary>
    internal const string LeNet5 = """
        using Landscape;

        namespace Samples;

        [Network(LossFunction.SoftmaxCrossEntropy)]
        [Input(1, 28, 28)]
        [Conv2d(6, 5, Activation.Tanh, Padding = 2)]
        [AvgPool2d(2)]
        [Conv2d(16, 5, Activation.Tanh)]
        [AvgPool2d(2)]
        [Dense(120, Activation.Tanh)]
        [Dense(84, Activation.Tanh)]
        [Dense(10)]
        public partial class LeNet5;
        """;

    /// <summary>DESIGN.md §2b's ResNet8: an identity and a projection block, global average pooling.</summary>
    internal const string ResNet8 = """
        using Landscape;

        namespace Samples;

        [Network(LossFunction.SoftmaxCrossEntropy)]
        [Input(1, 28, 28)]
        [Conv2d(16, 3, Activation.Relu, Padding = 1, Init = Init.He)]
        [ResidualBegin]
        [Conv2d(16, 3, Activation.Relu, Padding = 1, Init = Init.He)]
        [Conv2d(16, 3, Padding = 1, Init = Init.He)]
        [ResidualEnd(Activation.Relu)]
        [ResidualBegin]
        [Conv2d(32, 3, Activation.Relu, Stride = 2, Padding = 1, Init = Init.He)]
        [Conv2d(32, 3, Padding = 1, Init = Init.He)]
        [ResidualEnd(Activation.Relu, Projection = true)]
        [GlobalAvgPool2d]
        [Dense(10)]
        public partial class ResNet8;
        """;

    [Theory]
    [InlineData(nameof(LeNet5), LeNet5)]
    [InlineData(nameof(ResNet8), ResNet8)]
    public void ConvolutionalNetwork_MatchesSnapshot_AndCompiles(string name, string source)
    {
        GeneratorOutput output = GeneratorHarness.Run(source);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Equal($"Samples.{name}.g.cs", Assert.Single(output.Sources).HintName);
        Snapshot.Match(output.SingleSource, "NetworkSnapshotTests." + name);
        Assert.Empty(output.CompilationErrors);
    }

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
