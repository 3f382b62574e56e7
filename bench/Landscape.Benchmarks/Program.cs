using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Landscape.Benchmarks;

/// <summary>
/// Entry point. <c>export DIR</c> writes P1.bin and P2.bin for the peer; <c>run [--quick] DIR</c> runs the
/// BenchmarkDotNet suite and writes DIR/ours.json; <c>report DIR OUTPUT COMMAND</c> combines DIR/ours.json and
/// DIR/torchsharp.json into BENCHMARKS.md. <c>bench/run.sh</c> calls all three.
/// </summary>
public static class Program
{
    /// <summary>
    /// Threads of every benchmark (ours and the peer): the machine's two cores. The environment variable
    /// LANDSCAPE_BENCH_THREADS overrides it for diagnosis (the report states the threads each side used).
    /// </summary>
    public static int Threads { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("LANDSCAPE_BENCH_THREADS"), NumberStyles.None, CultureInfo.InvariantCulture, out int t) && t >= 1 ? t : 2;

    /// <summary>Runs the requested mode.</summary>
    public static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        Parallelism.MaxThreads = Threads;
        if (args.Length >= 2 && args[0] == "export")
        {
            Directory.CreateDirectory(args[1]);
            foreach (Problem problem in new[] { Problem.P1(), Problem.P2() })
                ProblemFile.Write(problem, Path.Combine(args[1], problem.Name + ".bin"));
            return 0;
        }
        if (args.Length >= 2 && args[0] == "run")
        {
            bool quick = args.Contains("--quick");
            string directory = args[1] == "--quick" ? args[2] : args[1];
            Directory.CreateDirectory(directory);
            Run(quick, directory);
            return 0;
        }
        if (args.Length >= 2 && args[0] == "time")
            return Timing.Run(args[1], args.Length >= 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50);
        if (args.Length >= 4 && args[0] == "report")
        {
            Report.Write(args[1], args[2], args[3]);
            return 0;
        }
        Console.Error.WriteLine("usage: Landscape.Benchmarks export DIR | run [--quick] DIR | report DIR OUTPUT COMMAND | time gemm|gemm-nt|gemm-tn|gemm1000|block[:M,N,K[,direct|packed|unpacked]]|epilogue-tanh[:WIDTH]|P1-loss|P1-grad|P1-hvp|P2-loss|P2-grad|P2-hvp [CALLS]");
        return 2;
    }

    /// <summary>The load average line of /proc/loadavg (its first three fields), or "n/a" off Linux.</summary>
    public static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path)) return "n/a";
        string[] fields = File.ReadAllText(path).Split(' ');
        return string.Join(' ', fields.Take(3));
    }

    /// <summary>
    /// Managed bytes allocated per call by <paramref name="operation"/> on <paramref name="problemName"/> in steady
    /// state, counted on every thread (precise <see cref="GC.GetTotalAllocatedBytes(bool)"/>) over back-to-back calls
    /// after three warm-up calls. BenchmarkDotNet's figure divides its per-iteration bookkeeping by the calls in an
    /// iteration, which for the 50–250 ms P2 calls is one, so it cannot tell a per-call allocation from its own.
    /// </summary>
    public static double SteadyAllocation(string problemName, string operation)
    {
        Problem problem = Problem.ByName(problemName);
        var output = new double[problem.Model.ParameterCount];
        Action call = operation switch
        {
            "Loss" => () => problem.Model.Loss(problem.Parameters, problem.Data),
            "Gradient" => () => problem.Model.Gradient(problem.Parameters, problem.Data, output),
            "HVP" => () => problem.Model.HessianVectorProduct(problem.Parameters, problem.Data, problem.Direction, output),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Expected Loss, Gradient or HVP."),
        };
        int calls = problemName == "P1" ? 200 : 10;
        for (int i = 0; i < 3; i++) call();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < calls; i++) call();
        return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)calls;
    }

    private static void Run(bool quick, string directory)
    {
        string load = LoadAverage();
        // In-process: no generated child project (it would inherit the repo's Directory.*.props), and the timing
        // covers exactly our calls. BenchmarkDotNet's pilot picks the calls per iteration (one for the multi-second
        // operations). Quick: 100 ms iterations, 1 warm-up and 3 measured; full: 250 ms, 3 warm-ups and 21 measured.
        var toolchain = new InProcessEmitToolchain(TimeSpan.FromMinutes(60), logOutput: false);
        Job job = Job.Default.WithToolchain(toolchain).WithLaunchCount(1)
            .WithWarmupCount(quick ? 1 : 3)
            .WithIterationCount(quick ? 3 : 21)
            .WithIterationTime(TimeInterval.FromMilliseconds(quick ? 100 : 250))
            .WithId(quick ? "Quick" : "Full");
        IConfig config = ManualConfig.CreateMinimumViable()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine(directory, "BenchmarkDotNet.Artifacts"))
            .WithOptions(ConfigOptions.DisableLogFile);
        // `--only NAME` (Peak, P1 or P2) runs one class, for diagnosis.
        int only = Array.IndexOf(Environment.GetCommandLineArgs(), "--only");
        Type[] types = [typeof(Peak), typeof(P1), typeof(P2)];
        if (only > 0 && only + 1 < Environment.GetCommandLineArgs().Length)
            types = types.Where(t => t.Name == Environment.GetCommandLineArgs()[only + 1]).ToArray();
        Summary[] summaries = BenchmarkRunner.Run(types, config);
        var operations = new List<OperationResult>();
        foreach (Summary summary in summaries)
        {
            foreach (BenchmarkReport report in summary.Reports)
            {
                string problem = report.BenchmarkCase.Descriptor.Type.Name;
                string operation = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
                if (report.ResultStatistics is not { } statistics)
                    throw new InvalidOperationException($"{problem}.{operation} produced no measurements (see the BenchmarkDotNet log above).");
                long allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1;
                double steady = problem is "P1" or "P2" && operation is "Loss" or "Gradient" or "HVP"
                    ? SteadyAllocation(problem, operation)
                    : -1;
                operations.Add(new OperationResult(problem, operation, statistics.Median, statistics.N, allocated, steady));
            }
        }
        new SideResults("ours", Threads, load, RuntimeInformation.FrameworkDescription, operations).Save(Path.Combine(directory, "ours.json"));
    }
}
