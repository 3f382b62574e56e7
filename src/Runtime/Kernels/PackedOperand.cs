using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Landscape.Kernels;

/// <summary>
/// A right-hand operand op(B) (k×n) packed once into the micro-kernel's strip layout, so that many products with
/// the same B and different A — the per-block forward and backward products of a network, which all multiply by the
/// same weight matrix — skip re-packing it. Pass it as <c>packedB</c> to <see cref="Gemm.NN"/> or <see cref="Gemm.NT"/>;
/// results are bit-identical with or without it (packing only moves values).
/// </summary>
/// <remarks>
/// <para>
/// The operand remembers the address and shape of the matrix it was packed from. A product uses it only when it is
/// called with that very matrix (same address, leading dimension, k, n and layout) on the width it was packed for,
/// and otherwise reads B as usual, so a stale or mismatched operand can cost speed but never correctness —
/// except in one case the check cannot see: <b>the caller must re-pack after changing B's contents in place.</b>
/// </para>
/// <para>Not thread-safe while packing; any number of threads may use a packed operand concurrently.</para>
/// </remarks>
public sealed class PackedOperand
{
    private readonly double[] _buffer;
    private readonly nint _offset;      // elements from the array start to the 64-byte-aligned packed data
    private nint _source;               // address of b[0] at the last Pack, 0 before the first
    private int _sourceLd;

    /// <summary>Allocates (pinned) room for op(B) of shape <paramref name="k"/>×<paramref name="n"/> on the widest SIMD width of this CPU.</summary>
    /// <param name="k">Rows of op(B) (the inner dimension of the products), ≥ 1.</param>
    /// <param name="n">Columns of op(B) and of the products' C, ≥ 1.</param>
    /// <param name="transposed">
    /// The layout of the stored B: false for B[k×n] as <see cref="Gemm.NN"/> reads it, true for B[n×k] as
    /// <see cref="Gemm.NT"/> reads it (op(B) = Bᵀ).
    /// </param>
    public PackedOperand(int k, int n, bool transposed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        K = k;
        N = n;
        Transposed = transposed;
        Width = Gemm.ResolveWidth(SimdWidth.Auto);
        Stride = Gemm.PackedColumns(Width, n);
        const int AlignmentSlack = 8;
        _buffer = GC.AllocateUninitializedArray<double>(checked((int)((long)k * Stride + AlignmentSlack)), pinned: true);
        unsafe
        {
            nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_buffer));
            _offset = (((address + 63) & ~(nint)63) - address) / sizeof(double);
        }
    }

    /// <summary>
    /// A packed operand for products of about <paramref name="rows"/> rows by op(B) (k×n), or null when such products
    /// take the unpacked small-product path anyway (shallow k, thin n) and packing would be wasted work.
    /// </summary>
    public static PackedOperand? ForProducts(int rows, int k, int n, bool transposed)
        => Gemm.PackingPays(rows, k, n, transposed) ? new PackedOperand(k, n, transposed) : null;

    /// <summary>Rows of op(B).</summary>
    public int K { get; }

    /// <summary>Columns of op(B).</summary>
    public int N { get; }

    /// <summary>True when the stored B is n×k (op(B) = Bᵀ, as <see cref="Gemm.NT"/> reads it).</summary>
    public bool Transposed { get; }

    /// <summary>The kernel width the layout is for.</summary>
    internal SimdWidth Width { get; }

    /// <summary>Columns of one packed k-row, n rounded up to the kernel's tile width (padding is zero).</summary>
    internal int Stride { get; }

    /// <summary>
    /// Packs op(B) from <paramref name="b"/>: B[k×n] (leading dimension <paramref name="ldb"/> ≥ n) or, when
    /// <see cref="Transposed"/>, B[n×k] (ldb ≥ k). Replaces any earlier contents.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ldb"/> is below the stored row width.</exception>
    /// <exception cref="ArgumentException"><paramref name="b"/> is too short for the matrix.</exception>
    public unsafe void Pack(ReadOnlySpan<double> b, int ldb)
    {
        Gemm.ValidateOperand(b.Length, Transposed ? N : K, Transposed ? K : N, ldb, nameof(b), nameof(ldb),
                             Transposed ? "B (stored n×k)" : "B (k×n)");
        fixed (double* pb = b)
        fixed (double* pd = _buffer)
        {
            Gemm.PackOperand(this, pb, ldb, pd + _offset);
            _source = (nint)pb;
            _sourceLd = ldb;
        }
    }

    /// <summary>The packed data, or null when this operand does not hold op(B) of the described product.</summary>
    internal unsafe double* For(SimdWidth width, double* b, nint ldb, int k, int n, bool transposed, double* pinned)
        => _source != 0 && _source == (nint)b && _sourceLd == ldb && K == k && N == n && Transposed == transposed && Width == width
            ? pinned + _offset
            : null;

    /// <summary>The buffer to pin around a product that uses <see cref="For"/>.</summary>
    internal double[] Buffer => _buffer;

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"PackedOperand(op(B) {K}×{N}, {(Transposed ? "from Bᵀ" : "from B")}, {Width})");
}
