using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;
using Landscape.Benchmarking;

namespace Landscape.Benchmarks;

/// <summary>
/// Writes BENCHMARKS.md from comparison.json: the machine line, the peak, one table per problem (ours, TorchSharp, the
/// ratio from the same alternating rounds with its spread, analytic FLOPs, GFLOP/s, % of the measured FMA peak, bytes
/// allocated per call), the targets of issue 7 with computed verdicts, the correctness checks, how the columns are
/// computed, and bench/PROFILE.md.
/// </summary>
public static class Report
{
    /// <summary>Renders the results in <paramref name="directory"/> into <paramref name="output"/>.</summary>
    public static void Write(string directory, string output, string command)
    {
        ComparisonResults run = ComparisonResults.Load(Path.Combine(directory, ComparisonResults.FileName));
        double fmaPeak = run.FmaPeak;
        string startLoad = File.Exists(Path.Combine(directory, "load-start.txt"))
            ? File.ReadAllText(Path.Combine(directory, "load-start.txt")).Trim()
            : "n/a";

        var md = new StringBuilder();
        md.AppendLine("# Benchmarks");
        md.AppendLine();
        md.AppendLine(Invariant($"Machine: {CpuModel()}, {Environment.ProcessorCount} cores, SIMD {Simd()}, {run.Runtime}, {RuntimeInformation.OSDescription}."));
        md.AppendLine(Invariant($"Load average (1/5/15 min): {startLoad} before the build, {run.LoadAtStart} when the measurements started, {run.LoadAtEnd} when they ended."));
        md.AppendLine(Invariant($"Threads: ours {run.Threads} (`Parallelism.MaxThreads`), TorchSharp {run.TorchThreads} (`torch.set_num_threads`); float64 everywhere."));
        md.AppendLine(Invariant($"Peer: {run.TorchVersion}, in the same process as ours."));
        md.AppendLine();
        md.AppendLine(Invariant($"Command: `{command}`  "));
        md.AppendLine(Invariant($"Date: {run.MeasuredUtc:yyyy-MM-dd HH:mm} UTC (measured)"));
        md.AppendLine();
        md.AppendLine("> Ours and TorchSharp run in one process, timed in alternating blocks of calls: for each operation, a block of");
        md.AppendLine(Invariant($"> ours, a {run.PauseMilliseconds:F0} ms pause, a block of TorchSharp, a pause, … for {run.Rounds} rounds (the order flips every other round),"));
        md.AppendLine(Invariant($"> each block at least {run.BlockTargetMilliseconds:F0} ms of back-to-back calls (one call when a call is longer). The pause lets"));
        md.AppendLine("> libtorch's OpenMP workers stop spinning before our block starts (they would otherwise steal the cores), and");
        md.AppendLine("> garbage is collected in it. Each ratio is the median of the per-round ratios, with their range; a ratio is");
        md.AppendLine("> therefore taken between blocks seconds apart, under the same machine conditions. The machine is a 2-core");
        md.AppendLine("> guest shared with other jobs (see the load averages): absolute times are noisy, and load hurts the two sides");
        md.AppendLine("> unequally — libtorch enters an OpenMP parallel region for nearly every tensor operation (several per layer)");
        md.AppendLine("> and on an oversubscribed machine each region waits until both of its threads are scheduled, while one of");
        md.AppendLine("> our calls forks and joins a handful of times — so under load the ratios overstate our advantage, most of all");
        md.AppendLine(Invariant($"> on P1. Regenerate on a quiet machine before quoting absolute times.{(run.Quick ? " This is a `--quick` run (3 rounds; the full run has 11)." : "")}"));
        md.AppendLine();
        md.AppendLine("## Peak (measured in this run)");
        md.AppendLine();
        md.AppendLine("| Probe | Median per call (range of blocks) | FLOPs | GFLOP/s | % of FMA peak |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach ((PeakProbe probe, string when) in run.PeakAtStart.Select(p => (p, "before the problems")).Concat(run.PeakAtEnd.Select(p => (p, "after the problems"))))
        {
            string label = probe.Name == "FMA"
                ? Invariant($"FMA throughput ({run.Threads} threads × 12 independent Vector256 FMA chains), {when}")
                : Invariant($"GEMM {Peak.GemmSize}³ (`Landscape.Kernels.Gemm.NNParallel`), {when}");
            md.AppendLine(Invariant($"| {label} | {TimeRange(probe.Timing)} | {Count(probe.Flops)} | {probe.Rate / 1e9:F1} | {100 * probe.Rate / fmaPeak:F0} |"));
        }
        md.AppendLine();
        md.AppendLine(Invariant($"The % of peak columns below are taken against the larger FMA measurement, {fmaPeak / 1e9:F1} GFLOP/s."));
        md.AppendLine();

        foreach (ProblemComparison problem in run.Problems)
        {
            md.AppendLine(Invariant($"## {problem.Name}: {problem.Description}"));
            md.AppendLine();
            md.AppendLine("| Operation | Ours (median) | TorchSharp (median) | Ratio TorchSharp/ours (range over rounds) | FLOPs | Ours GFLOP/s | Ours % of peak | TorchSharp GFLOP/s | Ours allocated/call | Spread ours / TorchSharp (slowest/fastest block) | Cores used ours / TorchSharp (CPU/wall) | Calls per block ours / TorchSharp |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (OperationComparison op in problem.Operations)
            {
                double ours = op.Ours.MedianSecondsPerCall, theirs = op.Torch.MedianSecondsPerCall;
                double[] ratios = op.Ratios;
                string label = op.Operation switch
                {
                    "Gradient" => "Loss + gradient",
                    "Operator" => "H·v by Hessian.Operator (fixed point kept)",
                    "Lanczos" => Invariant($"Lanczos top-1 ({Problem.LanczosHvps} HVPs)"),
                    "Plane" => Invariant($"Plane slice {problem.PlaneGrid}×{problem.PlaneGrid}"),
                    _ => op.Operation,
                };
                md.AppendLine(Invariant(
                    $"| {label} | {BlockTimer.Format(ours)} | {BlockTimer.Format(theirs)} | {op.MedianRatio:F2}× ({ratios.Min():F2}–{ratios.Max():F2}) | {Count(op.Flops)} | {op.Flops / ours / 1e9:F1} | {100 * op.Flops / ours / fmaPeak:F0} | {op.Flops / theirs / 1e9:F1} | {Bytes(op.Ours.MedianAllocatedBytesPerCall)} | {op.Ours.MaxSecondsPerCall / op.Ours.MinSecondsPerCall:F2} / {op.Torch.MaxSecondsPerCall / op.Torch.MinSecondsPerCall:F2} | {op.Ours.MedianCoresUsed:F2} / {op.Torch.MedianCoresUsed:F2} | {op.Ours.CallsPerBlock} / {op.Torch.CallsPerBlock} |"));
            }
            md.AppendLine();
            md.AppendLine(Invariant($"TorchSharp side: {problem.TorchDescription}."));
            md.AppendLine();
        }

        md.AppendLine("## Targets (issue 7)");
        md.AppendLine();
        md.AppendLine("| Target | Measured | Verdict |");
        md.AppendLine("|---|---:|---|");
        OperationComparison? Find(string problem, string operation) =>
            run.Problems.FirstOrDefault(p => p.Name == problem)?.Operations.FirstOrDefault(o => o.Operation == operation);
        if (Find("P2", "HVP") is { } p2Hvp && Find("P2", "Gradient") is { } p2Gradient)
        {
            RatioTarget(md, "P2 HVP ≥ 2× faster than TorchSharp", p2Hvp, 2.0, run.Threads);
            RatioTarget(md, "P2 loss + gradient ≥ 2× faster than TorchSharp", p2Gradient, 2.0, run.Threads);
        }
        if (Find("P1", "HVP") is { } p1Hvp)
        {
            RatioTarget(md, "P1 HVP ≥ 10× faster than TorchSharp", p1Hvp, 10.0, run.Threads);
            Target(md, "P1 HVP ≤ 0.5 ms", p1Hvp.Ours.MedianSecondsPerCall * 1e3, 0.5, higherIsBetter: false, " ms");
        }
        if (Find("P2", "HVP") is { } hvp && Find("P2", "Gradient") is { } gradient)
        {
            Target(md, "P2 HVP ≤ 2.5× loss + gradient (ours)", hvp.Ours.MedianSecondsPerCall / gradient.Ours.MedianSecondsPerCall, 2.5, higherIsBetter: false, "×");
            Target(md, "P2 HVP ≥ 70% of the measured FMA peak", 100 * hvp.Flops / hvp.Ours.MedianSecondsPerCall / fmaPeak, 70, higherIsBetter: true, "%");
        }
        double maxAllocation = run.Problems.SelectMany(p => p.Operations)
            .Where(o => o.Operation is "Loss" or "Gradient" or "HVP")
            .Select(o => o.Ours.MaxAllocatedBytesPerCall).DefaultIfEmpty(double.NaN).Max();
        Target(md, "0 B allocated per Loss / Gradient / HVP call (largest over every timed block of ours, all threads, precise count)", maxAllocation, 0, higherIsBetter: false, " B");
        md.AppendLine();

        md.AppendLine("## Targets (issue 13)");
        md.AppendLine();
        md.AppendLine("| Target | Measured | Verdict |");
        md.AppendLine("|---|---:|---|");
        if (Find("P3", "HVP") is { } p3Hvp)
            RatioTarget(md, "P3 LeNet-5 HVP (n = 2,000) ≥ 5× faster than TorchSharp", p3Hvp, 5.0, run.Threads);
        if (Find("P4", "HVP") is { } p4Hvp)
            RatioTarget(md, "P4 ResNet8 HVP (n = 500) ≥ 4× faster than TorchSharp", p4Hvp, 4.0, run.Threads);
        md.AppendLine();
        md.AppendLine("The HVP rows' GFLOP/s and % of the in-run FMA peak are in the P3 and P4 tables above.");
        md.AppendLine();

        md.AppendLine("## Targets (issue 16)");
        md.AppendLine();
        md.AppendLine("| Target | Measured | Verdict |");
        md.AppendLine("|---|---:|---|");
        if (Find("P2", "Operator") is { } p2Operator && Find("P2", "HVP") is { } p2Full)
            Target(md, "P2 operator product ≤ 1/1.3 of a full HVP (ours, same run)", p2Full.Ours.MedianSecondsPerCall / p2Operator.Ours.MedianSecondsPerCall, 1.3, higherIsBetter: true, "× faster");
        if (Find("P1", "Operator") is { } p1Operator && Find("P1", "HVP") is { } p1Full)
            Target(md, "P1 operator product ≤ 1/1.5 of a full HVP (ours, same run)", p1Full.Ours.MedianSecondsPerCall / p1Operator.Ours.MedianSecondsPerCall, 1.5, higherIsBetter: true, "× faster");
        if (Find("P2", "Lanczos") is { } p2Lanczos)
            RatioTarget(md, Invariant($"P2 top eigenvalue (our Lanczos, {Problem.LanczosHvps} products) ≥ 2× faster than {Problem.LanczosHvps} libtorch HVPs"), p2Lanczos, 2.0, run.Threads);
        if (Find("P2", "HVP") is { } p2Hvp16 && Find("P2", "Gradient") is { } p2Gradient16)
        {
            RatioTarget(md, "P2 HVP ≥ 2× faster than TorchSharp", p2Hvp16, 2.0, run.Threads);
            RatioTarget(md, "P2 loss + gradient ≥ 1.4× faster than TorchSharp", p2Gradient16, 1.4, run.Threads);
        }
        if (Find("P1", "HVP") is { } p1Hvp16)
            RatioTarget(md, "P1 HVP ≥ 5× faster than TorchSharp (stretch 10×)", p1Hvp16, 5.0, run.Threads);
        md.AppendLine();

        md.AppendLine("## Correctness (TorchSharp autograd vs ours, in the same process)");
        md.AppendLine();
        md.AppendLine("Before anything is timed, the run computes loss, gradient (autograd) and H·v (double backward) on both sides from");
        md.AppendLine(Invariant($"the same θ and v and fails unless every one agrees to {Exponent(Compare.Tolerance)} relative (‖TorchSharp − ours‖∞ / ‖ours‖∞; |Δ| / |L|"));
        md.AppendLine("for the loss: the largest over the loss, gradient and HVP calls). After timing, the top Ritz value and the sum of");
        md.AppendLine("the plane's losses that each side's first timed call returned are held to the same tolerance.");
        md.AppendLine();
        md.AppendLine("| Check | Relative error | Tolerance |");
        md.AppendLine("|---|---:|---:|");
        foreach (Check check in run.Problems.SelectMany(p => p.Checks))
            md.AppendLine(Invariant($"| {check.Name} | {check.RelativeError:E2} | {Exponent(check.Tolerance)} |"));
        md.AppendLine();

        md.AppendLine("## How the columns are computed");
        md.AppendLine();
        md.AppendLine("- Both sides are timed by the same helper (`src/Runtime/Benchmarking/BlockTimer.cs`, which `landscape bench` uses too): after a warm-up that");
        md.AppendLine("  sizes the blocks, each round times one block per side; a block's time per call is its wall time over its calls;");
        md.AppendLine("  a side's figure is the median over its blocks; Ratio = the median over rounds of TorchSharp's time per call over");
        md.AppendLine("  ours in the same round (> 1: ours is faster), with the smallest and largest round in parentheses. Spread = the");
        md.AppendLine("  slowest block's time per call over the fastest's, per side. Cores used = the process's CPU time over wall time");
        md.AppendLine(Invariant($"  during a side's blocks (median over blocks; `Environment.CpuUsage`): about {run.Threads} when a side got its {run.Threads} cores, well"));
        md.AppendLine("  below when other jobs held them — a row where either side is far below is a measurement of the machine's load more");
        md.AppendLine("  than of the code, and libtorch, which waits for both threads at every parallel region, suffers more from it.");
        foreach (ProblemComparison problem in run.Problems.DistinctBy(p => p.FlopsFormula))
            md.AppendLine(Invariant($"- FLOPs ({string.Join(", ", run.Problems.Where(p => p.FlopsFormula == problem.FlopsFormula).Select(p => p.Name))}) are analytic — {problem.FlopsFormula}."));
        md.AppendLine(Invariant($"  Lanczos = {Problem.LanczosHvps} HVPs (reorthogonalization not counted); plane slice = grid² losses. The same count is credited to both sides."));
        md.AppendLine("- % of peak = our GFLOP/s / the FMA throughput measured in the same run (the larger of the measurements before and");
        md.AppendLine("  after the problems).");
        md.AppendLine("- Allocated/call: managed bytes allocated on every thread during our timed blocks (precise");
        md.AppendLine("  `GC.GetTotalAllocatedBytes(true)` around each block; garbage from the other side is collected in the pause before");
        md.AppendLine("  the block), over the calls of the block, median over blocks. Lanczos and the plane slice allocate their results");
        md.AppendLine("  (basis, grid) by design. BenchmarkDotNet is no longer part of this table; `Landscape.Benchmarks bdn` still runs");
        md.AppendLine("  our side alone through it for diagnosis.");
        md.AppendLine();

        string profile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output)) ?? ".", "bench", "PROFILE.md");
        if (File.Exists(profile))
        {
            md.AppendLine(File.ReadAllText(profile).TrimEnd());
            md.AppendLine();
        }
        File.WriteAllText(output, md.ToString());
    }

    /// <summary>
    /// The least share of its threads TorchSharp must have had (median cores used over its blocks / threads) for a
    /// ratio to be judged. libtorch keeps all its threads busy (and spinning) through a call, so on a machine whose
    /// other jobs leave both cores free it shows ≈ all of them; below this share those jobs, not the code, set the
    /// ratio (libtorch waits for every thread at each parallel region and loses more than we do), and the verdict is
    /// "inconclusive" whatever the number. Our own cores used are not a criterion: a side that cannot use its cores
    /// is measured as it is.
    /// </summary>
    private const double MinCoreShare = 0.8;

    /// <summary>A "TorchSharp / ours ≥ bound" target, judged only when TorchSharp got its cores.</summary>
    private static void RatioTarget(StringBuilder md, string text, OperationComparison op, double bound, int threads)
    {
        double theirs = op.Torch.MedianCoresUsed;
        if (theirs >= MinCoreShare * threads)
        {
            Target(md, text, op.MedianRatio, bound, higherIsBetter: true, "×");
            return;
        }
        md.AppendLine(Invariant(
            $"| {text} | {op.MedianRatio:F2}× | **inconclusive**: TorchSharp got {theirs:F2} of its {threads} cores (ours {op.Ours.MedianCoresUsed:F2}); judged only at ≥ {MinCoreShare * threads:F1}, the machine was loaded |"));
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

    private static string Exponent(double value) => value.ToString("0.##E+0", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);

    private static string TimeRange(SideTiming timing) =>
        Invariant($"{BlockTimer.Format(timing.MedianSecondsPerCall)} ({BlockTimer.Format(timing.MinSecondsPerCall)}–{BlockTimer.Format(timing.MaxSecondsPerCall)})");

    private static string Count(double flops) => flops >= 1e9 ? Invariant($"{flops / 1e9:F2} G") : Invariant($"{flops / 1e6:F2} M");

    private static string Bytes(double bytes) => bytes >= 100 ? Invariant($"{bytes:N0} B") : Invariant($"{bytes:N1} B");

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
