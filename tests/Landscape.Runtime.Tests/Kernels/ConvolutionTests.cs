using System;
using System.Linq;
using Landscape.Kernels;
using static Landscape.Tests.Kernels.SpatialTestData;

namespace Landscape.Tests.Kernels;

/// <summary>
/// Im2Col, Col2Im and the channel-bias helpers against naive loops written from the definitions, and a convolution
/// computed through them and the GEMM against the direct seven-deep loop. Comparisons are bit for bit: Im2Col only
/// copies, Col2Im and the sums add in their documented order, and the GEMM's fused multiply-add chain over
/// q = (c, kh, kw) is exactly what the direct loop computes when it multiplies padding cells as zeros.
/// </summary>
public sealed class ConvolutionTests
{
    /// <summary>Seed of every random block in these tests.</summary>
    private const int Seed = 20250312;

    /// <summary>
    /// Relative tolerance of the adjoint identity on wide-range data, against Σ|terms|: Col2Im adds at most K² = 25
    /// deltas per cell (error ≤ 24u ≈ 2.7e−15 of the terms) and both inner products are compensated (≈ u), so 1e−13
    /// leaves a margin of about 30 while a wrong index or a missing term shows up at order 1e−6 or worse.
    /// </summary>
    private const double AdjointTolerance = 1e-13;

    /// <summary>Inside values of output buffers before a call: every position must be overwritten (or accumulated onto).</summary>
    private const double Garbage = 12345.678;

    /// <summary>
    /// Every path: element loops (Scalar), and stride-1 runs copied or added with 256- or 512-bit lanes (portable code
    /// where the CPU lacks the width), and Auto.
    /// </summary>
    public static TheoryData<string> Paths => new("Scalar", "Vector256", "Vector512", "Auto");

    [Theory]
    [MemberData(nameof(Paths))]
    public void Im2Col_CopiesTheDefinitionBitForBit(string path)
    {
        SimdWidth simd = Enum.Parse<SimdWidth>(path);
        var rng = new Random(Seed);
        foreach (Geometry g in Convolutions())
        {
            double[] x = Wide(rng, g.InputLength);
            InjectSpecials(rng, x, every: 7);
            if (x.Length > 0)
                x[rng.Next(x.Length)] = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_1234); // a NaN payload must be copied too
            double[] patches = Guarded(g.PatchLength, Enumerable.Repeat(Garbage, g.PatchLength).ToArray());

            Convolution.Im2Col(x, Inside(patches), g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding, simd);

            AssertExactBits(NaiveIm2Col(g, x), Inside(patches), $"{path} {g}");
            AssertGuardsIntact(patches, $"{path} {g}");
        }
    }

    /// <summary>
    /// Rows longer than the small geometries' (LeNet-5's 28-wide padded conv0 and 14-wide conv1, a 9-wide stride-1 run
    /// and a strided one): the 256-bit stride-1 path copies whole blocks and ends each run with a block aligned to its end.
    /// </summary>
    [Theory]
    [MemberData(nameof(Paths))]
    public void Im2Col_CopiesLongRowsBitForBit(string path)
    {
        SimdWidth simd = Enum.Parse<SimdWidth>(path);
        var rng = new Random(Seed + 1);
        Geometry[] geometries = [new(2, 1, 28, 28, 5, 1, 2), new(2, 6, 14, 14, 5, 1, 0), new(1, 2, 11, 13, 5, 1, 1), new(1, 2, 12, 29, 3, 2, 1)];
        foreach (Geometry g in geometries)
        {
            double[] x = Wide(rng, g.InputLength);
            InjectSpecials(rng, x, every: 7);
            double[] patches = Guarded(g.PatchLength, Enumerable.Repeat(Garbage, g.PatchLength).ToArray());
            Convolution.Im2Col(x, Inside(patches), g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding, simd);
            AssertExactBits(NaiveIm2Col(g, x), Inside(patches), $"{path} {g}");
            AssertGuardsIntact(patches, $"{path} {g}");
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Col2Im_AddsInTheDocumentedOrderBitForBit(string path)
    {
        SimdWidth simd = Enum.Parse<SimdWidth>(path);
        var rng = new Random(Seed + 1);
        foreach (Geometry g in Convolutions())
        {
            foreach (bool accumulate in new[] { false, true })
            {
                double[] patches = Wide(rng, g.PatchLength);
                InjectSpecials(rng, patches, every: 13);
                double[] start = accumulate ? Wide(rng, g.InputLength) : Enumerable.Repeat(Garbage, g.InputLength).ToArray();
                double[] input = Guarded(g.InputLength, start);

                Convolution.Col2Im(patches, Inside(input), g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding, accumulate, simd);

                AssertSameBits(NaiveCol2Im(g, patches, start, accumulate), Inside(input), $"{path} {g} accumulate={accumulate}");
                AssertGuardsIntact(input, $"{path} {g}");
            }
        }
    }

    /// <summary>On small integers every sum is exact, so ⟨Im2Col(x), Y⟩ = ⟨x, Col2Im(Y)⟩ holds exactly.</summary>
    [Fact]
    public void Im2Col_And_Col2Im_AreAdjoint_Exactly_OnSmallIntegers()
    {
        var rng = new Random(Seed + 2);
        foreach (Geometry g in Convolutions())
        {
            double[] x = SmallIntegers(rng, g.InputLength);
            double[] y = SmallIntegers(rng, g.PatchLength);
            var patches = new double[g.PatchLength];
            var back = new double[g.InputLength];
            Convolution.Im2Col(x, patches, g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding);
            Convolution.Col2Im(y, back, g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding);
            Assert.Equal(AccurateDot(patches, y, out _), AccurateDot(x, back, out _));
        }
    }

    [Fact]
    public void Im2Col_And_Col2Im_AreAdjoint_OnWideData()
    {
        var rng = new Random(Seed + 3);
        foreach (Geometry g in Convolutions())
        {
            double[] x = Wide(rng, g.InputLength);
            double[] y = Wide(rng, g.PatchLength);
            var patches = new double[g.PatchLength];
            var back = new double[g.InputLength];
            Convolution.Im2Col(x, patches, g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding);
            Convolution.Col2Im(y, back, g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding);
            double left = AccurateDot(patches, y, out double magnitude);
            double right = AccurateDot(x, back, out _);
            Assert.True(Math.Abs(left - right) <= AdjointTolerance * magnitude, $"{g}: {left:R} vs {right:R} (Σ|terms| = {magnitude:R})");
        }
    }

    /// <summary>
    /// Forward (Z_e = W·P_e by Gemm.NN), input deltas (Col2Im of Wᵀ·G_e by Gemm.TN) and weight gradient (Σ_e G_e·P_eᵀ
    /// by Gemm.NT, accumulating example by example) equal the direct loops bit for bit.
    /// </summary>
    [Fact]
    public void Im2ColThenGemm_EqualsDirectConvolution_BitForBit()
    {
        var rng = new Random(Seed + 4);
        int index = 0;
        foreach (Geometry g in Convolutions())
        {
            int outChannels = 1 + index++ % 3;
            int q = g.PatchRows, l = g.PatchColumns;
            double[] x = Wide(rng, g.InputLength);
            double[] weights = Wide(rng, outChannels * q);
            double[] deltas = Wide(rng, g.Rows * outChannels * l);

            var patches = new double[g.PatchLength];
            Convolution.Im2Col(x, patches, g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding);

            var z = new double[g.Rows * outChannels * l];
            var patchDeltas = new double[g.PatchLength];
            var weightGradient = new double[outChannels * q];
            for (int e = 0; e < g.Rows; e++)
            {
                ReadOnlySpan<double> pe = patches.AsSpan(e * q * l, q * l);
                ReadOnlySpan<double> ge = deltas.AsSpan(e * outChannels * l, outChannels * l);
                Gemm.NN(outChannels, l, q, weights, q, pe, l, z.AsSpan(e * outChannels * l, outChannels * l), l);
                Gemm.TN(q, l, outChannels, weights, q, ge, l, patchDeltas.AsSpan(e * q * l, q * l), l);
                Gemm.NT(outChannels, q, l, ge, l, pe, l, weightGradient, q, accumulate: true);
            }
            var inputDeltas = new double[g.InputLength];
            Convolution.Col2Im(patchDeltas, inputDeltas, g.Rows, g.Channels, g.Height, g.Width, g.Kernel, g.Stride, g.Padding);

            AssertSameBits(DirectConvolution(g, outChannels, weights, x), z, $"forward {g} O={outChannels}");
            AssertSameBits(DirectInputDeltas(g, outChannels, weights, deltas), inputDeltas, $"input deltas {g} O={outChannels}");
            AssertSameBits(DirectWeightGradient(g, outChannels, deltas, x), weightGradient, $"weight gradient {g} O={outChannels}");
        }
    }

    /// <summary>A 1×1, stride-1, unpadded convolution's patch matrix is the input itself (the documented shortcut).</summary>
    [Fact]
    public void PointwiseConvolution_PatchesAreTheInput()
    {
        var rng = new Random(Seed + 5);
        var g = new Geometry(3, 4, 5, 7, 1, 1, 0);
        double[] x = Wide(rng, g.InputLength);
        var patches = new double[g.PatchLength];
        Convolution.Im2Col(x, patches, g.Rows, g.Channels, g.Height, g.Width, 1, 1, 0);
        AssertExactBits(x, patches, "1×1");
    }

    [Fact]
    public void ChannelBias_AddsPerChannelAndSumsInExampleThenPositionOrder()
    {
        var rng = new Random(Seed + 6);
        foreach ((int rows, int channels, int spatial) in new[] { (1, 1, 1), (3, 5, 7), (2, 4, 16), (4, 9, 3), (0, 3, 5), (5, 13, 49) })
        {
            int n = rows * channels * spatial;
            double[] values = Wide(rng, n);
            InjectSpecials(rng, values, every: 17);
            double[] bias = Wide(rng, channels);

            double[] shifted = Guarded(n, values);
            Convolution.AddChannelBias(Inside(shifted), bias, rows, channels, spatial);
            var expectedShifted = (double[])values.Clone();
            for (int i = 0; i < n; i++)
                expectedShifted[i] += bias[i / spatial % channels];
            AssertSameBits(expectedShifted, Inside(shifted), $"AddChannelBias {rows}×{channels}×{spatial}");
            AssertGuardsIntact(shifted, "AddChannelBias");

            foreach (bool accumulate in new[] { false, true })
            {
                double[] start = accumulate ? Wide(rng, channels) : Enumerable.Repeat(Garbage, channels).ToArray();
                double[] sums = Guarded(channels, start);
                Convolution.ChannelSums(values, Inside(sums), rows, channels, spatial, accumulate);
                var expected = new double[channels];
                for (int c = 0; c < channels; c++)
                {
                    double acc = accumulate ? start[c] : 0.0;
                    for (int e = 0; e < rows; e++)
                    {
                        for (int s = 0; s < spatial; s++)
                            acc += values[(e * channels + c) * spatial + s];
                    }
                    expected[c] = acc;
                }
                AssertSameBits(expected, Inside(sums), $"ChannelSums {rows}×{channels}×{spatial} accumulate={accumulate}");
                AssertGuardsIntact(sums, "ChannelSums");
            }
        }

        // 1 + 2⁻⁵³ + 2⁻⁵³ + … added one at a time stays 1; any pairwise or reordered sum would exceed 1.
        const int Rows = 3, Channels = 6, Spatial = 40;
        var tiny = new double[Rows * Channels * Spatial];
        Array.Fill(tiny, Math.ScaleB(1.0, -53));
        for (int c = 0; c < Channels; c++)
            tiny[c * Spatial] = 1.0;
        var totals = new double[Channels];
        Convolution.ChannelSums(tiny, totals, Rows, Channels, Spatial);
        Assert.All(totals, t => Assert.Equal(1.0, t));
    }

    [Fact]
    public void EmptyBlock_IsANoOpAndClearsNothingElse()
    {
        Convolution.Im2Col([], [], 0, 3, 5, 5, 3, 1, 1);
        Convolution.Col2Im([], [], 0, 3, 5, 5, 3, 1, 1);
        Convolution.Col2Im([], [], 0, 3, 5, 5, 3, 1, 1, accumulate: true);
        var sums = new double[] { 1, 2 };
        Convolution.ChannelSums([], sums, 0, 2, 4, accumulate: true);
        Assert.Equal(new double[] { 1, 2 }, sums);
        Convolution.ChannelSums([], sums, 0, 2, 4);
        Assert.Equal(new double[] { 0, 0 }, sums);
    }

    [Fact]
    public void OutputSize_IsPyTorchsFloorFormula()
    {
        Assert.Equal(28, Convolution.OutputSize(28, 5, 1, 2));
        Assert.Equal(10, Convolution.OutputSize(14, 5, 1, 0));
        Assert.Equal(14, Convolution.OutputSize(28, 3, 2, 1));
        Assert.Equal(3, Convolution.OutputSize(7, 3, 3, 1));   // ⌊(7 + 2 − 3)/3⌋ + 1 = 3
        Assert.Equal(1, Convolution.OutputSize(1, 3, 2, 1));
        Assert.Equal(5, Convolution.OutputSize(1, 1, 1, 2));   // all-padding positions are allowed for convolution
        Assert.Equal("size", Assert.Throws<ArgumentOutOfRangeException>(() => Convolution.OutputSize(0, 1, 1, 0)).ParamName);
        Assert.Equal("kernel", Assert.Throws<ArgumentOutOfRangeException>(() => Convolution.OutputSize(2, 5, 1, 1)).ParamName);
        Assert.Equal("stride", Assert.Throws<ArgumentOutOfRangeException>(() => Convolution.OutputSize(5, 3, 0, 0)).ParamName);
        Assert.Equal("padding", Assert.Throws<ArgumentOutOfRangeException>(() => Convolution.OutputSize(5, 3, 1, -1)).ParamName);
    }

    [Fact]
    public void InvalidArgumentsThrow()
    {
        // 2 examples of 2×4×5, K = 3, S = 2, P = 1: OH = 2, OW = 3, Q = 18, patches 2·18·6 = 216.
        var x = new double[80];
        var patches = new double[216];
        Convolution.Im2Col(x, patches, 2, 2, 4, 5, 3, 2, 1);
        Convolution.Col2Im(patches, x, 2, 2, 4, 5, 3, 2, 1);

        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => Convolution.Im2Col(x, patches, -1, 2, 4, 5, 3, 2, 1)).ParamName);
        Assert.Equal("channels", Assert.Throws<ArgumentOutOfRangeException>(() => Convolution.Im2Col(x, patches, 2, 0, 4, 5, 3, 2, 1)).ParamName);
        Assert.Equal("height", Assert.Throws<ArgumentOutOfRangeException>(() => Convolution.Col2Im(patches, x, 2, 2, 0, 5, 3, 2, 1)).ParamName);
        Assert.Equal("kernel", Assert.Throws<ArgumentOutOfRangeException>(() => Convolution.Im2Col(x, patches, 2, 2, 4, 5, 7, 2, 1)).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => Convolution.Im2Col(x.AsSpan(1), patches, 2, 2, 4, 5, 3, 2, 1)).ParamName);
        Assert.Equal("patches", Assert.Throws<ArgumentException>(() => Convolution.Im2Col(x, patches.AsSpan(1), 2, 2, 4, 5, 3, 2, 1)).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => Convolution.Col2Im(patches, x.AsSpan(1), 2, 2, 4, 5, 3, 2, 1)).ParamName);
        var shared = new double[400];
        Assert.Equal("patches", Assert.Throws<ArgumentException>(() => Convolution.Im2Col(shared.AsSpan(0, 80), shared.AsSpan(79, 216), 2, 2, 4, 5, 3, 2, 1)).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => Convolution.Col2Im(shared.AsSpan(0, 216), shared.AsSpan(200, 80), 2, 2, 4, 5, 3, 2, 1)).ParamName);
        Convolution.Im2Col(shared.AsSpan(0, 80), shared.AsSpan(80, 216), 2, 2, 4, 5, 3, 2, 1); // adjacent is fine

        Assert.Equal("bias", Assert.Throws<ArgumentException>(() => Convolution.AddChannelBias(new double[24], new double[3], 2, 4, 3)).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => Convolution.AddChannelBias(new double[23], new double[4], 2, 4, 3)).ParamName);
        Assert.Equal("sums", Assert.Throws<ArgumentException>(() => Convolution.ChannelSums(new double[24], new double[5], 2, 4, 3)).ParamName);
        Assert.Equal("spatial", Assert.Throws<ArgumentOutOfRangeException>(() => Convolution.ChannelSums(new double[24], new double[4], 2, 4, 0)).ParamName);
    }

    /// <summary>P_e[(c·K + kh)·K + kw, oh·OW + ow] = x[e, c, oh·S − P + kh, ow·S − P + kw], or +0.0 in the padding.</summary>
    private static double[] NaiveIm2Col(Geometry g, double[] x)
    {
        var p = new double[g.PatchLength];
        int i = 0;
        for (int e = 0; e < g.Rows; e++)
            for (int c = 0; c < g.Channels; c++)
                for (int kh = 0; kh < g.Kernel; kh++)
                    for (int kw = 0; kw < g.Kernel; kw++)
                        for (int oh = 0; oh < g.OutHeight; oh++)
                            for (int ow = 0; ow < g.OutWidth; ow++)
                            {
                                int h = oh * g.Stride - g.Padding + kh, w = ow * g.Stride - g.Padding + kw;
                                p[i++] = g.Inside(h, w) ? x[g.In(e, c, h, w)] : 0.0;
                            }
        return p;
    }

    /// <summary>
    /// The gather form of the documented Col2Im: each cell (h, w) starts at start (or +0.0) and adds, for (kh, kw) in
    /// increasing order, the patch entry whose window position (oh, ow) put that cell there, if any.
    /// </summary>
    private static double[] NaiveCol2Im(Geometry g, double[] patches, double[] start, bool accumulate)
    {
        int q = g.PatchRows, l = g.PatchColumns;
        var x = new double[g.InputLength];
        for (int e = 0; e < g.Rows; e++)
            for (int c = 0; c < g.Channels; c++)
                for (int h = 0; h < g.Height; h++)
                    for (int w = 0; w < g.Width; w++)
                    {
                        double acc = accumulate ? start[g.In(e, c, h, w)] : 0.0;
                        for (int kh = 0; kh < g.Kernel; kh++)
                            for (int kw = 0; kw < g.Kernel; kw++)
                            {
                                if (!WindowPosition(g, h, kh, g.OutHeight, out int oh) || !WindowPosition(g, w, kw, g.OutWidth, out int ow))
                                    continue;
                                acc += patches[e * q * l + ((c * g.Kernel + kh) * g.Kernel + kw) * l + oh * g.OutWidth + ow];
                            }
                        x[g.In(e, c, h, w)] = acc;
                    }
        return x;
    }

    /// <summary>The output position o with o·S − P + offset = cell, if it exists and is inside [0, outputs).</summary>
    private static bool WindowPosition(Geometry g, int cell, int offset, int outputs, out int o)
    {
        int scaled = cell + g.Padding - offset;
        o = scaled / g.Stride;
        return scaled >= 0 && scaled % g.Stride == 0 && o < outputs;
    }

    /// <summary>z[e, o, oh, ow] = Σ_{c, kh, kw} W[o, c, kh, kw]·x[e, c, ih, iw]: one FMA chain in (c, kh, kw) order, padding as 0.</summary>
    private static double[] DirectConvolution(Geometry g, int outChannels, double[] weights, double[] x)
    {
        var z = new double[g.Rows * outChannels * g.PatchColumns];
        int i = 0;
        for (int e = 0; e < g.Rows; e++)
            for (int o = 0; o < outChannels; o++)
                for (int oh = 0; oh < g.OutHeight; oh++)
                    for (int ow = 0; ow < g.OutWidth; ow++)
                    {
                        double acc = 0.0;
                        for (int c = 0; c < g.Channels; c++)
                            for (int kh = 0; kh < g.Kernel; kh++)
                                for (int kw = 0; kw < g.Kernel; kw++)
                                {
                                    int h = oh * g.Stride - g.Padding + kh, w = ow * g.Stride - g.Padding + kw;
                                    double xv = g.Inside(h, w) ? x[g.In(e, c, h, w)] : 0.0;
                                    acc = Math.FusedMultiplyAdd(weights[o * g.PatchRows + (c * g.Kernel + kh) * g.Kernel + kw], xv, acc);
                                }
                        z[i++] = acc;
                    }
        return z;
    }

    /// <summary>
    /// ∂L/∂x[e, c, h, w] = Σ_{kh, kw} Σ_o W[o, c, kh, kw]·G[e, o, oh, ow] over the windows that read the cell: the inner sum
    /// an FMA chain over o, the outer sum in increasing (kh, kw) order from +0.0.
    /// </summary>
    private static double[] DirectInputDeltas(Geometry g, int outChannels, double[] weights, double[] deltas)
    {
        int l = g.PatchColumns;
        var dx = new double[g.InputLength];
        for (int e = 0; e < g.Rows; e++)
            for (int c = 0; c < g.Channels; c++)
                for (int h = 0; h < g.Height; h++)
                    for (int w = 0; w < g.Width; w++)
                    {
                        double acc = 0.0;
                        for (int kh = 0; kh < g.Kernel; kh++)
                            for (int kw = 0; kw < g.Kernel; kw++)
                            {
                                if (!WindowPosition(g, h, kh, g.OutHeight, out int oh) || !WindowPosition(g, w, kw, g.OutWidth, out int ow))
                                    continue;
                                double t = 0.0;
                                for (int o = 0; o < outChannels; o++)
                                    t = Math.FusedMultiplyAdd(weights[o * g.PatchRows + (c * g.Kernel + kh) * g.Kernel + kw], deltas[(e * outChannels + o) * l + oh * g.OutWidth + ow], t);
                                acc += t;
                            }
                        dx[g.In(e, c, h, w)] = acc;
                    }
        return dx;
    }

    /// <summary>∂L/∂W[o, c, kh, kw] = Σ_{e, oh, ow} G[e, o, oh, ow]·x[e, c, ih, iw]: one FMA chain in (e, oh, ow) order, padding as 0.</summary>
    private static double[] DirectWeightGradient(Geometry g, int outChannels, double[] deltas, double[] x)
    {
        int l = g.PatchColumns;
        var gw = new double[outChannels * g.PatchRows];
        for (int o = 0; o < outChannels; o++)
            for (int c = 0; c < g.Channels; c++)
                for (int kh = 0; kh < g.Kernel; kh++)
                    for (int kw = 0; kw < g.Kernel; kw++)
                    {
                        double acc = 0.0;
                        for (int e = 0; e < g.Rows; e++)
                            for (int oh = 0; oh < g.OutHeight; oh++)
                                for (int ow = 0; ow < g.OutWidth; ow++)
                                {
                                    int h = oh * g.Stride - g.Padding + kh, w = ow * g.Stride - g.Padding + kw;
                                    double xv = g.Inside(h, w) ? x[g.In(e, c, h, w)] : 0.0;
                                    acc = Math.FusedMultiplyAdd(deltas[(e * outChannels + o) * l + oh * g.OutWidth + ow], xv, acc);
                                }
                        gw[o * g.PatchRows + (c * g.Kernel + kh) * g.Kernel + kw] = acc;
                    }
        return gw;
    }
}
