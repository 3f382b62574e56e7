using System;
using System.Collections.Generic;
using System.Globalization;
using Landscape.Kernels;

namespace Landscape.Tests.Kernels;

/// <summary>
/// The GEMM family against a naive fused-multiply-add triple loop. Because every code path computes each element as
/// the same FMA chain in p order, the comparison is exact (bit for bit), on every forced SIMD width.
/// </summary>
public sealed class GemmTests
{
    /// <summary>Seed of every random matrix in these tests.</summary>
    private const int Seed = 20240611;

    /// <summary>Unit roundoff of binary64, u = 2⁻⁵³.</summary>
    private const double UnitRoundoff = 1.0 / (1L << 53);

    /// <summary>NaN with a recognisable payload, written into every padding slot of A and B: it must never reach C.</summary>
    internal static readonly double InputSentinel = BitConverter.Int64BitsToDouble(0x7FF8_0000_DEAD_0001);

    /// <summary>NaN with a different payload in C's padding: its bits must survive every call unchanged.</summary>
    internal static readonly double OutputSentinel = BitConverter.Int64BitsToDouble(0x7FF8_0000_BEEF_0002);

    public static TheoryData<string, string> LayoutsAndWidths()
    {
        var data = new TheoryData<string, string>();
        foreach (string layout in new[] { "NN", "NT", "TN" })
        {
            foreach (string width in new[] { "Vector512", "Vector256", "Scalar" })
                data.Add(layout, width);
        }
        return data;
    }

    /// <summary>
    /// Every size 0..64 for each dimension (cubes, and each dimension swept while the other two are random in
    /// 1..64), plus large odd shapes that cross every cache-blocking boundary (KC ∈ {192, 256}, MC ∈ {96, 128},
    /// NC = 1024), with random leading-dimension padding and both accumulate modes: bit-identical to the FMA oracle.
    /// </summary>
    [Theory]
    [MemberData(nameof(LayoutsAndWidths))]
    public void MatchesFmaOracleBitForBit(string layout, string width)
    {
        Gemm.Operation operation = Enum.Parse<Gemm.Operation>(layout);
        SimdWidth simd = Enum.Parse<SimdWidth>(width);
        var rng = new Random(Seed);
        foreach ((int m, int n, int k) in Shapes(rng))
        {
            foreach (bool accumulate in new[] { false, true })
            {
                // Each shape runs one accumulate mode, chosen by the parity of m + n + k, so both modes occur all
                // through the sweep and among the large shapes at half the run time.
                if ((m + n + k) % 2 == (accumulate ? 0 : 1))
                    continue;
                var test = GemmCase.Create(operation, m, n, k, accumulate, rng);
                double[] c = test.C0.AsSpan().ToArray();
                Gemm.Compute(operation, m, n, k, test.A, test.Lda, test.B, test.Ldb, c, test.Ldc, accumulate, simd, threads: 1, emulate: true);
                AssertBitIdentical(test.FmaOracle(), c, test.Describe(width));
            }
        }
    }

    /// <summary>The public entry points (Auto width) give the oracle's bits too.</summary>
    [Theory]
    [InlineData("NN")]
    [InlineData("NT")]
    [InlineData("TN")]
    public void PublicEntryPointsMatchFmaOracle(string layout)
    {
        Gemm.Operation operation = Enum.Parse<Gemm.Operation>(layout);
        var rng = new Random(Seed + 1);
        foreach ((int m, int n, int k) in new[] { (1, 1, 1), (7, 9, 13), (64, 200, 784), (200, 33, 300), (6, 8, 256), (12, 16, 512) })
        {
            foreach (bool accumulate in new[] { false, true })
            {
                var test = GemmCase.Create(operation, m, n, k, accumulate, rng);
                double[] c = test.C0.AsSpan().ToArray();
                Action<int, int, int, ReadOnlySpan<double>, int, ReadOnlySpan<double>, int, Span<double>, int, bool> call = operation switch
                {
                    Gemm.Operation.NN => (m, n, k, a, lda, b, ldb, c, ldc, accumulate) => Gemm.NN(m, n, k, a, lda, b, ldb, c, ldc, accumulate),
                    Gemm.Operation.NT => (m, n, k, a, lda, b, ldb, c, ldc, accumulate) => Gemm.NT(m, n, k, a, lda, b, ldb, c, ldc, accumulate),
                    _ => Gemm.TN,
                };
                call(m, n, k, test.A, test.Lda, test.B, test.Ldb, c, test.Ldc, accumulate);
                AssertBitIdentical(test.FmaOracle(), c, test.Describe("Auto"));
            }
        }
    }

    /// <summary>
    /// Infinities and NaNs inside the matrices propagate exactly as in the oracle: every non-NaN element is
    /// bit-identical and the NaN elements are the same set (NaN payloads are not specified).
    /// </summary>
    [Theory]
    [MemberData(nameof(LayoutsAndWidths))]
    public void SpecialValuesPropagateLikeTheOracle(string layout, string width)
    {
        Gemm.Operation operation = Enum.Parse<Gemm.Operation>(layout);
        SimdWidth simd = Enum.Parse<SimdWidth>(width);
        var rng = new Random(Seed + 2);
        double[] specials = [double.PositiveInfinity, double.NegativeInfinity, double.NaN, 0.0, -0.0, double.MaxValue, double.Epsilon];
        foreach ((int m, int n, int k) in new[] { (9, 17, 5), (13, 31, 40), (33, 20, 260) })
        {
            var test = GemmCase.Create(operation, m, n, k, accumulate: true, rng);
            test.InjectSpecials(rng, specials, count: 6);
            double[] c = test.C0.AsSpan().ToArray();
            Gemm.Compute(operation, m, n, k, test.A, test.Lda, test.B, test.Ldb, c, test.Ldc, true, simd, threads: 1, emulate: true);
            double[] expected = test.FmaOracle();
            int nans = 0;
            for (int i = 0; i < expected.Length; i++)
            {
                bool bothNaN = double.IsNaN(expected[i]) && double.IsNaN(c[i]) && !IsSentinel(expected[i]);
                if (bothNaN)
                {
                    nans++;
                    continue;
                }
                Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(c[i]),
                    $"{test.Describe(width)}: element {i} expected {Format(expected[i])} got {Format(c[i])}");
            }
            Assert.True(nans > 0, "the injected specials should produce at least one NaN, or the test checks nothing about NaN");
        }
    }

    /// <summary>
    /// Sanity check of the oracle itself: the FMA loop and a plain multiply-then-add loop agree within the
    /// rigorous bound 2·γ_{k+1}·(|C0| + Σ|A||B|), γ_n = n·u/(1 − n·u) (Higham, Accuracy and Stability of Numerical
    /// Algorithms, §3.1: each loop is within γ_{k+1}·(|C0| + Σ|A||B|) of the exact value); and they are not
    /// bit-identical, so the exact comparison above can tell an FMA chain from a multiply-add chain.
    /// </summary>
    [Theory]
    [InlineData("NN")]
    [InlineData("NT")]
    [InlineData("TN")]
    public void FmaOracleAgreesWithPlainLoopWithinRoundingBound(string layout)
    {
        Gemm.Operation operation = Enum.Parse<Gemm.Operation>(layout);
        var rng = new Random(Seed + 3);
        int differing = 0;
        foreach ((int m, int n, int k) in new[] { (1, 1, 1), (5, 7, 3), (17, 13, 64), (31, 9, 509) })
        {
            var test = GemmCase.Create(operation, m, n, k, accumulate: true, rng);
            double[] fma = test.FmaOracle();
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double c0 = test.C0[i * test.Ldc + j];
                    double plain = c0, magnitude = Math.Abs(c0);
                    for (int p = 0; p < k; p++)
                    {
                        double product = test.AAt(i, p) * test.BAt(p, j);
                        plain += product;
                        magnitude += Math.Abs(product);
                    }
                    double gamma = (k + 1) * UnitRoundoff / (1 - (k + 1) * UnitRoundoff);
                    double bound = 2 * gamma * magnitude;
                    double got = fma[i * test.Ldc + j];
                    Assert.True(Math.Abs(got - plain) <= bound,
                        $"{layout} {m}×{n}×{k} ({i},{j}): FMA {Format(got)} vs plain {Format(plain)} exceeds {Format(bound)}");
                    if (got != plain)
                        differing++;
                }
            }
        }
        Assert.True(differing > 0, "FMA and plain loops agreed everywhere; the exact oracle comparison would not detect a non-fused kernel");
    }

    /// <summary>Forcing a width the CPU lacks falls back to the next lower one; emulation runs the requested width.</summary>
    [Fact]
    public void ForcedWidthsFallBackToWhatTheCpuHas()
    {
        bool has512 = System.Runtime.Intrinsics.X86.Avx512F.IsSupported;
        bool has256 = System.Runtime.Intrinsics.X86.Avx2.IsSupported && System.Runtime.Intrinsics.X86.Fma.IsSupported;
        SimdWidth best256 = has256 ? SimdWidth.Vector256 : SimdWidth.Scalar;
        Assert.Equal(has512 ? SimdWidth.Vector512 : best256, Gemm.ResolveWidth(SimdWidth.Vector512));
        Assert.Equal(best256, Gemm.ResolveWidth(SimdWidth.Vector256));
        Assert.Equal(SimdWidth.Scalar, Gemm.ResolveWidth(SimdWidth.Scalar));
        Assert.Equal(has512 ? SimdWidth.Vector512 : best256, Gemm.ResolveWidth(SimdWidth.Auto));
        Assert.Equal(SimdWidth.Vector512, Gemm.ResolveWidth(SimdWidth.Vector512, emulate: true));
        Assert.Equal(SimdWidth.Vector256, Gemm.ResolveWidth(SimdWidth.Vector256, emulate: true));
        Assert.Equal(SimdWidth.Scalar, Gemm.ResolveWidth(SimdWidth.Scalar, emulate: true));
    }

    /// <summary>After the first call has sized the thread's packing buffer, a serial call allocates nothing.</summary>
    [Fact]
    public void SteadyStateSerialCallsDoNotAllocate()
    {
        var rng = new Random(Seed + 4);
        var test = GemmCase.Create(Gemm.Operation.NT, 64, 200, 300, accumulate: false, rng);
        double[] c = test.C0.AsSpan().ToArray();
        for (int i = 0; i < 3; i++)
            Gemm.NT(64, 200, 300, test.A, test.Lda, test.B, test.Ldb, c, test.Ldc);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Gemm.NT(64, 200, 300, test.A, test.Lda, test.B, test.Ldb, c, test.Ldc);
        Gemm.NN(32, 48, 100, test.A, 300, test.B, 300, c, test.Ldc);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    public static TheoryData<string> Layouts() => new() { "NN", "NT", "TN" };

    /// <summary>Each bad argument throws the documented exception naming that argument.</summary>
    [Theory]
    [MemberData(nameof(Layouts))]
    public void InvalidArgumentsThrow(string layout)
    {
        Gemm.Operation operation = Enum.Parse<Gemm.Operation>(layout);
        const int M = 3, N = 4, K = 5;
        int lda = operation == Gemm.Operation.TN ? M : K;
        int ldb = operation == Gemm.Operation.NT ? K : N;
        int aLength = operation == Gemm.Operation.TN ? K * M : M * K;
        int bLength = K * N;
        var a = new double[aLength];
        var b = new double[bLength];
        var c = new double[M * N];

        foreach (bool parallel in new[] { false, true })
        {
            void Call(int m, int n, int k, double[] aa, int la, double[] bb, int lb, Span<double> cc, int lc)
            {
                switch (operation, parallel)
                {
                    case (Gemm.Operation.NN, false): Gemm.NN(m, n, k, aa, la, bb, lb, cc, lc); break;
                    case (Gemm.Operation.NT, false): Gemm.NT(m, n, k, aa, la, bb, lb, cc, lc); break;
                    case (Gemm.Operation.TN, false): Gemm.TN(m, n, k, aa, la, bb, lb, cc, lc); break;
                    case (Gemm.Operation.NN, true): Gemm.NNParallel(m, n, k, aa, la, bb, lb, cc, lc); break;
                    case (Gemm.Operation.NT, true): Gemm.NTParallel(m, n, k, aa, la, bb, lb, cc, lc); break;
                    default: Gemm.TNParallel(m, n, k, aa, la, bb, lb, cc, lc); break;
                }
            }

            // The valid call succeeds.
            Call(M, N, K, a, lda, b, ldb, c, N);

            AssertOutOfRange("m", () => Call(-1, N, K, a, lda, b, ldb, c, N));
            AssertOutOfRange("n", () => Call(M, -1, K, a, lda, b, ldb, c, N));
            AssertOutOfRange("k", () => Call(M, N, -1, a, lda, b, ldb, c, N));
            AssertOutOfRange("lda", () => Call(M, N, K, a, lda - 1, b, ldb, c, N));
            AssertOutOfRange("ldb", () => Call(M, N, K, a, lda, b, ldb - 1, c, N));
            AssertOutOfRange("ldc", () => Call(M, N, K, a, lda, b, ldb, c, N - 1));
            AssertOutOfRange("lda", () => Call(0, 0, 0, a, -1, b, ldb, c, N));

            AssertTooShort("a", () => Call(M, N, K, a[..^1], lda, b, ldb, c, N));
            AssertTooShort("b", () => Call(M, N, K, a, lda, b[..^1], ldb, c, N));
            AssertTooShort("c", () => Call(M, N, K, a, lda, b, ldb, c.AsSpan(0, c.Length - 1), N));
            // A larger leading dimension needs a longer span: (rows − 1)·ld + width.
            AssertTooShort("a", () => Call(M, N, K, a, lda + 1, b, ldb, c, N));
            AssertTooShort("c", () => Call(M, N, K, a, lda, b, ldb, c, N + 1));

            // C overlapping an operand.
            var shared = new double[aLength + M * N];
            var ex = Assert.Throws<ArgumentException>(() => Call(M, N, K, shared, lda, b, ldb, shared.AsSpan(aLength - 1), N));
            Assert.Equal("c", ex.ParamName);
            var sharedB = new double[bLength + M * N];
            ex = Assert.Throws<ArgumentException>(() => Call(M, N, K, a, lda, sharedB, ldb, sharedB.AsSpan(bLength - 1), N));
            Assert.Equal("c", ex.ParamName);
            // Adjacent, non-overlapping ranges are fine, even within one array.
            Call(M, N, K, shared, lda, b, ldb, shared.AsSpan(aLength), N);

            // Empty products accept empty spans.
            Call(0, 0, 0, [], 0, [], 0, [], 0);
            Call(0, N, K, [], lda, b, ldb, [], N);
        }

        static void AssertOutOfRange(string name, Action action)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(action);
            Assert.Equal(name, e.ParamName);
        }

        static void AssertTooShort(string name, Action action)
        {
            var e = Assert.Throws<ArgumentException>(action);
            Assert.Equal(name, e.ParamName);
            Assert.Contains("needs at least", e.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>With k = 0 the product is empty: C becomes +0 (or stays, when accumulating), padding untouched.</summary>
    [Theory]
    [MemberData(nameof(Layouts))]
    public void EmptyInnerDimensionClearsOrKeepsC(string layout)
    {
        Gemm.Operation operation = Enum.Parse<Gemm.Operation>(layout);
        var rng = new Random(Seed + 5);
        foreach (bool accumulate in new[] { false, true })
        {
            var test = GemmCase.Create(operation, 5, 7, 0, accumulate, rng);
            double[] c = test.C0.AsSpan().ToArray();
            Gemm.Compute(operation, 5, 7, 0, test.A, test.Lda, test.B, test.Ldb, c, test.Ldc, accumulate, SimdWidth.Auto, threads: 1);
            for (int i = 0; i < 5; i++)
            {
                for (int j = 0; j < 7; j++)
                {
                    double expected = accumulate ? test.C0[i * test.Ldc + j] : 0.0;
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(c[i * test.Ldc + j]));
                }
            }
            AssertBitIdentical(test.FmaOracle(), c, test.Describe("Auto"));
        }
    }

    /// <summary>
    /// The shapes of <see cref="MatchesFmaOracleBitForBit"/>: s×s×s for s = 0..64; each dimension swept over 0..64
    /// with the other two random in 1..64; and large odd shapes beyond the blocking sizes.
    /// </summary>
    private static IEnumerable<(int M, int N, int K)> Shapes(Random rng)
    {
        for (int s = 0; s <= 64; s++)
            yield return (s, s, s);
        for (int s = 0; s <= 64; s++)
        {
            yield return (s, rng.Next(1, 65), rng.Next(1, 65));
            yield return (rng.Next(1, 65), s, rng.Next(1, 65));
            yield return (rng.Next(1, 65), rng.Next(1, 65), s);
        }
        yield return (257, 131, 509);   // crosses KC (2–3 k-blocks) and MC, odd tails everywhere; accumulate
        yield return (1023, 17, 300);   // many row blocks, narrow C; overwrite
        yield return (9, 1031, 45);     // more than NC = 1024 columns: two column blocks; accumulate
        yield return (13, 11, 777);     // four or five k-blocks; accumulate
        yield return (100, 40, 600);    // three or four k-blocks; overwrite
    }

    /// <summary>Fails with the first differing element (index and both bit patterns) unless the arrays are bit-identical.</summary>
    internal static void AssertBitIdentical(double[] expected, double[] actual, string description)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
                Assert.Fail($"{description}: element {i} expected {Format(expected[i])} but got {Format(actual[i])}");
        }
    }

    private static bool IsSentinel(double x)
        => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(InputSentinel)
        || BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(OutputSentinel);

    private static string Format(double x)
        => string.Create(CultureInfo.InvariantCulture, $"{x:R} (0x{BitConverter.DoubleToInt64Bits(x):X16})");
}

/// <summary>One randomly filled product: op(A), op(B), C0 with NaN-sentinel padding, and the naive FMA oracle.</summary>
internal sealed class GemmCase
{
    public required Gemm.Operation Operation { get; init; }
    public required int M { get; init; }
    public required int N { get; init; }
    public required int K { get; init; }
    public required int Lda { get; init; }
    public required int Ldb { get; init; }
    public required int Ldc { get; init; }
    public required bool Accumulate { get; init; }
    public required double[] A { get; init; }
    public required double[] B { get; init; }
    public required double[] C0 { get; init; }

    /// <summary>
    /// Random A, B and C0 for <paramref name="operation"/>; leading dimensions exceed the row widths by 0–3, spans
    /// are 0–2 elements longer than needed, and every padding slot holds a NaN sentinel.
    /// </summary>
    public static GemmCase Create(Gemm.Operation operation, int m, int n, int k, bool accumulate, Random rng)
    {
        int aRows = operation == Gemm.Operation.TN ? k : m, aWidth = operation == Gemm.Operation.TN ? m : k;
        int bRows = operation == Gemm.Operation.NT ? n : k, bWidth = operation == Gemm.Operation.NT ? k : n;
        int lda = aWidth + rng.Next(0, 4), ldb = bWidth + rng.Next(0, 4), ldc = n + rng.Next(0, 4);
        return new GemmCase
        {
            Operation = operation,
            M = m,
            N = n,
            K = k,
            Lda = lda,
            Ldb = ldb,
            Ldc = ldc,
            Accumulate = accumulate,
            A = Fill(aRows, aWidth, lda, GemmTests.InputSentinel, rng),
            B = Fill(bRows, bWidth, ldb, GemmTests.InputSentinel, rng),
            C0 = Fill(m, n, ldc, GemmTests.OutputSentinel, rng),
        };
    }

    /// <summary>op(A)[i, p].</summary>
    public double AAt(int i, int p) => Operation == Gemm.Operation.TN ? A[p * Lda + i] : A[i * Lda + p];

    /// <summary>op(B)[p, j].</summary>
    public double BAt(int p, int j) => Operation == Gemm.Operation.NT ? B[j * Ldb + p] : B[p * Ldb + j];

    /// <summary>
    /// The contract, literally: acc = accumulate ? C0[i,j] : 0; acc = FMA(op(A)[i,p], op(B)[p,j], acc) for
    /// p = 0 … k − 1; everything outside the m×n block keeps C0's bits.
    /// </summary>
    public double[] FmaOracle()
    {
        // Dense copies opA[i][p] and opBt[j][p] only make the inner loop contiguous (fast); the arithmetic is the
        // literal definition.
        var opA = new double[M * K];
        var opBt = new double[N * K];
        for (int i = 0; i < M; i++)
        {
            for (int p = 0; p < K; p++)
                opA[i * K + p] = AAt(i, p);
        }
        for (int j = 0; j < N; j++)
        {
            for (int p = 0; p < K; p++)
                opBt[j * K + p] = BAt(p, j);
        }
        double[] c = C0.AsSpan().ToArray();
        for (int i = 0; i < M; i++)
        {
            for (int j = 0; j < N; j++)
            {
                double acc = Accumulate ? C0[i * Ldc + j] : 0.0;
                for (int p = 0; p < K; p++)
                    acc = Math.FusedMultiplyAdd(opA[i * K + p], opBt[j * K + p], acc);
                c[i * Ldc + j] = acc;
            }
        }
        return c;
    }

    /// <summary>Overwrites <paramref name="count"/> random valid elements of A and of B with values from <paramref name="specials"/>.</summary>
    public void InjectSpecials(Random rng, double[] specials, int count)
    {
        for (int t = 0; t < count; t++)
        {
            int i = rng.Next(M), p = rng.Next(K), j = rng.Next(N);
            int aIndex = Operation == Gemm.Operation.TN ? p * Lda + i : i * Lda + p;
            int bIndex = Operation == Gemm.Operation.NT ? j * Ldb + p : p * Ldb + j;
            A[aIndex] = specials[rng.Next(specials.Length)];
            B[bIndex] = specials[rng.Next(specials.Length)];
        }
    }

    public string Describe(string width) => string.Create(CultureInfo.InvariantCulture,
        $"{Operation} {width} m={M} n={N} k={K} lda={Lda} ldb={Ldb} ldc={Ldc} accumulate={Accumulate}");

    /// <summary>
    /// A rows×width matrix with leading dimension ld: entries uniform in [−1, 1) times 2^e, e ∈ [−4, 4] (mixed
    /// magnitudes make rounding differences between evaluation orders likely); padding and 0–2 trailing slots
    /// hold <paramref name="sentinel"/>.
    /// </summary>
    private static double[] Fill(int rows, int width, int ld, double sentinel, Random rng)
    {
        long need = rows == 0 || width == 0 ? 0 : (long)(rows - 1) * ld + width;
        var x = new double[need + rng.Next(0, 3)];
        Array.Fill(x, sentinel);
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < width; j++)
                x[r * ld + j] = (rng.NextDouble() * 2 - 1) * Math.ScaleB(1.0, rng.Next(-4, 5));
        }
        return x;
    }
}

/// <summary>
/// The parallel entry points against the serial ones for <see cref="Parallelism.MaxThreads"/> = 1, 2, 3. These
/// tests change that process-wide setting, so they join the shared non-parallel collection for such tests.
/// </summary>
[Collection(Networks.ThreadSettingCollection.Name)]
public sealed class GemmParallelTests
{
    [Theory]
    [InlineData("NN")]
    [InlineData("NT")]
    [InlineData("TN")]
    public void ParallelVariantsAreBitIdenticalToSerial(string layout)
    {
        Gemm.Operation operation = Enum.Parse<Gemm.Operation>(layout);
        var rng = new Random(7321);
        int saved = Parallelism.MaxThreads;
        try
        {
            foreach ((int m, int n, int k) in new[] { (257, 131, 509), (1023, 17, 300), (17, 1023, 300), (37, 45, 200), (64, 200, 784), (5, 3, 2), (0, 9, 4), (9, 9, 0) })
            {
                foreach (bool accumulate in new[] { false, true })
                {
                    var test = GemmCase.Create(operation, m, n, k, accumulate, rng);
                    double[] serial = test.C0.AsSpan().ToArray();
                    Invoke(operation, parallel: false, test, serial);
                    GemmTests.AssertBitIdentical(test.FmaOracle(), serial, test.Describe("serial"));
                    foreach (int threads in new[] { 1, 2, 3 })
                    {
                        Parallelism.MaxThreads = threads;
                        double[] parallel = test.C0.AsSpan().ToArray();
                        Invoke(operation, parallel: true, test, parallel);
                        GemmTests.AssertBitIdentical(serial, parallel, test.Describe($"parallel({threads})"));
                    }
                }
            }
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    /// <summary>Band splits into more tasks than threads (the internal task count) also keep every bit.</summary>
    [Fact]
    public void AnyBandSplitIsBitIdentical()
    {
        var rng = new Random(7322);
        foreach (Gemm.Operation operation in new[] { Gemm.Operation.NN, Gemm.Operation.NT, Gemm.Operation.TN })
        {
            var test = GemmCase.Create(operation, 131, 97, 300, accumulate: true, rng);
            double[] expected = test.FmaOracle();
            foreach (int tasks in new[] { 2, 3, 5, 16, 64 })
            {
                double[] c = test.C0.AsSpan().ToArray();
                Gemm.Compute(operation, test.M, test.N, test.K, test.A, test.Lda, test.B, test.Ldb, c, test.Ldc, true, SimdWidth.Auto, tasks);
                GemmTests.AssertBitIdentical(expected, c, test.Describe($"tasks={tasks}"));
            }
        }
    }

    private static void Invoke(Gemm.Operation operation, bool parallel, GemmCase t, double[] c)
    {
        switch (operation, parallel)
        {
            case (Gemm.Operation.NN, false): Gemm.NN(t.M, t.N, t.K, t.A, t.Lda, t.B, t.Ldb, c, t.Ldc, t.Accumulate); break;
            case (Gemm.Operation.NT, false): Gemm.NT(t.M, t.N, t.K, t.A, t.Lda, t.B, t.Ldb, c, t.Ldc, t.Accumulate); break;
            case (Gemm.Operation.TN, false): Gemm.TN(t.M, t.N, t.K, t.A, t.Lda, t.B, t.Ldb, c, t.Ldc, t.Accumulate); break;
            case (Gemm.Operation.NN, true): Gemm.NNParallel(t.M, t.N, t.K, t.A, t.Lda, t.B, t.Ldb, c, t.Ldc, t.Accumulate); break;
            case (Gemm.Operation.NT, true): Gemm.NTParallel(t.M, t.N, t.K, t.A, t.Lda, t.B, t.Ldb, c, t.Ldc, t.Accumulate); break;
            default: Gemm.TNParallel(t.M, t.N, t.K, t.A, t.Lda, t.B, t.Ldb, c, t.Ldc, t.Accumulate); break;
        }
    }
}
