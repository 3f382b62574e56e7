using System;
using System.Globalization;

namespace Landscape.Kernels;

/// <summary>
/// Dense double-precision matrix products C = (accumulate ? C : 0) + op(A) · op(B) on row-major matrices with
/// leading dimensions (the distance, in elements, between the starts of consecutive stored rows).
/// </summary>
/// <remarks>
/// <para>
/// <b>Determinism.</b> Every output element is computed as <c>acc = accumulate ? C[i,j] : +0.0</c>, then
/// <c>acc = FusedMultiplyAdd(A[i,p], B[p,j], acc)</c> for p = 0, 1, …, k − 1 in increasing order: one rounding per
/// step, no reassociation, no horizontal sums. Every code path (512-bit, 256-bit and scalar kernels, the unpacked 256-bit path for small products, edge tiles,
/// cache blocking of k, any thread split) performs exactly this sequence, so the result is bit-identical whatever
/// the CPU's SIMD width, the tile an element falls in, or <see cref="Parallelism.MaxThreads"/>. A naive triple loop
/// with <see cref="Math.FusedMultiplyAdd(double, double, double)"/> in p order reproduces it bit for bit.
/// </para>
/// <para>
/// <b>Special values.</b> NaN and infinities propagate as IEEE 754 fused multiply-add propagates them (for example an
/// infinite A[i,p] times a zero B[p,j] makes C[i,j] NaN). Only the elements of the described matrices are read:
/// padding between the row width and the leading dimension is never read and C's padding is never written.
/// </para>
/// <para>
/// <b>Aliasing.</b> C must not overlap A or B (checked over the spanned ranges; an <see cref="ArgumentException"/>
/// otherwise).
/// </para>
/// <para>
/// <b>Validation</b> (all entry points): sizes must be non-negative and leading dimensions at least the stored row
/// width (<see cref="ArgumentOutOfRangeException"/>); every span must hold the matrix it describes, i.e. at least
/// (rows − 1) · ld + width elements when rows and width are positive (<see cref="ArgumentException"/>).
/// </para>
/// </remarks>
public static partial class Gemm
{
    /// <summary>
    /// Which single-task code path a product takes on the 256-bit width (tests force each one; results are
    /// bit-identical either way).
    /// </summary>
    internal enum GemmPath
    {
        /// <summary>The driver chooses: the unpacked path for small, shallow or thin products, else the packed one.</summary>
        Auto,

        /// <summary>Always the packed, cache-blocked micro-kernel path.</summary>
        Packed,

        /// <summary>Always the unpacked path (256-bit width, single task); other widths ignore it.</summary>
        Direct,
    }

    /// <summary>The three operand layouts of the public entry points.</summary>
    internal enum Operation
    {
        /// <summary>C[m×n] += A[m×k] · B[k×n].</summary>
        NN,

        /// <summary>C[m×n] += A[m×k] · B[n×k]ᵀ.</summary>
        NT,

        /// <summary>C[m×n] += A[k×m]ᵀ · B[k×n].</summary>
        TN,
    }

    /// <summary>
    /// Computes C[m×n] = (accumulate ? C : 0) + A[m×k] · B[k×n], where A[i,p] = a[i·lda + p], B[p,j] = b[p·ldb + j]
    /// and C[i,j] = c[i·ldc + j]; each C[i,j] is a fused multiply-add chain over p = 0 … k − 1 (see the class remarks).
    /// </summary>
    /// <param name="m">Rows of A and C (≥ 0).</param>
    /// <param name="n">Columns of B and C (≥ 0).</param>
    /// <param name="k">Columns of A and rows of B (≥ 0); with k = 0, C becomes <c>accumulate ? C : 0</c>.</param>
    /// <param name="a">A, row-major with leading dimension <paramref name="lda"/> ≥ k.</param>
    /// <param name="lda">Leading dimension of A.</param>
    /// <param name="b">B, row-major with leading dimension <paramref name="ldb"/> ≥ n.</param>
    /// <param name="ldb">Leading dimension of B.</param>
    /// <param name="c">C, row-major with leading dimension <paramref name="ldc"/> ≥ n; must not overlap A or B.</param>
    /// <param name="ldc">Leading dimension of C.</param>
    /// <param name="accumulate">Add the product to C's current contents instead of overwriting them.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, or a leading dimension is below the stored row width.</exception>
    /// <exception cref="ArgumentException">A span is too short for its matrix, or C overlaps A or B.</exception>
    /// <param name="packedB">
    /// Optional: B packed by <see cref="PackedOperand.Pack"/> (not transposed). Used when it holds this very B (see
    /// <see cref="PackedOperand"/>), which skips packing B; the result is the same either way.
    /// </param>
    public static void NN(int m, int n, int k, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc, bool accumulate = false, PackedOperand? packedB = null)
        => Compute(Operation.NN, m, n, k, a, lda, b, ldb, c, ldc, accumulate, SimdWidth.Auto, threads: 1, packedB: packedB);

    /// <summary>
    /// Computes C[m×n] = (accumulate ? C : 0) + A[m×k] · B[n×k]ᵀ, where A[i,p] = a[i·lda + p], B[j,p] = b[j·ldb + p]
    /// and C[i,j] = c[i·ldc + j]; each C[i,j] is a fused multiply-add chain over p = 0 … k − 1 (see the class remarks).
    /// </summary>
    /// <param name="m">Rows of A and C (≥ 0).</param>
    /// <param name="n">Rows of B and columns of C (≥ 0).</param>
    /// <param name="k">Columns of A and of B (≥ 0); with k = 0, C becomes <c>accumulate ? C : 0</c>.</param>
    /// <param name="a">A, row-major with leading dimension <paramref name="lda"/> ≥ k.</param>
    /// <param name="lda">Leading dimension of A.</param>
    /// <param name="b">B (n×k, the un-transposed operand), row-major with leading dimension <paramref name="ldb"/> ≥ k.</param>
    /// <param name="ldb">Leading dimension of B.</param>
    /// <param name="c">C, row-major with leading dimension <paramref name="ldc"/> ≥ n; must not overlap A or B.</param>
    /// <param name="ldc">Leading dimension of C.</param>
    /// <param name="accumulate">Add the product to C's current contents instead of overwriting them.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, or a leading dimension is below the stored row width.</exception>
    /// <exception cref="ArgumentException">A span is too short for its matrix, or C overlaps A or B.</exception>
    /// <param name="packedB">
    /// Optional: Bᵀ packed by <see cref="PackedOperand.Pack"/> (transposed). Used when it holds this very B (see
    /// <see cref="PackedOperand"/>), which skips packing B; the result is the same either way.
    /// </param>
    public static void NT(int m, int n, int k, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc, bool accumulate = false, PackedOperand? packedB = null)
        => Compute(Operation.NT, m, n, k, a, lda, b, ldb, c, ldc, accumulate, SimdWidth.Auto, threads: 1, packedB: packedB);

    /// <summary>
    /// Computes C[m×n] = (accumulate ? C : 0) + A[k×m]ᵀ · B[k×n], where A[p,i] = a[p·lda + i], B[p,j] = b[p·ldb + j]
    /// and C[i,j] = c[i·ldc + j]; each C[i,j] is a fused multiply-add chain over p = 0 … k − 1 (see the class remarks).
    /// </summary>
    /// <param name="m">Columns of A and rows of C (≥ 0).</param>
    /// <param name="n">Columns of B and C (≥ 0).</param>
    /// <param name="k">Rows of A and of B (≥ 0); with k = 0, C becomes <c>accumulate ? C : 0</c>.</param>
    /// <param name="a">A (k×m, the un-transposed operand), row-major with leading dimension <paramref name="lda"/> ≥ m.</param>
    /// <param name="lda">Leading dimension of A.</param>
    /// <param name="b">B, row-major with leading dimension <paramref name="ldb"/> ≥ n.</param>
    /// <param name="ldb">Leading dimension of B.</param>
    /// <param name="c">C, row-major with leading dimension <paramref name="ldc"/> ≥ n; must not overlap A or B.</param>
    /// <param name="ldc">Leading dimension of C.</param>
    /// <param name="accumulate">Add the product to C's current contents instead of overwriting them.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, or a leading dimension is below the stored row width.</exception>
    /// <exception cref="ArgumentException">A span is too short for its matrix, or C overlaps A or B.</exception>
    public static void TN(int m, int n, int k, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc, bool accumulate = false)
        => Compute(Operation.TN, m, n, k, a, lda, b, ldb, c, ldc, accumulate, SimdWidth.Auto, threads: 1);

    /// <summary>
    /// Computes exactly what <see cref="NN"/> computes, bit for bit, with the output tiles split over up to
    /// <see cref="Parallelism.MaxThreads"/> threads (small products run on the calling thread).
    /// </summary>
    /// <param name="m">Rows of A and C (≥ 0).</param>
    /// <param name="n">Columns of B and C (≥ 0).</param>
    /// <param name="k">Columns of A and rows of B (≥ 0).</param>
    /// <param name="a">A, row-major with leading dimension <paramref name="lda"/> ≥ k.</param>
    /// <param name="lda">Leading dimension of A.</param>
    /// <param name="b">B, row-major with leading dimension <paramref name="ldb"/> ≥ n.</param>
    /// <param name="ldb">Leading dimension of B.</param>
    /// <param name="c">C, row-major with leading dimension <paramref name="ldc"/> ≥ n; must not overlap A or B.</param>
    /// <param name="ldc">Leading dimension of C.</param>
    /// <param name="accumulate">Add the product to C's current contents instead of overwriting them.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, or a leading dimension is below the stored row width.</exception>
    /// <exception cref="ArgumentException">A span is too short for its matrix, or C overlaps A or B.</exception>
    public static void NNParallel(int m, int n, int k, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc, bool accumulate = false)
        => Compute(Operation.NN, m, n, k, a, lda, b, ldb, c, ldc, accumulate, SimdWidth.Auto, Parallelism.MaxThreads);

    /// <summary>
    /// Computes exactly what <see cref="NT"/> computes, bit for bit, with the output tiles split over up to
    /// <see cref="Parallelism.MaxThreads"/> threads (small products run on the calling thread).
    /// </summary>
    /// <param name="m">Rows of A and C (≥ 0).</param>
    /// <param name="n">Rows of B and columns of C (≥ 0).</param>
    /// <param name="k">Columns of A and of B (≥ 0).</param>
    /// <param name="a">A, row-major with leading dimension <paramref name="lda"/> ≥ k.</param>
    /// <param name="lda">Leading dimension of A.</param>
    /// <param name="b">B (n×k), row-major with leading dimension <paramref name="ldb"/> ≥ k.</param>
    /// <param name="ldb">Leading dimension of B.</param>
    /// <param name="c">C, row-major with leading dimension <paramref name="ldc"/> ≥ n; must not overlap A or B.</param>
    /// <param name="ldc">Leading dimension of C.</param>
    /// <param name="accumulate">Add the product to C's current contents instead of overwriting them.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, or a leading dimension is below the stored row width.</exception>
    /// <exception cref="ArgumentException">A span is too short for its matrix, or C overlaps A or B.</exception>
    public static void NTParallel(int m, int n, int k, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc, bool accumulate = false)
        => Compute(Operation.NT, m, n, k, a, lda, b, ldb, c, ldc, accumulate, SimdWidth.Auto, Parallelism.MaxThreads);

    /// <summary>
    /// Computes exactly what <see cref="TN"/> computes, bit for bit, with the output tiles split over up to
    /// <see cref="Parallelism.MaxThreads"/> threads (small products run on the calling thread).
    /// </summary>
    /// <param name="m">Columns of A and rows of C (≥ 0).</param>
    /// <param name="n">Columns of B and C (≥ 0).</param>
    /// <param name="k">Rows of A and of B (≥ 0).</param>
    /// <param name="a">A (k×m), row-major with leading dimension <paramref name="lda"/> ≥ m.</param>
    /// <param name="lda">Leading dimension of A.</param>
    /// <param name="b">B, row-major with leading dimension <paramref name="ldb"/> ≥ n.</param>
    /// <param name="ldb">Leading dimension of B.</param>
    /// <param name="c">C, row-major with leading dimension <paramref name="ldc"/> ≥ n; must not overlap A or B.</param>
    /// <param name="ldc">Leading dimension of C.</param>
    /// <param name="accumulate">Add the product to C's current contents instead of overwriting them.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, or a leading dimension is below the stored row width.</exception>
    /// <exception cref="ArgumentException">A span is too short for its matrix, or C overlaps A or B.</exception>
    public static void TNParallel(int m, int n, int k, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc, bool accumulate = false)
        => Compute(Operation.TN, m, n, k, a, lda, b, ldb, c, ldc, accumulate, SimdWidth.Auto, Parallelism.MaxThreads);

    /// <summary>
    /// The width a request runs at. <see cref="SimdWidth.Auto"/> is the widest available; a forced width the CPU
    /// lacks falls back to the next lower one (512-bit needs AVX-512F, 256-bit needs AVX2 and FMA). With
    /// <paramref name="emulate"/>, a forced vector width runs even without the hardware, through the portable
    /// <c>Vector512</c>/<c>Vector256</c> software fallbacks (slow, but the same fused operations, so bit-identical):
    /// this lets tests exercise the 512-bit kernels on machines without AVX-512.
    /// </summary>
    internal static SimdWidth ResolveWidth(SimdWidth requested, bool emulate = false)
    {
        bool has512 = System.Runtime.Intrinsics.X86.Avx512F.IsSupported;
        bool has256 = System.Runtime.Intrinsics.X86.Avx2.IsSupported && System.Runtime.Intrinsics.X86.Fma.IsSupported;
        return requested switch
        {
            SimdWidth.Auto => has512 ? SimdWidth.Vector512 : has256 ? SimdWidth.Vector256 : SimdWidth.Scalar,
            SimdWidth.Vector512 when has512 || emulate => SimdWidth.Vector512,
            SimdWidth.Vector512 or SimdWidth.Vector256 when has256 || emulate => SimdWidth.Vector256,
            SimdWidth.Vector512 or SimdWidth.Vector256 or SimdWidth.Scalar => SimdWidth.Scalar,
            _ => throw new ArgumentOutOfRangeException(nameof(requested), requested, "Unknown SIMD width."),
        };
    }

    /// <summary>
    /// The engine behind every entry point: validates, then computes C = (accumulate ? C : 0) + op(A) · op(B) for
    /// <paramref name="operation"/> with the kernels of <paramref name="width"/> (resolved by
    /// <see cref="ResolveWidth"/>) on up to <paramref name="threads"/> tasks.
    /// </summary>
    internal static void Compute(
        Operation operation, int m, int n, int k,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc,
        bool accumulate, SimdWidth width, int threads, bool emulate = false, GemmPath path = GemmPath.Auto, PackedOperand? packedB = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        bool transposeA = operation == Operation.TN;
        bool transposeB = operation == Operation.NT;
        Validate(operation, m, n, k, a, lda, b, ldb, c, ldc);

        if (m == 0 || n == 0)
            return;
        if (k == 0)
        {
            // An empty sum: C = accumulate ? C : +0.
            if (!accumulate)
            {
                for (int i = 0; i < m; i++)
                    c.Slice(i * ldc, n).Clear();
            }
            return;
        }

        switch (ResolveWidth(width, emulate))
        {
            case SimdWidth.Vector512:
                Run<Kernel512>(transposeA, transposeB, m, n, k, a, lda, b, ldb, c, ldc, accumulate, threads, path, packedB);
                break;
            case SimdWidth.Vector256:
                Run<Kernel256>(transposeA, transposeB, m, n, k, a, lda, b, ldb, c, ldc, accumulate, threads, path, packedB);
                break;
            default:
                Run<KernelScalar>(transposeA, transposeB, m, n, k, a, lda, b, ldb, c, ldc, accumulate, threads, path, packedB);
                break;
        }
    }

    /// <summary>
    /// The checks of every entry point: non-negative sizes, each operand's leading dimension and span length for
    /// <paramref name="operation"/>'s stored shapes (A m×k or k×m, B k×n or n×k, C m×n), and C overlapping neither A nor B.
    /// </summary>
    internal static void Validate(Operation operation, int m, int n, int k, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        bool transposeA = operation == Operation.TN;
        bool transposeB = operation == Operation.NT;

        // The stored shapes: A is m×k (or k×m when transposed), B is k×n (or n×k), C is m×n.
        long needA = ValidateOperand(a.Length, transposeA ? k : m, transposeA ? m : k, lda, nameof(a), nameof(lda), transposeA ? "A (stored k×m)" : "A (m×k)");
        long needB = ValidateOperand(b.Length, transposeB ? n : k, transposeB ? k : n, ldb, nameof(b), nameof(ldb), transposeB ? "B (stored n×k)" : "B (k×n)");
        long needC = ValidateOperand(c.Length, m, n, ldc, nameof(c), nameof(ldc), "C (m×n)");
        Span<double> usedC = c[..(int)needC];
        if (usedC.Overlaps(a[..(int)needA]))
            throw new ArgumentException("c must not overlap a: the product reads A while it writes C.", nameof(c));
        if (usedC.Overlaps(b[..(int)needB]))
            throw new ArgumentException("c must not overlap b: the product reads B while it writes C.", nameof(c));
    }

    /// <summary>
    /// Checks a stored rows×width matrix with leading dimension <paramref name="ld"/> against a span of
    /// <paramref name="length"/> elements and returns the number of elements it spans.
    /// </summary>
    internal static long ValidateOperand(int length, int rows, int width, int ld, string spanName, string ldName, string description)
    {
        if (ld < width)
        {
            throw new ArgumentOutOfRangeException(ldName, ld, string.Create(CultureInfo.InvariantCulture,
                $"{ldName} must be at least {width}, the row width of {description} as stored row-major."));
        }
        long need = rows == 0 || width == 0 ? 0 : (long)(rows - 1) * ld + width;
        if (length < need)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{spanName} holds {length} elements, but {description} with {rows} rows of width {width} and {ldName} = {ld} needs at least {need}."),
                spanName);
        }
        return need;
    }
}
