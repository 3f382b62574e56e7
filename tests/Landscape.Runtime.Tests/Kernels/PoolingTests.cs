using System;
using System.Linq;
using Landscape.Kernels;
using static Landscape.Tests.Kernels.SpatialTestData;

namespace Landscape.Tests.Kernels;

/// <summary>
/// Max, average and global average pooling, their adjoints and the max-pool routing, against naive loops written from
/// the documented definitions (bit for bit), against properties that do not depend on the kernels' rule (the max is
/// the maximum of the window's real cells and the chosen cell is its first occurrence), and through the adjoint
/// identities ⟨f(x), y⟩ = ⟨x, f*(y)⟩.
/// </summary>
public sealed class PoolingTests
{
    /// <summary>Seed of every random block in these tests.</summary>
    private const int Seed = 20250313;

    /// <summary>
    /// Relative tolerance of the adjoint identities on wide-range data, against Σ|terms|: the kernels round each
    /// window sum (≤ K² = 25 additions) and one division per output, an error ≤ 26u ≈ 2.9e−15 of the terms, and both
    /// inner products are compensated (≈ u); 1e−13 leaves a margin of about 30.
    /// </summary>
    private const double AdjointTolerance = 1e-13;

    /// <summary>Inside values of output buffers before a call: every position must be overwritten (or accumulated onto).</summary>
    private const double Garbage = -98765.4321;

    /// <summary>Every average-pooling path: scalar, 256-bit and 512-bit lanes (portable code where the CPU lacks them), and Auto.</summary>
    public static TheoryData<string> Widths => new("Scalar", "Vector256", "Vector512", "Auto");

    [Theory]
    [MemberData(nameof(Widths))]
    public void MaxForward_MatchesPyTorchsRuleAndTheWindowMaximum(string width)
    {
        SimdWidth simd = Enum.Parse<SimdWidth>(width);
        var rng = new Random(Seed);
        foreach (Geometry g in Poolings())
        {
            // Small integers make ties common; wide data makes them rare. Both must pick the first maximum.
            foreach (bool ties in new[] { true, false })
            {
                double[] x = ties ? SmallIntegers(rng, g.InputLength).Select(v => Math.Abs(v) % 3).ToArray() : Wide(rng, g.InputLength);
                double[] y = Guarded(g.OutputLength, Enumerable.Repeat(Garbage, g.OutputLength).ToArray());
                int[] argmax = new int[g.OutputLength + 2];
                argmax[0] = argmax[^1] = -7;

                Pooling.MaxForward(x, Inside(y), argmax.AsSpan(1, g.OutputLength), g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding, simd);

                (double[] expected, int[] expectedIndex) = NaiveMax(g, x);
                AssertExactBits(expected, Inside(y), $"max {width} {g}");
                Assert.Equal(expectedIndex, argmax.AsSpan(1, g.OutputLength).ToArray());
                Assert.Equal(-7, argmax[0]);
                Assert.Equal(-7, argmax[^1]);
                AssertGuardsIntact(y, $"max {g}");
                AssertFirstMaximumOfRealCells(g, x, InsideCopy(y), argmax.AsSpan(1, g.OutputLength).ToArray());
            }
        }
    }

    /// <summary>
    /// Special values (NaN, ±∞, ±0) scattered through wide data: every path gives the naive rule's values (bit for bit,
    /// NaN payloads included, since max pooling copies) and indices (NaN: the last one in the window).
    /// </summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void MaxForward_SpecialValuesInBlocks_MatchTheNaiveRule(string width)
    {
        SimdWidth simd = Enum.Parse<SimdWidth>(width);
        var rng = new Random(Seed + 6);
        foreach (Geometry g in Poolings())
        {
            double[] x = Wide(rng, g.InputLength);
            InjectSpecials(rng, x, every: 5);
            var y = new double[g.OutputLength];
            var argmax = new int[g.OutputLength];
            Pooling.MaxForward(x, y, argmax, g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding, simd);
            (double[] expected, int[] expectedIndex) = NaiveMax(g, x);
            AssertExactBits(expected, y, $"max {width} {g}");
            Assert.Equal(expectedIndex, argmax);
        }
    }

    /// <summary>On a constant input every window ties everywhere: the chosen cell is each window's first real cell.</summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void MaxForward_ConstantInput_ChoosesTheFirstRealCellOfEachWindow(string width)
    {
        SimdWidth simd = Enum.Parse<SimdWidth>(width);
        foreach (Geometry g in Poolings())
        {
            foreach (double constant in new[] { 0.5, -3.0, double.NegativeInfinity, double.PositiveInfinity })
            {
                double[] x = Enumerable.Repeat(constant, g.InputLength).ToArray();
                var y = new double[g.OutputLength];
                var argmax = new int[g.OutputLength];
                Pooling.MaxForward(x, y, argmax, g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding, simd);
                for (int plane = 0; plane < g.Rows * g.Channels; plane++)
                {
                    for (int oh = 0; oh < g.OutHeight; oh++)
                    {
                        for (int ow = 0; ow < g.OutWidth; ow++)
                        {
                            int o = (plane * g.OutHeight + oh) * g.OutWidth + ow;
                            int h = Math.Max(0, oh * g.Stride - g.Padding), w = Math.Max(0, ow * g.Stride - g.Padding);
                            Assert.Equal(constant, y[o]);
                            Assert.Equal(h * g.Width + w, argmax[o]);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Special values, one 3×3 window (K = 3, S = 3, P = 0 on a 3×3 plane): NaN wins and the last NaN is chosen
    /// (PyTorch's rule: replace when greater or NaN); +∞ beats finite values; a window of −∞ gives −∞ at its first
    /// cell; −0.0 and +0.0 tie, so the first is returned with its own sign.
    /// </summary>
    [Theory]
    [InlineData(new[] { 1.0, double.NaN, 5.0, 2.0, double.NaN, 7.0, 0.0, 1.0, 2.0 }, double.NaN, 4)]
    [InlineData(new[] { double.NaN, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0 }, double.NaN, 0)]
    [InlineData(new[] { 1.0, 2.0, double.PositiveInfinity, 3.0, double.PositiveInfinity, 7.0, 0.0, 1.0, 2.0 }, double.PositiveInfinity, 2)]
    [InlineData(new[] { double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity }, double.NegativeInfinity, 0)]
    [InlineData(new[] { double.NegativeInfinity, -5.0, double.NegativeInfinity, -1.0, -1.0, -7.0, -1.0, -9.0, double.NegativeInfinity }, -1.0, 3)]
    [InlineData(new[] { -1.0, -0.0, 0.0, -0.0, -2.0, -3.0, -4.0, -5.0, -6.0 }, -0.0, 1)]
    [InlineData(new[] { -1.0, -2.0, 0.0, -0.0, -0.0, -3.0, -4.0, -5.0, -6.0 }, 0.0, 2)]
    public void MaxForward_SpecialValues(double[] window, double expected, int expectedIndex)
    {
        var y = new double[1];
        var argmax = new int[1];
        Pooling.MaxForward(window, y, argmax, 1, 1, 3, 3, 3, 3, 0);
        if (double.IsNaN(expected))
            Assert.True(double.IsNaN(y[0]));
        else
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(y[0]));
        Assert.Equal(expectedIndex, argmax[0]);
    }

    /// <summary>With padding, padded cells (−∞) are never chosen, even when every real cell is −∞ or smaller than 0.</summary>
    [Fact]
    public void MaxForward_PaddingIsNeverChosen()
    {
        // 2×2 plane, K = 3, S = 1, P = 1: every window overlaps the padding.
        double[] x = [double.NegativeInfinity, -5.0, double.NegativeInfinity, double.NegativeInfinity];
        var y = new double[4];
        var argmax = new int[4];
        Pooling.MaxForward(x, y, argmax, 1, 1, 2, 2, 3, 1, 1);
        Assert.Equal(new[] { -5.0, -5.0, -5.0, -5.0 }, y);
        Assert.Equal(new[] { 1, 1, 1, 1 }, argmax);
    }

    [Fact]
    public void MaxSelectAndBackward_RouteThroughTheArgmax()
    {
        var rng = new Random(Seed + 1);
        foreach (Geometry g in Poolings())
        {
            double[] x = Wide(rng, g.InputLength);
            var pooled = new double[g.OutputLength];
            var argmax = new int[g.OutputLength];
            Pooling.MaxForward(x, pooled, argmax, g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding);
            int inPlane = g.Height * g.Width, outPlane = g.OutHeight * g.OutWidth;

            // R-forward: R{y}[o] = R{x}[argmax[o]] (copies).
            double[] rx = Wide(rng, g.InputLength);
            InjectSpecials(rng, rx, every: 9);
            double[] ry = Guarded(g.OutputLength, Enumerable.Repeat(Garbage, g.OutputLength).ToArray());
            Pooling.MaxSelect(rx, argmax, Inside(ry), g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding);
            var expectedSelect = new double[g.OutputLength];
            for (int o = 0; o < g.OutputLength; o++)
                expectedSelect[o] = rx[o / outPlane * inPlane + argmax[o]];
            AssertExactBits(expectedSelect, Inside(ry), $"select {g}");
            AssertGuardsIntact(ry, $"select {g}");

            // Backward: each cell = start + deltas of the outputs choosing it, in increasing output order.
            foreach (bool accumulate in new[] { false, true })
            {
                double[] dy = Wide(rng, g.OutputLength);
                InjectSpecials(rng, dy, every: 11);
                double[] start = accumulate ? Wide(rng, g.InputLength) : Enumerable.Repeat(Garbage, g.InputLength).ToArray();
                double[] dx = Guarded(g.InputLength, start);
                Pooling.MaxBackward(dy, argmax, Inside(dx), g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding, accumulate);
                var expected = new double[g.InputLength];
                for (int i = 0; i < g.InputLength; i++)
                {
                    int plane = i / inPlane, cell = i % inPlane;
                    double acc = accumulate ? start[i] : 0.0;
                    for (int o = plane * outPlane; o < (plane + 1) * outPlane; o++)
                    {
                        if (argmax[o] == cell)
                            acc += dy[o];
                    }
                    expected[i] = acc;
                }
                AssertSameBits(expected, Inside(dx), $"max backward {g} accumulate={accumulate}");
                AssertGuardsIntact(dx, $"max backward {g}");
            }

            // Adjoint: ⟨Select(x), y⟩ = ⟨x, Backward(y)⟩, exact on small integers.
            double[] xi = SmallIntegers(rng, g.InputLength), yi = SmallIntegers(rng, g.OutputLength);
            var selected = new double[g.OutputLength];
            var routed = new double[g.InputLength];
            Pooling.MaxSelect(xi, argmax, selected, g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding);
            Pooling.MaxBackward(yi, argmax, routed, g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding);
            Assert.Equal(AccurateDot(selected, yi, out _), AccurateDot(xi, routed, out _));
        }
    }

    /// <summary>Overlapping windows (S &lt; K) on a constant plane choose shared cells several times; their deltas add up in output order.</summary>
    [Fact]
    public void MaxBackward_OverlappingWindowsAccumulateInOutputOrder()
    {
        // 3×3 plane, K = 3, S = 1, P = 1: 9 windows; a constant input makes each choose its first real cell.
        var x = new double[9];
        var y = new double[9];
        var argmax = new int[9];
        Pooling.MaxForward(x, y, argmax, 1, 1, 3, 3, 3, 1, 1);
        Assert.Equal(new[] { 0, 0, 1, 0, 0, 1, 3, 3, 4 }, argmax);
        // Cell 0 receives deltas 0, 1, 3, 4 in that order: 1 + 2⁻⁵³ + 2⁻⁵³ + 2⁻⁵³ stays 1 left to right.
        double tiny = Math.ScaleB(1.0, -53);
        double[] dy = [1.0, tiny, 5, tiny, tiny, 6, 7, 8, 9];
        var dx = new double[9];
        Pooling.MaxBackward(dy, argmax, dx, 1, 1, 3, 3, 3, 1, 1);
        Assert.Equal(new[] { 1.0, 11.0, 0, 15.0, 9.0, 0, 0, 0, 0 }, dx);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void AverageForward_MatchesTheNaiveLoopBitForBit(string width)
    {
        SimdWidth simd = Enum.Parse<SimdWidth>(width);
        var rng = new Random(Seed + 2);
        foreach (Geometry g in Poolings())
        {
            double[] x = Wide(rng, g.InputLength);
            InjectSpecials(rng, x, every: 23);
            double[] y = Guarded(g.OutputLength, Enumerable.Repeat(Garbage, g.OutputLength).ToArray());

            Pooling.AverageForward(x, Inside(y), g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding, simd);

            AssertSameBits(NaiveAverage(g, x), Inside(y), $"{width} {g}");
            AssertGuardsIntact(y, $"{width} {g}");
        }
    }

    /// <summary>count_include_pad = true: at a border the padded zeros count, so a constant 1 averages to (real cells)/(K·K).</summary>
    [Fact]
    public void AverageForward_DividesByTheFullWindowAtBorders()
    {
        // 3×3 plane of ones, K = 3, S = 1, P = 1: corner windows hold 4 real cells, edges 6, the centre 9.
        double[] x = Enumerable.Repeat(1.0, 9).ToArray();
        var y = new double[9];
        Pooling.AverageForward(x, y, 1, 1, 3, 3, 3, 1, 1);
        Assert.Equal(new[] { 4 / 9.0, 6 / 9.0, 4 / 9.0, 6 / 9.0, 1.0, 6 / 9.0, 4 / 9.0, 6 / 9.0, 4 / 9.0 }, y);
    }

    /// <summary>
    /// Every sum starts from +0.0, so a window of −0.0 averages to +0.0 on every path (a kernel that started from the
    /// first cell, or let the JIT fold +0.0 + x to x, would return −0.0).
    /// </summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void AverageForward_NegativeZerosAverageToPositiveZero(string width)
    {
        SimdWidth simd = Enum.Parse<SimdWidth>(width);
        var g = new Geometry(2, 3, 6, 37, 3, 1, 1);
        double[] x = Enumerable.Repeat(-0.0, g.InputLength).ToArray();
        var y = new double[g.OutputLength];
        Pooling.AverageForward(x, y, g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding, simd);
        Assert.All(y, v => Assert.Equal(0L, BitConverter.DoubleToInt64Bits(v)));

        // Max pooling keeps the sign of the first of equal zeros.
        var argmax = new int[g.OutputLength];
        Pooling.MaxForward(x, y, argmax, g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding, simd);
        Assert.All(y, v => Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(v)));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void AverageBackward_MatchesTheNaiveLoopBitForBit(string width)
    {
        SimdWidth simd = Enum.Parse<SimdWidth>(width);
        var rng = new Random(Seed + 3);
        foreach (Geometry g in Poolings())
        {
            foreach (bool accumulate in new[] { false, true })
            {
                double[] dy = Wide(rng, g.OutputLength);
                InjectSpecials(rng, dy, every: 19);
                double[] start = accumulate ? Wide(rng, g.InputLength) : Enumerable.Repeat(Garbage, g.InputLength).ToArray();
                double[] dx = Guarded(g.InputLength, start);

                Pooling.AverageBackward(dy, Inside(dx), g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding, accumulate, simd);

                AssertSameBits(NaiveAverageBackward(g, dy, start, accumulate), Inside(dx), $"{width} {g} accumulate={accumulate}");
                AssertGuardsIntact(dx, $"{g}");
            }
        }
    }

    [Fact]
    public void AveragePooling_IsAdjointToItsBackward()
    {
        var rng = new Random(Seed + 4);
        foreach (Geometry g in Poolings())
        {
            // Exact on small integers when K·K is a power of two (every quotient is exact); to tolerance otherwise.
            double[] x = Wide(rng, g.InputLength), dy = Wide(rng, g.OutputLength);
            var y = new double[g.OutputLength];
            var dx = new double[g.InputLength];
            Pooling.AverageForward(x, y, g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding);
            Pooling.AverageBackward(dy, dx, g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding);
            double left = AccurateDot(y, dy, out double magnitude);
            double right = AccurateDot(x, dx, out _);
            Assert.True(Math.Abs(left - right) <= AdjointTolerance * magnitude, $"{g}: {left:R} vs {right:R} (Σ|terms| = {magnitude:R})");

            if (g.Kernel is 1 or 2)
            {
                double[] xi = SmallIntegers(rng, g.InputLength), yi = SmallIntegers(rng, g.OutputLength);
                Pooling.AverageForward(xi, y, g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding);
                Pooling.AverageBackward(yi, dx, g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding);
                Assert.Equal(AccurateDot(y, yi, out _), AccurateDot(xi, dx, out _));
            }
        }
    }

    [Fact]
    public void GlobalAverage_ForwardBackwardAndAdjoint()
    {
        var rng = new Random(Seed + 5);
        foreach ((int rows, int channels, int height, int width) in new[] { (1, 1, 1, 1), (3, 2, 5, 7), (2, 4, 7, 7), (1, 5, 4, 6), (4, 3, 1, 9), (2, 16, 8, 8) })
        {
            int inPlane = height * width, planes = rows * channels;
            double[] x = Wide(rng, planes * inPlane);
            InjectSpecials(rng, x, every: 29);
            double[] y = Guarded(planes, Enumerable.Repeat(Garbage, planes).ToArray());
            Pooling.GlobalAverageForward(x, Inside(y), rows, channels, height, width);
            var expected = new double[planes];
            for (int p = 0; p < planes; p++)
            {
                double acc = 0.0;
                for (int i = 0; i < inPlane; i++)
                    acc += x[p * inPlane + i];
                expected[p] = acc / inPlane;
            }
            AssertSameBits(expected, Inside(y), $"global forward {rows}×{channels}×{height}×{width}");
            AssertGuardsIntact(y, "global forward");

            foreach (bool accumulate in new[] { false, true })
            {
                double[] dy = Wide(rng, planes);
                dy[0] = -0.0; // start + g: −0.0 becomes +0.0 without accumulate, like every other adjoint here
                double[] start = accumulate ? Wide(rng, planes * inPlane) : Enumerable.Repeat(Garbage, planes * inPlane).ToArray();
                double[] dx = Guarded(planes * inPlane, start);
                Pooling.GlobalAverageBackward(dy, Inside(dx), rows, channels, height, width, accumulate);
                var expectedDx = new double[planes * inPlane];
                for (int i = 0; i < expectedDx.Length; i++)
                    expectedDx[i] = (accumulate ? start[i] : 0.0) + dy[i / inPlane] / inPlane;
                AssertSameBits(expectedDx, Inside(dx), $"global backward accumulate={accumulate}");
                AssertGuardsIntact(dx, "global backward");
            }

            double[] xw = Wide(rng, planes * inPlane), dyw = Wide(rng, planes);
            var means = new double[planes];
            var spread = new double[planes * inPlane];
            Pooling.GlobalAverageForward(xw, means, rows, channels, height, width);
            Pooling.GlobalAverageBackward(dyw, spread, rows, channels, height, width);
            double left = AccurateDot(means, dyw, out double magnitude);
            double right = AccurateDot(xw, spread, out _);
            // H·W ≤ 64 additions per mean: error ≤ 64u ≈ 7e−15 of the terms, well inside the tolerance.
            Assert.True(Math.Abs(left - right) <= AdjointTolerance * magnitude, $"global adjoint: {left:R} vs {right:R}");
        }
    }

    [Fact]
    public void EmptyBlocks_AreNoOps()
    {
        Pooling.MaxForward([], [], [], 0, 2, 4, 4, 2, 2, 0);
        Pooling.MaxSelect([], [], [], 0, 2, 4, 4, 2, 2, 0);
        Pooling.MaxBackward([], [], [], 0, 2, 4, 4, 2, 2, 0);
        Pooling.AverageForward([], [], 0, 2, 4, 4, 2, 2, 0);
        Pooling.AverageBackward([], [], 0, 2, 4, 4, 2, 2, 0, accumulate: true);
        Pooling.GlobalAverageForward([], [], 0, 2, 4, 4);
        Pooling.GlobalAverageBackward([], [], 0, 2, 4, 4);
    }

    [Fact]
    public void InvalidArgumentsThrow()
    {
        // 2 examples of 3×5×4, K = 2, S = 2, P = 1: OH = 3, OW = 3, outputs 2·3·9 = 54.
        var x = new double[120];
        var y = new double[54];
        var argmax = new int[54];
        Pooling.MaxForward(x, y, argmax, 2, 3, 5, 4, 2, 2, 1);
        Pooling.AverageForward(x, y, 2, 3, 5, 4, 2, 2, 1);

        Assert.Equal("padding", Assert.Throws<ArgumentOutOfRangeException>(() => Pooling.MaxForward(x, y, argmax, 2, 3, 5, 4, 3, 2, 2)).ParamName);
        Assert.Equal("padding", Assert.Throws<ArgumentOutOfRangeException>(() => Pooling.AverageForward(x, y, 2, 3, 5, 4, 1, 1, 1)).ParamName);
        Assert.Equal("size", Assert.Throws<ArgumentOutOfRangeException>(() => Pooling.AverageBackward(y, x, 2, 3, 5, 4, 7, 1, 1)).ParamName);
        Assert.Equal("stride", Assert.Throws<ArgumentOutOfRangeException>(() => Pooling.MaxForward(x, y, argmax, 2, 3, 5, 4, 2, 0, 1)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => Pooling.MaxForward(x, y.AsSpan(1), argmax, 2, 3, 5, 4, 2, 2, 1)).ParamName);
        Assert.Equal("argmax", Assert.Throws<ArgumentException>(() => Pooling.MaxForward(x, y, argmax.AsSpan(1), 2, 3, 5, 4, 2, 2, 1)).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => Pooling.AverageForward(x.AsSpan(1), y, 2, 3, 5, 4, 2, 2, 1)).ParamName);
        Assert.Equal("inputDeltas", Assert.Throws<ArgumentException>(() => Pooling.MaxBackward(y, argmax, x.AsSpan(1), 2, 3, 5, 4, 2, 2, 1)).ParamName);
        Assert.Equal("outputDeltas", Assert.Throws<ArgumentException>(() => Pooling.GlobalAverageBackward(new double[5], x, 2, 3, 5, 4)).ParamName);

        var shared = new double[200];
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => Pooling.AverageForward(shared.AsSpan(0, 120), shared.AsSpan(100, 54), 2, 3, 5, 4, 2, 2, 1)).ParamName);
        Assert.Equal("inputDeltas", Assert.Throws<ArgumentException>(() => Pooling.AverageBackward(shared.AsSpan(0, 54), shared.AsSpan(50, 120), 2, 3, 5, 4, 2, 2, 1)).ParamName);

        // Routing indices must stay inside their plane.
        int[] bad = (int[])argmax.Clone();
        bad[17] = 20;
        Assert.Equal("argmax", Assert.Throws<ArgumentException>(() => Pooling.MaxBackward(y, bad, x, 2, 3, 5, 4, 2, 2, 1)).ParamName);
        bad[17] = -1;
        Assert.Equal("argmax", Assert.Throws<ArgumentException>(() => Pooling.MaxSelect(x, bad, y, 2, 3, 5, 4, 2, 2, 1)).ParamName);
    }

    /// <summary>
    /// PyTorch's max-pool loop: start from (−∞, the window's first real cell), visit the real cells in row-major window
    /// order, replace when v &gt; max or v is NaN.
    /// </summary>
    private static (double[] Values, int[] Indices) NaiveMax(Geometry g, double[] x)
    {
        var y = new double[g.OutputLength];
        var index = new int[g.OutputLength];
        for (int e = 0; e < g.Rows; e++)
            for (int c = 0; c < g.Channels; c++)
                for (int oh = 0; oh < g.OutHeight; oh++)
                    for (int ow = 0; ow < g.OutWidth; ow++)
                    {
                        double max = double.NegativeInfinity;
                        int best = -1;
                        for (int kh = 0; kh < g.Kernel; kh++)
                            for (int kw = 0; kw < g.Kernel; kw++)
                            {
                                int h = oh * g.Stride - g.Padding + kh, w = ow * g.Stride - g.Padding + kw;
                                if (!g.Inside(h, w))
                                    continue;
                                if (best < 0)
                                    best = h * g.Width + w;
                                double v = x[g.In(e, c, h, w)];
                                if (v > max || double.IsNaN(v))
                                {
                                    max = v;
                                    best = h * g.Width + w;
                                }
                            }
                        Assert.True(best >= 0, $"{g}: a window without a real cell");
                        y[g.Out(e, c, oh, ow)] = max;
                        index[g.Out(e, c, oh, ow)] = best;
                    }
        return (y, index);
    }

    /// <summary>
    /// Rule-independent check (NaN-free data): the output is the maximum of the window's real cells, the index points at
    /// a real cell of the window holding it, and no earlier cell in row-major window order holds it.
    /// </summary>
    private static void AssertFirstMaximumOfRealCells(Geometry g, double[] x, double[] y, int[] argmax)
    {
        for (int e = 0; e < g.Rows; e++)
            for (int c = 0; c < g.Channels; c++)
                for (int oh = 0; oh < g.OutHeight; oh++)
                    for (int ow = 0; ow < g.OutWidth; ow++)
                    {
                        var cells = (from kh in Enumerable.Range(0, g.Kernel)
                                     from kw in Enumerable.Range(0, g.Kernel)
                                     let h = oh * g.Stride - g.Padding + kh
                                     let w = ow * g.Stride - g.Padding + kw
                                     where g.Inside(h, w)
                                     select (Index: h * g.Width + w, Value: x[g.In(e, c, h, w)])).ToList();
                        double max = cells.Max(cell => cell.Value);
                        int o = g.Out(e, c, oh, ow);
                        Assert.Equal(max, y[o]);
                        Assert.Equal(cells.First(cell => cell.Value == max).Index, argmax[o]);
                    }
    }

    /// <summary>y = (+0.0 + real cells in row-major window order) / (K·K).</summary>
    private static double[] NaiveAverage(Geometry g, double[] x)
    {
        var y = new double[g.OutputLength];
        for (int e = 0; e < g.Rows; e++)
            for (int c = 0; c < g.Channels; c++)
                for (int oh = 0; oh < g.OutHeight; oh++)
                    for (int ow = 0; ow < g.OutWidth; ow++)
                    {
                        double acc = 0.0;
                        for (int kh = 0; kh < g.Kernel; kh++)
                            for (int kw = 0; kw < g.Kernel; kw++)
                            {
                                int h = oh * g.Stride - g.Padding + kh, w = ow * g.Stride - g.Padding + kw;
                                if (g.Inside(h, w))
                                    acc += x[g.In(e, c, h, w)];
                            }
                        y[g.Out(e, c, oh, ow)] = acc / (g.Kernel * g.Kernel);
                    }
        return y;
    }

    /// <summary>Gather form: each cell = start + Σ dy[o]/(K·K) over the windows covering it, in increasing (oh, ow).</summary>
    private static double[] NaiveAverageBackward(Geometry g, double[] dy, double[] start, bool accumulate)
    {
        var dx = new double[g.InputLength];
        for (int e = 0; e < g.Rows; e++)
            for (int c = 0; c < g.Channels; c++)
                for (int h = 0; h < g.Height; h++)
                    for (int w = 0; w < g.Width; w++)
                    {
                        double acc = accumulate ? start[g.In(e, c, h, w)] : 0.0;
                        for (int oh = 0; oh < g.OutHeight; oh++)
                            for (int ow = 0; ow < g.OutWidth; ow++)
                            {
                                int kh = h - (oh * g.Stride - g.Padding), kw = w - (ow * g.Stride - g.Padding);
                                if (kh >= 0 && kh < g.Kernel && kw >= 0 && kw < g.Kernel)
                                    acc += dy[g.Out(e, c, oh, ow)] / (g.Kernel * g.Kernel);
                            }
                        dx[g.In(e, c, h, w)] = acc;
                    }
        return dx;
    }
}
