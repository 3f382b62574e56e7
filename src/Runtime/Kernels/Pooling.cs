namespace Landscape.Kernels;

/// <summary>
/// Pooling layers over blocks of NCHW examples, with PyTorch's semantics (<c>MaxPool2d</c>, <c>AvgPool2d</c> with
/// <c>count_include_pad = true</c>, and global average pooling): forward passes, their adjoints (backward passes),
/// and the routing of Pearlmutter R-values.
/// </summary>
/// <remarks>
/// <para>
/// <b>Layout.</b> An example is a row of C·H·W values in (c, h, w) order; a block of r examples is r such rows. Each
/// (example, channel) plane is pooled on its own: a K×K window with stride S (PyTorch's default stride is K; callers
/// pass it resolved) and padding P on every side, 0 ≤ P ≤ ⌊K/2⌋ as PyTorch requires, gives OH×OW outputs with
/// OH = ⌊(H + 2P − K)/S⌋ + 1 (floor mode, see <see cref="Convolution.OutputSize"/>), stored as rows of C·OH·OW
/// values in (c, oh, ow) order. The window of output (oh, ow) covers the input cells (oh·S − P + kh, ow·S − P + kw),
/// 0 ≤ kh, kw &lt; K; "row-major window order" is increasing (kh, kw).
/// </para>
/// <para>
/// <b>Every window holds a real cell.</b> With P ≤ ⌊K/2⌋ ≤ K − 1 (K ≥ 2; K = 1 forces P = 0) every window starts at
/// most at row H + P − K ≤ H − 1 and ends at least at row K − 1 − P ≥ 0 (likewise for columns), so no window lies
/// entirely in the padding: the all-padding case PyTorch's ceil mode has to special-case cannot arise here.
/// </para>
/// <para>
/// <b>Derivatives.</b> Average pooling (local and global) is linear: its R-forward pass is the forward pass applied to
/// the R-values, and its backward and R-backward passes are the adjoint applied to the deltas and to the R-deltas.
/// Max pooling is piecewise linear: with the argmax recorded by the forward pass, the R-forward pass selects the
/// R-values at the argmax (<see cref="MaxSelect"/>), and the backward and R-backward passes route deltas and R-deltas
/// to it (<see cref="MaxBackward"/>); there is no second-order term.
/// </para>
/// <para>
/// <b>Determinism.</b> These kernels are single-threaded and allocation-free (the caller owns every buffer, including
/// the argmax indices); every output value is a fixed sequence of operations stated on its method, the same on every
/// CPU and SIMD width.
/// </para>
/// </remarks>
public static partial class Pooling
{
}
