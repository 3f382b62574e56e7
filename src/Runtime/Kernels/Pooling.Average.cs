using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Landscape.Kernels;

public static partial class Pooling
{
    /// <summary>
    /// Average pooling with the padded zeros counted (PyTorch's <c>count_include_pad = true</c>): each output is
    /// <c>(+0.0 + x₁ + x₂ + …) / (K·K)</c>, the window's real cells added left to right in row-major window order and
    /// the sum divided (one rounding) by K·K even where the window overlaps the padding. Padding cells are skipped,
    /// which is the same as adding their zeros.
    /// </summary>
    /// <remarks>
    /// NaN and infinities propagate as IEEE 754 addition does (a NaN, or +∞ and −∞ together, in a window gives NaN); a
    /// sum of large finite values can overflow to ±∞. The interior windows run on 512- or 256-bit vectors across
    /// neighbouring outputs, each lane doing the same additions in the same order, so every width gives the same bits.
    /// </remarks>
    /// <param name="input">The block, rows × C·H·W values (exactly that many).</param>
    /// <param name="output">Receives rows × C·OH·OW averages (exactly that many); must not overlap <paramref name="input"/>.</param>
    /// <param name="rows">Examples in the block (≥ 0).</param>
    /// <param name="channels">Channels C (≥ 1).</param>
    /// <param name="height">Input height H (≥ 1).</param>
    /// <param name="width">Input width W (≥ 1).</param>
    /// <param name="size">Window side K (≥ 1, at most H + 2P and W + 2P).</param>
    /// <param name="stride">Stride S (≥ 1; PyTorch's default is K).</param>
    /// <param name="padding">Zero padding P on every side (0 ≤ P ≤ ⌊K/2⌋).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    /// <exception cref="ArgumentException">A span's length is not exactly the block's, or the spans overlap.</exception>
    public static void AverageForward(ReadOnlySpan<double> input, Span<double> output, int rows, int channels, int height, int width, int size, int stride, int padding)
        => AverageForward(input, output, rows, channels, height, width, size, stride, padding, SimdWidth.Auto);

    /// <summary>
    /// The adjoint (backward pass) of <see cref="AverageForward(ReadOnlySpan{double}, Span{double}, int, int, int, int, int, int, int)"/>:
    /// with g = outputDelta / (K·K) (one rounding per output), every input cell becomes <c>start + g₁ + g₂ + …</c>,
    /// added left to right, where start = accumulate ? its current value : +0.0 and g₁, g₂, … belong to the windows
    /// covering the cell in increasing output (oh, ow) order. Padding receives nothing; cells no window covers get start.
    /// </summary>
    /// <remarks>NaN and infinities propagate as IEEE 754 arithmetic does.</remarks>
    /// <param name="outputDeltas">The deltas of the outputs, rows × C·OH·OW values (exactly that many).</param>
    /// <param name="inputDeltas">Receives rows × C·H·W values (exactly that many); must not overlap <paramref name="outputDeltas"/>.</param>
    /// <param name="rows">Examples in the block (≥ 0).</param>
    /// <param name="channels">Channels C (≥ 1).</param>
    /// <param name="height">Input height H (≥ 1).</param>
    /// <param name="width">Input width W (≥ 1).</param>
    /// <param name="size">Window side K (≥ 1, at most H + 2P and W + 2P).</param>
    /// <param name="stride">Stride S (≥ 1).</param>
    /// <param name="padding">Zero padding P on every side (0 ≤ P ≤ ⌊K/2⌋).</param>
    /// <param name="accumulate">Add to the current contents of <paramref name="inputDeltas"/> instead of overwriting them.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    /// <exception cref="ArgumentException">A span's length is not exactly the block's, or the spans overlap.</exception>
    public static void AverageBackward(ReadOnlySpan<double> outputDeltas, Span<double> inputDeltas, int rows, int channels, int height, int width, int size, int stride, int padding, bool accumulate = false)
        => AverageBackward(outputDeltas, inputDeltas, rows, channels, height, width, size, stride, padding, accumulate, SimdWidth.Auto);

    /// <summary>
    /// <see cref="AverageBackward(ReadOnlySpan{double}, Span{double}, int, int, int, int, int, int, int, bool)"/> on a
    /// chosen width: the quotients g of each output row are formed <paramref name="simd"/> lanes at a time (one
    /// IEEE division per lane, so the same bits as the scalar division); the additions are scalar, except for 2×2 windows
    /// with stride 2 and no padding on a vector width (<see cref="AverageBackward2x2"/>).
    /// </summary>
    internal static unsafe void AverageBackward(ReadOnlySpan<double> outputDeltas, Span<double> inputDeltas, int rows, int channels, int height, int width, int size, int stride, int padding, bool accumulate, SimdWidth simd)
    {
        var shape = SpatialShape.Create(rows, channels, height, width, size, stride, padding, pooling: true, nameof(size));
        SpatialShape.CheckLength(outputDeltas.Length, shape.OutputLength, nameof(outputDeltas), "the output block (rows·C·OH·OW)");
        SpatialShape.CheckLength(inputDeltas.Length, shape.InputLength, nameof(inputDeltas), "the input block (rows·C·H·W)");
        SpatialShape.CheckDisjoint(inputDeltas, outputDeltas, nameof(inputDeltas), nameof(outputDeltas));
        if (simd == SimdWidth.Auto)
            simd = Epilogue.HardwareWidth;
        if (size == 2 && stride == 2 && padding == 0 && simd != SimdWidth.Scalar)
        {
            AverageBackward2x2(outputDeltas, inputDeltas, shape, accumulate);
            return;
        }
        if (!accumulate)
            inputDeltas.Clear();

        double* g = stackalloc double[RowChunk];
        int outH = shape.OutputHeight, outW = shape.OutputWidth;
        double divisor = (double)size * size;
        SpatialShape.ValidRange(width, outW, stride, padding, 0, out int interiorLow, out _);
        SpatialShape.ValidRange(width, outW, stride, padding, size - 1, out _, out int interiorHigh);
        interiorHigh = Math.Max(interiorLow, interiorHigh);
        fixed (double* dy0 = outputDeltas)
        fixed (double* dx0 = inputDeltas)
        {
            double* dy = dy0;
            for (long plane = 0; plane < shape.Planes; plane++)
            {
                double* dx = dx0 + (nint)(plane * shape.InputPlane);
                for (int oh = 0; oh < outH; oh++, dy += outW)
                {
                    int ih0 = oh * stride - padding;
                    int khLow = Math.Max(0, -ih0), khHigh = Math.Min(size, height - ih0);
                    // Output row oh in chunks, then window row kh, then ow, then kw: every cell still receives its
                    // deltas in increasing (oh, ow) order (a cell fixes kh for a given oh).
                    for (int chunk = 0; chunk < outW; chunk += RowChunk)
                    {
                        int n = Math.Min(RowChunk, outW - chunk);
                        // ∂y/∂x = 1/(K·K) for every real cell of the window: g = dy / (K·K).
                        DivideRun(dy + chunk, g, n, divisor, simd);
                        for (int kh = khLow; kh < khHigh; kh++)
                        {
                            double* cells = dx + (nint)(ih0 + kh) * width;
                            for (int j = 0; j < n; j++)
                            {
                                int ow = chunk + j;
                                int iw0 = ow * stride - padding;
                                double gj = g[j];
                                if (ow >= interiorLow && ow < interiorHigh)
                                {
                                    for (int kw = 0; kw < size; kw++)
                                        cells[iw0 + kw] += gj;
                                }
                                else
                                {
                                    int kwLow = Math.Max(0, -iw0), kwHigh = Math.Min(size, width - iw0);
                                    for (int kw = kwLow; kw < kwHigh; kw++)
                                        cells[iw0 + kw] += gj;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// <see cref="AverageBackward(ReadOnlySpan{double}, Span{double}, int, int, int, int, int, int, int, bool, SimdWidth)"/>
    /// for 2×2 windows with stride 2 and no padding, 256-bit lanes: the windows do not overlap, so every covered cell
    /// receives one delta, cell = start + dy/4 (start = the cell, or +0.0), four outputs (eight cells of each of the two
    /// input rows) at a time; the same operations as the general path, so the same bits. Cells no window covers (an odd
    /// last row or column) are cleared first unless accumulating.
    /// </summary>
    private static unsafe void AverageBackward2x2(ReadOnlySpan<double> outputDeltas, Span<double> inputDeltas, in SpatialShape shape, bool accumulate)
    {
        int outH = shape.OutputHeight, outW = shape.OutputWidth, width = shape.Width;
        bool covered = shape.Height == 2 * outH && width == 2 * outW;
        if (!accumulate && !covered)
            inputDeltas.Clear();
        bool load = accumulate || !covered; // otherwise start is +0.0 without reading the cell
        Vector256<double> four = Vector256.Create(4.0);
        fixed (double* dy0 = outputDeltas)
        fixed (double* dx0 = inputDeltas)
        {
            double* dy = dy0;
            for (long plane = 0; plane < shape.Planes; plane++)
            {
                double* dx = dx0 + (nint)(plane * shape.InputPlane);
                for (int oh = 0; oh < outH; oh++, dy += outW)
                {
                    double* r0 = dx + (nint)(2 * oh) * width, r1 = r0 + width;
                    int ow = 0;
                    for (; ow + Vector256<double>.Count <= outW; ow += Vector256<double>.Count)
                    {
                        Vector256<double> g = Vector256.Load(dy + ow) / four;
                        Vector256<double> low = Vector256.Shuffle(g, Vector256.Create(0L, 0, 1, 1));
                        Vector256<double> high = Vector256.Shuffle(g, Vector256.Create(2L, 2, 3, 3));
                        double* c0 = r0 + 2 * ow, c1 = r1 + 2 * ow;
                        ((load ? Vector256.Load(c0) : Vector256<double>.Zero) + low).Store(c0);
                        ((load ? Vector256.Load(c0 + 4) : Vector256<double>.Zero) + high).Store(c0 + 4);
                        ((load ? Vector256.Load(c1) : Vector256<double>.Zero) + low).Store(c1);
                        ((load ? Vector256.Load(c1 + 4) : Vector256<double>.Zero) + high).Store(c1 + 4);
                    }
                    for (; ow < outW; ow++)
                    {
                        double g = dy[ow] / 4.0;
                        double* c0 = r0 + 2 * ow, c1 = r1 + 2 * ow;
                        c0[0] = (load ? c0[0] : 0.0) + g;
                        c0[1] = (load ? c0[1] : 0.0) + g;
                        c1[0] = (load ? c1[0] : 0.0) + g;
                        c1[1] = (load ? c1[1] : 0.0) + g;
                    }
                }
            }
        }
    }

    /// <summary>q[i] = d[i] / divisor for i &lt; n, with 512- or 256-bit lanes as <paramref name="simd"/> allows, then single values.</summary>
    private static unsafe void DivideRun(double* d, double* q, int n, double divisor, SimdWidth simd)
    {
        int i = 0;
        if (simd == SimdWidth.Vector512)
        {
            for (; i + Vector512<double>.Count <= n; i += Vector512<double>.Count)
                (Vector512.Load(d + i) / Vector512.Create(divisor)).Store(q + i);
        }
        if (simd is SimdWidth.Vector512 or SimdWidth.Vector256)
        {
            for (; i + Vector256<double>.Count <= n; i += Vector256<double>.Count)
                (Vector256.Load(d + i) / Vector256.Create(divisor)).Store(q + i);
        }
        for (; i < n; i++)
            q[i] = d[i] / divisor;
    }

    /// <summary>
    /// <see cref="AverageForward(ReadOnlySpan{double}, Span{double}, int, int, int, int, int, int, int)"/> on a chosen
    /// width. The interior windows of an output row (wholly inside the input horizontally) are swept together, in
    /// chunks: for each (kh, kw) in row-major order, acc[ow] += x[ih, ow·S − P + kw] across the chunk,
    /// <paramref name="simd"/> lanes at a time (portable vector code where the CPU lacks the width), so the outputs'
    /// addition chains run side by side and each output still receives its additions in row-major window order. Border
    /// windows run one output at a time. 2×2 windows with stride 2 and no padding on a vector width take
    /// <see cref="AverageForward2x2"/>. Every path gives the same bits.
    /// </summary>
    internal static unsafe void AverageForward(ReadOnlySpan<double> input, Span<double> output, int rows, int channels, int height, int width, int size, int stride, int padding, SimdWidth simd)
    {
        var shape = SpatialShape.Create(rows, channels, height, width, size, stride, padding, pooling: true, nameof(size));
        SpatialShape.CheckLength(input.Length, shape.InputLength, nameof(input), "the input block (rows·C·H·W)");
        SpatialShape.CheckLength(output.Length, shape.OutputLength, nameof(output), "the output block (rows·C·OH·OW)");
        SpatialShape.CheckDisjoint(output, input, nameof(output), nameof(input));
        if (simd == SimdWidth.Auto)
            simd = Epilogue.HardwareWidth;
        if (size == 2 && stride == 2 && padding == 0 && simd != SimdWidth.Scalar)
        {
            AverageForward2x2(input, output, shape);
            return;
        }

        double* acc = stackalloc double[RowChunk];
        int outH = shape.OutputHeight, outW = shape.OutputWidth;
        double divisor = (double)size * size;
        InteriorColumns(width, outW, size, stride, padding, out int interiorLow, out int interiorHigh);
        fixed (double* x0 = input)
        fixed (double* y0 = output)
        {
            for (long plane = 0; plane < shape.Planes; plane++)
            {
                double* x = x0 + (nint)(plane * shape.InputPlane);
                double* y = y0 + (nint)(plane * shape.OutputPlane);
                for (int oh = 0; oh < outH; oh++, y += outW)
                {
                    int ih0 = oh * stride - padding;
                    int khLow = Math.Max(0, -ih0), khHigh = Math.Min(size, height - ih0);
                    // Window rows ih0 + kh for kh ∈ [khLow, khHigh); the first real one starts at top.
                    double* top = x + (nint)(ih0 + khLow) * width;
                    int windowRows = khHigh - khLow;
                    for (int ow = 0; ow < interiorLow; ow++)
                        y[ow] = AverageScalar(top, windowRows, width, size, stride, padding, ow, divisor);
                    for (int first = interiorLow; first < interiorHigh; first += RowChunk)
                    {
                        int n = Math.Min(RowChunk, interiorHigh - first);
                        // acc = +0.0 + x[first cell]: the first step starts every chain without reading acc.
                        double* row = top + (nint)first * stride - padding;
                        StartStridedRun(acc, row, n, stride, simd);
                        for (int kh = 0; kh < windowRows; kh++, row += width)
                        {
                            for (int kw = kh == 0 ? 1 : 0; kw < size; kw++)
                                AddStridedRun(acc, row + kw, n, stride, simd);
                        }
                        DivideRun(acc, y + first, n, divisor, simd);
                    }
                    for (int ow = interiorHigh; ow < outW; ow++)
                        y[ow] = AverageScalar(top, windowRows, width, size, stride, padding, ow, divisor);
                }
            }
        }
    }

    /// <summary>
    /// <see cref="AverageForward(ReadOnlySpan{double}, Span{double}, int, int, int, int, int, int, int, SimdWidth)"/> for
    /// 2×2 windows with stride 2 and no padding, four outputs at a time on 256-bit lanes: two input rows of eight cells
    /// are split into their even and odd columns, and each lane adds ((((+0.0 + x₀₀) + x₀₁) + x₁₀) + x₁₁) / 4, the
    /// general path's chain, so the same bits. The last outW mod 4 outputs take the scalar chain.
    /// </summary>
    private static unsafe void AverageForward2x2(ReadOnlySpan<double> input, Span<double> output, in SpatialShape shape)
    {
        int outH = shape.OutputHeight, outW = shape.OutputWidth, width = shape.Width;
        Vector256<double> four = Vector256.Create(4.0);
        Vector256<long> split = Vector256.Create(0L, 2, 1, 3); // (v₀, v₂, v₁, v₃): even columns low, odd high
        fixed (double* x0 = input)
        fixed (double* y0 = output)
        {
            for (long plane = 0; plane < shape.Planes; plane++)
            {
                double* x = x0 + (nint)(plane * shape.InputPlane);
                double* y = y0 + (nint)(plane * shape.OutputPlane);
                for (int oh = 0; oh < outH; oh++, y += outW)
                {
                    double* r0 = x + (nint)(2 * oh) * width, r1 = r0 + width;
                    int ow = 0;
                    for (; ow + Vector256<double>.Count <= outW; ow += Vector256<double>.Count)
                    {
                        Vector256<double> a = Vector256.Shuffle(Vector256.Load(r0 + 2 * ow), split);
                        Vector256<double> b = Vector256.Shuffle(Vector256.Load(r0 + 2 * ow + 4), split);
                        Vector256<double> c = Vector256.Shuffle(Vector256.Load(r1 + 2 * ow), split);
                        Vector256<double> d = Vector256.Shuffle(Vector256.Load(r1 + 2 * ow + 4), split);
                        Vector256<double> acc = Vector256<double>.Zero + Vector256.Create(a.GetLower(), b.GetLower());
                        acc += Vector256.Create(a.GetUpper(), b.GetUpper());
                        acc += Vector256.Create(c.GetLower(), d.GetLower());
                        acc += Vector256.Create(c.GetUpper(), d.GetUpper());
                        (acc / four).Store(y + ow);
                    }
                    for (; ow < outW; ow++)
                    {
                        double* w0 = r0 + 2 * ow, w1 = r1 + 2 * ow;
                        double sum = 0.0 + w0[0];
                        sum += w0[1];
                        sum += w1[0];
                        sum += w1[1];
                        y[ow] = sum / 4.0;
                    }
                }
            }
        }
    }

    /// <summary>Outputs per chunk of an output row in the row sweeps (their running values live on the stack).</summary>
    private const int RowChunk = 64;

    /// <summary>
    /// The interior output columns [<paramref name="low"/>, <paramref name="high"/>): those whose whole window row lies
    /// in [0, W), i.e. ow·S − P ≥ 0 and ow·S − P + K − 1 &lt; W. Empty ranges have low = high.
    /// </summary>
    private static void InteriorColumns(int width, int outW, int size, int stride, int padding, out int low, out int high)
    {
        SpatialShape.ValidRange(width, outW, stride, padding, 0, out low, out _);
        SpatialShape.ValidRange(width, outW, stride, padding, size - 1, out _, out high);
        high = Math.Max(low, high);
    }

    /// <summary>
    /// One output: acc = +0.0, then acc += x[ih, iw] over the window's real cells in row-major order (rows from
    /// <paramref name="top"/>, <paramref name="windowRows"/> of them), then acc / divisor.
    /// </summary>
    private static unsafe double AverageScalar(double* top, int windowRows, int width, int size, int stride, int padding, int ow, double divisor)
    {
        int iw0 = ow * stride - padding;
        int kwLow = Math.Max(0, -iw0), kwHigh = Math.Min(size, width - iw0);
        double acc = 0.0;
        double* row = top + iw0;
        for (int kh = 0; kh < windowRows; kh++, row += width)
        {
            for (int kw = kwLow; kw < kwHigh; kw++)
                acc += row[kw];
        }
        return acc / divisor;
    }

    /// <summary>acc[j] = +0.0 + src[j·S] for j &lt; n (the first addition of each chain), with 512- or 256-bit lanes as <paramref name="simd"/> allows.</summary>
    private static unsafe void StartStridedRun(double* acc, double* src, int n, int stride, SimdWidth simd)
    {
        int j = 0;
        if (simd == SimdWidth.Vector512)
        {
            for (; j + Vector512<double>.Count <= n; j += Vector512<double>.Count)
                (Vector512<double>.Zero + Strided512(src + (nint)j * stride, stride)).Store(acc + j);
        }
        if (simd is SimdWidth.Vector512 or SimdWidth.Vector256)
        {
            for (; j + Vector256<double>.Count <= n; j += Vector256<double>.Count)
                (Vector256<double>.Zero + Strided256(src + (nint)j * stride, stride)).Store(acc + j);
        }
        for (; j < n; j++)
            acc[j] = 0.0 + src[(nint)j * stride];
    }

    /// <summary>acc[j] = acc[j] + src[j·S] for j &lt; n (one IEEE addition per element), with 512- or 256-bit lanes as <paramref name="simd"/> allows.</summary>
    private static unsafe void AddStridedRun(double* acc, double* src, int n, int stride, SimdWidth simd)
    {
        int j = 0;
        if (simd == SimdWidth.Vector512)
        {
            for (; j + Vector512<double>.Count <= n; j += Vector512<double>.Count)
                (Vector512.Load(acc + j) + Strided512(src + (nint)j * stride, stride)).Store(acc + j);
        }
        if (simd is SimdWidth.Vector512 or SimdWidth.Vector256)
        {
            for (; j + Vector256<double>.Count <= n; j += Vector256<double>.Count)
                (Vector256.Load(acc + j) + Strided256(src + (nint)j * stride, stride)).Store(acc + j);
        }
        for (; j < n; j++)
            acc[j] += src[(nint)j * stride];
    }

    /// <summary>The lanes (p[0], p[S], p[2S], p[3S]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<double> Strided256(double* p, int stride)
        => stride == 1 ? Vector256.Load(p) : Vector256.Create(p[0], p[stride], p[2 * stride], p[3 * stride]);

    /// <summary>The lanes (p[0], p[S], …, p[7S]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<double> Strided512(double* p, int stride)
        => stride == 1
            ? Vector512.Load(p)
            : Vector512.Create(p[0], p[stride], p[2 * stride], p[3 * stride], p[4 * stride], p[5 * stride], p[6 * stride], p[7 * stride]);
}
