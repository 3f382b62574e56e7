using System;
using System.Globalization;
using Landscape.Benchmarking;
using Landscape.Kernels;

namespace Landscape.Benchmarks;

/// <summary>
/// <c>time</c> mode: one block of back-to-back calls of one operation (<see cref="BlockTimer"/>), for profiling between
/// comparison runs. Prints the minimum and median wall time per call, the process CPU time per call (robust to
/// preemption on a shared machine when one thread runs) and the bytes allocated per call on every thread.
/// </summary>
internal static class Timing
{
    public static int Run(string what, int calls)
    {
        Action call;
        double flops;
        switch (what)
        {
            case "gemm":
            case "gemm-nt":
            case "gemm-tn":
            case "gemm1000":
            {
                int size = what == "gemm1000" ? 1000 : Peak.GemmSize;
                var a = new double[size * size];
                var b = new double[size * size];
                var c = new double[size * size];
                var random = new Random(Problem.Seed);
                for (int i = 0; i < a.Length; i++) { a[i] = random.NextDouble() - 0.5; b[i] = random.NextDouble() - 0.5; }
                call = what switch
                {
                    "gemm" or "gemm1000" => () => Gemm.NNParallel(size, size, size, a, size, b, size, c, size),
                    "gemm-nt" => () => Gemm.NTParallel(size, size, size, a, size, b, size, c, size),
                    _ => () => Gemm.TNParallel(size, size, size, a, size, b, size, c, size),
                };
                flops = 2.0 * size * size * size;
                break;
            }
            case var _ when what.StartsWith("epilogue-tanh", StringComparison.Ordinal):
            {
                // Epilogue.ActivateWithR<TanhActivation> on a 64 × 100 block with bias and bias direction (P1's hidden
                // layer per block); ns per element = time / 6,400. Inputs in [−3, 3], restored before each call (about
                // 6–9% of the time) so the kernel sees pre-activations, not its own outputs. "epilogue-tanh:Vector256"
                // (or Scalar, Vector512) forces the driver's vector width. The GFLOP/s column counts elements.
                SimdWidth vectorWidth = what.Length > 14 ? Enum.Parse<SimdWidth>(what[14..]) : SimdWidth.Auto;
                const int rows = 64, width = 100;
                var random = new Random(Problem.Seed);
                var source = new double[rows * width];
                var rsource = new double[rows * width];
                for (int i = 0; i < source.Length; i++) { source[i] = 6 * random.NextDouble() - 3; rsource[i] = random.NextDouble() - 0.5; }
                var bias = new double[width];
                var rbias = new double[width];
                for (int i = 0; i < width; i++) { bias[i] = 0.2 * random.NextDouble() - 0.1; rbias[i] = 0.2 * random.NextDouble() - 0.1; }
                var values = new double[rows * width];
                var rvalues = new double[rows * width];
                var first = new double[rows * width];
                var rfirst = new double[rows * width];
                call = () =>
                {
                    source.CopyTo(values, 0);
                    rsource.CopyTo(rvalues, 0);
                    Epilogue.ActivateWithR<TanhActivation>(values, bias, rvalues, rbias, first, rfirst, rows, width, vectorWidth);
                };
                flops = rows * width;
                break;
            }
            case var _ when what.StartsWith("block", StringComparison.Ordinal):
            {
                // One block product NT(m, n, k) with a pre-packed weight; "block" is P2's first layer (64, 200, 784),
                // "block:M,N,K[,direct|packed|unpacked]" any shape, path forced or B left unpacked.
                string[] spec = what.Length > 6 ? what[6..].Split(',') : ["64", "200", "784"];
                int m = int.Parse(spec[0], CultureInfo.InvariantCulture), n = int.Parse(spec[1], CultureInfo.InvariantCulture), k = int.Parse(spec[2], CultureInfo.InvariantCulture);
                string mode = spec.Length > 3 ? spec[3] : "auto";
                var a = new double[m * k];
                var b = new double[n * k];
                var c = new double[m * n];
                var random = new Random(Problem.Seed);
                for (int i = 0; i < a.Length; i++) a[i] = random.NextDouble() - 0.5;
                for (int i = 0; i < b.Length; i++) b[i] = random.NextDouble() - 0.5;
                var packed = new PackedOperand(k, n, transposed: true);
                packed.Pack(b, k);
                call = mode switch
                {
                    "direct" => () => Gemm.Compute(Gemm.Operation.NT, m, n, k, a, k, b, k, c, n, false, SimdWidth.Auto, 1, path: Gemm.GemmPath.Direct),
                    "packed" => () => Gemm.Compute(Gemm.Operation.NT, m, n, k, a, k, b, k, c, n, false, SimdWidth.Auto, 1, path: Gemm.GemmPath.Packed, packedB: packed),
                    "unpacked" => () => Gemm.NT(m, n, k, a, k, b, k, c, n),
                    _ => () => Gemm.NT(m, n, k, a, k, b, k, c, n, packedB: packed),
                };
                flops = 2.0 * m * n * k;
                break;
            }
            case var _ when ConvolutionProbe.Matches(what):
                (call, flops) = ConvolutionProbe.Create(what);
                break;
            default:
            {
                string[] parts = what.Split('-');
                Problem problem = Problem.ByName(parts[0]);
                var output = new double[problem.Model.ParameterCount];
                (call, flops) = parts[1] switch
                {
                    "loss" => ((Action)(() => problem.Model.Loss(problem.Parameters, problem.Data)), Flops.Of(problem, "Loss")),
                    "grad" => (() => problem.Model.Gradient(problem.Parameters, problem.Data, output), Flops.Of(problem, "Gradient")),
                    "hvp" => (() => problem.Model.HessianVectorProduct(problem.Parameters, problem.Data, problem.Direction, output), Flops.Of(problem, "HVP")),
                    "operator" => OperatorCall(problem, output),
                    "operator8" => BatchedOperatorCall(problem, BatchSize),
                    "fixedpoint" => (() => { using var hessian = Landscape.Probes.Hessian.Operator(problem.Model, problem.Parameters, problem.Data); }, Flops.Of(problem, "Gradient")),
                    "lanczos" => (() => Landscape.Probes.Hessian.TopEigenpairs(problem.Model, problem.Parameters, problem.Data, 1, problem.LanczosOptions), Flops.Of(problem, "Lanczos")),
                    _ => throw new ArgumentException($"unknown operation '{parts[1]}' (loss, grad, hvp, operator, operator8, lanczos, fixedpoint)"),
                };
                break;
            }
        }

        // LANDSCAPE_BENCH_ALLOCATIONS=1: print the runtime's allocation samples (one per ~100 KB, with the type) to find
        // what allocates in steady state (the three warm-up calls included).
        using AllocationSampler? sampler = Environment.GetEnvironmentVariable("LANDSCAPE_BENCH_ALLOCATIONS") == "1" ? new AllocationSampler() : null;
        // One block of CALLS back-to-back calls after three warm-up calls, through the suite's one timing helper.
        var settings = new BlockTimer.Settings(Rounds: 1, Pause: TimeSpan.Zero, BlockTarget: TimeSpan.Zero, Warmup: TimeSpan.Zero, CallsPerBlock: calls);
        BlockSample block = BlockTimer.Run([new BlockTimer.Side(what, () => { call(); return 0; })], settings)[0].Blocks[0];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: threads {Program.Threads}, min {block.MinCallSeconds * 1e3:F4} ms, median {block.MedianCallSeconds * 1e3:F4} ms, CPU {block.CpuSeconds * 1e3 / calls:F3} ms/call (all threads), {flops / (block.MinCallSeconds * 1e9):F1} GFLOP/s at min, allocated/call {block.AllocatedBytes / (double)calls:F0} B (all threads, precise)"));
        return 0;
    }

    /// <summary>Directions per call of <c>operator8</c> (the batch the Hutchinson trace and the dense Hessian use).</summary>
    private const int BatchSize = 8;

    /// <summary>
    /// One batched call of the Hessian operator, <paramref name="count"/> products at once (<c>Multiply(directions,
    /// products, count)</c>; the directions are the problem's direction rotated by 97·i places); the times printed are per
    /// call, so per direction they are divided by <paramref name="count"/>. Credited with <paramref name="count"/> products' FLOPs.
    /// </summary>
    private static (Action Call, double Flops) BatchedOperatorCall(Problem problem, int count)
    {
        Landscape.Probes.HessianOperator hessian = Landscape.Probes.Hessian.Operator(problem.Model, problem.Parameters, problem.Data);
        int n = problem.Model.ParameterCount;
        var directions = new double[count * n];
        for (int i = 0; i < count; i++)
            for (int j = 0; j < n; j++)
                directions[i * n + j] = problem.Direction[(j + 97 * i) % n];
        var products = new double[count * n];
        Console.Error.WriteLine($"operator8: cached {hessian.IsCached}, {hessian.CacheBytes / 1048576.0:F1} MiB, {count} directions per call");
        return (() => hessian.Multiply(directions, products, count), count * Flops.Of(problem, "Operator"));
    }

    /// <summary>One product of the Hessian operator at the problem's θ (its fixed point built once, before the timed calls).</summary>
    private static (Action Call, double Flops) OperatorCall(Problem problem, double[] output)
    {
        Landscape.Probes.HessianOperator hessian = Landscape.Probes.Hessian.Operator(problem.Model, problem.Parameters, problem.Data);
        Console.Error.WriteLine($"operator: cached {hessian.IsCached}, {hessian.CacheBytes / 1048576.0:F1} MiB");
        return (() => hessian.Multiply(problem.Direction, output), Flops.Of(problem, "Operator"));
    }
}

/// <summary>Prints the runtime's GCAllocationTick events (type name and thread) while it lives.</summary>
internal sealed class AllocationSampler : System.Diagnostics.Tracing.EventListener
{
    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(eventSource, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1); // GC keyword
    }

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && eventData.PayloadNames is { } names && eventData.Payload is { } payload)
            Console.WriteLine($"allocation sample: {payload[names.IndexOf("TypeName")]} on thread {eventData.OSThreadId}");
    }
}
