using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Landscape.Kernels;

/// <summary>Deterministic reductions over row-major matrices.</summary>
public static class Reductions
{
    /// <summary>
    /// Computes sums[j] = (accumulate ? sums[j] : +0) + Σ_{r=0}^{rows−1} values[r·ld + j] for j &lt; width, adding
    /// the rows one at a time in the order r = 0, 1, 2, … (one rounding per addition), so the result is bit-identical
    /// to that naive loop on every CPU. Typical use: bias gradients, the column sums of a [rows × width] matrix.
    /// </summary>
    /// <remarks>
    /// NaN and infinities propagate as IEEE 754 addition does (a NaN in a column makes its sum NaN; +∞ and −∞ give
    /// NaN). Padding between <paramref name="width"/> and <paramref name="ld"/> is never read; sums past
    /// <paramref name="width"/> are never written.
    /// </remarks>
    /// <param name="values">The matrix, row-major with leading dimension <paramref name="ld"/>.</param>
    /// <param name="rows">Number of rows (≥ 0); with 0 rows the sums are <c>accumulate ? sums : 0</c>.</param>
    /// <param name="width">Number of columns (≥ 0).</param>
    /// <param name="ld">Leading dimension: the distance between the starts of consecutive rows (≥ width).</param>
    /// <param name="sums">Receives the column sums; at least <paramref name="width"/> long; must not overlap values.</param>
    /// <param name="accumulate">Add to the current contents of <paramref name="sums"/> instead of overwriting them.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="width"/> is negative, or <paramref name="ld"/> &lt; <paramref name="width"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> holds fewer than (rows − 1)·ld + width elements (rows, width &gt; 0), <paramref name="sums"/> is shorter than width, or they overlap.</exception>
    public static void ColumnSums(ReadOnlySpan<double> values, int rows, int width, int ld, Span<double> sums, bool accumulate = false)
        => ColumnSums(values, rows, width, ld, sums, accumulate, SimdWidth.Auto);

    /// <summary>
    /// <see cref="ColumnSums(ReadOnlySpan{double}, int, int, int, Span{double}, bool)"/> on a chosen SIMD path
    /// (see <see cref="ResolveWidth"/>); every path gives the same bits.
    /// </summary>
    internal static unsafe void ColumnSums(ReadOnlySpan<double> values, int rows, int width, int ld, Span<double> sums, bool accumulate, SimdWidth simd, bool emulate = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        long need = Gemm.ValidateOperand(values.Length, rows, width, ld, nameof(values), nameof(ld), "the values matrix");
        if (sums.Length < width)
        {
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"sums holds {sums.Length} elements but width = {width} column sums are requested."), nameof(sums));
        }
        if (sums[..width].Overlaps(values[..(int)need]))
            throw new ArgumentException("sums must not overlap values.", nameof(sums));
        if (width == 0)
            return;

        fixed (double* v = values)
        fixed (double* s = sums)
        {
            int j = 0;
            switch (ResolveWidth(simd, emulate))
            {
                case SimdWidth.Vector512:
                    j = Sums512(v, rows, width, ld, s, accumulate);
                    break;
                case SimdWidth.Vector256:
                    j = Sums256(v, rows, width, ld, s, accumulate);
                    break;
            }
            SumsScalar(v, rows, j, width, ld, s, accumulate);
        }
    }

    /// <summary>
    /// The width a request runs at: <see cref="SimdWidth.Auto"/> is the widest available; a forced width the CPU
    /// lacks falls back to the next lower one (512-bit needs AVX-512F, 256-bit needs AVX2). With
    /// <paramref name="emulate"/>, a forced vector width runs through the portable software fallbacks (for tests).
    /// </summary>
    internal static SimdWidth ResolveWidth(SimdWidth requested, bool emulate = false)
    {
        bool has512 = Avx512F.IsSupported;
        bool has256 = Avx2.IsSupported;
        return requested switch
        {
            SimdWidth.Auto => has512 ? SimdWidth.Vector512 : has256 ? SimdWidth.Vector256 : SimdWidth.Scalar,
            SimdWidth.Vector512 when has512 || emulate => SimdWidth.Vector512,
            SimdWidth.Vector512 or SimdWidth.Vector256 when has256 || emulate => SimdWidth.Vector256,
            SimdWidth.Vector512 or SimdWidth.Vector256 or SimdWidth.Scalar => SimdWidth.Scalar,
            _ => throw new ArgumentOutOfRangeException(nameof(requested), requested, "Unknown SIMD width."),
        };
    }

    /// <summary>Columns [0, returned) with 512-bit lanes: acc[j] = start[j], then acc[j] += v[r·ld + j] for r in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int Sums512(double* v, int rows, int width, nint ld, double* s, bool accumulate)
    {
        int lanes = Vector512<double>.Count;
        int j = 0;
        // Four vectors (32 columns) per pass keep four independent addition chains in flight.
        for (; j + 4 * lanes <= width; j += 4 * lanes)
        {
            Vector512<double> a0, a1, a2, a3;
            if (accumulate)
            {
                a0 = Vector512.Load(s + j);
                a1 = Vector512.Load(s + j + lanes);
                a2 = Vector512.Load(s + j + 2 * lanes);
                a3 = Vector512.Load(s + j + 3 * lanes);
            }
            else
            {
                a0 = a1 = a2 = a3 = Vector512<double>.Zero;
            }
            double* row = v + j;
            for (int r = 0; r < rows; r++, row += ld)
            {
                a0 += Vector512.Load(row);
                a1 += Vector512.Load(row + lanes);
                a2 += Vector512.Load(row + 2 * lanes);
                a3 += Vector512.Load(row + 3 * lanes);
            }
            a0.Store(s + j);
            a1.Store(s + j + lanes);
            a2.Store(s + j + 2 * lanes);
            a3.Store(s + j + 3 * lanes);
        }
        for (; j + lanes <= width; j += lanes)
        {
            Vector512<double> acc = accumulate ? Vector512.Load(s + j) : Vector512<double>.Zero;
            double* row = v + j;
            for (int r = 0; r < rows; r++, row += ld)
                acc += Vector512.Load(row);
            acc.Store(s + j);
        }
        return j;
    }

    /// <summary>Columns [0, returned) with 256-bit lanes: acc[j] = start[j], then acc[j] += v[r·ld + j] for r in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int Sums256(double* v, int rows, int width, nint ld, double* s, bool accumulate)
    {
        int lanes = Vector256<double>.Count;
        int j = 0;
        // Four vectors (16 columns) per pass keep four independent addition chains in flight.
        for (; j + 4 * lanes <= width; j += 4 * lanes)
        {
            Vector256<double> a0, a1, a2, a3;
            if (accumulate)
            {
                a0 = Vector256.Load(s + j);
                a1 = Vector256.Load(s + j + lanes);
                a2 = Vector256.Load(s + j + 2 * lanes);
                a3 = Vector256.Load(s + j + 3 * lanes);
            }
            else
            {
                a0 = a1 = a2 = a3 = Vector256<double>.Zero;
            }
            double* row = v + j;
            for (int r = 0; r < rows; r++, row += ld)
            {
                a0 += Vector256.Load(row);
                a1 += Vector256.Load(row + lanes);
                a2 += Vector256.Load(row + 2 * lanes);
                a3 += Vector256.Load(row + 3 * lanes);
            }
            a0.Store(s + j);
            a1.Store(s + j + lanes);
            a2.Store(s + j + 2 * lanes);
            a3.Store(s + j + 3 * lanes);
        }
        for (; j + lanes <= width; j += lanes)
        {
            Vector256<double> acc = accumulate ? Vector256.Load(s + j) : Vector256<double>.Zero;
            double* row = v + j;
            for (int r = 0; r < rows; r++, row += ld)
                acc += Vector256.Load(row);
            acc.Store(s + j);
        }
        return j;
    }

    /// <summary>Columns [<paramref name="from"/>, <paramref name="width"/>) one at a time, rows in order.</summary>
    private static unsafe void SumsScalar(double* v, int rows, int from, int width, nint ld, double* s, bool accumulate)
    {
        for (int j = from; j < width; j++)
        {
            double acc = accumulate ? s[j] : 0.0;
            double* x = v + j;
            for (int r = 0; r < rows; r++, x += ld)
                acc += *x;
            s[j] = acc;
        }
    }
}
