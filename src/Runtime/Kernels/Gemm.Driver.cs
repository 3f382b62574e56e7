using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Landscape.Kernels;

public static partial class Gemm
{
    /// <summary>
    /// The least work, in floating-point operations (2·m·n·k counts the whole product), that a parallel call gives
    /// each task: about 9 µs at 30 GFLOP/s, several times the cost of dispatching a thread-pool work item, so small
    /// products stay on the calling thread instead of being slowed down by the split.
    /// </summary>
    private const long MinFlopsPerTask = 1L << 18;

    /// <summary>
    /// A register-blocked micro-kernel: computes one MR×NR tile of C from an MR-row strip of packed A and an
    /// NR-column strip of packed B, with the cache-blocking sizes the driver should use around it.
    /// </summary>
    private interface IMicroKernel
    {
        /// <summary>Rows of C per tile.</summary>
        static abstract int MR { get; }

        /// <summary>Columns of C per tile.</summary>
        static abstract int NR { get; }

        /// <summary>The SIMD width this kernel is written for.</summary>
        static abstract SimdWidth Width { get; }

        /// <summary>Depth of a k-block: a packed B strip (KC·NR values) stays in L1 while the A block streams past it.</summary>
        static abstract int KC { get; }

        /// <summary>Rows of a packed A block (a multiple of MR; MC·KC values are sized for L2).</summary>
        static abstract int MC { get; }

        /// <summary>Columns of a packed B block (a multiple of NR).</summary>
        static abstract int NC { get; }

        /// <summary>
        /// For the MR×NR tile at <paramref name="c"/> (row stride <paramref name="ldc"/>):
        /// acc[r,j] = load ? c[r,j] : +0, then acc[r,j] = FMA(a[p·MR + r], b[p·NR + j], acc[r,j]) for p = 0 … kc − 1
        /// in order; c[r,j] = acc[r,j].
        /// </summary>
        static abstract unsafe void Run(int kc, double* a, double* b, double* c, nint ldc, bool load);
    }

    /// <summary>A product with pinned operands, in the form the blocked driver consumes.</summary>
    private readonly unsafe struct Problem
    {
        public readonly double* A, B, C;
        public readonly nint Lda, Ldb, Ldc;
        public readonly int M, N, K;
        public readonly bool TransposeA, TransposeB, Accumulate;

        public Problem(bool transposeA, bool transposeB, int m, int n, int k, double* a, nint lda, double* b, nint ldb, double* c, nint ldc, bool accumulate)
        {
            TransposeA = transposeA;
            TransposeB = transposeB;
            M = m;
            N = n;
            K = k;
            A = a;
            Lda = lda;
            B = b;
            Ldb = ldb;
            C = c;
            Ldc = ldc;
            Accumulate = accumulate;
        }

        /// <summary>
        /// The sub-product for rows [<paramref name="row0"/>, row0 + <paramref name="rows"/>) and columns
        /// [<paramref name="col0"/>, col0 + <paramref name="cols"/>) of C: the same A rows, B columns and full k.
        /// </summary>
        public Problem Block(int row0, int rows, int col0, int cols)
        {
            // op(A)[i,p] is a[i·lda + p], or a[p·lda + i] when transposed; op(B)[p,j] is b[p·ldb + j], or b[j·ldb + p].
            double* a = TransposeA ? A + row0 : A + row0 * Lda;
            double* b = TransposeB ? B + col0 * Ldb : B + col0;
            return new Problem(TransposeA, TransposeB, rows, cols, K, a, Lda, b, Ldb, C + row0 * Ldc + col0, Ldc, Accumulate);
        }
    }

    /// <summary>Packing buffer of the current thread (pinned, grown on demand, reused by later calls).</summary>
    [ThreadStatic]
    private static double[]? t_packBuffer;

    /// <summary>
    /// Pins the operands and runs the product with kernel <typeparamref name="TKernel"/>, split over up to
    /// <paramref name="threads"/> tasks; a single-task 256-bit product takes the unpacked path when
    /// <paramref name="path"/> asks for it or (<see cref="GemmPath.Auto"/>) when <see cref="UseDirect"/> selects it.
    /// </summary>
    private static unsafe void Run<TKernel>(
        bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc,
        bool accumulate, int threads, GemmPath path, PackedOperand? packedB)
        where TKernel : struct, IMicroKernel
    {
        fixed (double* pa = a)
        fixed (double* pb = b)
        fixed (double* pc = c)
        fixed (double* pp = packedB?.Buffer)
        {
            var problem = new Problem(transposeA, transposeB, m, n, k, pa, lda, pb, ldb, pc, ldc, accumulate);
            long flops = 2L * m * n * k;
            int tasks = (int)Math.Min(threads, Math.Max(1, flops / MinFlopsPerTask));
            if (tasks <= 1 && typeof(TKernel) == typeof(Kernel256)
                && (path == GemmPath.Direct || (path == GemmPath.Auto && UseDirect(m, n, k, transposeB))))
                Direct256(problem);
            else if (tasks <= 1)
                Blocked<TKernel>(problem, packedB is null ? null : packedB.For(TKernel.Width, pb, ldb, k, n, transposeB, pp), packedB?.Stride ?? 0);
            else
                RunParallel<TKernel>(problem, tasks);
        }
    }

    /// <summary>
    /// Whether products of about <paramref name="rows"/> rows by op(B) (k×n) on this CPU take the packed path, where
    /// a pre-packed B (<see cref="PackedOperand"/>) saves work.
    /// </summary>
    internal static bool PackingPays(int rows, int k, int n, bool transposeB)
        => ResolveWidth(SimdWidth.Auto) != SimdWidth.Vector256 || !UseDirect(rows, n, k, transposeB);

    /// <summary>Columns of a packed op(B) row on <paramref name="width"/>: n rounded up to the kernel's NR.</summary>
    internal static int PackedColumns(SimdWidth width, int n) => width switch
    {
        SimdWidth.Vector512 => RoundUp(n, Kernel512.NR),
        SimdWidth.Vector256 => RoundUp(n, Kernel256.NR),
        _ => RoundUp(n, KernelScalar.NR),
    };

    /// <summary>Packs op(B) of <paramref name="operand"/>'s shape from <paramref name="b"/> into <paramref name="destination"/> (k × Stride values).</summary>
    internal static unsafe void PackOperand(PackedOperand operand, double* b, nint ldb, double* destination)
    {
        switch (operand.Width)
        {
            case SimdWidth.Vector512:
                PackWhole<Kernel512>(operand, b, ldb, destination);
                break;
            case SimdWidth.Vector256:
                PackWhole<Kernel256>(operand, b, ldb, destination);
                break;
            default:
                PackWhole<KernelScalar>(operand, b, ldb, destination);
                break;
        }
    }

    /// <summary>
    /// The whole of op(B) in the layout <see cref="Blocked{TKernel}"/> reads: k-block by k-block (KC rows each, the
    /// last one shorter), each k-block being the NR-column strips that <see cref="PackB{TKernel}"/> writes for all n
    /// columns, so the strip of columns [j, j + NR) of the k-block starting at row pc is at pc·Stride + j·kc.
    /// </summary>
    private static unsafe void PackWhole<TKernel>(PackedOperand operand, double* b, nint ldb, double* destination)
        where TKernel : struct, IMicroKernel
        => PackWhole<TKernel>(operand.K, operand.N, operand.Transposed, operand.Stride, b, ldb, destination);

    /// <summary>
    /// op(B) (k×n; B stored n×k when <paramref name="transposed"/>) in the layout of <see cref="PackWhole{TKernel}(PackedOperand, double*, nint, double*)"/>,
    /// with <paramref name="stride"/> = n rounded up to the kernel's NR.
    /// </summary>
    private static unsafe void PackWhole<TKernel>(int k, int n, bool transposed, int stride, double* b, nint ldb, double* destination)
        where TKernel : struct, IMicroKernel
    {
        // Only B's fields matter to PackB; A and C are unused.
        var problem = new Problem(false, transposed, 0, n, k, null, 0, b, ldb, null, 0, false);
        for (int pc = 0; pc < k; pc += TKernel.KC)
            PackB<TKernel>(problem, pc, Math.Min(TKernel.KC, k - pc), 0, n, destination + (nint)pc * stride);
    }

    /// <summary>
    /// Splits C into at most <paramref name="tasks"/> bands of whole tiles and runs each band's product as one
    /// task. Every element still gets its full p = 0 … k − 1 chain from one kernel call sequence, so the split does
    /// not change any bit. The bands run on <see cref="WorkerPool"/> through a per-thread <see cref="BandSplit{TKernel}"/>,
    /// so a call allocates nothing.
    /// </summary>
    private static unsafe void RunParallel<TKernel>(Problem problem, int tasks)
        where TKernel : struct, IMicroKernel
    {
        // Each band re-packs all of op(A) (column bands) or all of op(B) (row bands), so split along the longer
        // side of C, which duplicates the smaller operand.
        bool splitColumns = problem.N >= problem.M;
        int unit = splitColumns ? TKernel.NR : TKernel.MR;
        int extent = splitColumns ? problem.N : problem.M;
        int tiles = (extent + unit - 1) / unit;
        tasks = Math.Min(tasks, tiles);
        if (tasks <= 1)
        {
            Blocked<TKernel>(problem);
            return;
        }

        BandSplit<TKernel> split = BandSplit<TKernel>.ForCurrentThread();
        split.Problem = problem;
        split.SplitColumns = splitColumns;
        split.Unit = unit;
        split.Extent = extent;
        split.Tiles = tiles;
        split.Tasks = tasks;
        WorkerPool.For(tasks, split.Body);
    }

    /// <summary>
    /// The state of one parallel product and its cached band delegate. One instance per calling thread and kernel,
    /// reused by every call (a parallel product never starts another on the same thread, so it is never re-entered).
    /// </summary>
    private sealed class BandSplit<TKernel>
        where TKernel : struct, IMicroKernel
    {
        [ThreadStatic]
        private static BandSplit<TKernel>? t_instance;

        public Problem Problem;
        public bool SplitColumns;
        public int Unit, Extent, Tiles, Tasks;
        public readonly Action<int> Body;

        private BandSplit() => Body = RunBand;

        public static BandSplit<TKernel> ForCurrentThread() => t_instance ??= new BandSplit<TKernel>();

        private unsafe void RunBand(int task)
        {
            // Band `task` covers tiles [task·tiles/tasks, (task+1)·tiles/tasks).
            int start = (int)((long)task * Tiles / Tasks) * Unit;
            int end = Math.Min(Extent, (int)((long)(task + 1) * Tiles / Tasks) * Unit);
            Problem band = SplitColumns
                ? Problem.Block(0, Problem.M, start, end - start)
                : Problem.Block(start, end - start, 0, Problem.N);
            Blocked<TKernel>(band);
        }
    }

    /// <summary>
    /// The cache-blocked loop nest around the micro-kernel (BLIS order): column blocks of NC, k-blocks of KC (in
    /// increasing order, so every element's FMA chain runs p = 0 … k − 1), row blocks of MC, then NR×MR tiles.
    /// C is stored after each k-block and reloaded by the next, which is exact, so blocking does not change results.
    /// </summary>
    /// <param name="problem">The product.</param>
    /// <param name="prepackedB">op(B) already packed by <see cref="PackWhole{TKernel}(int, int, bool, int, double*, nint, double*)"/>, or null to pack it here.</param>
    /// <param name="prepackedStride">The <see cref="PackedOperand.Stride"/> of <paramref name="prepackedB"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Blocked<TKernel>(in Problem problem, double* prepackedB = null, int prepackedStride = 0)
        where TKernel : struct, IMicroKernel
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        int m = problem.M, n = problem.N, k = problem.K;
        int kcMax = Math.Min(TKernel.KC, k);
        int mcMax = Math.Min(TKernel.MC, RoundUp(m, mr));
        int ncMax = Math.Min(TKernel.NC, RoundUp(n, nr));
        double* packedA = RentPackBuffer(kcMax * (mcMax + (prepackedB == null ? ncMax : 0)));
        double* packedB = packedA + kcMax * mcMax;
        double* tile = stackalloc double[mr * nr];
        nint ldc = problem.Ldc;

        for (int jc = 0; jc < n; jc += TKernel.NC)
        {
            int nc = Math.Min(TKernel.NC, n - jc);
            for (int pc = 0; pc < k; pc += TKernel.KC)
            {
                int kc = Math.Min(TKernel.KC, k - pc);
                // The first k-block starts from C (accumulate) or from +0; later blocks continue from stored C.
                bool load = problem.Accumulate || pc > 0;
                if (prepackedB == null)
                    PackB<TKernel>(problem, pc, kc, jc, nc, packedB);
                else
                    packedB = prepackedB + (nint)pc * prepackedStride + (nint)jc * kc;
                for (int ic = 0; ic < m; ic += TKernel.MC)
                {
                    int mc = Math.Min(TKernel.MC, m - ic);
                    PackA<TKernel>(problem, pc, kc, ic, mc, packedA);
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int cols = Math.Min(nr, nc - jr);
                        double* stripB = packedB + jr * kc;
                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            int rows = Math.Min(mr, mc - ir);
                            double* stripA = packedA + ir * kc;
                            double* target = problem.C + (ic + ir) * ldc + (jc + jr);
                            if (rows == mr && cols == nr)
                            {
                                // The kernel starts from the C tile it loads, so a tile that has left the caches
                                // (large C: every k-block revisits all of it) stalls the start of the FMA chains;
                                // prefetching the next tile of the column strip hides that behind this tile's work.
                                if (load && ir + 2 * mr <= mc)
                                    PrefetchTile(target + mr * ldc, ldc, mr, nr);
                                TKernel.Run(kc, stripA, stripB, target, ldc, load);
                            }
                            else
                            {
                                // Edge tile: run the full kernel on a scratch tile and copy back only the valid
                                // rows×cols part, so C's padding is never read or written. The surplus rows and
                                // columns multiply the packed zero padding and are discarded.
                                if (load)
                                    CopyTile(target, ldc, tile, nr, rows, cols);
                                TKernel.Run(kc, stripA, stripB, tile, nr, load);
                                CopyTile(tile, nr, target, ldc, rows, cols);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Packs op(A)[ic .. ic+mc, pc .. pc+kc] into MR-row strips: strip s holds op(A)[ic + s·MR + r, pc + p] at
    /// [s·MR·kc + p·MR + r]; rows past mc are zero. (Packing only moves values; it cannot change any result.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void PackA<TKernel>(in Problem problem, int pc, int kc, int ic, int mc, double* dst)
        where TKernel : struct, IMicroKernel
    {
        int mr = TKernel.MR;
        nint lda = problem.Lda;
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            double* strip = dst + ir * kc;
            if (problem.TransposeA)
            {
                // op(A)[i,p] = a[p·lda + i]: the MR values of one p are contiguous.
                double* src = problem.A + pc * lda + (ic + ir);
                if (rows == mr)
                {
                    for (int p = 0; p < kc; p++, src += lda, strip += mr)
                        Unsafe.CopyBlockUnaligned(strip, src, (uint)(TKernel.MR * sizeof(double)));
                }
                else
                {
                    for (int p = 0; p < kc; p++, src += lda, strip += mr)
                    {
                        int r = 0;
                        for (; r < rows; r++)
                            strip[r] = src[r];
                        for (; r < mr; r++)
                            strip[r] = 0.0;
                    }
                }
            }
            else if (rows == mr)
            {
                // op(A)[i,p] = a[i·lda + p]: transpose MR rows in groups of four; when MR is not a multiple of four
                // the last group starts at MR − 4 and rewrites a few rows with the same values.
                double* src = problem.A + (ic + ir) * lda + pc;
                for (int g = 0; g < mr; g += 4)
                {
                    int first = Math.Min(g, mr - 4);
                    Transpose4Rows(src + first * lda, lda, kc, strip + first, mr);
                }
            }
            else
            {
                for (int r = 0; r < rows; r++)
                {
                    double* src = problem.A + (ic + ir + r) * lda + pc;
                    double* d = strip + r;
                    for (int p = 0; p < kc; p++, d += mr)
                        *d = src[p];
                }
                for (int r = rows; r < mr; r++)
                {
                    double* d = strip + r;
                    for (int p = 0; p < kc; p++, d += mr)
                        *d = 0.0;
                }
            }
        }
    }

    /// <summary>
    /// Packs op(B)[pc .. pc+kc, jc .. jc+nc] into NR-column strips: strip s holds op(B)[pc + p, jc + s·NR + j] at
    /// [s·NR·kc + p·NR + j]; columns past nc are zero. (Packing only moves values; it cannot change any result.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void PackB<TKernel>(in Problem problem, int pc, int kc, int jc, int nc, double* dst)
        where TKernel : struct, IMicroKernel
    {
        int nr = TKernel.NR;
        nint ldb = problem.Ldb;
        int first = 0;
        if (!problem.TransposeB)
        {
            // op(B)[p,j] = b[p·ldb + j]: the full strips are filled row by row, reading each row of B once from left
            // to right and scattering its NR-wide pieces (whole cache lines) to the strips. Strip by strip instead,
            // every value read would be a new row of B: a strided walk ldb apart that ran at a few GB/s.
            int full = nc / nr * nr;
            for (int p = 0; p < kc; p++)
            {
                double* src = problem.B + (pc + p) * ldb + jc;
                double* d = dst + p * nr;
                for (int jr = 0; jr < full; jr += nr, d += nr * kc)
                    Unsafe.CopyBlockUnaligned(d, src + jr, (uint)(TKernel.NR * sizeof(double)));
            }
            first = full;
        }
        for (int jr = first; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            double* strip = dst + jr * kc;
            if (problem.TransposeB)
            {
                // op(B)[p,j] = b[j·ldb + p]: a transpose, four columns at a time, then single columns.
                int j = 0;
                for (; j + 4 <= cols; j += 4)
                    Transpose4Rows(problem.B + (jc + jr + j) * ldb + pc, ldb, kc, strip + j, nr);
                for (; j < cols; j++)
                {
                    double* src = problem.B + (jc + jr + j) * ldb + pc;
                    double* d = strip + j;
                    for (int p = 0; p < kc; p++, d += nr)
                        *d = src[p];
                }
                for (; j < nr; j++)
                {
                    double* d = strip + j;
                    for (int p = 0; p < kc; p++, d += nr)
                        *d = 0.0;
                }
            }
            else
            {
                // op(B)[p,j] = b[p·ldb + j]: the NR values of one p are contiguous.
                double* src = problem.B + pc * ldb + (jc + jr);
                if (cols == nr)
                {
                    for (int p = 0; p < kc; p++, src += ldb, strip += nr)
                        Unsafe.CopyBlockUnaligned(strip, src, (uint)(TKernel.NR * sizeof(double)));
                }
                else
                {
                    for (int p = 0; p < kc; p++, src += ldb, strip += nr)
                    {
                        int j = 0;
                        for (; j < cols; j++)
                            strip[j] = src[j];
                        for (; j < nr; j++)
                            strip[j] = 0.0;
                    }
                }
            }
        }
    }

    /// <summary>
    /// dst[p·ldd + r] = src[r·lds + p] for r &lt; 4, p &lt; count: four source rows become four destination
    /// columns (4×4 register transposes where AVX is available).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Transpose4Rows(double* src, nint lds, int count, double* dst, nint ldd)
    {
        double* s0 = src, s1 = src + lds, s2 = src + 2 * lds, s3 = src + 3 * lds;
        int p = 0;
        if (Avx.IsSupported)
        {
            for (; p + 4 <= count; p += 4)
            {
                Vector256<double> r0 = Avx.LoadVector256(s0 + p), r1 = Avx.LoadVector256(s1 + p);
                Vector256<double> r2 = Avx.LoadVector256(s2 + p), r3 = Avx.LoadVector256(s3 + p);
                // t0 = (r0[0], r1[0], r0[2], r1[2]), t1 = (r0[1], r1[1], r0[3], r1[3]); t2, t3 likewise for r2, r3.
                Vector256<double> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
                Vector256<double> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
                // Column q of the block = (r0[q], r1[q], r2[q], r3[q]): low 128-bit halves for q = 0, 1, high for 2, 3.
                double* d = dst + p * ldd;
                Avx.Store(d, Avx.Permute2x128(t0, t2, 0x20));
                Avx.Store(d + ldd, Avx.Permute2x128(t1, t3, 0x20));
                Avx.Store(d + 2 * ldd, Avx.Permute2x128(t0, t2, 0x31));
                Avx.Store(d + 3 * ldd, Avx.Permute2x128(t1, t3, 0x31));
            }
        }
        for (double* d = dst + p * ldd; p < count; p++, d += ldd)
        {
            d[0] = s0[p];
            d[1] = s1[p];
            d[2] = s2[p];
            d[3] = s3[p];
        }
    }

    /// <summary>Hints the cache to fetch rows × cols values at <paramref name="c"/> (row stride <paramref name="ldc"/>); no effect on results.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchTile(double* c, nint ldc, int rows, int cols)
    {
        if (!Sse.IsSupported)
            return;
        for (int r = 0; r < rows; r++, c += ldc)
        {
            Sse.Prefetch0(c);
            Sse.Prefetch0(c + cols - 1);   // the row's last value may sit on the next cache line
        }
    }

    /// <summary>dst[r·ldd + j] = src[r·lds + j] for r &lt; rows, j &lt; cols.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void CopyTile(double* src, nint lds, double* dst, nint ldd, int rows, int cols)
    {
        for (int r = 0; r < rows; r++, src += lds, dst += ldd)
        {
            for (int j = 0; j < cols; j++)
                dst[j] = src[j];
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    /// <summary>The most packing space <see cref="Blocked{TKernel}"/> asks for with any kernel: KC·(MC + NC).</summary>
    private static readonly int MaxBlockedPackLength = Math.Max(
        Kernel512.KC * (Kernel512.MC + Kernel512.NC),
        Math.Max(Kernel256.KC * (Kernel256.MC + Kernel256.NC), KernelScalar.KC * (KernelScalar.MC + KernelScalar.NC)));

    /// <summary>
    /// A 64-byte-aligned scratch area of at least <paramref name="length"/> doubles, owned by the current thread
    /// until its next call. Pinned (pinned object heap), so the pointer stays valid without a <c>fixed</c> block.
    /// </summary>
    private static unsafe double* RentPackBuffer(int length)
    {
        const int AlignmentSlack = 8; // 8 doubles = 64 bytes, enough to align the start to a cache line
        double[]? buffer = t_packBuffer;
        if (buffer is null || buffer.Length < length + AlignmentSlack)
        {
            // The first buffer of a thread is as large as any blocked product can ask for (KC·(MC + NC) of the widest
            // kernel, 2.2 MiB), so a thread never re-allocates in steady state — not even when, with several threads,
            // a larger product first lands on it late. Larger requests (only the unpacked path's transposed B could
            // ask, and it is capped below this) grow geometrically.
            int size = Math.Max(length + AlignmentSlack, buffer is null ? MaxBlockedPackLength + AlignmentSlack : Math.Min(int.MaxValue / 2, buffer.Length) * 2);
            buffer = GC.AllocateUninitializedArray<double>(size, pinned: true);
            t_packBuffer = buffer;
        }
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (double*)((address + 63) & ~(nint)63);
    }
}
