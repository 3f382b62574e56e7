using System;
using System.Linq;
using System.Text.RegularExpressions;
using Landscape.Generators.Tests.Infrastructure;

namespace Landscape.Generators.Tests;

/// <summary>
/// The generated <c>Landscape.NetworkCatalog</c>: one descriptor per creatable network, sorted by name, reflection-free,
/// with FLOPs per example counted over the op graph (DESIGN.md §11) and equal to hand counts. Each case states its linear
/// maps as multiply-adds per example, I (maps reading a value that does not depend on θ) and S (the rest); the counts are
/// loss 2(I + S), gradient 2(2I + 3S), HVP 2(3I + 8S).
/// </summary>
public sealed class NetworkCatalogTests
{
    /// <summary>Attribute lines of a network, and its hand-counted FLOPs per example (loss, gradient, HVP).</summary>
    public static TheoryData<string, string, long, long, long> HandCounts => new()
    {
        {
            // dense0 50×30 = 1,500 (I), dense1 4×50 = 200 (S): the issue's example.
            "dense 30-50-4",
            "[Network(LossFunction.MeanSquaredError)] [Input(30)] [Dense(50, Activation.Tanh)] [Dense(4)]",
            3_400, 7_200, 12_200
        },
        {
            // conv0 4 × (1·3·3) at 6×6 positions = 1,296 (I); dense0 2×144 = 288 (S).
            "convolution",
            "[Network(LossFunction.SoftmaxCrossEntropy)] [Input(1, 8, 8)] [Conv2d(4, 3, Activation.Tanh)] [Dense(2)]",
            3_168, 6_912, 12_384
        },
        {
            // A strided, padded convolution, 9×9 → ⌊(9 + 2·1 − 3)/2⌋ + 1 = 5×5: conv0 5 × (2·3·3) at 25 positions = 2,250 (I);
            // dense0 3×125 = 375 (S).
            "strided convolution",
            "[Network(LossFunction.MeanSquaredError)] [Input(2, 9, 9)] [Conv2d(5, 3, Stride = 2, Padding = 1)] [Dense(3)]",
            5_250, 11_250, 19_500
        },
        {
            // Pooling costs nothing: conv0 3 × (2·3·3) at 8×8 = 3,456 (I); max and average pooling 0; dense0 5×12 = 60 (S).
            "pooling",
            "[Network(LossFunction.SoftmaxCrossEntropy)] [Input(2, 8, 8)] [Conv2d(3, 3, Activation.Relu, Padding = 1)] [MaxPool2d(2)] [AvgPool2d(2)] [Dense(5)]",
            7_032, 14_184, 21_696
        },
        {
            // Pooling first: the dense map reads pooled input, which does not depend on θ: dense0 3×16 = 48 (I), S = 0.
            "pooling before the first weights",
            "[Network(LossFunction.MeanSquaredError)] [Input(1, 8, 8)] [AvgPool2d(2)] [Dense(3)]",
            96, 192, 288
        },
        {
            // A global average pooling before the head: conv0 2 × 9 at 6×6 = 648 (I); dense0 3×2 = 6 (S).
            "global average pooling",
            "[Network(LossFunction.SoftmaxCrossEntropy)] [Input(1, 8, 8)] [Conv2d(2, 3, Activation.Tanh)] [GlobalAvgPool2d] [Dense(3)]",
            1_308, 2_628, 3_984
        },
        {
            // An identity block (adds cost nothing) and a projection block: dense0 8×6 = 48 (I); dense1 8×8 = 64, dense2 64,
            // dense3 4×8 = 32, the projection residual1 4×8 = 32, dense4 2×4 = 8 (S = 200).
            "dense residual blocks",
            "[Network(LossFunction.MeanSquaredError)] [Input(6)] [Dense(8, Activation.Tanh)] [ResidualBegin] [Dense(8, Activation.Tanh)] [Dense(8)] [ResidualEnd(Activation.Tanh)] [ResidualBegin] [Dense(4, Activation.Tanh)] [ResidualEnd(Projection = true)] [Dense(2)]",
            496, 1_392, 3_488
        },
        {
            // A block at the input: its projection reads x itself, so both dense0 3×4 = 12 and residual0 3×4 = 12 are in I;
            // dense1 1×3 = 3 (S).
            "residual block at the input",
            "[Network(LossFunction.MeanSquaredError)] [Input(4)] [ResidualBegin] [Dense(3)] [ResidualEnd(Projection = true)] [Dense(1)]",
            54, 114, 192
        },
        {
            // A convolutional projection block: conv0 4 × 9 at 8×8 = 2,304 (I); conv1 4 × 36 at 4×4 (stride 2) = 2,304;
            // residual0 4 × 4 at 4×4 (1×1, stride 2) = 256; dense0 2×64 = 128 (S = 2,688).
            "convolutional projection block",
            "[Network(LossFunction.SoftmaxCrossEntropy)] [Input(1, 8, 8)] [Conv2d(4, 3, Activation.Relu, Padding = 1)] [ResidualBegin] [Conv2d(4, 3, Stride = 2, Padding = 1)] [ResidualEnd(Activation.Relu, Projection = true)] [Dense(2)]",
            9_984, 25_344, 56_832
        },
    };

    [Theory]
    [MemberData(nameof(HandCounts))]
    public void FlopsPerExample_EqualHandCounts(string name, string attributes, long loss, long gradient, long hvp)
    {
        GeneratorOutput output = GeneratorHarness.Run($"using Landscape;\n\nnamespace Samples;\n\n{attributes}\npublic partial class Net;\n");
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.CompilationErrors);
        string catalog = Assert.IsType<string>(output.NetworkCatalog);
        Assert.True(Number(catalog, "lossFlopsPerExample") == loss, $"{name}: loss {Number(catalog, "lossFlopsPerExample")}, expected {loss}\n{catalog}");
        Assert.True(Number(catalog, "gradientFlopsPerExample") == gradient, $"{name}: gradient {Number(catalog, "gradientFlopsPerExample")}, expected {gradient}\n{catalog}");
        Assert.True(Number(catalog, "hvpFlopsPerExample") == hvp, $"{name}: HVP {Number(catalog, "hvpFlopsPerExample")}, expected {hvp}\n{catalog}");
    }

    [Fact]
    public void Catalog_MatchesSnapshot_AndCompiles()
    {
        GeneratorOutput output = GeneratorHarness.Run(NetworkSnapshotTests.FcTanh, NetworkSnapshotTests.ResNet8, NetworkSnapshotTests.Classifier);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.CompilationErrors);
        Snapshot.Match(Assert.IsType<string>(output.NetworkCatalog), "NetworkCatalogTests.Catalog");
    }

    [Fact]
    public void Networks_AreListedByName_WithTheirShapesAndArchitectureConstant()
    {
        GeneratorOutput output = GeneratorHarness.Run(NetworkSnapshotTests.ResNet8, NetworkSnapshotTests.FcTanh);
        string catalog = output.NetworkCatalog!;
        Assert.True(catalog.IndexOf("FcTanhDescriptor(),", StringComparison.Ordinal) < catalog.IndexOf("ResNet8Descriptor(),", StringComparison.Ordinal));
        Assert.Contains("architecture: global::Samples.ResNet8.Architecture,", catalog, StringComparison.Ordinal);
        Assert.Contains("inputShape: [1, 28, 28],", catalog, StringComparison.Ordinal);
        Assert.Contains("inputShape: [784],", catalog, StringComparison.Ordinal);
        Assert.Contains("loss: global::Landscape.LossFunction.SoftmaxCrossEntropy,", catalog, StringComparison.Ordinal);
        Assert.Contains("create: static () => new global::Samples.FcTanh());", catalog, StringComparison.Ordinal);
        Assert.Contains("parameterCount: 199210,", catalog, StringComparison.Ordinal);
    }

    [Fact]
    public void NetworksTheCatalogCannotCreate_AreLeftOut_AndTheHeaderSaysWhy()
    {
        const string source = """
            using Landscape;

            namespace Samples;

            [Network(LossFunction.MeanSquaredError)] [Input(2)] [Dense(1)]
            public partial class Visible;

            public partial class Outer
            {
                [Network(LossFunction.MeanSquaredError)] [Input(2)] [Dense(1)]
                private partial class Hidden;
            }

            [Network(LossFunction.MeanSquaredError)] [Input(2)] [Dense(1)]
            public abstract partial class Abstract;
            """;
        GeneratorOutput output = GeneratorHarness.Run(source);
        Assert.Empty(output.CompilationErrors);
        string catalog = output.NetworkCatalog!;
        Assert.Single(Regex.Matches(catalog, @"Descriptor\(\),"));
        Assert.Contains("new global::Samples.Visible()", catalog, StringComparison.Ordinal);
        Assert.Contains("Not listed: global::Samples.Outer.Hidden is not visible to the catalog", catalog, StringComparison.Ordinal);
        Assert.Contains("Not listed: global::Samples.Abstract is abstract", catalog, StringComparison.Ordinal);
    }

    [Fact]
    public void NetworksSharingAClassName_AreNamedByTheirQualifiedNames()
    {
        GeneratorOutput output = GeneratorHarness.Run(
            "using Landscape;\nnamespace A;\n[Network(LossFunction.MeanSquaredError)] [Input(2)] [Dense(1)]\npublic partial class Net;\n",
            "using Landscape;\nnamespace B;\n[Network(LossFunction.MeanSquaredError)] [Input(3)] [Dense(1)]\npublic partial class Net;\n");
        Assert.Empty(output.CompilationErrors);
        string catalog = output.NetworkCatalog!;
        Assert.Contains("name: \"A.Net\",", catalog, StringComparison.Ordinal);
        Assert.Contains("name: \"B.Net\",", catalog, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAssemblyWithoutNetworks_GetsNoCatalog()
    {
        GeneratorOutput output = GeneratorHarness.Run("namespace Samples;\npublic class Plain;\n");
        Assert.Null(output.NetworkCatalog);
    }

    /// <summary>The long literal of the named argument <paramref name="name"/> (the catalog of one network).</summary>
    private static long Number(string catalog, string name)
    {
        Match match = Regex.Match(catalog, name + @": (\d+)L,");
        Assert.True(match.Success, $"No '{name}' in the catalog:\n{catalog}");
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
