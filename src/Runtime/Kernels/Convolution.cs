using System;

namespace Landscape.Kernels;

/// <summary>
/// The data movement of a 2-D convolution layer (PyTorch's <c>Conv2d</c>: square kernel, stride, zero padding on every
/// side, no dilation or groups, floor mode) so that its products are <see cref="Gemm"/> calls: <see cref="Im2Col(ReadOnlySpan{double}, Span{double}, int, int, int, int, int, int, int)"/>
/// lays the receptive fields out as a patch matrix, <see cref="Col2Im(ReadOnlySpan{double}, Span{double}, int, int, int, int, int, int, int, bool)"/> is its adjoint, and the channel-bias helpers
/// add a per-channel bias and sum a per-channel gradient.
/// </summary>
/// <remarks>
/// <para>
/// <b>Layout.</b> An example is a row of C·H·W values in (c, h, w) order (NCHW flattened); a block of r examples is r
/// such rows, one after the other. The weight is W[O × Q], Q = C·K·K, row-major (PyTorch's [out, in, kh, kw]), so
/// W[o, q] with q = (c·K + kh)·K + kw. With OH = ⌊(H + 2P − K)/S⌋ + 1, OW likewise and L = OH·OW, the patch matrix of
/// example e is P_e[Q × L], row-major with leading dimension L, stored at offset e·Q·L of the patch block:
/// P_e[(c·K + kh)·K + kw, oh·OW + ow] = x_e[c, oh·S − P + kh, ow·S − P + kw], and +0.0 where that cell is padding.
/// This is PyTorch's <c>unfold</c> layout (one patch per column).
/// </para>
/// <para>
/// <b>The products</b>, per example e of the block (Z_e, G_e: the example's pre-activations and their deltas, both
/// [O × L] = the example's NCHW output row; dP_e: patch deltas [Q × L]):
/// forward Z_e = W·P_e is <c>Gemm.NN(O, L, Q, w, Q, p_e, L, z_e, L)</c>, whose output is already the NCHW row;
/// input deltas dP_e = Wᵀ·G_e is <c>Gemm.TN(Q, L, O, w, Q, g_e, L, dp_e, L)</c>, followed by <see cref="Col2Im(ReadOnlySpan{double}, Span{double}, int, int, int, int, int, int, int, bool)"/>;
/// the weight gradient ∇W = Σ_e G_e·P_eᵀ is <c>Gemm.NT(O, Q, L, g_e, L, p_e, L, gw, Q, accumulate: true)</c> for
/// e = 0, 1, …, r − 1 in order, so every ∇W[o, q] is one fused multiply-add chain over (e, oh, ow) in increasing
/// order, whatever the block and call boundaries (only the example order matters). R-operator passes reuse the same
/// calls: R{Z_e} = W·R{P_e} + V·P_e with R{P_e} = Im2Col(R{x_e}), and so on.
/// </para>
/// <para>
/// <b>Why this orientation.</b> The forward product writes each example's output directly in NCHW order, so the next
/// layer (another convolution, a pooling layer, or a <c>Dense</c> layer that flattens in (c, h, w) order) reads it as
/// is: no transposes anywhere. A 1×1 convolution with stride 1 and no padding has P_e = x_e, so a caller may pass the
/// input rows as the patch matrix and skip <see cref="Im2Col(ReadOnlySpan{double}, Span{double}, int, int, int, int, int, int, int)"/>.
/// </para>
/// <para>
/// <b>Determinism.</b> These kernels are single-threaded and allocation-free (the caller owns every buffer); each
/// output value is computed by a fixed sequence of operations stated on the method, the same on every CPU and SIMD
/// width. Vectorized paths only copy values or add lane by lane in the stated order, so they give the same bits as
/// the scalar loops.
/// </para>
/// </remarks>
public static partial class Convolution
{
    /// <summary>
    /// The output size of a window sweep along one dimension: ⌊(size + 2·padding − kernel)/stride⌋ + 1 (PyTorch's
    /// floor mode), for convolution and pooling alike.
    /// </summary>
    /// <param name="size">The input size along the dimension (≥ 1).</param>
    /// <param name="kernel">The window size (≥ 1, at most size + 2·padding).</param>
    /// <param name="stride">The stride (≥ 1).</param>
    /// <param name="padding">The padding on each side (≥ 0).</param>
    /// <returns>The number of window positions.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range, or the window does not fit the padded input.</exception>
    public static int OutputSize(int size, int kernel, int stride, int padding)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return SpatialShape.Create(0, 1, size, size, kernel, stride, padding, pooling: false).OutputHeight;
    }
}
