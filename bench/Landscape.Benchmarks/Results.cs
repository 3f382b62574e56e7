using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Landscape.Benchmarking;

namespace Landscape.Benchmarks;

/// <summary>One compared operation of one problem: both sides timed in the same alternating rounds.</summary>
/// <param name="Operation">Loss, Gradient, HVP, Lanczos or Plane.</param>
/// <param name="Flops">Analytic FLOPs of one call (credited to both sides).</param>
/// <param name="Ours">Our blocks.</param>
/// <param name="Torch">libtorch's blocks, interleaved with ours.</param>
/// <param name="ValueError">|libtorch − ours| / |ours| of what the first call of each side returned (loss, top eigenvalue, sum of the plane's losses).</param>
public sealed record OperationComparison(string Operation, double Flops, SideTiming Ours, SideTiming Torch, double ValueError)
{
    /// <summary>libtorch's per-call time over ours, round by round.</summary>
    public double[] Ratios => BlockTimer.Ratios(Ours, Torch);

    /// <summary>The median of <see cref="Ratios"/> (&gt; 1: ours is faster).</summary>
    public double MedianRatio => BlockTimer.Median(Ratios);
}

/// <summary>A correctness check of libtorch against ours.</summary>
/// <param name="Name">What was compared.</param>
/// <param name="RelativeError">The measured relative error.</param>
/// <param name="Tolerance">The largest error accepted.</param>
public sealed record Check(string Name, double RelativeError, double Tolerance);

/// <summary>The results of one problem.</summary>
public sealed record ProblemComparison(string Name, string Description, string TorchDescription, string FlopsFormula, int PlaneGrid,
                                       List<Check> Checks, List<OperationComparison> Operations);

/// <summary>A machine-ceiling probe (ours only), timed in blocks like the problems.</summary>
/// <param name="Name">"FMA" or "GEMM".</param>
/// <param name="Flops">FLOPs of one call.</param>
/// <param name="Timing">Its blocks.</param>
public sealed record PeakProbe(string Name, double Flops, SideTiming Timing)
{
    /// <summary>FLOPs per second at the median block.</summary>
    public double Rate => Flops / Timing.MedianSecondsPerCall;
}

/// <summary>Everything one <c>compare</c> run measured, as written to and read from JSON.</summary>
/// <param name="Quick">Whether it was the quick run.</param>
/// <param name="Threads">Threads of both sides.</param>
/// <param name="TorchThreads">What <c>torch.get_num_threads()</c> reported.</param>
/// <param name="Rounds">Alternating rounds per operation.</param>
/// <param name="PauseMilliseconds">Idle time before every block.</param>
/// <param name="BlockTargetMilliseconds">The least length of a block (one call when a call is longer).</param>
/// <param name="LoadAtStart">/proc/loadavg (1, 5, 15 min) when the comparison started.</param>
/// <param name="LoadAtEnd">/proc/loadavg when it ended.</param>
/// <param name="MeasuredUtc">When the measurements ended.</param>
/// <param name="Runtime">.NET version.</param>
/// <param name="TorchVersion">TorchSharp and libtorch versions.</param>
/// <param name="PeakAtStart">FMA and GEMM probes before the problems.</param>
/// <param name="PeakAtEnd">FMA probe after the problems.</param>
/// <param name="Problems">The problems.</param>
public sealed record ComparisonResults(bool Quick, int Threads, int TorchThreads, int Rounds, double PauseMilliseconds,
                                       double BlockTargetMilliseconds, string LoadAtStart, string LoadAtEnd, DateTime MeasuredUtc,
                                       string Runtime, string TorchVersion, List<PeakProbe> PeakAtStart, List<PeakProbe> PeakAtEnd,
                                       List<ProblemComparison> Problems)
{
    /// <summary>The file name inside the artifacts directory.</summary>
    public const string FileName = "comparison.json";

    private static readonly JsonSerializerOptions s_options = new() { WriteIndented = true };

    /// <summary>The FMA ceiling the % of peak is taken against: the larger of the start and end measurements.</summary>
    public double FmaPeak => PeakAtStart.Concat(PeakAtEnd).Where(p => p.Name == "FMA").Max(p => p.Rate);

    /// <summary>Writes the results as JSON.</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, s_options));

    /// <summary>Reads results written by <see cref="Save"/>.</summary>
    public static ComparisonResults Load(string path) =>
        JsonSerializer.Deserialize<ComparisonResults>(File.ReadAllText(path), s_options)
        ?? throw new InvalidDataException($"'{path}' holds no benchmark results.");
}
