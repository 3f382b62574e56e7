using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Landscape.Kernels;

public static partial class Gemm
{
    /// <summary>
    /// The 256-bit micro-kernel: a 6×8 tile of C in twelve <see cref="Vector256{T}"/> accumulators (6 rows × 2
    /// vectors of 4 doubles), which with the two B vectors and one broadcast fits the 16 YMM registers of AVX2.
    /// Each step broadcasts A[i,p] and fuses it with the row B[p, j..j+8] (no reduction over p across lanes).
    /// Blocking: a B strip of 256×8 doubles (16 KiB) stays in L1, an A block of 96×256 (192 KiB) in L2.
    /// </summary>
    private readonly struct Kernel256 : IMicroKernel
    {
        /// <inheritdoc/>
        public static int MR => 6;

        /// <inheritdoc/>
        public static int NR => 8;

        /// <inheritdoc/>
        public static SimdWidth Width => SimdWidth.Vector256;

        /// <inheritdoc/>
        public static int KC => 256;

        /// <inheritdoc/>
        public static int MC => 96;

        /// <inheritdoc/>
        public static int NC => 1024;

        /// <inheritdoc/>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static unsafe void Run(int kc, double* a, double* b, double* c, nint ldc, bool load)
        {
            Vector256<double> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
            if (load)
            {
                c00 = Vector256.Load(c);
                c01 = Vector256.Load(c + 4);
                c10 = Vector256.Load(c + ldc);
                c11 = Vector256.Load(c + ldc + 4);
                c20 = Vector256.Load(c + 2 * ldc);
                c21 = Vector256.Load(c + 2 * ldc + 4);
                c30 = Vector256.Load(c + 3 * ldc);
                c31 = Vector256.Load(c + 3 * ldc + 4);
                c40 = Vector256.Load(c + 4 * ldc);
                c41 = Vector256.Load(c + 4 * ldc + 4);
                c50 = Vector256.Load(c + 5 * ldc);
                c51 = Vector256.Load(c + 5 * ldc + 4);
            }
            else
            {
                // An FMA chain starts from +0: FMA(x, y, +0) = round(x·y) except that an exact −0 product gives +0.
                c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = Vector256<double>.Zero;
            }

            // acc[r, j] = FMA(a[p·6 + r], b[p·8 + j], acc[r, j]) for p = 0 … kc − 1, in order.
            for (int p = 0; p < kc; p++, a += 6, b += 8)
            {
                Vector256<double> b0 = Vector256.Load(b);
                Vector256<double> b1 = Vector256.Load(b + 4);
                Vector256<double> a0 = Vector256.Create(a[0]);
                c00 = Fma256(a0, b0, c00);
                c01 = Fma256(a0, b1, c01);
                Vector256<double> a1 = Vector256.Create(a[1]);
                c10 = Fma256(a1, b0, c10);
                c11 = Fma256(a1, b1, c11);
                Vector256<double> a2 = Vector256.Create(a[2]);
                c20 = Fma256(a2, b0, c20);
                c21 = Fma256(a2, b1, c21);
                Vector256<double> a3 = Vector256.Create(a[3]);
                c30 = Fma256(a3, b0, c30);
                c31 = Fma256(a3, b1, c31);
                Vector256<double> a4 = Vector256.Create(a[4]);
                c40 = Fma256(a4, b0, c40);
                c41 = Fma256(a4, b1, c41);
                Vector256<double> a5 = Vector256.Create(a[5]);
                c50 = Fma256(a5, b0, c50);
                c51 = Fma256(a5, b1, c51);
            }

            c00.Store(c);
            c01.Store(c + 4);
            c10.Store(c + ldc);
            c11.Store(c + ldc + 4);
            c20.Store(c + 2 * ldc);
            c21.Store(c + 2 * ldc + 4);
            c30.Store(c + 3 * ldc);
            c31.Store(c + 3 * ldc + 4);
            c40.Store(c + 4 * ldc);
            c41.Store(c + 4 * ldc + 4);
            c50.Store(c + 5 * ldc);
            c51.Store(c + 5 * ldc + 4);
        }
    }

    /// <summary>x·y + z with a single rounding, per lane (hardware FMA when present, the exact software fallback otherwise).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Fma256(Vector256<double> x, Vector256<double> y, Vector256<double> z)
        => Fma.IsSupported ? Fma.MultiplyAdd(x, y, z) : Vector256.FusedMultiplyAdd(x, y, z);
}
