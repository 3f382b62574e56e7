using System;
using Landscape.Kernels;

namespace Landscape.Tests.Kernels;

/// <summary>
/// <see cref="PackedOperand"/>: a pre-packed B gives the FMA oracle's bits on every shape the packed path meets
/// (several k-blocks, a short last k-block, column and row edge tiles, accumulate), is ignored — with the same
/// result — when it does not describe the product, and rejects a B that does not hold its matrix.
/// </summary>
public sealed class PackedOperandTests
{
    private const int Seed = 20261128;

    /// <summary>
    /// Shapes around the 256-bit kernel's blocking: k below, at and across KC = 256 (784 = 3·256 + 16 as in the MNIST
    /// layer), n on and off the 8-column tile, m on and off the 6-row tile, and the network's 64-row blocks.
    /// </summary>
    [Theory]
    [InlineData("NN")]
    [InlineData("NT")]
    public void PrepackedBMatchesFmaOracleBitForBit(string layout)
    {
        Gemm.Operation operation = Enum.Parse<Gemm.Operation>(layout);
        var rng = new Random(Seed);
        (int, int, int)[] shapes =
        {
            (64, 200, 784), (64, 10, 200), (8, 200, 784), (61, 37, 257), (6, 8, 256), (7, 9, 255),
            (64, 784, 200), (13, 100, 513), (1, 16, 40), (100, 3, 70),
        };
        foreach ((int m, int n, int k) in shapes)
        {
            foreach (bool accumulate in new[] { false, true })
            {
                var test = GemmCase.Create(operation, m, n, k, accumulate, rng);
                var packed = new PackedOperand(k, n, transposed: operation == Gemm.Operation.NT);
                packed.Pack(test.B, test.Ldb);
                double[] c = test.C0.AsSpan().ToArray();
                // Forced onto the packed path, so the pre-packed B is what the kernel reads.
                Gemm.Compute(operation, m, n, k, test.A, test.Lda, test.B, test.Ldb, c, test.Ldc, accumulate,
                    SimdWidth.Auto, threads: 1, path: Gemm.GemmPath.Packed, packedB: packed);
                GemmTests.AssertBitIdentical(test.FmaOracle(), c, test.Describe("pre-packed B"));

                // The public entry point with the automatic path choice gives the same bits.
                double[] viaPublic = ThroughPublicEntryPoint(test, packed);
                GemmTests.AssertBitIdentical(c, viaPublic, test.Describe("public entry point with pre-packed B"));
            }
        }
    }

    /// <summary>
    /// An operand packed from another matrix (a copy of B with different values, at another address), with the other
    /// layout, or with another shape is not used: each product still equals the oracle of the B it was given.
    /// </summary>
    [Fact]
    public void MismatchedOperandIsIgnored()
    {
        var rng = new Random(Seed + 1);
        const int m = 30, n = 40, k = 300;
        var test = GemmCase.Create(Gemm.Operation.NT, m, n, k, accumulate: false, rng);
        double[] expected = test.FmaOracle();

        double[] other = test.B.AsSpan().ToArray();
        for (int i = 0; i < other.Length; i++) other[i] += 1.0;
        var fromOther = new PackedOperand(k, n, transposed: true);
        fromOther.Pack(other, test.Ldb);
        var wrongLayout = new PackedOperand(k, n, transposed: false);
        wrongLayout.Pack(test.B, n);
        var wrongShape = new PackedOperand(k - 1, n, transposed: true);
        wrongShape.Pack(test.B, test.Ldb);
        var neverPacked = new PackedOperand(k, n, transposed: true);

        foreach (PackedOperand operand in new[] { fromOther, wrongLayout, wrongShape, neverPacked })
        {
            double[] c = test.C0.AsSpan().ToArray();
            Gemm.Compute(Gemm.Operation.NT, m, n, k, test.A, test.Lda, test.B, test.Ldb, c, test.Ldc, false,
                SimdWidth.Auto, threads: 1, path: Gemm.GemmPath.Packed, packedB: operand);
            GemmTests.AssertBitIdentical(expected, c, test.Describe(operand + " (mismatched, must be ignored)"));
        }
    }

    /// <summary>
    /// The product really reads the packed copy: after B changes in place without a re-pack (the one misuse the
    /// operand cannot detect), the result is still that of the B that was packed. This is what proves the pre-packed
    /// path is taken; every other test here would also pass if the operand were always ignored.
    /// </summary>
    [Theory]
    [InlineData("NN")]
    [InlineData("NT")]
    public void ProductReadsThePackedCopy(string layout)
    {
        Gemm.Operation operation = Enum.Parse<Gemm.Operation>(layout);
        var rng = new Random(Seed + 3);
        const int m = 64, n = 200, k = 784;
        var test = GemmCase.Create(operation, m, n, k, accumulate: false, rng);
        double[] packedValuesResult = test.FmaOracle();
        var packed = new PackedOperand(k, n, transposed: operation == Gemm.Operation.NT);
        packed.Pack(test.B, test.Ldb);
        Array.Fill(test.B, double.NaN);
        double[] c = ThroughPublicEntryPoint(test, packed);
        GemmTests.AssertBitIdentical(packedValuesResult, c, test.Describe("packed copy (B overwritten after packing)"));
    }

    /// <summary>C from <see cref="Gemm.NN"/> or <see cref="Gemm.NT"/> (the case's layout) with <paramref name="packed"/> as packedB.</summary>
    private static double[] ThroughPublicEntryPoint(GemmCase test, PackedOperand packed)
    {
        double[] c = test.C0.AsSpan().ToArray();
        if (test.Operation == Gemm.Operation.NN)
            Gemm.NN(test.M, test.N, test.K, test.A, test.Lda, test.B, test.Ldb, c, test.Ldc, test.Accumulate, packed);
        else
            Gemm.NT(test.M, test.N, test.K, test.A, test.Lda, test.B, test.Ldb, c, test.Ldc, test.Accumulate, packed);
        return c;
    }

    /// <summary>Re-packing after B changes in place makes the next product use the new values.</summary>
    [Fact]
    public void RepackingPicksUpNewValues()
    {
        var rng = new Random(Seed + 2);
        const int m = 64, n = 24, k = 100;
        var test = GemmCase.Create(Gemm.Operation.NN, m, n, k, accumulate: false, rng);
        var packed = new PackedOperand(k, n, transposed: false);
        packed.Pack(test.B, test.Ldb);
        for (int i = 0; i < test.B.Length; i++) test.B[i] = -test.B[i] * 0.5;
        packed.Pack(test.B, test.Ldb);
        double[] c = test.C0.AsSpan().ToArray();
        Gemm.NN(m, n, k, test.A, test.Lda, test.B, test.Ldb, c, test.Ldc, false, packed);
        GemmTests.AssertBitIdentical(test.FmaOracle(), c, test.Describe("re-packed B"));
    }

    /// <summary>Bad shapes and a B too short for its matrix are rejected with the argument named.</summary>
    [Fact]
    public void InvalidArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>("k", () => new PackedOperand(0, 4, false));
        Assert.Throws<ArgumentOutOfRangeException>("n", () => new PackedOperand(4, 0, true));
        var packed = new PackedOperand(10, 8, transposed: true);   // stored B is 8×10
        Assert.Throws<ArgumentOutOfRangeException>("ldb", () => packed.Pack(new double[80], 9));
        var error = Assert.Throws<ArgumentException>("b", () => packed.Pack(new double[79], 10));
        Assert.Contains("needs at least 80", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// <see cref="PackedOperand.ForProducts"/> declines exactly where 64-row products take the unpacked path on the
    /// 256-bit width (shallow k, thin n), and packs the MNIST layer's operands.
    /// </summary>
    [Fact]
    public void ForProductsDeclinesShapesThatSkipPacking()
    {
        Assert.NotNull(PackedOperand.ForProducts(64, 784, 200, transposed: true));
        Assert.NotNull(PackedOperand.ForProducts(64, 200, 784, transposed: false));
        if (Gemm.ResolveWidth(SimdWidth.Auto) == SimdWidth.Vector256)
        {
            Assert.Null(PackedOperand.ForProducts(64, 20, 100, transposed: true));   // k = 20 ≤ 32
            Assert.Null(PackedOperand.ForProducts(64, 100, 1, transposed: true));    // n = 1 < 8
        }
    }
}
