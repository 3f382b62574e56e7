using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Landscape.Kernels;

/// <summary>
/// The backward step through a one-unit dense layer (z = a wᵀ + b with one output, such as a regression head) fused with
/// the σ′ step of its input: the layer's backward products are rank-1 (g_in[e, j] = g[e]·w[j]), so instead of one GEMM
/// with k = 1 per product and then the σ′ epilogue, one pass over the block computes them together. Every element gets the
/// operations of the unfused path in the same order — a k = 1 GEMM element is fma(g, w, +0) (the GEMMs start their
/// accumulators at +0), the accumulating one fma(g, v, that) — so the results are the same bits.
/// </summary>
public static partial class Epilogue
{
    /// <summary>
    /// Gradient pass: <c>gradient[e, j] = first[e, j] · fma(deltas[e], weight[j], +0)</c> — g_in = σ′ ⊙ (g w).
    /// </summary>
    /// <param name="deltas">The layer's deltas g, one per row.</param>
    /// <param name="weight">The layer's weight row w (length <paramref name="width"/>).</param>
    /// <param name="first">σ′ of the input (rows × width).</param>
    /// <param name="gradient">Receives the input's deltas (rows × width).</param>
    /// <param name="rows">Examples.</param>
    /// <param name="width">The input's width.</param>
    /// <exception cref="ArgumentException">A span's length does not match.</exception>
    public static void BackpropagateRankOne(ReadOnlySpan<double> deltas, ReadOnlySpan<double> weight, ReadOnlySpan<double> first, Span<double> gradient, int rows, int width)
    {
        CheckRankOne(deltas.Length, weight.Length, rows, width);
        CheckBlock(first.Length, rows, width, nameof(first));
        CheckBlock(gradient.Length, rows, width, nameof(gradient));
        for (int e = 0; e < rows; e++)
        {
            double g = deltas[e];
            ReadOnlySpan<double> d = first.Slice(e * width, width);
            Span<double> o = gradient.Slice(e * width, width);
            int j = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                var vg = Vector256.Create(g);
                for (; j <= width - Vector256<double>.Count; j += Vector256<double>.Count)
                    (LoadAt(d, j) * Vector256.FusedMultiplyAdd(vg, LoadAt(weight, j), Vector256<double>.Zero)).StoreUnsafe(ref MemoryMarshal.GetReference(o), (nuint)j);
            }
            for (; j < width; j++) o[j] = d[j] * Math.FusedMultiplyAdd(g, weight[j], 0.0);
        }
    }

    /// <summary>
    /// HVP pass: with t = fma(g[e], w[j], +0) and rt = fma(g[e], v[j], fma(rg[e], w[j], +0)), sets
    /// <c>rgradient = fma(rfirst, t, first·rt)</c> and <c>gradient = first·t</c> — the input's R g and g (see <see cref="BackpropagateR"/>).
    /// </summary>
    /// <param name="deltas">The layer's deltas g, one per row.</param>
    /// <param name="rdeltas">Their R-images R g.</param>
    /// <param name="weight">The weight row w.</param>
    /// <param name="direction">The weight row's direction v.</param>
    /// <param name="first">σ′ of the input.</param>
    /// <param name="rfirst">R σ′ of the input.</param>
    /// <param name="gradient">Receives the input's g.</param>
    /// <param name="rgradient">Receives the input's R g.</param>
    /// <param name="rows">Examples.</param>
    /// <param name="width">The input's width.</param>
    /// <exception cref="ArgumentException">A span's length does not match.</exception>
    public static void BackpropagateRankOneR(ReadOnlySpan<double> deltas, ReadOnlySpan<double> rdeltas, ReadOnlySpan<double> weight, ReadOnlySpan<double> direction,
                                             ReadOnlySpan<double> first, ReadOnlySpan<double> rfirst, Span<double> gradient, Span<double> rgradient, int rows, int width)
    {
        CheckRankOne(deltas.Length, weight.Length, rows, width);
        CheckRankOne(rdeltas.Length, direction.Length, rows, width);
        CheckBlock(first.Length, rows, width, nameof(first));
        CheckBlock(rfirst.Length, rows, width, nameof(rfirst));
        CheckBlock(gradient.Length, rows, width, nameof(gradient));
        CheckBlock(rgradient.Length, rows, width, nameof(rgradient));
        for (int e = 0; e < rows; e++)
        {
            double g = deltas[e], rg = rdeltas[e];
            int row = e * width, j = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<double> vg = Vector256.Create(g), vrg = Vector256.Create(rg);
                for (; j <= width - Vector256<double>.Count; j += Vector256<double>.Count)
                {
                    Vector256<double> w = LoadAt(weight, j);
                    Vector256<double> t = Vector256.FusedMultiplyAdd(vg, w, Vector256<double>.Zero);
                    Vector256<double> rt = RTerm(vg, vrg, w, LoadAt(direction, j));
                    Vector256<double> d = LoadAt(first, row + j);
                    Vector256.FusedMultiplyAdd(LoadAt(rfirst, row + j), t, d * rt).StoreUnsafe(ref MemoryMarshal.GetReference(rgradient), (nuint)(row + j));
                    (d * t).StoreUnsafe(ref MemoryMarshal.GetReference(gradient), (nuint)(row + j));
                }
            }
            for (; j < width; j++)
            {
                double t = Math.FusedMultiplyAdd(g, weight[j], 0.0);
                double rt = RTerm(g, rg, weight[j], direction[j]);
                double d = first[row + j];
                rgradient[row + j] = Math.FusedMultiplyAdd(rfirst[row + j], t, d * rt);
                gradient[row + j] = d * t;
            }
        }
    }

    /// <summary>
    /// Fixed-point pass (Hessian operator): with t = fma(g[e], w[j], +0), keeps <c>upstream = t</c> (∂L/∂a of the input) and
    /// sets <c>gradient = t·first</c>.
    /// </summary>
    /// <param name="deltas">The layer's deltas g, one per row.</param>
    /// <param name="weight">The weight row w.</param>
    /// <param name="first">σ′ of the input.</param>
    /// <param name="gradient">Receives the input's g.</param>
    /// <param name="upstream">Receives the input's ∂L/∂a.</param>
    /// <param name="rows">Examples.</param>
    /// <param name="width">The input's width.</param>
    /// <exception cref="ArgumentException">A span's length does not match.</exception>
    public static void BackpropagateRankOneKeeping(ReadOnlySpan<double> deltas, ReadOnlySpan<double> weight, ReadOnlySpan<double> first, Span<double> gradient, Span<double> upstream, int rows, int width)
    {
        CheckRankOne(deltas.Length, weight.Length, rows, width);
        CheckBlock(first.Length, rows, width, nameof(first));
        CheckBlock(gradient.Length, rows, width, nameof(gradient));
        CheckBlock(upstream.Length, rows, width, nameof(upstream));
        for (int e = 0; e < rows; e++)
        {
            double g = deltas[e];
            int row = e * width, j = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                var vg = Vector256.Create(g);
                for (; j <= width - Vector256<double>.Count; j += Vector256<double>.Count)
                {
                    Vector256<double> t = Vector256.FusedMultiplyAdd(vg, LoadAt(weight, j), Vector256<double>.Zero);
                    t.StoreUnsafe(ref MemoryMarshal.GetReference(upstream), (nuint)(row + j));
                    (t * LoadAt(first, row + j)).StoreUnsafe(ref MemoryMarshal.GetReference(gradient), (nuint)(row + j));
                }
            }
            for (; j < width; j++)
            {
                double t = Math.FusedMultiplyAdd(g, weight[j], 0.0);
                upstream[row + j] = t;
                gradient[row + j] = t * first[row + j];
            }
        }
    }

    /// <summary>
    /// One product of a Hessian operator: with rt = fma(g[e], v[j], fma(rg[e], w[j], +0)), sets
    /// <c>rgradient = fma(rfirst, upstream, first·rt)</c> (see <see cref="RBackpropagate"/>).
    /// </summary>
    /// <param name="deltas">The layer's kept deltas g, one per row.</param>
    /// <param name="rdeltas">Their R-images R g.</param>
    /// <param name="weight">The weight row w.</param>
    /// <param name="direction">The weight row's direction v.</param>
    /// <param name="upstream">The input's kept ∂L/∂a.</param>
    /// <param name="first">σ′ of the input.</param>
    /// <param name="rfirst">R σ′ of the input.</param>
    /// <param name="rgradient">Receives the input's R g.</param>
    /// <param name="rows">Examples.</param>
    /// <param name="width">The input's width.</param>
    /// <exception cref="ArgumentException">A span's length does not match.</exception>
    public static void RBackpropagateRankOne(ReadOnlySpan<double> deltas, ReadOnlySpan<double> rdeltas, ReadOnlySpan<double> weight, ReadOnlySpan<double> direction,
                                             ReadOnlySpan<double> upstream, ReadOnlySpan<double> first, ReadOnlySpan<double> rfirst, Span<double> rgradient, int rows, int width)
    {
        CheckRankOne(deltas.Length, weight.Length, rows, width);
        CheckRankOne(rdeltas.Length, direction.Length, rows, width);
        CheckBlock(upstream.Length, rows, width, nameof(upstream));
        CheckBlock(first.Length, rows, width, nameof(first));
        CheckBlock(rfirst.Length, rows, width, nameof(rfirst));
        CheckBlock(rgradient.Length, rows, width, nameof(rgradient));
        for (int e = 0; e < rows; e++)
        {
            double g = deltas[e], rg = rdeltas[e];
            int row = e * width, j = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<double> vg = Vector256.Create(g), vrg = Vector256.Create(rg);
                for (; j <= width - Vector256<double>.Count; j += Vector256<double>.Count)
                {
                    Vector256<double> rt = RTerm(vg, vrg, LoadAt(weight, j), LoadAt(direction, j));
                    Vector256.FusedMultiplyAdd(LoadAt(rfirst, row + j), LoadAt(upstream, row + j), LoadAt(first, row + j) * rt)
                        .StoreUnsafe(ref MemoryMarshal.GetReference(rgradient), (nuint)(row + j));
                }
            }
            for (; j < width; j++)
            {
                double rt = RTerm(g, rg, weight[j], direction[j]);
                rgradient[row + j] = Math.FusedMultiplyAdd(rfirst[row + j], upstream[row + j], first[row + j] * rt);
            }
        }
    }

    /// <summary>
    /// R of the input's upstream delta, rg·w + g·v, as the two k = 1 GEMMs round it: fma(g, v, fma(rg, w, +0)) (the
    /// first assigns from a +0 accumulator, the second accumulates).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> RTerm(Vector256<double> g, Vector256<double> rg, Vector256<double> w, Vector256<double> v) =>
        Vector256.FusedMultiplyAdd(g, v, Vector256.FusedMultiplyAdd(rg, w, Vector256<double>.Zero));

    /// <summary>The scalar <see cref="RTerm(Vector256{double}, Vector256{double}, Vector256{double}, Vector256{double})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double RTerm(double g, double rg, double w, double v) =>
        Math.FusedMultiplyAdd(g, v, Math.FusedMultiplyAdd(rg, w, 0.0));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LoadAt(ReadOnlySpan<double> span, int index) =>
        Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);

    private static void CheckRankOne(int deltas, int weight, int rows, int width)
    {
        if (deltas != rows)
            throw new ArgumentException(FormattableString.Invariant($"Expected {rows} deltas (one per row), but the span has length {deltas}."));
        if (weight != width)
            throw new ArgumentException(FormattableString.Invariant($"Expected a weight row of length {width}, but the span has length {weight}."));
    }
}
