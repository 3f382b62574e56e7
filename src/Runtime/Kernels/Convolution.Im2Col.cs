using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Landscape.Kernels;

public static partial class Convolution
{
    /// <summary>
    /// Writes the patch matrices of a block of examples: for each example e, P_e[Q × L] (Q = C·K·K, L = OH·OW) at offset
    /// e·Q·L, with P_e[(c·K + kh)·K + kw, oh·OW + ow] = x_e[c, oh·S − P + kh, ow·S − P + kw], or +0.0 where that cell
    /// lies in the padding (see the class remarks for the GEMMs that consume it).
    /// </summary>
    /// <remarks>Values are copied bit for bit (NaN payloads, infinities and −0.0 included); nothing is computed.</remarks>
    /// <param name="input">The block, rows × C·H·W values in NCHW order (exactly that many).</param>
    /// <param name="patches">Receives rows × Q·L values (exactly that many); must not overlap <paramref name="input"/>.</param>
    /// <param name="rows">Examples in the block (≥ 0).</param>
    /// <param name="channels">Input channels C (≥ 1).</param>
    /// <param name="height">Input height H (≥ 1).</param>
    /// <param name="width">Input width W (≥ 1).</param>
    /// <param name="kernel">Kernel side K (≥ 1, at most H + 2P and W + 2P).</param>
    /// <param name="stride">Stride S (≥ 1).</param>
    /// <param name="padding">Zero padding P on every side (≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range (see <see cref="OutputSize"/>).</exception>
    /// <exception cref="ArgumentException">A span's length is not exactly the block's, or the spans overlap.</exception>
    public static void Im2Col(ReadOnlySpan<double> input, Span<double> patches, int rows, int channels, int height, int width, int kernel, int stride, int padding)
        => Im2Col(input, patches, rows, channels, height, width, kernel, stride, padding, SimdWidth.Auto);

    /// <summary>
    /// The adjoint of <see cref="Im2Col(ReadOnlySpan{double}, Span{double}, int, int, int, int, int, int, int)"/>:
    /// scatters patch-matrix deltas back onto the input cells they were copied from. Every input cell
    /// x_e[c, h, w] becomes <c>start + t₁ + t₂ + …</c>, added left to right, where start = accumulate ? the cell's
    /// current value : +0.0, and t₁, t₂, … are the deltas P_e[(c·K + kh)·K + kw, oh·OW + ow] of the patch entries that
    /// copied it (oh·S − P + kh = h, ow·S − P + kw = w), in increasing (kh, kw) order. Padding entries go nowhere;
    /// cells no window covers get start.
    /// </summary>
    /// <remarks>
    /// NaN and infinities propagate as IEEE 754 addition does. The order is fixed by the shapes alone, so the bits do
    /// not depend on the CPU, the SIMD width or the thread the call runs on.
    /// </remarks>
    /// <param name="patches">The patch deltas, rows × Q·L values laid out as <c>Im2Col</c> writes them (exactly that many).</param>
    /// <param name="input">Receives the input deltas, rows × C·H·W values (exactly that many); must not overlap <paramref name="patches"/>.</param>
    /// <param name="rows">Examples in the block (≥ 0).</param>
    /// <param name="channels">Input channels C (≥ 1).</param>
    /// <param name="height">Input height H (≥ 1).</param>
    /// <param name="width">Input width W (≥ 1).</param>
    /// <param name="kernel">Kernel side K (≥ 1, at most H + 2P and W + 2P).</param>
    /// <param name="stride">Stride S (≥ 1).</param>
    /// <param name="padding">Zero padding P on every side (≥ 0).</param>
    /// <param name="accumulate">Add to the current contents of <paramref name="input"/> instead of overwriting them.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range (see <see cref="OutputSize"/>).</exception>
    /// <exception cref="ArgumentException">A span's length is not exactly the block's, or the spans overlap.</exception>
    public static void Col2Im(ReadOnlySpan<double> patches, Span<double> input, int rows, int channels, int height, int width, int kernel, int stride, int padding, bool accumulate = false)
        => Col2Im(patches, input, rows, channels, height, width, kernel, stride, padding, accumulate, SimdWidth.Auto);

    /// <summary>
    /// <see cref="Im2Col(ReadOnlySpan{double}, Span{double}, int, int, int, int, int, int, int)"/> on a chosen width:
    /// the in-bounds run of each patch row is copied <paramref name="simd"/> lanes at a time (contiguous loads for
    /// stride 1, gathers otherwise; the portable vector code runs even where the CPU lacks the width, and
    /// <see cref="SimdWidth.Auto"/> is the widest accelerated one); <see cref="SimdWidth.Scalar"/> copies element by
    /// element. On <see cref="SimdWidth.Vector256"/>, stride-1 runs of four or more values are copied by
    /// <see cref="CopyRows256"/> (a patch row's input rows in one call, the last block aligned to the run's end). Every
    /// path copies the same values.
    /// </summary>
    internal static unsafe void Im2Col(ReadOnlySpan<double> input, Span<double> patches, int rows, int channels, int height, int width, int kernel, int stride, int padding, SimdWidth simd)
    {
        var shape = SpatialShape.Create(rows, channels, height, width, kernel, stride, padding, pooling: false);
        long q = (long)channels * kernel * kernel;
        SpatialShape.CheckLength(input.Length, shape.InputLength, nameof(input), "the input block (rows·C·H·W)");
        SpatialShape.CheckLength(patches.Length, shape.Rows * q * shape.OutputPlane, nameof(patches), "the patch block (rows·C·K·K·OH·OW)");
        SpatialShape.CheckDisjoint(patches, input, nameof(patches), nameof(input));
        if (patches.IsEmpty)
            return;

        if (simd == SimdWidth.Auto)
            simd = Epilogue.HardwareWidth;
        int outH = shape.OutputHeight, outW = shape.OutputWidth;
        nint plane = (nint)shape.OutputPlane;
        fixed (double* x0 = input)
        fixed (double* p0 = patches)
        {
            double* p = p0;
            for (int e = 0; e < rows; e++)
            {
                for (int c = 0; c < channels; c++)
                {
                    double* xc = x0 + ((nint)e * channels + c) * (nint)shape.InputPlane;
                    for (int kh = 0; kh < kernel; kh++)
                    {
                        SpatialShape.ValidRange(height, outH, stride, padding, kh, out int ohLow, out int ohHigh);
                        for (int kw = 0; kw < kernel; kw++, p += plane)
                        {
                            // Row q = (c·K + kh)·K + kw of P_e: P_e[q, oh·OW + ow] = x[c, oh·S − P + kh, ow·S − P + kw].
                            SpatialShape.ValidRange(width, outW, stride, padding, kw, out int owLow, out int owHigh);
                            new Span<double>(p, (int)((nint)ohLow * outW)).Clear();
                            if (stride == 1 && simd == SimdWidth.Vector256 && owHigh - owLow >= Vector256<double>.Count)
                            {
                                // Stride 1: each row's run is contiguous in x; copied in 4-lane blocks, the last one
                                // aligned to the run's end (it may copy a few values twice, the same values).
                                CopyRows256(p + (nint)ohLow * outW, xc + ((nint)ohLow - padding + kh) * width - padding + kw, ohHigh - ohLow, outW, width, owLow, owHigh);
                                new Span<double>(p + (nint)ohHigh * outW, (int)((nint)(outH - ohHigh) * outW)).Clear();
                                continue;
                            }
                            for (int oh = ohLow; oh < ohHigh; oh++)
                            {
                                double* dst = p + (nint)oh * outW;
                                // Input row ih = oh·S − P + kh; column iw = ow·S − P + kw.
                                double* src = xc + ((nint)oh * stride - padding + kh) * width - padding + kw;
                                // Padding columns [0, owLow) and [owHigh, OW) read as +0.0 (at most ⌈P/S⌉ each).
                                for (int ow = 0; ow < owLow; ow++)
                                    dst[ow] = 0.0;
                                CopyRun(dst + owLow, src + (nint)owLow * stride, owHigh - owLow, stride, simd);
                                for (int ow = owHigh; ow < outW; ow++)
                                    dst[ow] = 0.0;
                            }
                            new Span<double>(p + (nint)ohHigh * outW, (int)((nint)(outH - ohHigh) * outW)).Clear();
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// <see cref="Col2Im(ReadOnlySpan{double}, Span{double}, int, int, int, int, int, int, int, bool)"/> on a chosen
    /// width: with stride 1 the contiguous runs are added <paramref name="simd"/> lanes at a time (portable vector code
    /// where the CPU lacks the width; <see cref="SimdWidth.Auto"/> is the widest accelerated one); other strides, and
    /// <see cref="SimdWidth.Scalar"/>, add element by element. Each input cell receives the same additions in the same
    /// order on every path (on <see cref="SimdWidth.Vector256"/>, a patch row's input rows go through
    /// <see cref="AddRows256"/> in one call).
    /// </summary>
    internal static unsafe void Col2Im(ReadOnlySpan<double> patches, Span<double> input, int rows, int channels, int height, int width, int kernel, int stride, int padding, bool accumulate, SimdWidth simd)
    {
        var shape = SpatialShape.Create(rows, channels, height, width, kernel, stride, padding, pooling: false);
        long q = (long)channels * kernel * kernel;
        SpatialShape.CheckLength(patches.Length, shape.Rows * q * shape.OutputPlane, nameof(patches), "the patch block (rows·C·K·K·OH·OW)");
        SpatialShape.CheckLength(input.Length, shape.InputLength, nameof(input), "the input block (rows·C·H·W)");
        SpatialShape.CheckDisjoint(input, patches, nameof(input), nameof(patches));
        if (!accumulate)
            input.Clear();
        if (patches.IsEmpty)
            return;

        if (simd == SimdWidth.Auto)
            simd = Epilogue.HardwareWidth;
        bool runs = stride == 1 && simd != SimdWidth.Scalar;
        int outH = shape.OutputHeight, outW = shape.OutputWidth;
        nint plane = (nint)shape.OutputPlane;
        fixed (double* x0 = input)
        fixed (double* p0 = patches)
        {
            double* p = p0;
            for (int e = 0; e < rows; e++)
            {
                for (int c = 0; c < channels; c++)
                {
                    double* xc = x0 + ((nint)e * channels + c) * (nint)shape.InputPlane;
                    // Rows q in increasing order, i.e. (kh, kw) increasing: each input cell gets at most one delta per
                    // (kh, kw) (ih and iw fix oh and ow), so its deltas arrive in increasing (kh, kw) order.
                    for (int kh = 0; kh < kernel; kh++)
                    {
                        SpatialShape.ValidRange(height, outH, stride, padding, kh, out int ohLow, out int ohHigh);
                        for (int kw = 0; kw < kernel; kw++, p += plane)
                        {
                            SpatialShape.ValidRange(width, outW, stride, padding, kw, out int owLow, out int owHigh);
                            if (runs && simd == SimdWidth.Vector256)
                            {
                                // The patch row's input rows in one call (the same additions as AddRun, row by row).
                                AddRows256(xc + ((nint)ohLow - padding + kh) * width - padding + kw, p + (nint)ohLow * outW, ohHigh - ohLow, outW, width, owLow, owHigh);
                                continue;
                            }
                            for (int oh = ohLow; oh < ohHigh; oh++)
                            {
                                double* src = p + (nint)oh * outW;
                                double* dst = xc + ((nint)oh * stride - padding + kh) * width - padding + kw;
                                if (runs)
                                {
                                    // x[ih, ow − P + kw] += P_e[q, oh·OW + ow] for ow ∈ [owLow, owHigh), lane by lane.
                                    AddRun(dst + owLow, src + owLow, owHigh - owLow, simd);
                                }
                                else
                                {
                                    AddStrided(dst, src, owLow, owHigh, stride);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Stride-1 patch rows oh = ohLow … ohLow + <paramref name="count"/> − 1 of one patch row q, from <paramref name="dst"/>
    /// (row ohLow of P_e[q]) and <paramref name="src"/> (x at input row ohLow − P + kh, column −P + kw): for each,
    /// [0, low) and [high, OW) are +0.0 and [low, high) copies the input run, which has at least four values, in 4-lane
    /// blocks whose last one ends at high (so a few values may be copied twice). Only copies, so the same bits as
    /// <see cref="CopyRun"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void CopyRows256(double* dst, double* src, int count, int outW, int width, int low, int high)
    {
        int last = high - Vector256<double>.Count;
        for (int row = 0; row < count; row++, dst += outW, src += width)
        {
            for (int ow = 0; ow < low; ow++)
                dst[ow] = 0.0;
            for (int ow = low; ow < last; ow += Vector256<double>.Count)
                Vector256.Load(src + ow).Store(dst + ow);
            Vector256.Load(src + last).Store(dst + last);
            for (int ow = high; ow < outW; ow++)
                dst[ow] = 0.0;
        }
    }

    /// <summary>
    /// dst[i] = src[i·S] for i &lt; n: 512- or 256-bit blocks as <paramref name="simd"/> allows (contiguous loads for
    /// S = 1, lane-by-lane gathers otherwise), then single values. Only copies, so every path writes the same bits.
    /// </summary>
    private static unsafe void CopyRun(double* dst, double* src, int n, int stride, SimdWidth simd)
    {
        int i = 0;
        if (simd == SimdWidth.Vector512)
        {
            for (; i + Vector512<double>.Count <= n; i += Vector512<double>.Count)
            {
                double* s = src + (nint)i * stride;
                (stride == 1 ? Vector512.Load(s) : Vector512.Create(s[0], s[stride], s[2 * stride], s[3 * stride], s[4 * stride], s[5 * stride], s[6 * stride], s[7 * stride])).Store(dst + i);
            }
        }
        if (simd is SimdWidth.Vector512 or SimdWidth.Vector256)
        {
            for (; i + Vector256<double>.Count <= n; i += Vector256<double>.Count)
            {
                double* s = src + (nint)i * stride;
                (stride == 1 ? Vector256.Load(s) : Vector256.Create(s[0], s[stride], s[2 * stride], s[3 * stride])).Store(dst + i);
            }
        }
        for (; i < n; i++)
            dst[i] = src[(nint)i * stride];
    }

    /// <summary>
    /// Stride-1 Col2Im of one patch row q over <paramref name="count"/> output rows: for each, dst[ow] = dst[ow] + src[ow]
    /// for ow ∈ [<paramref name="low"/>, <paramref name="high"/>) (dst advancing by the input width, src by OW), in 4-lane
    /// blocks and then single values: one IEEE addition per element, as <see cref="AddRun"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void AddRows256(double* dst, double* src, int count, int outW, int width, int low, int high)
    {
        for (int row = 0; row < count; row++, dst += width, src += outW)
        {
            int ow = low;
            for (; ow + Vector256<double>.Count <= high; ow += Vector256<double>.Count)
                (Vector256.Load(dst + ow) + Vector256.Load(src + ow)).Store(dst + ow);
            for (; ow < high; ow++)
                dst[ow] += src[ow];
        }
    }

    /// <summary>dst[i] = dst[i] + src[i] for i &lt; n (one IEEE addition per element, whatever the lane width).</summary>
    private static unsafe void AddRun(double* dst, double* src, int n, SimdWidth simd)
    {
        int i = 0;
        if (simd == SimdWidth.Vector512)
        {
            for (; i + Vector512<double>.Count <= n; i += Vector512<double>.Count)
                (Vector512.Load(dst + i) + Vector512.Load(src + i)).Store(dst + i);
        }
        if (simd is SimdWidth.Vector512 or SimdWidth.Vector256)
        {
            for (; i + Vector256<double>.Count <= n; i += Vector256<double>.Count)
                (Vector256.Load(dst + i) + Vector256.Load(src + i)).Store(dst + i);
        }
        for (; i < n; i++)
            dst[i] += src[i];
    }

    /// <summary>dst[ow·S] += src[ow] for ow ∈ [low, high), in increasing ow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void AddStrided(double* dst, double* src, int low, int high, int stride)
    {
        for (int ow = low; ow < high; ow++)
            dst[(nint)ow * stride] += src[ow];
    }
}
