using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Landscape.Benchmarking;
using Landscape.Experiments.Tests.Reporting;

namespace Landscape.Experiments.Tests.Bench;

/// <summary>
/// <c>bench</c> on the command line host, in process, over the <c>landscape</c> tool's network catalog: its errors (exit
/// code 2 with the usual "did you mean"), its table and its files. Timing is shortened (two blocks of a few ms); no test
/// asserts a speed, only structure and the arithmetic between the columns.
/// </summary>
[Collection(ParallelismCollection.Name)]
public sealed class BenchCliTests : IDisposable
{
    /// <summary>Two short blocks per operation: enough to exercise every path in well under a second.</summary>
    private static readonly BlockTimer.Settings s_quick = new(Rounds: 2, Pause: TimeSpan.Zero, BlockTarget: TimeSpan.FromMilliseconds(2), Warmup: TimeSpan.FromMilliseconds(5))
    {
        TargetSpread = 0.5,
        TimeCap = TimeSpan.FromSeconds(1),
        MaxRounds = 4,
    };

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private sealed record Outcome(int ExitCode, string Output, string Error);

    private static Outcome Invoke(IReadOnlyList<NetworkDescriptor> networks, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Landscape.Experiments.LandscapeCli.Run(args, output, error, [], networks, s_quick);
        return new Outcome(code, output.ToString(), error.ToString());
    }

    private static Outcome Invoke(params string[] args) => Invoke(Landscape.NetworkCatalog.All, args);

    [Fact]
    public void Bench_writes_csv_and_json_whose_flops_gflops_and_percent_of_peak_agree()
    {
        var result = Invoke("bench", "P1Network", "P4ResNet8", "--examples", "8", "--threads", "1", "--out", _temp.Path, "--run", "given");
        Assert.True(result.ExitCode == 0, result.Error);
        string directory = Path.Combine(_temp.Path, "bench", "given");

        string[] lines = File.ReadAllLines(Path.Combine(directory, "bench.csv"));
        Assert.Equal("network,operation,examples,median_ms,flops,gflops,percent_of_peak", lines[0]);
        Assert.Equal(9, lines.Length);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "bench.json")));
        double peak = json.RootElement.GetProperty("fma_peak").GetProperty("gflops").GetDouble();
        Assert.True(peak > 0);
        Assert.Equal(1, json.RootElement.GetProperty("threads").GetInt32());
        JsonElement[] rows = json.RootElement.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(8, rows.Length);

        string[] expected = ["P1Network,loss", "P1Network,gradient", "P1Network,hvp", "P1Network,operator",
                             "P4ResNet8,loss", "P4ResNet8,gradient", "P4ResNet8,hvp", "P4ResNet8,operator"];
        for (int i = 1; i < lines.Length; i++)
        {
            string[] cells = lines[i].Split(',');
            Assert.Equal(expected[i - 1], cells[0] + "," + cells[1]);
            NetworkDescriptor network = Landscape.NetworkCatalog.Find(cells[0])!;
            long perExample = cells[1] switch
            {
                "loss" => network.LossFlopsPerExample,
                "gradient" => network.GradientFlopsPerExample,
                "hvp" => network.HvpFlopsPerExample,
                _ => network.HvpFlopsPerExample - network.GradientFlopsPerExample + network.LossFlopsPerExample,
            };
            Assert.Equal("8", cells[2]);
            long flops = long.Parse(cells[4], CultureInfo.InvariantCulture);
            Assert.Equal(8 * perExample, flops);
            double medianMs = double.Parse(cells[3], CultureInfo.InvariantCulture);
            double gflops = double.Parse(cells[5], CultureInfo.InvariantCulture);
            double percent = double.Parse(cells[6], CultureInfo.InvariantCulture);
            Assert.True(medianMs > 0);
            Assert.Equal(flops / (medianMs * 1e6), gflops, 1e-9 * gflops);
            Assert.Equal(100 * gflops / peak, percent, 1e-9 * percent);
            Assert.True(percent > 0);

            JsonElement row = rows[i - 1];
            Assert.Equal(cells[0], row.GetProperty("network").GetString());
            Assert.Equal(medianMs, row.GetProperty("median_ms").GetDouble());
            Assert.Equal(flops, row.GetProperty("flops").GetInt64());
            Assert.True(row.GetProperty("blocks").GetInt32() >= 2);
            Assert.True(row.GetProperty("allocated_bytes_per_call").GetDouble() >= 0);
        }
        Assert.Equal([1, 28, 28], rows[4].GetProperty("input_shape").EnumerateArray().Select(e => e.GetInt32()));

        // The terminal: a title and a table per network, the peak, and where the files went.
        Assert.Contains("P1Network: 20-100-1 tanh/identity, MSE; 2,201 parameters, input 20, 8 examples per call", result.Output, StringComparison.Ordinal);
        Assert.Contains("input 1×28×28", result.Output, StringComparison.Ordinal);
        Assert.Equal(2, result.Output.Split('\n').Count(l => l.StartsWith("OPERATION", StringComparison.Ordinal) && l.Contains("% OF PEAK", StringComparison.Ordinal)));
        Assert.Contains("FMA peak: ", result.Output, StringComparison.Ordinal);
        Assert.Contains("on 1 thread ", result.Output, StringComparison.Ordinal);
        Assert.Contains("wrote " + Path.Combine(directory, "bench.csv"), result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Operations_select_and_order_the_rows()
    {
        var result = Invoke("bench", "P1Network", "--examples", "4", "--operations", "hvp,loss", "--out", _temp.Path, "--run", "two");
        Assert.True(result.ExitCode == 0, result.Error);
        string[] lines = File.ReadAllLines(Path.Combine(_temp.Path, "bench", "two", "bench.csv"));
        Assert.Equal(["loss", "hvp"], lines.Skip(1).Select(l => l.Split(',')[1]));
    }

    [Fact]
    public void An_unknown_network_is_a_usage_error_naming_the_closest()
    {
        var result = Invoke("bench", "P2Netwrk", "--out", _temp.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown network 'P2Netwrk'; the networks are ", result.Error, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'P2Network'?", result.Error, StringComparison.Ordinal);
        Assert.Contains("landscape bench --help", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_temp.Path, "bench")));
    }

    [Fact]
    public void A_mistyped_option_is_a_usage_error_naming_the_closest()
    {
        var result = Invoke("bench", "P1Network", "--exampels", "5", "--out", _temp.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bench has no option --exampels; its options are --examples, --threads, --operations, --seed, --out, --run. Did you mean --examples?", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_operation_is_a_usage_error_naming_the_closest()
    {
        var result = Invoke("bench", "P1Network", "--operations", "gradients", "--out", _temp.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown operation 'gradients'; the operations are loss, gradient, hvp, operator. Did you mean 'gradient'?", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_operator_operation_times_products_at_a_kept_fixed_point_with_their_own_flops()
    {
        var result = Invoke("bench", "P1Network", "--examples", "16", "--operations", "operator,hvp", "--out", _temp.Path, "--run", "op");
        Assert.True(result.ExitCode == 0, result.Error);
        string[] lines = File.ReadAllLines(Path.Combine(_temp.Path, "bench", "op", "bench.csv"));
        Assert.Equal(["hvp", "operator"], lines.Skip(1).Select(l => l.Split(',')[1]));
        // P1 20-100-1: I = 2,000 multiply-adds reading the input, S = 100; the product does R-forward (I + 2S), R-backward
        // (2S) and the H·v weight terms (I + 2S): 2(2I + 6S) = 9,200 FLOPs per example, against the HVP's 2(3I + 8S) = 13,600.
        Assert.Equal((16 * 13_600).ToString(CultureInfo.InvariantCulture), lines[1].Split(',')[4]);
        Assert.Equal((16 * 9_200).ToString(CultureInfo.InvariantCulture), lines[2].Split(',')[4]);
        Assert.Contains("Hessian.Operator", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--examples", "0", "--examples 0 is not valid")]
    [InlineData("--threads", "0", "--threads 0 is not valid")]
    [InlineData("--run", "a/b", "--run 'a/b' is not a valid run name")]
    public void Bad_values_are_usage_errors(string option, string value, string message)
    {
        var result = Invoke("bench", "P1Network", option, value, "--out", _temp.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_program_without_networks_says_how_to_pass_them()
    {
        var result = Invoke([], "bench");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("has no networks to time", result.Error, StringComparison.Ordinal);
        Assert.Contains("NetworkCatalog.All", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void List_prints_the_networks_after_the_experiments()
    {
        var output = new StringWriter();
        int code = Landscape.Experiments.LandscapeCli.Run(["list"], output, new StringWriter(), ExperimentCatalog.All, Landscape.NetworkCatalog.All, s_quick);
        Assert.Equal(0, code);
        string[] lines = output.ToString().Split('\n');
        int header = Array.FindIndex(lines, l => l.StartsWith("NETWORK ", StringComparison.Ordinal));
        Assert.True(header > ExperimentCatalog.All.Count, output.ToString());
        Assert.Equal(Landscape.Experiments.LandscapeCli.ListHeader, lines[0]);
        Assert.Equal("", lines[header - 1]);
        Assert.Equal("NETWORK                   PARAMETERS  ARCHITECTURE", lines[header]);
        Assert.Contains("P1Network                      2,201  20-100-1 tanh/identity, MSE", lines);
        Assert.Equal(Landscape.NetworkCatalog.All.Count, lines.Skip(header + 1).Count(l => l.Length > 0));
    }

    [Fact]
    public void List_of_a_program_with_networks_only_prints_only_the_networks()
    {
        var lines = Landscape.Experiments.LandscapeCli.ListLines([], Landscape.NetworkCatalog.All).ToList();
        Assert.StartsWith("NETWORK", lines[0], StringComparison.Ordinal);
        Assert.Equal(Landscape.NetworkCatalog.All.Count + 1, lines.Count);
    }

    [Fact]
    public void Synthetic_data_is_seeded_and_shaped_like_the_network()
    {
        NetworkDescriptor lenet = Landscape.NetworkCatalog.Find("P3LeNet5")!;
        Dataset data = lenet.SyntheticData(5, seed: 3);
        Assert.Equal(784, data.InputSize);
        Assert.Equal(10, data.TargetSize);
        for (int i = 0; i < 5; i++)
        {
            double[] row = data.Targets.Slice(i * 10, 10).ToArray();
            Assert.Equal(1.0, row.Sum());
            Assert.Equal(9, row.Count(v => v == 0));
        }
        Assert.Equal(data.Inputs.ToArray(), lenet.SyntheticData(5, seed: 3).Inputs.ToArray());
        Assert.NotEqual(data.Inputs.ToArray(), lenet.SyntheticData(5, seed: 4).Inputs.ToArray());
        Assert.Equal(1, Landscape.NetworkCatalog.Find("P1Network")!.SyntheticData(5, seed: 3).TargetSize);
    }
}
