using System;
using System.Linq;
using Landscape.Kernels;

namespace Landscape.Tests.Kernels;

/// <summary>
/// The per-example convolution products (forward, input deltas with and without a second term, weight gradient) against
/// direct convolution loops written from the definition, on every geometry of <see cref="SpatialTestData.Convolutions"/>.
/// </summary>
public sealed class ConvolutionProductTests
{
    /// <summary>
    /// The kernels sum the same products as the loops in another order (GEMM blocking and FMA vs the loops' plain
    /// multiply-add over (c, kh, kw)): a few ulps of the largest partial sum, far below this bound for sums of ≤ 10³ terms.
    /// </summary>
    private const double Tolerance = 1e-13;

    private const int OutChannels = 3;

    public static TheoryData<int> Cases => new(Enumerable.Range(0, SpatialTestData.Convolutions().Count()));

    private static Geometry Case(int index) => SpatialTestData.Convolutions().ElementAt(index);

    private static double[] Random(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => 2 * rng.NextDouble() - 1).ToArray();
    }

    /// <summary>x[e, c, oh·S − P + kh, ow·S − P + kw], or 0 in the padding.</summary>
    private static double Cell(Geometry g, double[] x, int e, int c, int oh, int ow, int kh, int kw)
    {
        int h = oh * g.Stride - g.Padding + kh, w = ow * g.Stride - g.Padding + kw;
        return h < 0 || h >= g.Height || w < 0 || w >= g.Width ? 0 : x[g.In(e, c, h, w)];
    }

    /// <summary>Z[e, o, oh, ow] = Σ_{c, kh, kw} W[o, c, kh, kw] x[e, c, oh·S − P + kh, ow·S − P + kw].</summary>
    private static double[] DirectForward(Geometry g, double[] weight, double[] x)
    {
        int l = g.OutHeight * g.OutWidth;
        var z = new double[g.Rows * OutChannels * l];
        for (int e = 0; e < g.Rows; e++)
            for (int o = 0; o < OutChannels; o++)
                for (int oh = 0; oh < g.OutHeight; oh++)
                    for (int ow = 0; ow < g.OutWidth; ow++)
                    {
                        double sum = 0;
                        for (int c = 0; c < g.Channels; c++)
                            for (int kh = 0; kh < g.Kernel; kh++)
                                for (int kw = 0; kw < g.Kernel; kw++)
                                    sum += weight[((o * g.Channels + c) * g.Kernel + kh) * g.Kernel + kw] * Cell(g, x, e, c, oh, ow, kh, kw);
                        z[((e * OutChannels + o) * g.OutHeight + oh) * g.OutWidth + ow] = sum;
                    }
        return z;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_IsTheDirectConvolution_AndAccumulates(int index)
    {
        Geometry g = Case(index);
        double[] weight = Random(OutChannels * g.PatchRows, 1), x = Random(g.InputLength, 2);
        double[] expected = DirectForward(g, weight, x);
        var output = new double[expected.Length];
        var scratch = new double[g.PatchRows * g.PatchColumns];
        Convolution.Forward(weight, x, scratch, output, g.Rows, g.Channels, g.Height, g.Width, OutChannels, g.Kernel, g.Stride, g.Padding);
        Assert.InRange(MaxRelative(output, expected), 0, Tolerance);
        Convolution.Forward(weight, x, scratch, output, g.Rows, g.Channels, g.Height, g.Width, OutChannels, g.Kernel, g.Stride, g.Padding, accumulate: true);
        Assert.InRange(MaxRelative(output, expected.Select(v => 2 * v).ToArray()), 0, Tolerance);
    }

    /// <summary>⟨Z(x), G⟩ = ⟨x, InputDeltas(G)⟩ and ⟨G, Z(x)⟩ = ⟨W, WeightGradient(G, x)⟩: both kernels are the adjoints of the forward map.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void InputDeltasAndWeightGradient_AreTheForwardMapsAdjoints(int index)
    {
        Geometry g = Case(index);
        double[] weight = Random(OutChannels * g.PatchRows, 3), x = Random(g.InputLength, 4);
        double[] z = DirectForward(g, weight, x), deltas = Random(z.Length, 5);
        var scratch = new double[g.PatchRows * g.PatchColumns];

        var inputDeltas = new double[x.Length];
        Convolution.InputDeltas(weight, deltas, default, default, scratch, inputDeltas, g.Rows, g.Channels, g.Height, g.Width, OutChannels, g.Kernel, g.Stride, g.Padding);
        Assert.InRange(Math.Abs(Dot(z, deltas) - Dot(x, inputDeltas)) / Math.Max(1, Math.Abs(Dot(z, deltas))), 0, Tolerance * 10);

        var gradient = new double[weight.Length];
        Convolution.WeightGradient(deltas, x, scratch, gradient, g.Rows, g.Channels, g.Height, g.Width, OutChannels, g.Kernel, g.Stride, g.Padding);
        Assert.InRange(Math.Abs(Dot(z, deltas) - Dot(weight, gradient)) / Math.Max(1, Math.Abs(Dot(z, deltas))), 0, Tolerance * 10);

        // Per element: ∇W[o, q] = Σ_e Σ_l G[e, o, l] P_e[q, l], and the input deltas are the direct scatter.
        var expectedGradient = new double[weight.Length];
        var expectedInput = new double[x.Length];
        for (int e = 0; e < g.Rows; e++)
            for (int o = 0; o < OutChannels; o++)
                for (int oh = 0; oh < g.OutHeight; oh++)
                    for (int ow = 0; ow < g.OutWidth; ow++)
                    {
                        double d = deltas[((e * OutChannels + o) * g.OutHeight + oh) * g.OutWidth + ow];
                        for (int c = 0; c < g.Channels; c++)
                            for (int kh = 0; kh < g.Kernel; kh++)
                                for (int kw = 0; kw < g.Kernel; kw++)
                                {
                                    int q = (c * g.Kernel + kh) * g.Kernel + kw;
                                    expectedGradient[o * g.PatchRows + q] += d * Cell(g, x, e, c, oh, ow, kh, kw);
                                    int h = oh * g.Stride - g.Padding + kh, w = ow * g.Stride - g.Padding + kw;
                                    if (h >= 0 && h < g.Height && w >= 0 && w < g.Width) expectedInput[g.In(e, c, h, w)] += weight[o * g.PatchRows + q] * d;
                                }
                    }
        Assert.InRange(MaxRelative(gradient, expectedGradient), 0, Tolerance);
        Assert.InRange(MaxRelative(inputDeltas, expectedInput), 0, Tolerance);

        // A second pair adds Vᵀ H; accumulate adds to what is there.
        double[] direction = Random(weight.Length, 6), second = Random(z.Length, 7);
        var both = new double[x.Length];
        Convolution.InputDeltas(weight, deltas, direction, second, scratch, both, g.Rows, g.Channels, g.Height, g.Width, OutChannels, g.Kernel, g.Stride, g.Padding);
        var alone = new double[x.Length];
        Convolution.InputDeltas(direction, second, default, default, scratch, alone, g.Rows, g.Channels, g.Height, g.Width, OutChannels, g.Kernel, g.Stride, g.Padding);
        Assert.InRange(MaxRelative(both, inputDeltas.Zip(alone, (a, b) => a + b).ToArray()), 0, Tolerance * 10);
        double[] accumulated = (double[])inputDeltas.Clone();
        Convolution.InputDeltas(direction, second, default, default, scratch, accumulated, g.Rows, g.Channels, g.Height, g.Width, OutChannels, g.Kernel, g.Stride, g.Padding, accumulate: true);
        Assert.InRange(MaxRelative(accumulated, inputDeltas.Zip(alone, (a, b) => a + b).ToArray()), 0, Tolerance * 10);
    }

    /// <summary>
    /// ForwardWithR gives the bits of its three Forward calls (W x → Z; W R x → R Z; V x added to R Z), with and without an
    /// R-input, on every geometry (3 output channels: the unpacked GEMM path) and on LeNet-5's two convolutions (6 and 16
    /// output channels: conv1 takes the packed path, where P is packed once for W and V).
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardWithR_IsTheThreeForwardCalls_BitForBit(int index)
    {
        Geometry g = Case(index);
        AssertForwardWithR(g, OutChannels);
        if (index == 0)
        {
            AssertForwardWithR(new Geometry(3, 1, 28, 28, 5, 1, 2), 6);
            AssertForwardWithR(new Geometry(3, 6, 14, 14, 5, 1, 0), 16);
            AssertForwardWithR(new Geometry(2, 2, 5, 6, 1, 1, 0), 7); // P_e is x_e itself
        }
    }

    private static void AssertForwardWithR(Geometry g, int outChannels)
    {
        int seed = (((g.Rows * 10 + g.Channels) * 32 + g.Height) * 32 + g.Width) * 64 + (g.Kernel * 4 + g.Stride) * 4 + g.Padding;
        double[] weight = Random(outChannels * g.PatchRows, seed), direction = Random(weight.Length, seed + 1);
        double[] x = Random(g.InputLength, seed + 2), rx = Random(g.InputLength, seed + 3);
        int length = g.Rows * outChannels * g.PatchColumns;
        var scratch = new double[g.PatchRows * g.PatchColumns];
        foreach (bool hasR in new[] { false, true })
        {
            var z = new double[length];
            var rz = new double[length];
            Convolution.Forward(weight, x, scratch, z, g.Rows, g.Channels, g.Height, g.Width, outChannels, g.Kernel, g.Stride, g.Padding);
            if (hasR) Convolution.Forward(weight, rx, scratch, rz, g.Rows, g.Channels, g.Height, g.Width, outChannels, g.Kernel, g.Stride, g.Padding);
            Convolution.Forward(direction, x, scratch, rz, g.Rows, g.Channels, g.Height, g.Width, outChannels, g.Kernel, g.Stride, g.Padding, accumulate: hasR);

            // Garbage in the outputs: both are overwritten (R Z before its V term is added).
            double[] fusedZ = Enumerable.Repeat(double.NaN, length).ToArray(), fusedRz = Enumerable.Repeat(double.NaN, length).ToArray();
            Convolution.ForwardWithR(weight, direction, x, hasR ? rx : default, scratch, fusedZ, fusedRz, g.Rows, g.Channels, g.Height, g.Width, outChannels, g.Kernel, g.Stride, g.Padding);
            Assert.Equal(z.Select(BitConverter.DoubleToInt64Bits), fusedZ.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(rz.Select(BitConverter.DoubleToInt64Bits), fusedRz.Select(BitConverter.DoubleToInt64Bits));
        }
        Assert.Throws<ArgumentException>(() => Convolution.ForwardWithR(weight, direction.AsSpan(1), x, default, scratch, new double[length], new double[length], g.Rows, g.Channels, g.Height, g.Width, outChannels, g.Kernel, g.Stride, g.Padding));
        Assert.Throws<ArgumentException>(() => Convolution.ForwardWithR(weight, direction, x, new double[g.InputLength + 1], scratch, new double[length], new double[length], g.Rows, g.Channels, g.Height, g.Width, outChannels, g.Kernel, g.Stride, g.Padding));
        if (length > 0)
            Assert.Throws<ArgumentException>(() => Convolution.ForwardWithR(weight, direction, x, default, scratch, new double[length], new double[length - 1], g.Rows, g.Channels, g.Height, g.Width, outChannels, g.Kernel, g.Stride, g.Padding));
    }

    [Fact]
    public void APointwiseUnstridedUnpaddedKernel_NeedsNoScratch_AndWrongLengthsAreRefused()
    {
        var g = new Geometry(2, 3, 4, 5, 1, 1, 0);
        double[] weight = Random(OutChannels * 3, 8), x = Random(g.InputLength, 9);
        var output = new double[2 * OutChannels * 20];
        Convolution.Forward(weight, x, default, output, 2, 3, 4, 5, OutChannels, 1, 1, 0);
        Assert.InRange(MaxRelative(output, DirectForward(g, weight, x)), 0, Tolerance);
        var strided = new Geometry(2, 3, 4, 5, 3, 2, 1);
        Assert.Throws<ArgumentException>(() => Convolution.Forward(Random(OutChannels * 27, 1), Random(strided.InputLength, 2), new double[3], new double[2 * OutChannels * strided.PatchColumns], 2, 3, 4, 5, OutChannels, 3, 2, 1));
        Assert.Throws<ArgumentException>(() => Convolution.Forward(weight, x, default, new double[5], 2, 3, 4, 5, OutChannels, 1, 1, 0));
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    private static double MaxRelative(double[] actual, double[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(1e-300, expected.Max(Math.Abs));
        return actual.Zip(expected, (a, e) => Math.Abs(a - e)).DefaultIfEmpty(0).Max() / scale;
    }
}
