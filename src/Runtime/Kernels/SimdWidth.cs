namespace Landscape.Kernels;

/// <summary>
/// The SIMD code path a kernel runs. Public entry points always use <see cref="Auto"/>; the other values exist so
/// that tests can run every path on one machine.
/// </summary>
/// <remarks>
/// In the GEMM and column sums, forcing a width the CPU lacks falls back to the next lower width it has:
/// <see cref="Vector512"/> → <see cref="Vector256"/> → <see cref="Scalar"/>. Each kernel family states which
/// instruction sets a width needs (the GEMM needs AVX-512F for 512-bit and AVX2 + FMA for 256-bit; column sums need
/// AVX-512F and AVX2). The <see cref="Epilogue"/> drivers run a forced width as asked, through the portable vector
/// code where the CPU lacks it. Every width computes the same operations in the same order per output element, so
/// the results are bit-identical whatever the width.
/// </remarks>
internal enum SimdWidth
{
    /// <summary>The widest path the CPU supports.</summary>
    Auto,

    /// <summary>512-bit <see cref="System.Runtime.Intrinsics.Vector512{T}"/> kernels.</summary>
    Vector512,

    /// <summary>256-bit <see cref="System.Runtime.Intrinsics.Vector256{T}"/> kernels.</summary>
    Vector256,

    /// <summary>Scalar code (<see cref="System.Math.FusedMultiplyAdd"/> for products).</summary>
    Scalar,
}
