using Landscape.Generators.Network;
using Landscape.Generators.Network.Model;
using static Landscape.Generators.Tests.NetworkGraph.GraphBuilders;

namespace Landscape.Generators.Tests.NetworkGraph;

/// <summary>
/// The chunk-size policy (DESIGN §2b): the largest power of two ≤ 512 whose chunk buffers fit 256 MiB, at least 1; blocks of
/// min(64, max(1, chunk / 8)). A pure function of the spec.
/// </summary>
public sealed class ChunkPolicyTests
{
    private static LoweredNetwork Lower(int inputSize, params (int Units, ActivationKind Activation, bool Bias)[] layers) =>
        new(Spec(LossKind.MeanSquaredError, inputSize, layers));

    [Fact]
    public void Constants_AreTheDocumentedOnes()
    {
        Assert.Equal(512, Summation.MaxChunkSize);
        Assert.Equal(64, Summation.MaxBlockSize);
        Assert.Equal(256L * 1024 * 1024, Summation.ChunkBudgetBytes);
    }

    [Theory]
    [InlineData(784, 200, 512)]      // the FcTanh shape: the defaults
    [InlineData(3072, 4096, 512)]    // a wide dense layer: 6·4,096 + 4·10 + 1 doubles per example still fit at 512
    [InlineData(2_000_000, 100, 512)] // the input is not copied into the workspace: a huge input alone keeps the defaults
    [InlineData(3, 12_000, 256)]     // 72,041 doubles per example: 512 · 72,041 · 8 > 256 MiB ≥ 256 · 72,041 · 8
    [InlineData(3, 90_000, 32)]      // the WideChunked test network: 540,041 doubles per example
    [InlineData(3, 2_000_000, 2)]
    public void ChunkSize_IsTheLargestPowerOfTwoWithinTheBudget(int input, int hidden, int expected)
    {
        LoweredNetwork network = Lower(input, (hidden, ActivationKind.Tanh, true), (10, ActivationKind.Identity, true));
        Assert.Equal(expected, network.ChunkSize);
        Assert.Equal(System.Math.Min(64, System.Math.Max(1, expected / 8)), network.BlockSize);
        Assert.Equal(8L * expected * (6L * hidden + 4 * 10 + 1), Summation.ChunkBytes(network.Plan, expected));
        Assert.True(Summation.ChunkBytes(network.Plan, expected) <= Summation.ChunkBudgetBytes);
        if (expected < Summation.MaxChunkSize)
            Assert.True(Summation.ChunkBytes(network.Plan, 2 * expected) > Summation.ChunkBudgetBytes);
        Assert.False(Summation.ExceedsBudget(network.Plan));
    }

    [Fact]
    public void ChunkSize_IsAtLeastOne_AndTooLargeAtOneIsReported()
    {
        LoweredNetwork network = Lower(1, (6_000_000, ActivationKind.Tanh, false), (1, ActivationKind.Identity, false));
        Assert.Equal((1, 1), (network.ChunkSize, network.BlockSize));
        Assert.True(Summation.ExceedsBudget(network.Plan));
        Assert.Equal(
            "one example needs 288,000,040 bytes of workspace buffers, more than the chunk budget of 268,435,456 bytes even at chunk size 1",
            NetworkGenerator.TooLargeForOneChunk(Spec(LossKind.MeanSquaredError, 1, (6_000_000, ActivationKind.Tanh, false), (1, ActivationKind.Identity, false))));
        Assert.Null(NetworkGenerator.TooLargeForOneChunk(Spec(LossKind.MeanSquaredError, 784, (200, ActivationKind.Tanh, true), (10, ActivationKind.Identity, true))));
    }

    [Fact]
    public void ChunkSize_DependsOnlyOnTheSpec()
    {
        // Two independently built equal specs (and repeated lowering) give the same sizes and bytes; nothing else is read.
        for (int i = 0; i < 3; i++)
        {
            LoweredNetwork a = Lower(5, (30_000, ActivationKind.Gelu, true), (20_000, ActivationKind.Tanh, false), (3, ActivationKind.Identity, true));
            LoweredNetwork b = Lower(5, (30_000, ActivationKind.Gelu, true), (20_000, ActivationKind.Tanh, false), (3, ActivationKind.Identity, true));
            Assert.Equal(a.Spec, b.Spec);
            Assert.Equal((a.ChunkSize, a.BlockSize, a.WorkspaceBytes), (b.ChunkSize, b.BlockSize, b.WorkspaceBytes));
            Assert.Equal(64, a.ChunkSize); // 300,013 or more doubles per example: 128 · 300,013 · 8 > 256 MiB
        }
    }
}
