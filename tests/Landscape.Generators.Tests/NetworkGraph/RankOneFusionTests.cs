using System;
using Landscape.Generators.Tests.Infrastructure;

namespace Landscape.Generators.Tests.NetworkGraph;

/// <summary>
/// A one-unit dense layer after an activated layer (a regression head) fuses its rank-1 backward products with the σ′ step
/// in every pass that has a backward walk, and packs no backward operands; a one-unit layer whose input has no σ′, or a
/// wider head, keeps the GEMMs. (Runtime tests check the kernels' bits against the unfused path.)
/// </summary>
public sealed class RankOneFusionTests
{
    [Fact]
    public void RegressionHead_FusesItsBackwardWithTheSigmaStep_InEveryPass()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            using Landscape;
            namespace Samples;
            [Network(LossFunction.MeanSquaredError)]
            [Input(20)]
            [Dense(100, Activation.Tanh)]
            [Dense(1)]
            public partial class Head;
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        string source = output.SingleSource;
        foreach (string kernel in new[] { "BackpropagateRankOne(", "BackpropagateRankOneR(", "BackpropagateRankOneKeeping(", "RBackpropagateRankOne(" })
            Assert.Contains("global::Landscape.Kernels.Epilogue." + kernel + "g1, ", source, StringComparison.Ordinal);
        Assert.DoesNotContain("Gemm.NN(r, 100, 1,", source, StringComparison.Ordinal);
        Assert.DoesNotContain("PackedOperand.ForProducts(BlockSize, 1, 100, transposed: false)", source, StringComparison.Ordinal);
        GeneratedCodeAssert.Compiles(output);
    }

    [Theory]
    [InlineData("[Dense(100)]\n[Dense(1)]")]                      // the input of the head has no σ′
    [InlineData("[Dense(100, Activation.Tanh)]\n[Dense(2)]")]     // not one unit
    public void OtherHeads_KeepTheGemms(string layers)
    {
        GeneratorOutput output = GeneratorHarness.Run($$"""
            using Landscape;
            namespace Samples;
            [Network(LossFunction.MeanSquaredError)]
            [Input(20)]
            {{layers}}
            public partial class Head;
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.DoesNotContain("RankOne", output.SingleSource, StringComparison.Ordinal);
        Assert.Contains("Gemm.NN(r, 100, ", output.SingleSource, StringComparison.Ordinal);
    }
}
