using System;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Landscape.Benchmarks;

/// <summary>
/// Entry point. <c>compare DIR [--quick] [--only P1,P2,P3,P4]</c> times ours against libtorch in this process and writes
/// DIR/comparison.json; <c>report DIR OUTPUT COMMAND</c> renders it (with bench/PROFILE.md) into BENCHMARKS.md;
/// <c>bench/run.sh</c> calls both. <c>time WHAT [CALLS]</c> is a Stopwatch probe for profiling, and
/// <c>bdn [--quick] [--only Peak|P1|P2]</c> runs our side alone through BenchmarkDotNet (diagnosis only).
/// </summary>
public static class Program
{
    /// <summary>
    /// Threads of every benchmark (ours and libtorch): the machine's two cores. The environment variable
    /// LANDSCAPE_BENCH_THREADS overrides it for diagnosis (the report states the threads both sides used).
    /// </summary>
    public static int Threads { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("LANDSCAPE_BENCH_THREADS"), NumberStyles.None, CultureInfo.InvariantCulture, out int t) && t >= 1 ? t : 2;

    /// <summary>Runs the requested mode.</summary>
    public static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        Parallelism.MaxThreads = Threads;
        string[] positional = Positional(args);
        if (args.Length >= 2 && args[0] == "compare" && positional.Length == 2)
        {
            string? only = Option(args, "--only");
            Compare.Run(positional[1], args.Contains("--quick"), only?.Split(','));
            return 0;
        }
        if (args.Length >= 4 && args[0] == "report")
        {
            Report.Write(args[1], args[2], args[3]);
            return 0;
        }
        if (args.Length >= 2 && args[0] == "time")
            return Timing.Run(args[1], args.Length >= 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50);
        if (args.Length >= 1 && args[0] == "bdn")
        {
            RunBenchmarkDotNet(args.Contains("--quick"), Option(args, "--only"));
            return 0;
        }
        Console.Error.WriteLine("usage: Landscape.Benchmarks compare DIR [--quick] [--only P1,P2,P3,P4] | report DIR OUTPUT COMMAND | time gemm|gemm-nt|gemm-tn|gemm1000|block[:M,N,K[,direct|packed|unpacked]]|epilogue-tanh[:WIDTH]|P1-loss|P1-grad|P1-hvp|P1-operator|P2-…|P3-…|P4-… (loss, grad, hvp, operator, operator8, lanczos, fixedpoint) [CALLS] | bdn [--quick] [--only Peak|P1|P2]");
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

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The arguments that are neither flags nor the values of <c>--only</c>.</summary>
    private static string[] Positional(string[] args) =>
        args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] != "--only")).ToArray();

    /// <summary>
    /// Our side alone through BenchmarkDotNet, in process (no generated child project, which would inherit the repo's
    /// Directory.*.props): its statistics and MemoryDiagnoser for a closer look at one class between comparison runs.
    /// The comparison with libtorch and BENCHMARKS.md do not use it. Quick: 100 ms iterations, 1 warm-up and 3
    /// measured; full: 250 ms, 3 warm-ups and 21 measured.
    /// </summary>
    private static void RunBenchmarkDotNet(bool quick, string? only)
    {
        var toolchain = new InProcessEmitToolchain(TimeSpan.FromMinutes(60), logOutput: false);
        Job job = Job.Default.WithToolchain(toolchain).WithLaunchCount(1)
            .WithWarmupCount(quick ? 1 : 3)
            .WithIterationCount(quick ? 3 : 21)
            .WithIterationTime(TimeInterval.FromMilliseconds(quick ? 100 : 250))
            .WithId(quick ? "Quick" : "Full");
        IConfig config = ManualConfig.CreateMinimumViable()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine("bench", "artifacts", "BenchmarkDotNet.Artifacts"))
            .WithOptions(ConfigOptions.DisableLogFile);
        Type[] types = [typeof(Peak), typeof(P1), typeof(P2)];
        if (only is not null) types = types.Where(t => t.Name == only).ToArray();
        BenchmarkRunner.Run(types, config);
    }
}
