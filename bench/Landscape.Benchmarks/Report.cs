using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace Landscape.Benchmarks;

/// <summary>
/// Writes BENCHMARKS.md from ours.json and torchsharp.json: the machine line, the peak, one table per problem (ours,
/// TorchSharp, ratio, analytic FLOPs, GFLOP/s, % of the measured FMA peak, bytes allocated per call), the targets of
/// issue 7 with computed verdicts, the peer's correctness checks, the FLOP formulas, and bench/PROFILE.md.
/// </summary>
public static class Report
{
    private static readonly string[] s_operations = ["Loss", "Gradient", "HVP", "Lanczos", "Plane"];

    /// <summary>Combines the results in <paramref name="directory"/> into <paramref name="output"/>.</summary>
    public static void Write(string directory, string output, string command)
    {
        SideResults ours = SideResults.Load(Path.Combine(directory, "ours.json"));
        SideResults peer = SideResults.Load(Path.Combine(directory, "torchsharp.json"));
        Problem[] problems = [Problem.P1(), Problem.P2()];
        double fmaPeak = Peak.FmaFlops / Seconds(Find(ours, "Peak", "Fma"));
        double gemmRate = Peak.GemmFlops / Seconds(Find(ours, "Peak", "Gemm"));
        string startLoad = File.Exists(Path.Combine(directory, "load-start.txt"))
            ? File.ReadAllText(Path.Combine(directory, "load-start.txt")).Trim()
            : "n/a";

        var md = new StringBuilder();
        md.AppendLine("# Benchmarks");
        md.AppendLine();
        md.AppendLine(Invariant($"Machine: {CpuModel()}, {Environment.ProcessorCount} cores, SIMD {Simd()}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}."));
        md.AppendLine(Invariant($"Load average (1/5/15 min): {startLoad} at the start of the run, {ours.LoadAverage} when our suite started, {peer.LoadAverage} when the peer started."));
        md.AppendLine(Invariant($"Threads: ours {ours.Threads} (`Parallelism.MaxThreads`), TorchSharp {peer.Threads} (`torch.set_num_threads`); float64 everywhere."));
        md.AppendLine(Invariant($"Peer: {peer.Version}."));
        md.AppendLine();
        md.AppendLine(Invariant($"Command: `{command}`  "));
        // The time our measurements were written (ours.json), not the time of rendering, so re-rendering keeps it.
        md.AppendLine(Invariant($"Date: {File.GetLastWriteTimeUtc(Path.Combine(directory, "ours.json")):yyyy-MM-dd HH:mm} UTC (measured)"));
        md.AppendLine();
        md.AppendLine("> These numbers come from a 2-core machine shared with other jobs while they were taken, so absolute times are");
        md.AppendLine("> noisy (see the load averages above). Ratios are taken between medians of the same run. Regenerate the");
        md.AppendLine("> table on a quiet machine with the command above before quoting absolute times. Load hurts the two sides");
        md.AppendLine("> unequally: libtorch enters an OpenMP parallel region for nearly every tensor operation (several per layer),");
        md.AppendLine("> and on an oversubscribed machine each region waits until both of its threads are scheduled, while one of");
        md.AppendLine("> our calls forks and joins a handful of times. Under load the ratios therefore overstate our advantage,");
        md.AppendLine("> most of all on P1. `--quick` also times the peer's Lanczos and plane slice once (and P2's other operations");
        md.AppendLine("> five times) and ours with 3 measured iterations; the full run uses ≥ 20 repetitions on both sides.");
        md.AppendLine();
        md.AppendLine("## Peak (measured in this run)");
        md.AppendLine();
        md.AppendLine("| Probe | Median | FLOPs | GFLOP/s | % of FMA peak |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        md.AppendLine(Invariant($"| FMA throughput ({ours.Threads} threads × 12 independent Vector256 FMA chains) | {Time(Find(ours, "Peak", "Fma").MedianNanoseconds)} | {Count(Peak.FmaFlops)} | {fmaPeak / 1e9:F1} | 100 |"));
        md.AppendLine(Invariant($"| GEMM {Peak.GemmSize}³ (`Landscape.Kernels.Gemm.NNParallel`) | {Time(Find(ours, "Peak", "Gemm").MedianNanoseconds)} | {Count(Peak.GemmFlops)} | {gemmRate / 1e9:F1} | {100 * gemmRate / fmaPeak:F0} |"));
        md.AppendLine();

        foreach (Problem problem in problems)
        {
            md.AppendLine(Invariant($"## {problem.Name}: {problem.Description}"));
            md.AppendLine();
            md.AppendLine("| Operation | Ours (median) | TorchSharp (median) | Ratio peer/ours | FLOPs | Ours GFLOP/s | Ours % of peak | TorchSharp GFLOP/s | Ours allocated/call (BenchmarkDotNet) | Ours allocated/call (steady state, precise) | Samples ours/peer |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (string operation in s_operations)
            {
                OperationResult mine = Find(ours, problem.Name, operation);
                OperationResult? theirs = peer.Operations.FirstOrDefault(o => o.Problem == problem.Name && o.Operation == operation);
                double flops = Flops.Of(problem, operation);
                double rate = flops / Seconds(mine);
                string label = operation switch
                {
                    "Gradient" => "Loss + gradient",
                    "Lanczos" => Invariant($"Lanczos top-1 ({Problem.LanczosHvps} HVPs)"),
                    "Plane" => Invariant($"Plane slice {problem.PlaneGrid}×{problem.PlaneGrid}"),
                    _ => operation,
                };
                string peerTime = theirs is null ? "n/a" : Time(theirs.MedianNanoseconds);
                string ratio = theirs is null ? "n/a" : Invariant($"{theirs.MedianNanoseconds / mine.MedianNanoseconds:F2}×");
                string peerRate = theirs is null ? "n/a" : Invariant($"{flops / Seconds(theirs) / 1e9:F1}");
                string samples = Invariant($"{mine.Samples}/{(theirs is null ? "-" : theirs.Samples.ToString(CultureInfo.InvariantCulture))}");
                md.AppendLine(Invariant($"| {label} | {Time(mine.MedianNanoseconds)} | {peerTime} | {ratio} | {Count(flops)} | {rate / 1e9:F1} | {100 * rate / fmaPeak:F0} | {peerRate} | {Bytes(mine.AllocatedBytes)} | {SteadyBytes(mine.SteadyAllocatedBytes)} | {samples} |"));
            }
            md.AppendLine();
        }

        md.AppendLine("## Targets (issue 7)");
        md.AppendLine();
        md.AppendLine("| Target | Measured | Verdict |");
        md.AppendLine("|---|---:|---|");
        Target(md, "P2 HVP ≥ 2× faster than TorchSharp", Ratio(peer, ours, "P2", "HVP"), 2.0, higherIsBetter: true, "×");
        Target(md, "P2 loss + gradient ≥ 2× faster than TorchSharp", Ratio(peer, ours, "P2", "Gradient"), 2.0, higherIsBetter: true, "×");
        Target(md, "P1 HVP ≥ 10× faster than TorchSharp", Ratio(peer, ours, "P1", "HVP"), 10.0, higherIsBetter: true, "×");
        Target(md, "P1 HVP ≤ 0.5 ms", Find(ours, "P1", "HVP").MedianNanoseconds / 1e6, 0.5, higherIsBetter: false, " ms");
        Target(md, "P2 HVP ≤ 2.5× loss + gradient (ours)", Find(ours, "P2", "HVP").MedianNanoseconds / Find(ours, "P2", "Gradient").MedianNanoseconds, 2.5, higherIsBetter: false, "×");
        Target(md, "P2 HVP ≥ 70% of the measured FMA peak", 100 * Flops.Of(problems[1], "HVP") / Seconds(Find(ours, "P2", "HVP")) / fmaPeak, 70, higherIsBetter: true, "%");
        double maxSteady = ours.Operations.Where(o => o.Problem is "P1" or "P2" && o.Operation is "Loss" or "Gradient" or "HVP").Max(o => o.SteadyAllocatedBytes);
        Target(md, "0 B allocated per Loss / Gradient / HVP call in steady state (largest of the six, all threads, precise count)", maxSteady, 0, higherIsBetter: false, " B");
        md.AppendLine();

        md.AppendLine("## Correctness oracle (TorchSharp autograd vs ours, before timing)");
        md.AppendLine();
        md.AppendLine("The peer recomputes loss, gradient (autograd) and H·v (double backward) from the exported θ and v and fails the run");
        md.AppendLine("unless every one equals ours to 1e-10 relative (‖peer − ours‖∞ / ‖ours‖∞; |Δ| / |L| for the loss).");
        md.AppendLine();
        md.AppendLine("| Check | Relative error |");
        md.AppendLine("|---|---:|");
        foreach ((string name, double error) in peer.Checks ?? new Dictionary<string, double>())
            md.AppendLine(Invariant($"| {name} | {error:E2} |"));
        md.AppendLine();

        md.AppendLine("## How the columns are computed");
        md.AppendLine();
        md.AppendLine("- Ours: BenchmarkDotNet 0.15.8 (in-process, MemoryDiagnoser), median per call; TorchSharp: `Stopwatch` median per call");
        md.AppendLine("  after warm-up (bench/TorchPeer). Ratio = TorchSharp median / ours median (> 1: ours is faster).");
        md.AppendLine("- FLOPs are analytic and count GEMMs only. With G_l = 2·n·u_l·f_l the GEMM of dense layer l (n examples, u_l units,");
        md.AppendLine("  f_l fan-in), G₁ the first layer and S = Σ_{l≥2} G_l: loss = G₁ + S; loss + gradient = forward + backward to the");
        md.AppendLine("  deltas + weight gradients = 2G₁ + 3S; HVP = forward (G₁ + S) + R-forward (G₁ + 2S) + backward (S) + R-backward (2S)");
        md.AppendLine("  + H·v weight terms (G₁ + 2S) = 3G₁ + 8S; Lanczos = 20 HVPs; plane slice = grid² losses. Activations, the loss");
        md.AppendLine("  head and Lanczos reorthogonalization are not counted. The same count is used for both sides.");
        md.AppendLine("- % of peak = GFLOP/s / the FMA throughput measured in the same run.");
        md.AppendLine("- Allocation: BenchmarkDotNet's MemoryDiagnoser figure divides the bytes allocated during an iteration (its own");
        md.AppendLine("  bookkeeping included) by the calls in that iteration — one call for the 50–250 ms P2 operations, so a constant");
        md.AppendLine("  per-iteration amount shows up as bytes per call. The steady-state column counts every thread's allocations with");
        md.AppendLine("  the precise `GC.GetTotalAllocatedBytes(true)` over 200 (P1) or 10 (P2) back-to-back calls after 3 warm-up calls;");
        md.AppendLine("  the allocation target is judged on it. Lanczos and the plane slice allocate their results (basis, grid) by design.");
        md.AppendLine();

        string profile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output)) ?? ".", "bench", "PROFILE.md");
        if (File.Exists(profile))
        {
            md.AppendLine(File.ReadAllText(profile).TrimEnd());
            md.AppendLine();
        }
        File.WriteAllText(output, md.ToString());
    }

    private static void Target(StringBuilder md, string text, double measured, double bound, bool higherIsBetter, string unit)
    {
        bool met = higherIsBetter ? measured >= bound : measured <= bound;
        string verdict = met
            ? "met"
            : Invariant($"**not met** (gap: {(higherIsBetter ? bound / measured : measured / Math.Max(bound, double.Epsilon)):F2}× {(bound == 0 ? Invariant($"— {measured:F0}{unit} over") : "short")})");
        if (!met && bound == 0) verdict = Invariant($"**not met** ({measured:F0}{unit} per call)");
        md.AppendLine(Invariant($"| {text} | {measured:F2}{unit} | {verdict} |"));
    }

    private static double Ratio(SideResults peer, SideResults ours, string problem, string operation)
    {
        OperationResult? theirs = peer.Operations.FirstOrDefault(o => o.Problem == problem && o.Operation == operation);
        return theirs is null ? double.NaN : theirs.MedianNanoseconds / Find(ours, problem, operation).MedianNanoseconds;
    }

    private static OperationResult Find(SideResults side, string problem, string operation) =>
        side.Operations.FirstOrDefault(o => o.Problem == problem && o.Operation == operation)
        ?? throw new InvalidDataException($"The {side.Side} results have no {problem}.{operation}.");

    private static double Seconds(OperationResult result) => result.MedianNanoseconds * 1e-9;

    private static string Time(double nanoseconds) => nanoseconds switch
    {
        >= 1e9 => Invariant($"{nanoseconds / 1e9:F2} s"),
        >= 1e6 => Invariant($"{nanoseconds / 1e6:F2} ms"),
        _ => Invariant($"{nanoseconds / 1e3:F1} µs"),
    };

    private static string Count(double flops) => flops >= 1e9 ? Invariant($"{flops / 1e9:F2} G") : Invariant($"{flops / 1e6:F2} M");

    private static string Bytes(long bytes) => bytes < 0 ? "n/a" : Invariant($"{bytes:N0} B");

    private static string SteadyBytes(double bytes) => bytes < 0 ? "—" : Invariant($"{bytes:N1} B");

    private static string Simd()
    {
        var parts = new List<string>();
        if (Avx2.IsSupported) parts.Add("AVX2");
        if (Fma.IsSupported) parts.Add("FMA3");
        if (Avx512F.IsSupported) parts.Add("AVX-512F");
        parts.Add(Invariant($"Vector256 accelerated: {Vector256.IsHardwareAccelerated}, Vector512 accelerated: {Vector512.IsHardwareAccelerated}"));
        return string.Join(", ", parts);
    }

    private static string CpuModel()
    {
        const string path = "/proc/cpuinfo";
        if (!File.Exists(path)) return RuntimeInformation.ProcessArchitecture.ToString();
        string? line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "unknown CPU" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
