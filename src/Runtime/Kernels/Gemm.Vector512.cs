using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Landscape.Kernels;

public static partial class Gemm
{
    /// <summary>
    /// The 512-bit micro-kernel: an 8×16 tile of C in sixteen <see cref="Vector512{T}"/> accumulators (8 rows × 2
    /// vectors of 8 doubles); with the two B vectors and the broadcasts it uses about 19 of the 32 ZMM registers,
    /// and 16 independent chains cover the FMA latency of two pipes. Each step broadcasts A[i,p] and fuses it with
    /// the row B[p, j..j+16]. Blocking: a B strip of 192×16 doubles (24 KiB) stays in a 32–48 KiB L1 next to
    /// the streamed A strip (12 KiB); an A block of 128×192 (192 KiB) stays in L2.
    /// </summary>
    /// <remarks>
    /// Selected only when <see cref="Avx512F.IsSupported"/> (or when tests emulate it): the JIT emits EVEX code for
    /// explicit <see cref="Vector512{T}"/> operations even where <see cref="Vector512.IsHardwareAccelerated"/> is false
    /// because the runtime prefers 256-bit vectors for auto-vectorization on that CPU.
    /// </remarks>
    private readonly struct Kernel512 : IMicroKernel
    {
        /// <inheritdoc/>
        public static int MR => 8;

        /// <inheritdoc/>
        public static int NR => 16;

        /// <inheritdoc/>
        public static SimdWidth Width => SimdWidth.Vector512;

        /// <inheritdoc/>
        public static int KC => 192;

        /// <inheritdoc/>
        public static int MC => 128;

        /// <inheritdoc/>
        public static int NC => 1024;

        /// <inheritdoc/>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static unsafe void Run(int kc, double* a, double* b, double* c, nint ldc, bool load)
        {
            Vector512<double> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
            if (load)
            {
                c00 = Vector512.Load(c);
                c01 = Vector512.Load(c + 8);
                c10 = Vector512.Load(c + ldc);
                c11 = Vector512.Load(c + ldc + 8);
                c20 = Vector512.Load(c + 2 * ldc);
                c21 = Vector512.Load(c + 2 * ldc + 8);
                c30 = Vector512.Load(c + 3 * ldc);
                c31 = Vector512.Load(c + 3 * ldc + 8);
                c40 = Vector512.Load(c + 4 * ldc);
                c41 = Vector512.Load(c + 4 * ldc + 8);
                c50 = Vector512.Load(c + 5 * ldc);
                c51 = Vector512.Load(c + 5 * ldc + 8);
                c60 = Vector512.Load(c + 6 * ldc);
                c61 = Vector512.Load(c + 6 * ldc + 8);
                c70 = Vector512.Load(c + 7 * ldc);
                c71 = Vector512.Load(c + 7 * ldc + 8);
            }
            else
            {
                // An FMA chain starts from +0: FMA(x, y, +0) = round(x·y) except that an exact −0 product gives +0.
                c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = Vector512<double>.Zero;
            }

            // acc[r, j] = FMA(a[p·8 + r], b[p·16 + j], acc[r, j]) for p = 0 … kc − 1, in order.
            for (int p = 0; p < kc; p++, a += 8, b += 16)
            {
                Vector512<double> b0 = Vector512.Load(b);
                Vector512<double> b1 = Vector512.Load(b + 8);
                Vector512<double> a0 = Vector512.Create(a[0]);
                c00 = Fma512(a0, b0, c00);
                c01 = Fma512(a0, b1, c01);
                Vector512<double> a1 = Vector512.Create(a[1]);
                c10 = Fma512(a1, b0, c10);
                c11 = Fma512(a1, b1, c11);
                Vector512<double> a2 = Vector512.Create(a[2]);
                c20 = Fma512(a2, b0, c20);
                c21 = Fma512(a2, b1, c21);
                Vector512<double> a3 = Vector512.Create(a[3]);
                c30 = Fma512(a3, b0, c30);
                c31 = Fma512(a3, b1, c31);
                Vector512<double> a4 = Vector512.Create(a[4]);
                c40 = Fma512(a4, b0, c40);
                c41 = Fma512(a4, b1, c41);
                Vector512<double> a5 = Vector512.Create(a[5]);
                c50 = Fma512(a5, b0, c50);
                c51 = Fma512(a5, b1, c51);
                Vector512<double> a6 = Vector512.Create(a[6]);
                c60 = Fma512(a6, b0, c60);
                c61 = Fma512(a6, b1, c61);
                Vector512<double> a7 = Vector512.Create(a[7]);
                c70 = Fma512(a7, b0, c70);
                c71 = Fma512(a7, b1, c71);
            }

            c00.Store(c);
            c01.Store(c + 8);
            c10.Store(c + ldc);
            c11.Store(c + ldc + 8);
            c20.Store(c + 2 * ldc);
            c21.Store(c + 2 * ldc + 8);
            c30.Store(c + 3 * ldc);
            c31.Store(c + 3 * ldc + 8);
            c40.Store(c + 4 * ldc);
            c41.Store(c + 4 * ldc + 8);
            c50.Store(c + 5 * ldc);
            c51.Store(c + 5 * ldc + 8);
            c60.Store(c + 6 * ldc);
            c61.Store(c + 6 * ldc + 8);
            c70.Store(c + 7 * ldc);
            c71.Store(c + 7 * ldc + 8);
        }
    }

    /// <summary>x·y + z with a single rounding, per lane (AVX-512 FMA when present, the exact software fallback otherwise).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Fma512(Vector512<double> x, Vector512<double> y, Vector512<double> z)
        => Avx512F.IsSupported ? Avx512F.FusedMultiplyAdd(x, y, z) : Vector512.FusedMultiplyAdd(x, y, z);
}
