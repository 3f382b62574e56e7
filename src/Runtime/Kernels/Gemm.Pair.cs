using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Landscape.Kernels;

public static partial class Gemm
{
    /// <summary>Where the pair products (<c>NNPair</c>) pack its shared B (pinned, per thread, grown on demand, reused by later calls).</summary>
    [ThreadStatic]
    private static double[]? t_pairBuffer;

    /// <summary>
    /// Two products with the same right operand, C₁ = (accumulate₁ ? C₁ : 0) + A₁·B and then
    /// C₂ = (accumulate₂ ? C₂ : 0) + A₂·B (A₁, A₂ m×k with leading dimension <paramref name="lda"/>, B k×n, C₁ and C₂ m×n
    /// with leading dimension <paramref name="ldc"/>), on the calling thread: exactly the two <see cref="NN"/> calls, every
    /// element the same FMA chain, so the same bits. When the products take the packed path, B is packed once for both
    /// (a convolution's W·P and V·P on one patch matrix P).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, or a leading dimension is below the stored row width.</exception>
    /// <exception cref="ArgumentException">A span is too short for its matrix, or a C overlaps an A or B.</exception>
    internal static void NNPair(
        int m, int n, int k, ReadOnlySpan<double> a1, ReadOnlySpan<double> a2, int lda, ReadOnlySpan<double> b, int ldb,
        Span<double> c1, bool accumulate1, Span<double> c2, bool accumulate2, int ldc)
        => NNPair(m, n, k, a1, a2, lda, b, ldb, c1, accumulate1, c2, accumulate2, ldc, SimdWidth.Auto, GemmPath.Auto);

    /// <summary><see cref="NNPair(int, int, int, ReadOnlySpan{double}, ReadOnlySpan{double}, int, ReadOnlySpan{double}, int, Span{double}, bool, Span{double}, bool, int)"/> on a chosen width and path (tests).</summary>
    internal static void NNPair(
        int m, int n, int k, ReadOnlySpan<double> a1, ReadOnlySpan<double> a2, int lda, ReadOnlySpan<double> b, int ldb,
        Span<double> c1, bool accumulate1, Span<double> c2, bool accumulate2, int ldc, SimdWidth width, GemmPath path)
    {
        Validate(Operation.NN, m, n, k, a1, lda, b, ldb, c1, ldc);
        Validate(Operation.NN, m, n, k, a2, lda, b, ldb, c2, ldc);
        SimdWidth resolved = ResolveWidth(width);
        bool direct = resolved == SimdWidth.Vector256 && (path == GemmPath.Direct || (path == GemmPath.Auto && UseDirect(m, n, k, transposeB: false)));
        if (m == 0 || n == 0 || k == 0 || direct)
        {
            // Nothing to share: the unpacked path reads B where it is.
            Compute(Operation.NN, m, n, k, a1, lda, b, ldb, c1, ldc, accumulate1, width, threads: 1, path: path);
            Compute(Operation.NN, m, n, k, a2, lda, b, ldb, c2, ldc, accumulate2, width, threads: 1, path: path);
            return;
        }
        switch (resolved)
        {
            case SimdWidth.Vector512:
                PackedPair<Kernel512>(m, n, k, a1, a2, lda, b, ldb, c1, accumulate1, c2, accumulate2, ldc);
                break;
            case SimdWidth.Vector256:
                PackedPair<Kernel256>(m, n, k, a1, a2, lda, b, ldb, c1, accumulate1, c2, accumulate2, ldc);
                break;
            default:
                PackedPair<KernelScalar>(m, n, k, a1, a2, lda, b, ldb, c1, accumulate1, c2, accumulate2, ldc);
                break;
        }
    }

    /// <summary>Packs B whole once, then runs both products on the packed path with it.</summary>
    private static unsafe void PackedPair<TKernel>(
        int m, int n, int k, ReadOnlySpan<double> a1, ReadOnlySpan<double> a2, int lda, ReadOnlySpan<double> b, int ldb,
        Span<double> c1, bool accumulate1, Span<double> c2, bool accumulate2, int ldc)
        where TKernel : struct, IMicroKernel
    {
        int stride = RoundUp(n, TKernel.NR);
        double* packed = RentPairBuffer((long)k * stride);
        fixed (double* pa1 = a1)
        fixed (double* pa2 = a2)
        fixed (double* pb = b)
        fixed (double* pc1 = c1)
        fixed (double* pc2 = c2)
        {
            PackWhole<TKernel>(k, n, transposed: false, stride, pb, ldb, packed);
            Blocked<TKernel>(new Problem(false, false, m, n, k, pa1, lda, pb, ldb, pc1, ldc, accumulate1), packed, stride);
            Blocked<TKernel>(new Problem(false, false, m, n, k, pa2, lda, pb, ldb, pc2, ldc, accumulate2), packed, stride);
        }
    }

    /// <summary>A 64-byte-aligned area of at least <paramref name="length"/> doubles for a shared packed B, owned by the current thread until its next call.</summary>
    private static unsafe double* RentPairBuffer(long length)
    {
        const int AlignmentSlack = 8;
        double[]? buffer = t_pairBuffer;
        if (buffer is null || buffer.Length < length + AlignmentSlack)
        {
            buffer = GC.AllocateUninitializedArray<double>(checked((int)(length + AlignmentSlack)), pinned: true);
            t_pairBuffer = buffer;
        }
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (double*)((address + 63) & ~(nint)63);
    }
}
