using System;
using System.Collections.Generic;
using System.Globalization;

namespace Landscape.Tests.Kernels;

/// <summary>
/// One window geometry of the convolution and pooling tests: a block of <see cref="Rows"/> NCHW examples, a square
/// window, stride and padding, with the output size computed here from PyTorch's floor-mode formula (independently of
/// the kernels under test).
/// </summary>
internal readonly record struct Geometry(int Rows, int Channels, int Height, int Width, int Kernel, int Stride, int Padding)
{
    /// <summary>⌊(H + 2P − K)/S⌋ + 1.</summary>
    public int OutHeight => (Height + 2 * Padding - Kernel) / Stride + 1;

    /// <summary>⌊(W + 2P − K)/S⌋ + 1.</summary>
    public int OutWidth => (Width + 2 * Padding - Kernel) / Stride + 1;

    /// <summary>Values in the input block, rows·C·H·W.</summary>
    public int InputLength => Rows * Channels * Height * Width;

    /// <summary>Values in a pooled output block, rows·C·OH·OW.</summary>
    public int OutputLength => Rows * Channels * OutHeight * OutWidth;

    /// <summary>Rows of one example's patch matrix, C·K·K.</summary>
    public int PatchRows => Channels * Kernel * Kernel;

    /// <summary>Columns of one example's patch matrix, OH·OW.</summary>
    public int PatchColumns => OutHeight * OutWidth;

    /// <summary>Values in the patch block, rows·C·K·K·OH·OW.</summary>
    public int PatchLength => Rows * PatchRows * PatchColumns;

    /// <summary>Index of x[e, c, h, w] in the input block.</summary>
    public int In(int e, int c, int h, int w) => ((e * Channels + c) * Height + h) * Width + w;

    /// <summary>Index of y[e, c, oh, ow] in a pooled output block.</summary>
    public int Out(int e, int c, int oh, int ow) => ((e * Channels + c) * OutHeight + oh) * OutWidth + ow;

    /// <summary>Whether (h, w) is a real input cell (not padding).</summary>
    public bool Inside(int h, int w) => h >= 0 && h < Height && w >= 0 && w < Width;

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"rows={Rows} C={Channels} H={Height} W={Width} K={Kernel} S={Stride} P={Padding} → {OutHeight}×{OutWidth}");
}

/// <summary>Shapes, random data, guarded buffers and comparisons shared by the convolution and pooling tests.</summary>
internal static class SpatialTestData
{
    /// <summary>Elements on each side of every output span, filled with a sentinel and checked afterwards (overrun guard).</summary>
    public const int Guard = 16;

    /// <summary>A NaN with a recognisable payload in the guard cells: its bits must survive every call.</summary>
    public static readonly double Sentinel = BitConverter.Int64BitsToDouble(0x7FF8_0000_C0DE_0005);

    /// <summary>
    /// Convolution geometries: non-square inputs from 1×1 to 9×11, kernels 1, 3, 5, strides 1–3, padding 0–2,
    /// channels 1–4, one and three examples; every combination whose window fits the padded input.
    /// </summary>
    public static IEnumerable<Geometry> Convolutions()
    {
        (int H, int W)[] inputs = [(1, 1), (1, 4), (5, 7), (8, 6), (9, 11)];
        foreach ((int h, int w) in inputs)
        {
            foreach (int k in new[] { 1, 3, 5 })
            {
                foreach (int s in new[] { 1, 2, 3 })
                {
                    foreach (int p in new[] { 0, 1, 2 })
                    {
                        if (h + 2 * p < k || w + 2 * p < k)
                            continue;
                        // Channels cycle through 1–4 and rows through {1, 3} so every value of each meets every shape family.
                        int channels = 1 + (h + w + k + s + p) % 4;
                        int rows = (k + s + p) % 2 == 0 ? 1 : 3;
                        yield return new Geometry(rows, channels, h, w, k, s, p);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Pooling geometries: windows 1, 2, 3, 5, strides 1, 2, 3 and the window size (PyTorch's default), padding 0 to
    /// ⌊K/2⌋, non-square inputs up to 37 wide (so 8-lane interior runs occur at every stride) and one 150 wide (output
    /// rows longer than the kernels' 64-output chunks), channels 1–4, one and three examples.
    /// </summary>
    public static IEnumerable<Geometry> Poolings()
    {
        (int H, int W)[] inputs = [(1, 1), (2, 3), (5, 7), (6, 4), (9, 20), (7, 37), (3, 150)];
        foreach ((int h, int w) in inputs)
        {
            foreach (int k in new[] { 1, 2, 3, 5 })
            {
                foreach (int s in new[] { 1, 2, 3, k })
                {
                    for (int p = 0; p <= k / 2; p++)
                    {
                        if (h + 2 * p < k || w + 2 * p < k)
                            continue;
                        int channels = 1 + (h + w + k + s + p) % 4;
                        int rows = (k + s + p) % 2 == 0 ? 1 : 3;
                        yield return new Geometry(rows, channels, h, w, k, s, p);
                    }
                }
            }
        }
    }

    /// <summary>
    /// n values uniform in [−1, 1) times 2^e, e ∈ [−20, 20]: a wide magnitude range, so the order of additions shows
    /// in the last bits and a kernel that sums in a different order than documented fails a bit-for-bit comparison.
    /// </summary>
    public static double[] Wide(Random rng, int n)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++)
            x[i] = (rng.NextDouble() * 2 - 1) * Math.ScaleB(1.0, rng.Next(-20, 21));
        return x;
    }

    /// <summary>n small integers in [−8, 8]: every sum and product of a few of them is exact in binary64.</summary>
    public static double[] SmallIntegers(Random rng, int n)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++)
            x[i] = rng.Next(-8, 9);
        return x;
    }

    /// <summary>Overwrites about one value in <paramref name="every"/> with a special value (NaN, ±∞, ±0, a subnormal).</summary>
    public static void InjectSpecials(Random rng, double[] x, int every)
    {
        double[] specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, double.Epsilon, -double.MaxValue];
        for (int i = 0; i < x.Length; i++)
        {
            if (rng.Next(every) == 0)
                x[i] = specials[rng.Next(specials.Length)];
        }
    }

    /// <summary>An array of n + 2·<see cref="Guard"/> values: guards hold <see cref="Sentinel"/>, the inside holds <paramref name="inside"/> (or zeros).</summary>
    public static double[] Guarded(int n, double[]? inside = null)
    {
        var array = new double[n + 2 * Guard];
        array.AsSpan().Fill(Sentinel);
        if (inside is null)
            array.AsSpan(Guard, n).Clear();
        else
            inside.CopyTo(array, Guard);
        return array;
    }

    /// <summary>The inside of a guarded array.</summary>
    public static Span<double> Inside(double[] guarded) => guarded.AsSpan(Guard, guarded.Length - 2 * Guard);

    /// <summary>The inside of a guarded array, copied out.</summary>
    public static double[] InsideCopy(double[] guarded) => Inside(guarded).ToArray();

    /// <summary>Fails unless every guard cell still holds the sentinel's bits.</summary>
    public static void AssertGuardsIntact(double[] guarded, string context)
    {
        long sentinel = BitConverter.DoubleToInt64Bits(Sentinel);
        for (int i = 0; i < Guard; i++)
        {
            if (BitConverter.DoubleToInt64Bits(guarded[i]) != sentinel || BitConverter.DoubleToInt64Bits(guarded[^(i + 1)]) != sentinel)
                Assert.Fail($"{context}: a guard cell next to the span was written.");
        }
    }

    /// <summary>
    /// Bit-for-bit equality, except that any two NaNs are equal (NaN payloads of arithmetic results are not specified;
    /// copies are checked with <see cref="AssertExactBits"/>).
    /// </summary>
    public static void AssertSameBits(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (double.IsNaN(expected[i]) && double.IsNaN(actual[i]))
                continue;
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
            {
                Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                    $"{context}: [{i}] expected {expected[i]:R} got {actual[i]:R}"));
            }
        }
    }

    /// <summary>Bit-for-bit equality including NaN payloads (for kernels that only copy values).</summary>
    public static void AssertExactBits(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
            {
                Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                    $"{context}: [{i}] expected {expected[i]:R} (0x{BitConverter.DoubleToInt64Bits(expected[i]):X16}) got {actual[i]:R} (0x{BitConverter.DoubleToInt64Bits(actual[i]):X16})"));
            }
        }
    }

    /// <summary>
    /// ⟨a, b⟩ with error-free products (FMA) and a compensated (Neumaier) sum: accurate to about one rounding of the
    /// result plus n·u² of Σ|aᵢbᵢ|, so the comparison of two such dots sees only the kernels' own roundings.
    /// </summary>
    public static double AccurateDot(ReadOnlySpan<double> a, ReadOnlySpan<double> b, out double magnitude)
    {
        Assert.Equal(a.Length, b.Length);
        double sum = 0, compensation = 0;
        magnitude = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double product = a[i] * b[i];
            double productError = Math.FusedMultiplyAdd(a[i], b[i], -product);
            magnitude += Math.Abs(product);
            Add(product, ref sum, ref compensation);
            Add(productError, ref sum, ref compensation);
        }
        return sum + compensation;

        // Neumaier's step: sum + term rounded, its exact error kept in compensation.
        static void Add(double term, ref double sum, ref double compensation)
        {
            double t = sum + term;
            compensation += Math.Abs(sum) >= Math.Abs(term) ? (sum - t) + term : (term - t) + sum;
            sum = t;
        }
    }
}
