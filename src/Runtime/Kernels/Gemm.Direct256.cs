using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Landscape.Kernels;

public static partial class Gemm
{
    /// <summary>
    /// The largest product (m·n·k multiply-adds) that always takes the unpacked path: below this, packing A and B
    /// costs about as much as the arithmetic.
    /// </summary>
    private const long DirectMaxVolume = 1L << 15;

    /// <summary>The deepest k at which the unpacked path is used whatever the other sizes (packing ≈ arithmetic there).</summary>
    private const int DirectMaxDepth = 32;

    /// <summary>
    /// Whether a single-task product runs on the unpacked 256-bit path (<see cref="Direct256"/>) instead of the
    /// packed, cache-blocked one: shallow products (k ≤ <see cref="DirectMaxDepth"/>), small ones, and thin ones
    /// whose rows or columns would leave most of a 6×8 packed tile empty (m &lt; 6 or n &lt; 8). Both paths compute
    /// every element as the same FMA chain, so the choice never changes a bit.
    /// </summary>
    /// <remarks>
    /// An NT product with n ≥ 4 transposes B into scratch first, so it qualifies only while n·k stays below
    /// <see cref="DirectMaxTransposed"/> values.
    /// </remarks>
    private static bool UseDirect(int m, int n, int k, bool transposeB)
        => (k <= DirectMaxDepth || m < 6 || n < 8 || (long)m * n * k <= DirectMaxVolume)
           && (!transposeB || n < 4 || (long)n * k <= DirectMaxTransposed);

    /// <summary>The most op(B) values an unpacked NT product transposes into scratch (256 KiB).</summary>
    private const long DirectMaxTransposed = 1L << 15;

    /// <summary>
    /// The unpacked 256-bit path: computes C = (accumulate ? C : 0) + op(A) · op(B) reading A and B where they are
    /// (only an NT product with n ≥ 4 first transposes B, n·k values, into the thread's scratch buffer). Tiles of
    /// 6 rows (then 4, then single rows) × 8 or 4 columns broadcast op(A)[i,p] and load op(B)[p, j..] directly; the last n mod 4 columns are
    /// scalar chains. Every element is acc = accumulate ? C[i,j] : +0, then acc = FMA(op(A)[i,p], op(B)[p,j], acc)
    /// for p = 0 … k − 1 in order, exactly as in the packed path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Direct256(in Problem problem)
    {
        int m = problem.M, n = problem.N, k = problem.K;
        // op(A)[i,p] = a[i·ars + p·aps]; op(B)[p,j] = b[p·bps + j·bjs].
        nint ars = problem.TransposeA ? 1 : problem.Lda;
        nint aps = problem.TransposeA ? problem.Lda : 1;
        double* b = problem.B;
        nint bps, bjs;
        if (!problem.TransposeB)
        {
            bps = problem.Ldb;
            bjs = 1;
        }
        else if (n >= 4)
        {
            // op(B) = Bᵀ with B stored n×k: transpose into a k×n scratch so that op(B)[p, j..j+3] is contiguous.
            double* t = RentPackBuffer(n * k);
            int j = 0;
            for (; j + 4 <= n; j += 4)
                Transpose4Rows(problem.B + j * problem.Ldb, problem.Ldb, k, t + j, n);
            for (; j < n; j++)
            {
                double* src = problem.B + j * problem.Ldb;
                for (int p = 0; p < k; p++)
                    t[p * n + j] = src[p];
            }
            b = t;
            bps = n;
            bjs = 1;
        }
        else
        {
            // Fewer than four columns: all of them are scalar chains, which read B in place.
            bps = 1;
            bjs = problem.Ldb;
        }

        double* a = problem.A, c = problem.C;
        nint ldc = problem.Ldc;
        bool load = problem.Accumulate;
        int vectorColumns = bjs == 1 ? n & ~3 : 0;
        int i = 0;
        if (vectorColumns == 0)
        {
            // Only scalar chains (a product with fewer than four columns, such as a 1-unit output layer): eight
            // independent chains per pass over p instead of four, twice the FMAs in flight against their latency.
            for (; i + 8 <= m; i += 8)
            {
                for (int j = 0; j < n; j++)
                    DirectScalar8(k, a + i * ars, ars, aps, b + j * bjs, bps, c + i * ldc + j, ldc, load);
            }
        }
        for (; vectorColumns > 0 && i + 6 <= m; i += 6)
        {
            // Strips of six rows (12 accumulators per 8 columns: more independent chains against the FMA latency and
            // fewer B loads per FMA than four rows); the other columns as below.
            double* ai = a + i * ars;
            double* ci = c + i * ldc;
            int j = 0;
            for (; j + 8 <= vectorColumns; j += 8)
                Direct6x8(k, ai, ars, aps, b + j, bps, ci + j, ldc, load);
            if (j < vectorColumns)
            {
                Direct4x4(k, ai, ars, aps, b + j, bps, ci + j, ldc, load);
                Direct1x4(k, ai + 4 * ars, aps, b + j, bps, ci + 4 * ldc + j, load);
                Direct1x4(k, ai + 5 * ars, aps, b + j, bps, ci + 5 * ldc + j, load);
            }
            for (j = vectorColumns; j < n; j++)
            {
                DirectScalar4(k, ai, ars, aps, b + j * bjs, bps, ci + j, ldc, load);
                for (int r = 4; r < 6; r++)
                    ci[r * ldc + j] = DirectScalar1(k, ai + r * ars, aps, b + j * bjs, bps, load ? ci[r * ldc + j] : 0.0);
            }
        }
        for (; i + 4 <= m; i += 4)
        {
            double* ai = a + i * ars;
            double* ci = c + i * ldc;
            int j = 0;
            for (; j + 8 <= vectorColumns; j += 8)
                Direct4x8(k, ai, ars, aps, b + j, bps, ci + j, ldc, load);
            if (j < vectorColumns)
                Direct4x4(k, ai, ars, aps, b + j, bps, ci + j, ldc, load);
            for (j = vectorColumns; j < n; j++)
                DirectScalar4(k, ai, ars, aps, b + j * bjs, bps, ci + j, ldc, load);
        }
        for (; i < m; i++)
        {
            double* ai = a + i * ars;
            double* ci = c + i * ldc;
            int j = 0;
            for (; j + 8 <= vectorColumns; j += 8)
                Direct1x8(k, ai, aps, b + j, bps, ci + j, load);
            if (j < vectorColumns)
                Direct1x4(k, ai, aps, b + j, bps, ci + j, load);
            for (j = vectorColumns; j < n; j++)
                ci[j] = DirectScalar1(k, ai, aps, b + j * bjs, bps, load ? ci[j] : 0.0);
        }
    }

    /// <summary>Four rows × eight columns: acc[r, j] = FMA(a[r·ars + p·aps], b[p·bps + j], acc[r, j]) for p in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Direct4x8(int k, double* a, nint ars, nint aps, double* b, nint bps, double* c, nint ldc, bool load)
    {
        Vector256<double> c00, c01, c10, c11, c20, c21, c30, c31;
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
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector256<double>.Zero;
        }

        double* a0 = a, a1 = a + ars, a2 = a + 2 * ars, a3 = a + 3 * ars;
        for (int p = 0; p < k; p++, b += bps)
        {
            nint q = p * aps;
            Vector256<double> b0 = Vector256.Load(b);
            Vector256<double> b1 = Vector256.Load(b + 4);
            Vector256<double> x = Vector256.Create(a0[q]);
            c00 = Fma256(x, b0, c00);
            c01 = Fma256(x, b1, c01);
            x = Vector256.Create(a1[q]);
            c10 = Fma256(x, b0, c10);
            c11 = Fma256(x, b1, c11);
            x = Vector256.Create(a2[q]);
            c20 = Fma256(x, b0, c20);
            c21 = Fma256(x, b1, c21);
            x = Vector256.Create(a3[q]);
            c30 = Fma256(x, b0, c30);
            c31 = Fma256(x, b1, c31);
        }

        c00.Store(c);
        c01.Store(c + 4);
        c10.Store(c + ldc);
        c11.Store(c + ldc + 4);
        c20.Store(c + 2 * ldc);
        c21.Store(c + 2 * ldc + 4);
        c30.Store(c + 3 * ldc);
        c31.Store(c + 3 * ldc + 4);
    }

    /// <summary>Six rows × eight columns: acc[r, j] = FMA(a[r·ars + p·aps], b[p·bps + j], acc[r, j]) for p in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Direct6x8(int k, double* a, nint ars, nint aps, double* b, nint bps, double* c, nint ldc, bool load)
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
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = Vector256<double>.Zero;
        }

        double* a0 = a, a1 = a + ars, a2 = a + 2 * ars, a3 = a + 3 * ars, a4 = a + 4 * ars, a5 = a + 5 * ars;
        for (int p = 0; p < k; p++, b += bps)
        {
            nint q = p * aps;
            Vector256<double> b0 = Vector256.Load(b);
            Vector256<double> b1 = Vector256.Load(b + 4);
            Vector256<double> x = Vector256.Create(a0[q]);
            c00 = Fma256(x, b0, c00);
            c01 = Fma256(x, b1, c01);
            x = Vector256.Create(a1[q]);
            c10 = Fma256(x, b0, c10);
            c11 = Fma256(x, b1, c11);
            x = Vector256.Create(a2[q]);
            c20 = Fma256(x, b0, c20);
            c21 = Fma256(x, b1, c21);
            x = Vector256.Create(a3[q]);
            c30 = Fma256(x, b0, c30);
            c31 = Fma256(x, b1, c31);
            x = Vector256.Create(a4[q]);
            c40 = Fma256(x, b0, c40);
            c41 = Fma256(x, b1, c41);
            x = Vector256.Create(a5[q]);
            c50 = Fma256(x, b0, c50);
            c51 = Fma256(x, b1, c51);
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

    /// <summary>Four rows × four columns: acc[r, j] = FMA(a[r·ars + p·aps], b[p·bps + j], acc[r, j]) for p in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Direct4x4(int k, double* a, nint ars, nint aps, double* b, nint bps, double* c, nint ldc, bool load)
    {
        Vector256<double> c0, c1, c2, c3;
        if (load)
        {
            c0 = Vector256.Load(c);
            c1 = Vector256.Load(c + ldc);
            c2 = Vector256.Load(c + 2 * ldc);
            c3 = Vector256.Load(c + 3 * ldc);
        }
        else
        {
            c0 = c1 = c2 = c3 = Vector256<double>.Zero;
        }

        double* a0 = a, a1 = a + ars, a2 = a + 2 * ars, a3 = a + 3 * ars;
        for (int p = 0; p < k; p++, b += bps)
        {
            nint q = p * aps;
            Vector256<double> b0 = Vector256.Load(b);
            c0 = Fma256(Vector256.Create(a0[q]), b0, c0);
            c1 = Fma256(Vector256.Create(a1[q]), b0, c1);
            c2 = Fma256(Vector256.Create(a2[q]), b0, c2);
            c3 = Fma256(Vector256.Create(a3[q]), b0, c3);
        }

        c0.Store(c);
        c1.Store(c + ldc);
        c2.Store(c + 2 * ldc);
        c3.Store(c + 3 * ldc);
    }

    /// <summary>One row × eight columns: acc[j] = FMA(a[p·aps], b[p·bps + j], acc[j]) for p in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Direct1x8(int k, double* a, nint aps, double* b, nint bps, double* c, bool load)
    {
        Vector256<double> c0 = load ? Vector256.Load(c) : Vector256<double>.Zero;
        Vector256<double> c1 = load ? Vector256.Load(c + 4) : Vector256<double>.Zero;
        for (int p = 0; p < k; p++, a += aps, b += bps)
        {
            Vector256<double> x = Vector256.Create(*a);
            c0 = Fma256(x, Vector256.Load(b), c0);
            c1 = Fma256(x, Vector256.Load(b + 4), c1);
        }
        c0.Store(c);
        c1.Store(c + 4);
    }

    /// <summary>One row × four columns: acc[j] = FMA(a[p·aps], b[p·bps + j], acc[j]) for p in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Direct1x4(int k, double* a, nint aps, double* b, nint bps, double* c, bool load)
    {
        Vector256<double> c0 = load ? Vector256.Load(c) : Vector256<double>.Zero;
        for (int p = 0; p < k; p++, a += aps, b += bps)
            c0 = Fma256(Vector256.Create(*a), Vector256.Load(b), c0);
        c0.Store(c);
    }

    /// <summary>
    /// One column of four rows as four independent scalar chains (interleaved for throughput):
    /// acc[r] = FMA(a[r·ars + p·aps], b[p·bps], acc[r]) for p in order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void DirectScalar4(int k, double* a, nint ars, nint aps, double* b, nint bps, double* c, nint ldc, bool load)
    {
        double c0 = load ? c[0] : 0.0;
        double c1 = load ? c[ldc] : 0.0;
        double c2 = load ? c[2 * ldc] : 0.0;
        double c3 = load ? c[3 * ldc] : 0.0;
        double* a0 = a, a1 = a + ars, a2 = a + 2 * ars, a3 = a + 3 * ars;
        for (int p = 0; p < k; p++, b += bps)
        {
            nint q = p * aps;
            double x = *b;
            c0 = Math.FusedMultiplyAdd(a0[q], x, c0);
            c1 = Math.FusedMultiplyAdd(a1[q], x, c1);
            c2 = Math.FusedMultiplyAdd(a2[q], x, c2);
            c3 = Math.FusedMultiplyAdd(a3[q], x, c3);
        }
        c[0] = c0;
        c[ldc] = c1;
        c[2 * ldc] = c2;
        c[3 * ldc] = c3;
    }

    /// <summary>Eight rows × one column: acc[r] = FMA(a[r·ars + p·aps], b[p·bps], acc[r]) for p in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void DirectScalar8(int k, double* a, nint ars, nint aps, double* b, nint bps, double* c, nint ldc, bool load)
    {
        double c0 = load ? c[0] : 0.0, c1 = load ? c[ldc] : 0.0, c2 = load ? c[2 * ldc] : 0.0, c3 = load ? c[3 * ldc] : 0.0;
        double c4 = load ? c[4 * ldc] : 0.0, c5 = load ? c[5 * ldc] : 0.0, c6 = load ? c[6 * ldc] : 0.0, c7 = load ? c[7 * ldc] : 0.0;
        double* a0 = a, a1 = a + ars, a2 = a + 2 * ars, a3 = a + 3 * ars;
        double* a4 = a + 4 * ars, a5 = a + 5 * ars, a6 = a + 6 * ars, a7 = a + 7 * ars;
        for (int p = 0; p < k; p++, b += bps)
        {
            nint q = p * aps;
            double x = *b;
            c0 = Math.FusedMultiplyAdd(a0[q], x, c0);
            c1 = Math.FusedMultiplyAdd(a1[q], x, c1);
            c2 = Math.FusedMultiplyAdd(a2[q], x, c2);
            c3 = Math.FusedMultiplyAdd(a3[q], x, c3);
            c4 = Math.FusedMultiplyAdd(a4[q], x, c4);
            c5 = Math.FusedMultiplyAdd(a5[q], x, c5);
            c6 = Math.FusedMultiplyAdd(a6[q], x, c6);
            c7 = Math.FusedMultiplyAdd(a7[q], x, c7);
        }
        c[0] = c0;
        c[ldc] = c1;
        c[2 * ldc] = c2;
        c[3 * ldc] = c3;
        c[4 * ldc] = c4;
        c[5 * ldc] = c5;
        c[6 * ldc] = c6;
        c[7 * ldc] = c7;
    }

    /// <summary>One element's chain: acc = FMA(a[p·aps], b[p·bps], acc) for p in order, from <paramref name="acc"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe double DirectScalar1(int k, double* a, nint aps, double* b, nint bps, double acc)
    {
        for (int p = 0; p < k; p++, a += aps, b += bps)
            acc = Math.FusedMultiplyAdd(*a, *b, acc);
        return acc;
    }
}
