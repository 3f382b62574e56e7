using System;
using System.Linq;
using Landscape.Kernels;

namespace Landscape.Tests.Kernels;

/// <summary>
/// <c>Gemm.NNPair</c> (two products with one B, packed once on the packed path) against the naive FMA oracle of each
/// product: bit for bit, on every width and forced path, across the cache-blocking boundaries of k and n.
/// </summary>
public sealed class GemmPairTests
{
    private const int Seed = 20261207;

    public static TheoryData<string, string> WidthsAndPaths()
    {
        var data = new TheoryData<string, string>();
        foreach (string width in new[] { "Vector256", "Scalar", "Auto" })
        {
            foreach (string path in new[] { "Auto", "Packed", "Direct" })
                data.Add(width, path);
        }
        return data;
    }

    /// <summary>
    /// Shapes: the generated convolutions' (6×784×25 and 16×100×150), k past one k-block (300 &gt; KC), n past one column
    /// block (1,100 &gt; NC), thin and empty ones; all four accumulate combinations.
    /// </summary>
    [Theory]
    [MemberData(nameof(WidthsAndPaths))]
    public void EachProductIsItsFmaOracle_BitForBit(string width, string path)
    {
        SimdWidth simd = Enum.Parse<SimdWidth>(width);
        Gemm.GemmPath forced = Enum.Parse<Gemm.GemmPath>(path);
        var rng = new Random(Seed);
        (int M, int N, int K)[] shapes = [(6, 784, 25), (16, 100, 150), (7, 33, 300), (13, 1100, 20), (1, 9, 40), (9, 3, 50), (0, 5, 3), (4, 0, 2), (4, 5, 0)];
        foreach ((int m, int n, int k) in shapes)
        {
            foreach ((bool first, bool second) in new[] { (false, false), (false, true), (true, false), (true, true) })
            {
                GemmCase one = GemmCase.Create(Gemm.Operation.NN, m, n, k, first, rng);
                // The second product: another A (same shape and leading dimension), the same B, another C.
                GemmCase two = new()
                {
                    Operation = Gemm.Operation.NN,
                    M = m,
                    N = n,
                    K = k,
                    Lda = one.Lda,
                    Ldb = one.Ldb,
                    Ldc = one.Ldc,
                    Accumulate = second,
                    A = one.A.Select(a => double.IsNaN(a) ? a : 0.75 - 1.5 * a).ToArray(),
                    B = one.B,
                    C0 = one.C0.Select(c => double.IsNaN(c) ? c : 0.5 * c + 0.25).ToArray(),
                };
                double[] c1 = one.C0.ToArray(), c2 = two.C0.ToArray();
                Gemm.NNPair(m, n, k, one.A, two.A, one.Lda, one.B, one.Ldb, c1, first, c2, second, one.Ldc, simd, forced);
                GemmTests.AssertBitIdentical(one.FmaOracle(), c1, one.Describe($"pair 1 {width} {path}"));
                GemmTests.AssertBitIdentical(two.FmaOracle(), c2, two.Describe($"pair 2 {width} {path}"));
            }
        }
    }

    /// <summary>Too short an operand, an overlap of the second C with the second A, and a short leading dimension are refused.</summary>
    [Fact]
    public void BadOperandsAreRefused()
    {
        var a = new double[12];
        var b = new double[12];
        Assert.Throws<ArgumentException>(() => Gemm.NNPair(3, 4, 3, a, new double[2], 3, b, 4, new double[12], false, new double[12], false, 4));
        Assert.Throws<ArgumentException>(() => Gemm.NNPair(3, 4, 3, a, a, 3, b, 4, new double[12], false, new double[5], false, 4));
        // The second C overlapping the second A.
        var shared = new double[24];
        Assert.Throws<ArgumentException>(() => Gemm.NNPair(3, 4, 3, a, shared.AsSpan(0, 9), 3, b, 4, new double[12], false, shared.AsSpan(6, 12), false, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.NNPair(3, 4, 3, a, a, 2, b, 4, new double[12], false, new double[12], false, 4));
    }
}
