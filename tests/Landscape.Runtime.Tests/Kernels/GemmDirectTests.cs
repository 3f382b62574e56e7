using System;
using System.Collections.Generic;
using Landscape.Kernels;

namespace Landscape.Tests.Kernels;

/// <summary>
/// The unpacked 256-bit GEMM path (small, shallow and thin products) and the packed path, each forced on its own
/// and both reached through the automatic choice at the boundaries of that choice: every result bit-identical to
/// the naive FMA loop (<see cref="GemmCase.FmaOracle"/>), with NaN-sentinel padding that must never be read or written.
/// </summary>
public sealed class GemmDirectTests
{
    private const int Seed = 20261127;

    public static TheoryData<string, string> LayoutsAndPaths()
    {
        var data = new TheoryData<string, string>();
        foreach (string layout in new[] { "NN", "NT", "TN" })
        {
            foreach (string path in new[] { "Direct", "Packed", "Auto" })
                data.Add(layout, path);
        }
        return data;
    }

    /// <summary>
    /// Every m in 0..9 and n in 0..17 (all 4-row / 8-, 4- and scalar-column tile remainders) at several depths,
    /// each dimension swept over 0..64, and the thin and deep shapes of the networks (1-wide layers, k = 1024
    /// weight products): bit-identical to the FMA oracle on the path under test, in both accumulate modes.
    /// </summary>
    [Theory]
    [MemberData(nameof(LayoutsAndPaths))]
    public void ForcedPathMatchesFmaOracleBitForBit(string layout, string path)
    {
        Gemm.Operation operation = Enum.Parse<Gemm.Operation>(layout);
        Gemm.GemmPath gemmPath = Enum.Parse<Gemm.GemmPath>(path);
        var rng = new Random(Seed);
        foreach ((int m, int n, int k) in Shapes(rng))
        {
            bool accumulate = (m + n + k) % 2 == 0;
            Check(operation, m, n, k, accumulate, gemmPath, rng);
            if (m * n * k <= 4096)
                Check(operation, m, n, k, !accumulate, gemmPath, rng);
        }
    }

    /// <summary>
    /// Shapes on both sides of every threshold of the automatic choice (k = 32 / 33, m = 5 / 6, n = 7 / 8, m·n·k at
    /// 2¹⁵, and the 2¹⁵ values an NT product may transpose): whichever path is taken, the oracle's bits.
    /// </summary>
    [Theory]
    [InlineData("NN")]
    [InlineData("NT")]
    [InlineData("TN")]
    public void AutomaticChoiceBoundariesMatchFmaOracle(string layout)
    {
        Gemm.Operation operation = Enum.Parse<Gemm.Operation>(layout);
        var rng = new Random(Seed + 1);
        (int, int, int)[] shapes =
        {
            (40, 40, 32), (40, 40, 33),       // depth threshold
            (5, 40, 300), (6, 40, 300),       // row threshold
            (40, 7, 300), (40, 8, 300),       // column threshold
            (32, 32, 32), (32, 32, 33), (16, 64, 32), (16, 64, 33), // volume 2^15 and just above
            (6, 8, 4096), (6, 8, 4097),       // NT transposes n·k = 2^15 values, and just above
            (7, 3, 5000),                     // NT with fewer than 4 columns reads B in place
        };
        foreach ((int m, int n, int k) in shapes)
        {
            foreach (bool accumulate in new[] { false, true })
                Check(operation, m, n, k, accumulate, Gemm.GemmPath.Auto, rng);
        }
    }

    /// <summary>The public serial entry points on the network shapes that take the unpacked path give the oracle's bits.</summary>
    [Fact]
    public void NetworkShapesThroughPublicEntryPointsMatchFmaOracle()
    {
        var rng = new Random(Seed + 2);
        // P1 (20-100-1) block shapes: forward NT(64,100,20) and NT(64,1,100), backward NN(64,100,1), weight TN(1,100,1024).
        var cases = new (Gemm.Operation Op, int M, int N, int K)[]
        {
            (Gemm.Operation.NT, 64, 100, 20), (Gemm.Operation.NT, 64, 1, 100), (Gemm.Operation.NN, 64, 100, 1),
            (Gemm.Operation.TN, 1, 100, 1024), (Gemm.Operation.NN, 64, 200, 10), (Gemm.Operation.NT, 40, 1, 100),
        };
        foreach ((Gemm.Operation op, int m, int n, int k) in cases)
        {
            foreach (bool accumulate in new[] { false, true })
            {
                var test = GemmCase.Create(op, m, n, k, accumulate, rng);
                double[] c = test.C0.AsSpan().ToArray();
                switch (op)
                {
                    case Gemm.Operation.NN:
                        Gemm.NN(m, n, k, test.A, test.Lda, test.B, test.Ldb, c, test.Ldc, accumulate);
                        break;
                    case Gemm.Operation.NT:
                        Gemm.NT(m, n, k, test.A, test.Lda, test.B, test.Ldb, c, test.Ldc, accumulate);
                        break;
                    default:
                        Gemm.TN(m, n, k, test.A, test.Lda, test.B, test.Ldb, c, test.Ldc, accumulate);
                        break;
                }
                GemmTests.AssertBitIdentical(test.FmaOracle(), c, test.Describe("public"));
            }
        }
    }

    /// <summary>Infinities, NaN and signed zeros propagate through the unpacked path exactly as through the oracle.</summary>
    [Theory]
    [InlineData("NN")]
    [InlineData("NT")]
    [InlineData("TN")]
    public void SpecialValuesPropagateOnTheDirectPath(string layout)
    {
        Gemm.Operation operation = Enum.Parse<Gemm.Operation>(layout);
        var rng = new Random(Seed + 3);
        double[] specials = { double.PositiveInfinity, double.NegativeInfinity, double.NaN, 0.0, -0.0, double.Epsilon, double.MaxValue };
        foreach ((int m, int n, int k) in new[] { (9, 13, 7), (4, 3, 40), (1, 12, 5), (17, 8, 2) })
        {
            foreach (bool accumulate in new[] { false, true })
            {
                var test = GemmCase.Create(operation, m, n, k, accumulate, rng);
                test.InjectSpecials(rng, specials, 6);
                double[] c = test.C0.AsSpan().ToArray();
                Gemm.Compute(operation, m, n, k, test.A, test.Lda, test.B, test.Ldb, c, test.Ldc, accumulate,
                    SimdWidth.Vector256, threads: 1, emulate: true, path: Gemm.GemmPath.Direct);
                GemmTests.AssertBitIdentical(test.FmaOracle(), c, test.Describe("Vector256 Direct specials"));
            }
        }
    }

    private static void Check(Gemm.Operation operation, int m, int n, int k, bool accumulate, Gemm.GemmPath path, Random rng)
    {
        var test = GemmCase.Create(operation, m, n, k, accumulate, rng);
        double[] c = test.C0.AsSpan().ToArray();
        Gemm.Compute(operation, m, n, k, test.A, test.Lda, test.B, test.Ldb, c, test.Ldc, accumulate,
            SimdWidth.Vector256, threads: 1, emulate: true, path: path);
        GemmTests.AssertBitIdentical(test.FmaOracle(), c, test.Describe("Vector256 " + path));
    }

    private static IEnumerable<(int M, int N, int K)> Shapes(Random rng)
    {
        foreach (int k in new[] { 0, 1, 2, 5, 20, 33 })
        {
            for (int m = 0; m <= 9; m++)
            {
                for (int n = 0; n <= 17; n++)
                    yield return (m, n, k);
            }
        }
        for (int s = 0; s <= 64; s++)
        {
            yield return (s, rng.Next(1, 65), rng.Next(1, 65));
            yield return (rng.Next(1, 65), s, rng.Next(1, 65));
            yield return (rng.Next(1, 65), rng.Next(1, 65), s);
        }
        yield return (64, 1, 100);
        yield return (64, 100, 1);
        yield return (1, 100, 1024);
        yield return (3, 21, 700);
        yield return (70, 2, 300);
        yield return (11, 37, 129);
        // m mod 4 = 2 (a six-row strip, then four-row ones) with 8-column blocks, a 4-column block and scalar columns:
        // LeNet-5's conv0 forward NN(6, 784, 25), and 10 and 14 rows.
        yield return (6, 784, 25);
        yield return (10, 15, 9);
        yield return (14, 13, 40);
    }
}
