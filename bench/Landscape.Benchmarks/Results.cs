using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Landscape.Benchmarks;

/// <summary>One timed operation: median wall time per call over <see cref="Samples"/> measurements.</summary>
/// <param name="Problem">"P1", "P2" or "Peak".</param>
/// <param name="Operation">Loss, Gradient, HVP, Lanczos, Plane (problems) or Fma, Gemm (peak).</param>
/// <param name="MedianNanoseconds">Median time of one call.</param>
/// <param name="Samples">Measurements behind the median.</param>
/// <param name="AllocatedBytes">Managed bytes allocated per call as BenchmarkDotNet's MemoryDiagnoser reports them (ours only; −1 when not measured).</param>
/// <param name="SteadyAllocatedBytes">
/// Managed bytes allocated per call in steady state, all threads, from <see cref="System.GC.GetTotalAllocatedBytes(bool)"/>
/// (precise) around a run of back-to-back calls after warm-up (ours, loss / gradient / HVP only; −1 when not measured).
/// </param>
public sealed record OperationResult(string Problem, string Operation, double MedianNanoseconds, int Samples, long AllocatedBytes,
                                     double SteadyAllocatedBytes = -1);

/// <summary>The results of one side of a run (ours or the peer), as written to and read from JSON.</summary>
/// <param name="Side">"ours" or "torchsharp".</param>
/// <param name="Threads">Threads the side used.</param>
/// <param name="LoadAverage">/proc/loadavg (1, 5, 15 min) when the side started.</param>
/// <param name="Version">Runtime or library version string.</param>
/// <param name="Operations">The timed operations.</param>
/// <param name="Checks">Correctness checks (peer only): name → measured relative error.</param>
public sealed record SideResults(string Side, int Threads, string LoadAverage, string Version, List<OperationResult> Operations,
                                 Dictionary<string, double>? Checks = null)
{
    private static readonly JsonSerializerOptions s_options = new() { WriteIndented = true };

    /// <summary>Writes the results as JSON.</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, s_options));

    /// <summary>Reads results written by <see cref="Save"/> (or the peer's identically shaped JSON).</summary>
    public static SideResults Load(string path) =>
        JsonSerializer.Deserialize<SideResults>(File.ReadAllText(path), s_options)
        ?? throw new InvalidDataException($"'{path}' holds no benchmark results.");
}
