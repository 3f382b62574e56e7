using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Landscape.Benchmarking;
using Landscape.Probes;
using TorchSharp;

namespace Landscape.Benchmarks;

/// <summary>
/// <c>compare</c> mode: ours and libtorch in one process. For every problem of <see cref="Problem.All"/>: build our
/// problem and its libtorch twin from the same θ, check that libtorch's loss, gradient and H·v equal ours to 1e-10
/// relative (failing loudly otherwise), then time each operation with <see cref="BlockTimer"/> — ours and libtorch in
/// alternating blocks after a pause, the ratio taken round by round. The FMA peak (and our GEMM) are timed the same
/// way before the problems, the FMA peak again after them. Writes <see cref="ComparisonResults.FileName"/>.
/// </summary>
public static class Compare
{
    /// <summary>Every operation the suite can compare, in report order (each problem compares its <see cref="Problem.Operations"/>).</summary>
    public static readonly string[] Operations = ["Loss", "Gradient", "HVP", "Operator", "Lanczos", "Plane"];

    /// <summary>
    /// Relative tolerance of every agreement check: loss, gradient and H·v before timing, and after timing the top Ritz
    /// value and the sum of the plane's losses returned by each side's first timed call.
    /// </summary>
    public const double Tolerance = 1e-10;

    /// <summary>Runs the comparison and writes the results into <paramref name="directory"/>.</summary>
    /// <param name="directory">Where the JSON goes.</param>
    /// <param name="quick">3 rounds per operation (a few minutes) instead of 11.</param>
    /// <param name="only">When not null, only the problems with these names.</param>
    public static void Run(string directory, bool quick, IReadOnlyCollection<string>? only)
    {
        int threads = Program.Threads;
        Parallelism.MaxThreads = threads;
        torch.set_num_threads(threads);
        var settings = new BlockTimer.Settings(
            Rounds: quick ? 3 : 11,
            Pause: TimeSpan.FromMilliseconds(200),
            BlockTarget: TimeSpan.FromMilliseconds(500),
            Warmup: TimeSpan.FromSeconds(quick ? 0.5 : 1.0));
        string loadAtStart = Program.LoadAverage();
        string torchVersion = $"TorchSharp-cpu {typeof(torch).Assembly.GetName().Version?.ToString(3)} (libtorch {torch.__version__})";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"compare: {threads} threads each (libtorch reports {torch.get_num_threads()}), {settings.Rounds} rounds, pause {settings.Pause.TotalMilliseconds:F0} ms, blocks ≥ {settings.BlockTarget.TotalMilliseconds:F0} ms; {torchVersion}; load {loadAtStart}"));

        var peak = new Peak();
        peak.Setup();
        Console.WriteLine("Peak");
        List<PeakProbe> peakAtStart =
        [
            new PeakProbe("FMA", Peak.FmaFlops, BlockTimer.Run([new BlockTimer.Side("FMA", peak.Fma)], settings, Console.WriteLine)[0]),
            new PeakProbe("GEMM", Peak.GemmFlops, BlockTimer.Run([new BlockTimer.Side("GEMM", peak.Gemm)], settings, Console.WriteLine)[0]),
        ];

        var problems = new List<ProblemComparison>();
        foreach ((string name, Func<Problem> create) in Problem.All)
        {
            if (only is not null && !only.Contains(name)) continue;
            Problem problem = create();
            using var twin = new TorchProblem(problem, problem.Torch());
            Console.WriteLine($"{problem.Name}: {problem.Description}; libtorch: {twin.Description}");
            List<Check> checks = Verify(problem, twin);
            var operations = new List<OperationComparison>();
            foreach (string operation in problem.Operations)
            {
                Console.WriteLine($"{problem.Name} {operation}");
                SideTiming[] timings = BlockTimer.Run(
                    [new BlockTimer.Side("ours", Ours(problem, operation)), new BlockTimer.Side("libtorch", Torch(twin, operation))],
                    settings, Console.WriteLine);
                double valueError = NotNaN(Math.Abs(timings[1].FirstValue - timings[0].FirstValue) / Math.Abs(timings[0].FirstValue));
                var comparison = new OperationComparison(operation, Flops.Of(problem, operation), timings[0], timings[1], valueError);
                double[] ratios = comparison.Ratios;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  ratio libtorch/ours {comparison.MedianRatio:F2}× (rounds {ratios.Min():F2}–{ratios.Max():F2}); returned values agree to {valueError:E2}"));
                // Loss, gradient and H·v were checked before timing; the composites are checked on what they returned.
                if (operation is "Lanczos" or "Plane")
                {
                    checks.Add(new Check($"{problem.Name} {(operation == "Lanczos" ? "top Ritz value" : "sum of the plane's losses")} (first timed call)", valueError, Tolerance));
                    if (!(valueError <= Tolerance))
                        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                            $"{problem.Name} {operation}: libtorch returned {timings[1].FirstValue:R}, ours {timings[0].FirstValue:R}: relative difference {valueError:E3} > {Tolerance:E0}."));
                }
                operations.Add(comparison);
            }
            problems.Add(new ProblemComparison(problem.Name, problem.Description, twin.Description, problem.Flops.Formula,
                                               problem.PlaneGrid, checks, operations));
        }

        Console.WriteLine("Peak (again, after the problems)");
        List<PeakProbe> peakAtEnd =
            [new PeakProbe("FMA", Peak.FmaFlops, BlockTimer.Run([new BlockTimer.Side("FMA", peak.Fma)], settings, Console.WriteLine)[0])];

        var results = new ComparisonResults(quick, threads, torch.get_num_threads(), settings.Rounds, settings.Pause.TotalMilliseconds,
                                            settings.BlockTarget.TotalMilliseconds, loadAtStart, Program.LoadAverage(), DateTime.UtcNow,
                                            RuntimeInformation.FrameworkDescription, torchVersion, peakAtStart, peakAtEnd, problems);
        Directory.CreateDirectory(directory);
        results.Save(Path.Combine(directory, ComparisonResults.FileName));
    }

    /// <summary>One call of our <paramref name="operation"/>; returns the loss, the top Ritz value or the sum of the plane's losses.</summary>
    private static Func<double> Ours(Problem problem, string operation)
    {
        IModel model = problem.Model;
        var gradient = new double[model.ParameterCount];
        var product = new double[model.ParameterCount];
        return operation switch
        {
            "Loss" => () => model.Loss(problem.Parameters, problem.Data),
            "Gradient" => () => model.Gradient(problem.Parameters, problem.Data, gradient),
            "HVP" => () => model.HessianVectorProduct(problem.Parameters, problem.Data, problem.Direction, product),
            "Operator" => OperatorProduct(problem, product),
            "Lanczos" => () =>
            {
                Eigenpairs top = Hessian.TopEigenpairs(model, problem.Parameters, problem.Data, 1, problem.LanczosOptions);
                if (top.HvpCount != Problem.LanczosHvps)
                    throw new InvalidOperationException($"Lanczos used {top.HvpCount} HVPs; the benchmark is defined with {Problem.LanczosHvps}.");
                return top.Values[0];
            },
            "Plane" => () =>
            {
                PlaneSlice slice = Slice.Plane(model, problem.Parameters, problem.Data, problem.PlaneX, problem.PlaneY,
                                               problem.GridValues, problem.GridValues);
                double sum = 0;
                foreach (double loss in slice.Loss) sum += loss;
                return sum;
            },
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };
    }

    /// <summary>
    /// One product of the Hessian operator at θ (built once, before timing; its fixed point is kept for the process): the
    /// cost of each of the many products a probe takes at one point. Returns the loss, as the HVP row does.
    /// </summary>
    private static Func<double> OperatorProduct(Problem problem, double[] product)
    {
        HessianOperator hessian = Hessian.Operator(problem.Model, problem.Parameters, problem.Data);
        if (!hessian.IsCached)
            throw new InvalidOperationException($"{problem.Name}: the operator's fixed point does not fit the default memory budget; the Operator row would time full HVPs.");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  operator: fixed point keeps {hessian.CacheBytes / 1048576.0:F1} MiB ({hessian.CacheBytes / (double)problem.Data.Count:F0} B per example)"));
        return () =>
        {
            hessian.Multiply(problem.Direction, product);
            return hessian.Loss;
        };
    }

    /// <summary>One call of libtorch's <paramref name="operation"/>, returning what <see cref="Ours"/> returns.</summary>
    private static Func<double> Torch(TorchProblem twin, string operation) => operation switch
    {
        "Loss" => twin.Loss,
        "Gradient" => () => twin.Gradient(),
        "HVP" or "Operator" => () => twin.HessianVectorProduct(),
        "Lanczos" => twin.Lanczos,
        "Plane" => twin.Plane,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    /// <summary>
    /// Loss, gradient and H·v of both sides at θ (and v); throws, with the numbers, unless libtorch equals ours to
    /// <see cref="Tolerance"/> relative (‖libtorch − ours‖∞ / ‖ours‖∞; |Δ| / |L| for the loss).
    /// </summary>
    private static List<Check> Verify(Problem problem, TorchProblem twin)
    {
        IModel model = problem.Model;
        int count = model.ParameterCount;
        var ourGradient = new double[count];
        var ourProduct = new double[count];
        double ourLoss = model.Loss(problem.Parameters, problem.Data);
        double ourGradientLoss = model.Gradient(problem.Parameters, problem.Data, ourGradient);
        model.HessianVectorProduct(problem.Parameters, problem.Data, problem.Direction, ourProduct);

        var theirGradient = new double[count];
        var theirProduct = new double[count];
        double theirLoss = twin.Loss();
        double theirGradientLoss = twin.Gradient(theirGradient);
        double theirProductLoss = twin.HessianVectorProduct(theirProduct);

        double lossError = 0;
        foreach (double l in new[] { theirLoss, theirGradientLoss, theirProductLoss, ourGradientLoss })
            lossError = Math.Max(lossError, NotNaN(Math.Abs(l - ourLoss) / Math.Abs(ourLoss)));
        (double gradientError, string gradientDetail) = RelativeMax(theirGradient, ourGradient, model.Layout);
        (double productError, string productDetail) = RelativeMax(theirProduct, ourProduct, model.Layout);
        var checks = new List<Check>
        {
            new($"{problem.Name} loss", lossError, Tolerance),
            new($"{problem.Name} gradient", gradientError, Tolerance),
            new($"{problem.Name} H·v", productError, Tolerance),
        };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{problem.Name} check: loss {lossError:E2}, gradient {gradientError:E2}, H·v {productError:E2} (relative, tolerance {Tolerance:E0})"));
        var failures = new List<string>();
        if (!(lossError <= Tolerance))
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"loss: ours {ourLoss:R} (from the gradient call {ourGradientLoss:R}), libtorch {theirLoss:R} / {theirGradientLoss:R} (gradient) / {theirProductLoss:R} (HVP): {lossError:E3} relative"));
        if (!(gradientError <= Tolerance)) failures.Add($"gradient: {gradientDetail}");
        if (!(productError <= Tolerance)) failures.Add($"H·v: {productDetail}");
        if (failures.Count > 0)
            throw new InvalidOperationException(
                $"{problem.Name}: libtorch and Landscape disagree by more than {Tolerance:E0} relative; one of the two is wrong, and the benchmark refuses to time it.{Environment.NewLine}  " +
                string.Join(Environment.NewLine + "  ", failures));
        return checks;
    }

    /// <summary>‖actual − expected‖∞ / ‖expected‖∞, and where the largest difference is, in words.</summary>
    private static (double Error, string Detail) RelativeMax(double[] actual, double[] expected, ParameterLayout layout)
    {
        double diff = 0, scale = 0;
        int worst = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double d = NotNaN(Math.Abs(actual[i] - expected[i]));
            if (d > diff) { diff = d; worst = i; }
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }
        double error = diff / scale;
        ParameterBlock block = layout.BlockOf(worst);
        string detail = string.Create(CultureInfo.InvariantCulture,
            $"{error:E3} relative (largest difference {diff:E3} at index {worst}, block '{block.Name}' element {worst - block.Offset}: ours {expected[worst]:R}, libtorch {actual[worst]:R}; ‖ours‖∞ = {scale:R})");
        return (NotNaN(error), detail);
    }

    /// <summary>NaN as +∞, so a NaN anywhere fails a check instead of slipping through a comparison.</summary>
    private static double NotNaN(double value) => double.IsNaN(value) ? double.PositiveInfinity : value;
}
