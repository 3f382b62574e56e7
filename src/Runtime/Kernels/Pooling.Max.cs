using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Landscape.Kernels;

public static partial class Pooling
{
    /// <summary>
    /// Max pooling: each output is the largest input of its window, and argmax records where it was, as the index
    /// h·W + w of the chosen cell within its (example, channel) plane (PyTorch's <c>return_indices</c> convention).
    /// Padding cells count as −∞ and are never chosen.
    /// </summary>
    /// <remarks>
    /// The rule is PyTorch's: starting from (−∞, the window's first real cell in row-major order), the real cells are
    /// visited in row-major window order and a cell replaces the running choice when it is greater than the running
    /// maximum or is NaN. Consequences: among equal maxima the <b>first</b> in row-major window order wins (−0.0 and
    /// +0.0 are equal, so the first of them is returned with its own sign); a window whose real cells are all −∞
    /// returns −∞ at its first real cell; a window holding a NaN returns NaN at its <b>last</b> NaN; +∞ wins over
    /// every finite value. Each output is a copy of its chosen cell (all its bits, NaN payloads included). The interior
    /// windows run on 512- or 256-bit vectors across neighbouring outputs, each lane making the same comparisons in the
    /// same order, so every width gives the same values and indices.
    /// </remarks>
    /// <param name="input">The block, rows × C·H·W values (exactly that many).</param>
    /// <param name="output">Receives rows × C·OH·OW maxima (exactly that many); must not overlap <paramref name="input"/>.</param>
    /// <param name="argmax">Receives, for each output, the plane index h·W + w of the chosen input cell (same length as <paramref name="output"/>).</param>
    /// <param name="rows">Examples in the block (≥ 0).</param>
    /// <param name="channels">Channels C (≥ 1).</param>
    /// <param name="height">Input height H (≥ 1).</param>
    /// <param name="width">Input width W (≥ 1).</param>
    /// <param name="size">Window side K (≥ 1, at most H + 2P and W + 2P).</param>
    /// <param name="stride">Stride S (≥ 1; PyTorch's default is K).</param>
    /// <param name="padding">Padding P on every side (0 ≤ P ≤ ⌊K/2⌋).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    /// <exception cref="ArgumentException">A span's length is not exactly the block's, or output spans overlap an input.</exception>
    public static void MaxForward(ReadOnlySpan<double> input, Span<double> output, Span<int> argmax, int rows, int channels, int height, int width, int size, int stride, int padding)
        => MaxForward(input, output, argmax, rows, channels, height, width, size, stride, padding, SimdWidth.Auto);

    /// <summary>
    /// <see cref="MaxForward(ReadOnlySpan{double}, Span{double}, Span{int}, int, int, int, int, int, int, int)"/> on a
    /// chosen width. The interior windows of an output row (wholly inside the input horizontally) are swept together,
    /// in chunks: for each (kh, kw) in row-major order, every output of the chunk compares x[ih, ow·S − P + kw] with its
    /// running maximum, <paramref name="simd"/> lanes at a time (portable vector code where the CPU lacks the width),
    /// so each output makes the scalar rule's comparisons in the same order. Border windows run one output at a time.
    /// Every path gives the same values and indices.
    /// </summary>
    internal static unsafe void MaxForward(ReadOnlySpan<double> input, Span<double> output, Span<int> argmax, int rows, int channels, int height, int width, int size, int stride, int padding, SimdWidth simd)
    {
        var shape = SpatialShape.Create(rows, channels, height, width, size, stride, padding, pooling: true, nameof(size));
        SpatialShape.CheckLength(input.Length, shape.InputLength, nameof(input), "the input block (rows·C·H·W)");
        SpatialShape.CheckLength(output.Length, shape.OutputLength, nameof(output), "the output block (rows·C·OH·OW)");
        SpatialShape.CheckLength(argmax.Length, shape.OutputLength, nameof(argmax), "the argmax block (rows·C·OH·OW)");
        SpatialShape.CheckDisjoint(output, input, nameof(output), nameof(input));
        SpatialShape.CheckDisjoint(argmax, input, nameof(argmax), nameof(input));
        SpatialShape.CheckDisjoint(argmax, (ReadOnlySpan<double>)output, nameof(argmax), nameof(output));
        if (simd == SimdWidth.Auto)
            simd = Epilogue.HardwareWidth;

        // Running maximum and the chosen cell's offset (kh − khLow)·W + kw from the window's top-left real cell (an
        // integer below 2³¹, exact in binary64) of each output in the chunk.
        double* max = stackalloc double[RowChunk];
        double* at = stackalloc double[RowChunk];
        int outH = shape.OutputHeight, outW = shape.OutputWidth;
        InteriorColumns(width, outW, size, stride, padding, out int interiorLow, out int interiorHigh);
        fixed (double* x0 = input)
        fixed (double* y0 = output)
        fixed (int* i0 = argmax)
        {
            for (long plane = 0; plane < shape.Planes; plane++)
            {
                double* x = x0 + (nint)(plane * shape.InputPlane);
                double* y = y0 + (nint)(plane * shape.OutputPlane);
                int* index = i0 + (nint)(plane * shape.OutputPlane);
                for (int oh = 0; oh < outH; oh++, y += outW, index += outW)
                {
                    int ih0 = oh * stride - padding;
                    int khLow = Math.Max(0, -ih0), khHigh = Math.Min(size, height - ih0);
                    // Window rows ih0 + kh for kh ∈ [khLow, khHigh); the first real one is input row `top`.
                    int top = ih0 + khLow;
                    int windowRows = khHigh - khLow;
                    for (int ow = 0; ow < interiorLow; ow++)
                        MaxScalar(x, top, windowRows, width, size, stride, padding, ow, out y[ow], out index[ow]);
                    for (int first = interiorLow; first < interiorHigh; first += RowChunk)
                    {
                        int n = Math.Min(RowChunk, interiorHigh - first);
                        // From (−∞, offset 0), the first cell (offset 0) is taken unless it is −∞, which leaves
                        // (−∞, 0) anyway: so the first step just copies it, without reading max or at.
                        int corner = top * width + first * stride - padding;
                        double* row = x + corner;
                        StartMaxRun(max, at, row, n, stride, simd);
                        for (int kh = 0; kh < windowRows; kh++, row += width)
                        {
                            for (int kw = kh == 0 ? 1 : 0; kw < size; kw++)
                                MaxStridedRun(max, at, row + kw, n, stride, kh * width + kw, simd);
                        }
                        for (int j = 0; j < n; j++)
                        {
                            y[first + j] = max[j];
                            index[first + j] = corner + j * stride + (int)at[j];
                        }
                    }
                    for (int ow = interiorHigh; ow < outW; ow++)
                        MaxScalar(x, top, windowRows, width, size, stride, padding, ow, out y[ow], out index[ow]);
                }
            }
        }
    }

    /// <summary>
    /// One output: start from (−∞, the window's first real cell), visit the real cells in row-major window order
    /// (rows from input row <paramref name="top"/>, <paramref name="windowRows"/> of them) and take a cell when
    /// v &gt; max or v is NaN.
    /// </summary>
    private static unsafe void MaxScalar(double* x, int top, int windowRows, int width, int size, int stride, int padding, int ow, out double max, out int best)
    {
        int iw0 = ow * stride - padding;
        int kwLow = Math.Max(0, -iw0), kwHigh = Math.Min(size, width - iw0);
        max = double.NegativeInfinity;
        best = top * width + iw0 + kwLow;
        for (int kh = 0; kh < windowRows; kh++)
        {
            int rowStart = (top + kh) * width + iw0;
            for (int kw = kwLow; kw < kwHigh; kw++)
            {
                double v = x[rowStart + kw];
                if (v > max || double.IsNaN(v))
                {
                    max = v;
                    best = rowStart + kw;
                }
            }
        }
    }

    /// <summary>One step on four outputs: take = v &gt; max or v ≠ v (NaN); where taken, max = v and at = candidate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void MaxStep256(double* max, double* at, double* src, int stride, double candidate)
    {
        Vector256<double> v = Strided256(src, stride), m = Vector256.Load(max);
        Vector256<double> take = Vector256.GreaterThan(v, m) | ~Vector256.Equals(v, v);
        Vector256.ConditionalSelect(take, v, m).Store(max);
        Vector256.ConditionalSelect(take, Vector256.Create(candidate), Vector256.Load(at)).Store(at);
    }

    /// <summary>The first step of the row sweep: max[j] = src[j·S], at[j] = 0 for j &lt; n, with 512- or 256-bit lanes as <paramref name="simd"/> allows.</summary>
    private static unsafe void StartMaxRun(double* max, double* at, double* src, int n, int stride, SimdWidth simd)
    {
        int j = 0;
        if (simd == SimdWidth.Vector512)
        {
            for (; j + Vector512<double>.Count <= n; j += Vector512<double>.Count)
            {
                Strided512(src + (nint)j * stride, stride).Store(max + j);
                Vector512<double>.Zero.Store(at + j);
            }
        }
        if (simd is SimdWidth.Vector512 or SimdWidth.Vector256)
        {
            for (; j + Vector256<double>.Count <= n; j += Vector256<double>.Count)
            {
                Strided256(src + (nint)j * stride, stride).Store(max + j);
                Vector256<double>.Zero.Store(at + j);
            }
        }
        for (; j < n; j++)
        {
            max[j] = src[(nint)j * stride];
            at[j] = 0.0;
        }
    }

    /// <summary>
    /// One (kh, kw) step of the row sweep: for j &lt; n, with v = src[j·S], when v &gt; max[j] or v is NaN, max[j] = v
    /// and at[j] = <paramref name="offset"/>; 512- or 256-bit lanes as <paramref name="simd"/> allows, each lane making
    /// exactly that comparison.
    /// </summary>
    private static unsafe void MaxStridedRun(double* max, double* at, double* src, int n, int stride, int offset, SimdWidth simd)
    {
        int j = 0;
        double candidate = offset;
        if (simd == SimdWidth.Vector512)
        {
            for (; j + Vector512<double>.Count <= n; j += Vector512<double>.Count)
            {
                Vector512<double> v = Strided512(src + (nint)j * stride, stride), m = Vector512.Load(max + j);
                // take = v > max or v ≠ v (NaN).
                Vector512<double> take = Vector512.GreaterThan(v, m) | ~Vector512.Equals(v, v);
                Vector512.ConditionalSelect(take, v, m).Store(max + j);
                Vector512.ConditionalSelect(take, Vector512.Create(candidate), Vector512.Load(at + j)).Store(at + j);
            }
        }
        if (simd is SimdWidth.Vector512 or SimdWidth.Vector256)
        {
            for (; j + Vector256<double>.Count <= n; j += Vector256<double>.Count)
                MaxStep256(max + j, at + j, src + (nint)j * stride, stride, candidate);
        }
        for (; j < n; j++)
        {
            double v = src[(nint)j * stride];
            if (v > max[j] || double.IsNaN(v))
            {
                max[j] = v;
                at[j] = candidate;
            }
        }
    }

    /// <summary>
    /// Selects, for each output of a max pooling layer, the value at its recorded argmax:
    /// <c>output[e, c, o] = values[e, c, argmax[e, c, o]]</c> (an exact copy). With R{x} as <paramref name="values"/>
    /// this is the R-forward pass of max pooling, R{y} = R{x} at the argmax.
    /// </summary>
    /// <param name="values">The input-shaped block, rows × C·H·W values (exactly that many).</param>
    /// <param name="argmax">The plane indices recorded by <see cref="MaxForward(ReadOnlySpan{double}, Span{double}, Span{int}, int, int, int, int, int, int, int)"/>, rows × C·OH·OW of them.</param>
    /// <param name="output">Receives rows × C·OH·OW values (exactly that many); must not overlap <paramref name="values"/>.</param>
    /// <param name="rows">Examples in the block (≥ 0).</param>
    /// <param name="channels">Channels C (≥ 1).</param>
    /// <param name="height">Input height H (≥ 1).</param>
    /// <param name="width">Input width W (≥ 1).</param>
    /// <param name="size">Window side K (as given to <see cref="MaxForward(ReadOnlySpan{double}, Span{double}, Span{int}, int, int, int, int, int, int, int)"/>).</param>
    /// <param name="stride">Stride S (as given to <see cref="MaxForward(ReadOnlySpan{double}, Span{double}, Span{int}, int, int, int, int, int, int, int)"/>).</param>
    /// <param name="padding">Padding P (as given to <see cref="MaxForward(ReadOnlySpan{double}, Span{double}, Span{int}, int, int, int, int, int, int, int)"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    /// <exception cref="ArgumentException">A span's length is not exactly the block's, the spans overlap, or an index lies outside [0, H·W).</exception>
    public static unsafe void MaxSelect(ReadOnlySpan<double> values, ReadOnlySpan<int> argmax, Span<double> output, int rows, int channels, int height, int width, int size, int stride, int padding)
    {
        var shape = SpatialShape.Create(rows, channels, height, width, size, stride, padding, pooling: true, nameof(size));
        SpatialShape.CheckLength(values.Length, shape.InputLength, nameof(values), "the input block (rows·C·H·W)");
        SpatialShape.CheckLength(argmax.Length, shape.OutputLength, nameof(argmax), "the argmax block (rows·C·OH·OW)");
        SpatialShape.CheckLength(output.Length, shape.OutputLength, nameof(output), "the output block (rows·C·OH·OW)");
        SpatialShape.CheckDisjoint(output, values, nameof(output), nameof(values));
        SpatialShape.CheckDisjoint(output, argmax, nameof(output), nameof(argmax));
        CheckIndices(argmax, shape);

        nint inPlane = (nint)shape.InputPlane, outPlane = (nint)shape.OutputPlane;
        fixed (double* x0 = values)
        fixed (double* y0 = output)
        fixed (int* i0 = argmax)
        {
            for (long plane = 0; plane < shape.Planes; plane++)
            {
                double* x = x0 + (nint)plane * inPlane;
                double* y = y0 + (nint)plane * outPlane;
                int* index = i0 + (nint)plane * outPlane;
                for (nint o = 0; o < outPlane; o++)
                    y[o] = x[index[o]];
            }
        }
    }

    /// <summary>
    /// The backward pass of max pooling (and, with R-deltas, its R-backward pass): routes each output delta to the
    /// input cell recorded in argmax. Every input cell becomes <c>start + t₁ + t₂ + …</c>, added left to right, where
    /// start = accumulate ? its current value : +0.0 and t₁, t₂, … are the deltas of the outputs whose argmax is that
    /// cell, in increasing output (oh, ow) order (overlapping windows, S &lt; K, can choose one cell several times).
    /// </summary>
    /// <remarks>NaN and infinities propagate as IEEE 754 addition does; cells chosen by no output get start.</remarks>
    /// <param name="outputDeltas">The deltas of the outputs, rows × C·OH·OW values (exactly that many).</param>
    /// <param name="argmax">The plane indices recorded by <see cref="MaxForward(ReadOnlySpan{double}, Span{double}, Span{int}, int, int, int, int, int, int, int)"/>, rows × C·OH·OW of them.</param>
    /// <param name="inputDeltas">Receives rows × C·H·W values (exactly that many); must not overlap the other spans.</param>
    /// <param name="rows">Examples in the block (≥ 0).</param>
    /// <param name="channels">Channels C (≥ 1).</param>
    /// <param name="height">Input height H (≥ 1).</param>
    /// <param name="width">Input width W (≥ 1).</param>
    /// <param name="size">Window side K (as given to <see cref="MaxForward(ReadOnlySpan{double}, Span{double}, Span{int}, int, int, int, int, int, int, int)"/>).</param>
    /// <param name="stride">Stride S (as given to <see cref="MaxForward(ReadOnlySpan{double}, Span{double}, Span{int}, int, int, int, int, int, int, int)"/>).</param>
    /// <param name="padding">Padding P (as given to <see cref="MaxForward(ReadOnlySpan{double}, Span{double}, Span{int}, int, int, int, int, int, int, int)"/>).</param>
    /// <param name="accumulate">Add to the current contents of <paramref name="inputDeltas"/> instead of overwriting them.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    /// <exception cref="ArgumentException">A span's length is not exactly the block's, the spans overlap, or an index lies outside [0, H·W).</exception>
    public static unsafe void MaxBackward(ReadOnlySpan<double> outputDeltas, ReadOnlySpan<int> argmax, Span<double> inputDeltas, int rows, int channels, int height, int width, int size, int stride, int padding, bool accumulate = false)
    {
        var shape = SpatialShape.Create(rows, channels, height, width, size, stride, padding, pooling: true, nameof(size));
        SpatialShape.CheckLength(outputDeltas.Length, shape.OutputLength, nameof(outputDeltas), "the output block (rows·C·OH·OW)");
        SpatialShape.CheckLength(argmax.Length, shape.OutputLength, nameof(argmax), "the argmax block (rows·C·OH·OW)");
        SpatialShape.CheckLength(inputDeltas.Length, shape.InputLength, nameof(inputDeltas), "the input block (rows·C·H·W)");
        SpatialShape.CheckDisjoint(inputDeltas, outputDeltas, nameof(inputDeltas), nameof(outputDeltas));
        SpatialShape.CheckDisjoint(inputDeltas, argmax, nameof(inputDeltas), nameof(argmax));
        CheckIndices(argmax, shape);
        if (!accumulate)
            inputDeltas.Clear();

        nint inPlane = (nint)shape.InputPlane, outPlane = (nint)shape.OutputPlane;
        fixed (double* dy0 = outputDeltas)
        fixed (double* dx0 = inputDeltas)
        fixed (int* i0 = argmax)
        {
            for (long plane = 0; plane < shape.Planes; plane++)
            {
                double* dx = dx0 + (nint)plane * inPlane;
                double* dy = dy0 + (nint)plane * outPlane;
                int* index = i0 + (nint)plane * outPlane;
                for (nint o = 0; o < outPlane; o++)
                    dx[index[o]] += dy[o];
            }
        }
    }

    /// <summary>Checks that every recorded index lies in its plane, [0, H·W), so routing never leaves the plane.</summary>
    /// <exception cref="ArgumentException">An index is out of range (the message gives its position and value).</exception>
    private static void CheckIndices(ReadOnlySpan<int> argmax, in SpatialShape shape)
    {
        uint limit = (uint)shape.InputPlane;
        for (int i = 0; i < argmax.Length; i++)
        {
            if ((uint)argmax[i] >= limit)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"argmax[{i}] = {argmax[i]} is not a plane index in [0, {limit}) for a {shape.Height}×{shape.Width} input."), nameof(argmax));
            }
        }
    }
}
