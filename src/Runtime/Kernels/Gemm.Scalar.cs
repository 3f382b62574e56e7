using System;
using System.Runtime.CompilerServices;

namespace Landscape.Kernels;

public static partial class Gemm
{
    /// <summary>
    /// The scalar micro-kernel (no SIMD, or forced by tests): a 4×4 tile of C in sixteen scalar accumulators, each
    /// step <see cref="Math.FusedMultiplyAdd(double, double, double)"/>, so it matches the vector kernels bit for bit.
    /// </summary>
    private readonly struct KernelScalar : IMicroKernel
    {
        /// <inheritdoc/>
        public static int MR => 4;

        /// <inheritdoc/>
        public static int NR => 4;

        /// <inheritdoc/>
        public static SimdWidth Width => SimdWidth.Scalar;

        /// <inheritdoc/>
        public static int KC => 256;

        /// <inheritdoc/>
        public static int MC => 128;

        /// <inheritdoc/>
        public static int NC => 1024;

        /// <inheritdoc/>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static unsafe void Run(int kc, double* a, double* b, double* c, nint ldc, bool load)
        {
            double c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33;
            if (load)
            {
                double* row0 = c;
                c00 = row0[0];
                c01 = row0[1];
                c02 = row0[2];
                c03 = row0[3];
                double* row1 = c + ldc;
                c10 = row1[0];
                c11 = row1[1];
                c12 = row1[2];
                c13 = row1[3];
                double* row2 = c + 2 * ldc;
                c20 = row2[0];
                c21 = row2[1];
                c22 = row2[2];
                c23 = row2[3];
                double* row3 = c + 3 * ldc;
                c30 = row3[0];
                c31 = row3[1];
                c32 = row3[2];
                c33 = row3[3];
            }
            else
            {
                c00 = c01 = c02 = c03 = c10 = c11 = c12 = c13 = c20 = c21 = c22 = c23 = c30 = c31 = c32 = c33 = 0.0;
            }

            // acc[r, j] = FMA(a[p·4 + r], b[p·4 + j], acc[r, j]) for p = 0 … kc − 1, in order.
            for (int p = 0; p < kc; p++, a += 4, b += 4)
            {
                double b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
                double a0 = a[0];
                c00 = Math.FusedMultiplyAdd(a0, b0, c00);
                c01 = Math.FusedMultiplyAdd(a0, b1, c01);
                c02 = Math.FusedMultiplyAdd(a0, b2, c02);
                c03 = Math.FusedMultiplyAdd(a0, b3, c03);
                double a1 = a[1];
                c10 = Math.FusedMultiplyAdd(a1, b0, c10);
                c11 = Math.FusedMultiplyAdd(a1, b1, c11);
                c12 = Math.FusedMultiplyAdd(a1, b2, c12);
                c13 = Math.FusedMultiplyAdd(a1, b3, c13);
                double a2 = a[2];
                c20 = Math.FusedMultiplyAdd(a2, b0, c20);
                c21 = Math.FusedMultiplyAdd(a2, b1, c21);
                c22 = Math.FusedMultiplyAdd(a2, b2, c22);
                c23 = Math.FusedMultiplyAdd(a2, b3, c23);
                double a3 = a[3];
                c30 = Math.FusedMultiplyAdd(a3, b0, c30);
                c31 = Math.FusedMultiplyAdd(a3, b1, c31);
                c32 = Math.FusedMultiplyAdd(a3, b2, c32);
                c33 = Math.FusedMultiplyAdd(a3, b3, c33);
            }

            double* out0 = c;
            out0[0] = c00;
            out0[1] = c01;
            out0[2] = c02;
            out0[3] = c03;
            double* out1 = c + ldc;
            out1[0] = c10;
            out1[1] = c11;
            out1[2] = c12;
            out1[3] = c13;
            double* out2 = c + 2 * ldc;
            out2[0] = c20;
            out2[1] = c21;
            out2[2] = c22;
            out2[3] = c23;
            double* out3 = c + 3 * ldc;
            out3[0] = c30;
            out3[1] = c31;
            out3[2] = c32;
            out3[3] = c33;
        }
    }
}
