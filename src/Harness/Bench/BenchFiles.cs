using System;
using System.IO;
using System.Text;
using System.Text.Json;
using Landscape.Benchmarking;
using Landscape.Reporting;

namespace Landscape.Experiments.Bench;

/// <summary>
/// The files of a <c>bench</c> run: <c>bench.csv</c> (DESIGN.md §11's columns, one row per network and operation, FLOPs per
/// call) and <c>bench.json</c> (the same rows with the timing details, the peak, the settings and the machine). Numbers in
/// the invariant culture's round-trip form; written atomically.
/// </summary>
internal static class BenchFiles
{
    /// <summary>The CSV columns (DESIGN.md §11).</summary>
    public static readonly string[] Columns = ["network", "operation", "examples", "median_ms", "flops", "gflops", "percent_of_peak"];

    /// <summary>Writes bench.csv and bench.json into <paramref name="directory"/> (created if needed); returns their paths.</summary>
    public static (string Csv, string Json) Write(string directory, BenchRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Directory.CreateDirectory(directory);
        string csv = Path.Combine(directory, "bench.csv"), json = Path.Combine(directory, "bench.json");
        AtomicFile.WriteAllText(csv, Csv(run));
        AtomicFile.WriteAllText(json, Json(run));
        return (csv, json);
    }

    /// <summary>The CSV text: a header, then one line per row.</summary>
    public static string Csv(BenchRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var table = new ResultTable("bench", Columns);
        foreach (BenchRow row in run.Rows)
            table.Add(row.Network.Name, row.Operation, row.Examples, row.MedianMilliseconds, row.Flops, row.Gflops, row.PercentOfPeak(run.Peak.Gflops));
        return table.ToCsv();
    }

    /// <summary>The JSON text.</summary>
    public static string Json(BenchRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            ManifestVersions machine = MachineFacts.Current();
            w.WriteStartObject();
            w.WriteString("landscape", machine.Landscape);
            w.WriteString("runtime", machine.Runtime);
            w.WriteString("os", machine.Os);
            w.WriteString("cpu", machine.Cpu);
            w.WriteNumber("processor_count", machine.ProcessorCount);
            w.WriteNumber("threads", run.Threads);
            w.WriteNumber("examples", run.Examples);
            w.WriteNumber("seed", run.Seed);
            w.WriteString("flops", "2 per multiply-add of the GEMMs (convolutions as their im2col GEMMs); activations, biases, pooling, residual adds and the loss head not counted; per call");

            w.WriteStartObject("timing");
            w.WriteNumber("warmup_ms", run.Settings.Warmup.TotalMilliseconds);
            w.WriteNumber("block_target_ms", run.Settings.BlockTarget.TotalMilliseconds);
            w.WriteNumber("pause_ms", run.Settings.Pause.TotalMilliseconds);
            w.WriteNumber("min_blocks", run.Settings.Rounds);
            w.WriteNumber("max_blocks", run.Settings.MaxRounds);
            w.WriteNumber("target_spread", run.Settings.TargetSpread);
            w.WriteNumber("time_cap_s", run.Settings.TimeCap.TotalSeconds);
            w.WriteEndObject();

            w.WriteStartObject("fma_peak");
            w.WriteNumber("gflops", run.Peak.Gflops);
            w.WriteNumber("threads", run.Peak.Threads);
            w.WriteNumber("flops_per_call", run.Peak.FlopsPerCall);
            w.WriteNumber("before_gflops", run.Peak.BeforeGflops);
            w.WriteNumber("after_gflops", run.Peak.AfterGflops);
            w.WriteEndObject();

            w.WriteStartArray("rows");
            foreach (BenchRow row in run.Rows)
            {
                SideTiming t = row.Timing;
                w.WriteStartObject();
                w.WriteString("network", row.Network.Name);
                w.WriteString("architecture", row.Network.Architecture);
                w.WriteNumber("parameters", row.Network.ParameterCount);
                w.WriteStartArray("input_shape");
                foreach (int extent in row.Network.InputShape) w.WriteNumberValue(extent);
                w.WriteEndArray();
                w.WriteString("operation", row.Operation);
                w.WriteNumber("examples", row.Examples);
                w.WriteNumber("median_ms", row.MedianMilliseconds);
                w.WriteNumber("min_ms", t.MinSecondsPerCall * 1e3);
                w.WriteNumber("max_ms", t.MaxSecondsPerCall * 1e3);
                w.WriteNumber("spread", t.Spread);
                w.WriteBoolean("spread_reached", row.SpreadReached);
                w.WriteNumber("blocks", t.Blocks.Count);
                w.WriteNumber("calls_per_block", t.CallsPerBlock);
                w.WriteNumber("first_call_ms", t.FirstCallSeconds * 1e3);
                w.WriteNumber("flops", row.Flops);
                w.WriteNumber("gflops", row.Gflops);
                w.WriteNumber("percent_of_peak", row.PercentOfPeak(run.Peak.Gflops));
                w.WriteNumber("allocated_bytes_per_call", row.AllocatedBytesPerCall);
                w.WriteNumber("cores_used", t.MedianCoresUsed);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
