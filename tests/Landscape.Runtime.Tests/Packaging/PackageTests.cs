using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Numerics.Tensors;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Landscape.Probes;
using Xunit.Abstractions;

namespace Landscape.Tests.Packaging;

/// <summary>
/// The two NuGet packages as an outside project sees them: Landscape.Runtime (numerics and the source generator, no
/// plotting or command-line dependency) consumed by samples/QuickStart, and Landscape.Harness (experiments, reports, the
/// CLI host) consumed by samples/CustomStudy, which references only the harness and still gets the generator. Packs once
/// (<see cref="PackageFeed"/>); each sample is restored, built and run as a separate process.
/// </summary>
[Trait("Category", "Packaging")]
public sealed class PackageTests(PackageFeed feed, ITestOutputHelper output) : IClassFixture<PackageFeed>
{
    /// <summary>Packages a numerics user must never receive through Landscape.Runtime.</summary>
    private static readonly string[] HarnessOnlyDependencies = ["ScottPlot", "SkiaSharp", "System.CommandLine", "Spectre.Console"];

    [Fact]
    public void The_runtime_package_holds_the_runtime_and_the_generator_and_depends_on_no_plotting_or_command_line_package()
    {
        using ZipArchive zip = ZipFile.OpenRead(feed.Package("Landscape.Runtime"));
        string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("lib/net10.0/Landscape.Runtime.dll", entries);
        Assert.Contains("lib/net10.0/Landscape.Runtime.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/Landscape.Generators.dll", entries);
        Assert.Contains("README.md", entries);

        XElement metadata = Metadata(zip);
        CheckCommonMetadata(metadata, "Landscape.Runtime");
        Assert.Contains("hessian", Field(metadata, "tags"), StringComparison.Ordinal);
        string[] dependencies = Dependencies(metadata).Select(d => d.Id).ToArray();
        Assert.Equal(["System.Numerics.Tensors"], dependencies);
        Assert.DoesNotContain(dependencies, d => d.Contains("Generators", StringComparison.Ordinal));
    }

    [Fact]
    public void The_harness_package_depends_on_the_runtime_with_its_analyzers_and_brings_the_reporting_and_command_line_packages()
    {
        using ZipArchive zip = ZipFile.OpenRead(feed.Package("Landscape.Harness"));
        string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("lib/net10.0/Landscape.Harness.dll", entries);
        Assert.Contains("lib/net10.0/Landscape.Harness.xml", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal)); // the generator ships once, in Runtime

        XElement metadata = Metadata(zip);
        CheckCommonMetadata(metadata, "Landscape.Harness");
        var dependencies = Dependencies(metadata).ToDictionary(d => d.Id, d => d);
        // Lockstep versions, and the generator must flow: the default for a project reference is exclude="Build,Analyzers".
        var runtime = dependencies["Landscape.Runtime"];
        Assert.Equal(feed.Version, runtime.Version);
        Assert.DoesNotContain("Analyzers", runtime.Exclude, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Build", runtime.Exclude, StringComparison.OrdinalIgnoreCase);
        foreach (string id in new[] { "ScottPlot", "System.CommandLine", "Spectre.Console" })
            Assert.True(dependencies.ContainsKey(id), $"Landscape.Harness should depend on {id}; it depends on {string.Join(", ", dependencies.Keys)}.");
    }

    [Fact]
    public void QuickStart_restores_builds_and_runs_from_the_runtime_package_alone()
    {
        string dll = feed.BuildSample("QuickStart");
        string printed = PackageFeed.Dotnet(Path.GetDirectoryName(dll)!, feed.Environment, dll);
        output.WriteLine(printed);

        // The sample restored Landscape.Runtime and its one dependency, nothing for plotting or command lines.
        string assets = File.ReadAllText(Path.Combine(feed.Directory, "QuickStart", "obj", "project.assets.json"));
        foreach (string id in HarnessOnlyDependencies)
            Assert.DoesNotContain($"\"{id}/", assets, StringComparison.OrdinalIgnoreCase);

        // Compare with the same computation here.
        Dictionary<string, double> values = ParseLines(printed);
        Dictionary<string, double> expected = Expected();
        Assert.Equal(expected.Keys.Order(), values.Keys.Order());
        foreach ((string key, double value) in expected)
        {
            double tolerance = 1e-12 * Math.Max(1, Math.Abs(value));
            Assert.True(Math.Abs(values[key] - value) <= tolerance, $"{key}: the sample printed {values[key]:R}; expected {value:R}.");
        }
        // The objective's numbers are known exactly: Rosenbrock's minimum.
        Assert.Equal(0, values["objective.loss"]);
        Assert.Equal(0, values["objective.gradient_norm"]);
        Assert.Equal(802 - 400 - 400 + 200, values["objective.hvp_ones_sum"], 9);
        Assert.Equal(501 + Math.Sqrt(250601), values["objective.top_eigenvalue"], 6);
    }

    [Fact]
    public void CustomStudy_lists_describes_and_runs_its_own_experiment_on_the_harness_command_line()
    {
        string dll = feed.BuildSample("CustomStudy");
        string directory = Path.GetDirectoryName(dll)!;
        string results = Path.Combine(feed.Directory, "custom-results");
        (int, string, string) Cli(params string[] args) => PackageFeed.DotnetExit(directory, feed.Environment, [dll, .. args]);

        // --version: the program's own name and version, and Landscape's (the assemblies' informational version: the
        // feed's packages carry a test prerelease package version over the same assembly version).
        var (code, text, error) = Cli("--version");
        Assert.True(code == 0, error);
        string assemblyVersion = feed.Version[..feed.Version.IndexOf('-', StringComparison.Ordinal)];
        Assert.Matches($"^CustomStudy 1\\.0\\.0\\S* \\(Landscape {Regex.Escape(assemblyVersion)}\\S*\\)$", text.Trim());

        (code, text, error) = Cli("list");
        Assert.True(code == 0, error);
        Assert.Equal(["NAME                      SUMMARY", "step-size-sharpness       Under full-batch GD the sharpness ends at or below 2/η for every step size η"],
            text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));

        (code, text, error) = Cli("describe", "step-size-sharpness");
        Assert.True(code == 0, error);
        Assert.Contains("--learning-rates   double[]  0.25,0.5,1  Step sizes η of the GD runs", text, StringComparison.Ordinal);
        Assert.Contains("Run it: CustomStudy run step-size-sharpness", text, StringComparison.Ordinal);

        // A mistyped setting: the usual usage error with a suggestion and exit code 2.
        (code, _, error) = Cli("run", "step-size-sharpness", "--learning-rate", "0.5");
        Assert.Equal(2, code);
        Assert.Contains("Did you mean --learning-rates?", error, StringComparison.Ordinal);

        // A run with settings from the command line: every output, the settings used, the claims and their verdicts.
        (code, text, error) = Cli("run", "step-size-sharpness", "--profile", "test", "--learning-rates", "0.5", "1", "--steps", "120",
            "--out", results, "--run", "given");
        output.WriteLine(text);
        Assert.True(code == 0, $"exit {code}\n{text}\n{error}");
        Assert.Contains("2 of 2 claims hold.", text, StringComparison.Ordinal);
        string run = Path.Combine(results, "step-size-sharpness", "given");
        foreach (string file in new[] { "trajectories.csv", "trajectories.json", "summary.csv", "summary.json", "sharpness.png", "sharpness.svg", "manifest.json", "report.html" })
            Assert.True(File.Exists(Path.Combine(run, file)), $"{file} is missing from {run}");
        using (JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "manifest.json"))))
        {
            JsonElement root = manifest.RootElement;
            Assert.Equal("Passed", root.GetProperty("status").GetString());
            Assert.Equal("Test", root.GetProperty("profile").GetString());
            JsonElement settings = root.GetProperty("settings");
            Assert.Equal("0.5,1", settings.GetProperty("learning-rates").GetString());
            Assert.Equal("120", settings.GetProperty("steps").GetString());
            Assert.Equal("10", settings.GetProperty("sharpness-every").GetString());
            var claims = root.GetProperty("claims").EnumerateArray().ToArray();
            Assert.Equal(2, claims.Length);
            Assert.All(claims, c => Assert.True(c.GetProperty("holds").GetBoolean()));
            Assert.StartsWith("η = 0.5: late sharpness", claims[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        }
        string report = File.ReadAllText(Path.Combine(run, "report.html"));
        Assert.Contains("2 of 2 claims hold.", report, StringComparison.Ordinal);
        Assert.Contains("<code>--steps</code></td><td><code>120</code>", report, StringComparison.Ordinal);
        Assert.Contains("id=\"table-summary\"", report, StringComparison.Ordinal);
        Assert.Contains("image/svg+xml;base64,", report, StringComparison.Ordinal);

        // The profile's default is recorded as the value used, not as the placeholder 0.
        (code, text, error) = Cli("run", "step-size-sharpness", "--profile", "test", "--learning-rates", "0.5", "--out", results, "--run", "default");
        Assert.True(code == 0, $"exit {code}\n{text}\n{error}");
        using (JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "step-size-sharpness", "default", "manifest.json"))))
            Assert.Equal("200", manifest.RootElement.GetProperty("settings").GetProperty("steps").GetString());
    }

    [Fact]
    public void NetworkBench_benches_its_own_networks_with_exact_flops_against_the_peak()
    {
        string dll = feed.BuildSample("NetworkBench");
        string directory = Path.GetDirectoryName(dll)!;
        string results = Path.Combine(feed.Directory, "bench-results");
        (int, string, string) Cli(params string[] args) => PackageFeed.DotnetExit(directory, feed.Environment, [dll, .. args]);

        // `list` of a program with networks and no experiments: the networks alone.
        var (code, text, error) = Cli("list");
        Assert.True(code == 0, error);
        Assert.Equal(["NETWORK                   PARAMETERS  ARCHITECTURE", "Regression30                   1,754  30-50-4 tanh/identity, MSE"],
            text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).Take(2));

        // A mistyped name: the usual usage error with a suggestion and exit code 2.
        (code, _, error) = Cli("bench", "Regresion30");
        Assert.Equal(2, code);
        Assert.Contains("Did you mean 'Regression30'?", error, StringComparison.Ordinal);

        (code, text, error) = Cli("bench", "Regression30", "TinyConv", "--examples", "1000", "--out", results, "--run", "given");
        output.WriteLine(text);
        Assert.True(code == 0, $"exit {code}\n{text}\n{error}");
        Assert.Contains("Regression30: 30-50-4 tanh/identity, MSE; 1,754 parameters, input 30, 1,000 examples per call", text, StringComparison.Ordinal);
        string[] lines = File.ReadAllLines(Path.Combine(results, "bench", "given", "bench.csv"));
        Assert.Equal("network,operation,examples,median_ms,flops,gflops,percent_of_peak", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0] + " " + c[1]);
        Assert.Equal(8, rows.Count);
        // Exact counts: dense0 50×30 = 1,500 multiply-adds reading the input (I), dense1 4×50 = 200 (S); loss 2(I + S),
        // gradient 2(2I + 3S), HVP 2(3I + 8S), an operator's product 2(2I + 6S), per example, × 1,000 examples.
        Assert.Equal("3400000", rows["Regression30 loss"][4]);
        Assert.Equal("7200000", rows["Regression30 gradient"][4]);
        Assert.Equal("12200000", rows["Regression30 hvp"][4]);
        Assert.Equal("8400000", rows["Regression30 operator"][4]);
        foreach (string[] row in rows.Values)
        {
            Assert.Equal("1000", row[2]);
            double medianMs = double.Parse(row[3], CultureInfo.InvariantCulture), flops = double.Parse(row[4], CultureInfo.InvariantCulture);
            double gflops = double.Parse(row[5], CultureInfo.InvariantCulture), percent = double.Parse(row[6], CultureInfo.InvariantCulture);
            Assert.Equal(flops / (medianMs * 1e6), gflops, 1e-9 * gflops);
            Assert.True(percent > 0 && percent <= 100, $"{row[0]} {row[1]}: {percent}% of the FMA peak measured in the same run");
        }
        Assert.True(File.Exists(Path.Combine(results, "bench", "given", "bench.json")));
    }

    private static XElement Metadata(ZipArchive zip)
    {
        ZipArchiveEntry nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using Stream stream = nuspecEntry.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string Field(XElement metadata, string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";

    private void CheckCommonMetadata(XElement metadata, string id)
    {
        Assert.Equal(id, Field(metadata, "id"));
        Assert.Equal(feed.Version, Field(metadata, "version"));
        Assert.Equal("MIT", Field(metadata, "license"));
        Assert.Equal("README.md", Field(metadata, "readme"));
        Assert.False(string.IsNullOrWhiteSpace(Field(metadata, "description")));
        Assert.False(string.IsNullOrWhiteSpace(Field(metadata, "authors")));
        XElement repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", repository.Attribute("type")?.Value);
        // The repository's public address is not decided yet; Source Link records the exact commit the package was built from.
        Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? "");
    }

    private static IEnumerable<(string Id, string Version, string Exclude)> Dependencies(XElement metadata) =>
        metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => (e.Attribute("id")!.Value, e.Attribute("version")?.Value ?? "", e.Attribute("exclude")?.Value ?? ""));

    /// <summary>What the sample must print, computed against the runtime under test with the same declarations.</summary>
    private static Dictionary<string, double> Expected()
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        var network = new QuickStartNetwork();
        var theta = new double[network.ParameterCount];
        network.Initialize(theta, seed: 1);
        Add(result, "network", network, theta, QuickStartNetworkData());
        Add(result, "objective", new QuickStartRosenbrock(1, 100), [1.0, 1.0], Dataset.Empty);
        return result;
    }

    private static void Add(Dictionary<string, double> result, string name, IModel model, double[] theta, Dataset data)
    {
        var gradient = new double[model.ParameterCount];
        var product = new double[model.ParameterCount];
        var ones = Enumerable.Repeat(1.0, model.ParameterCount).ToArray();
        result[name + ".parameters"] = model.ParameterCount;
        result[name + ".loss"] = model.Gradient(theta, data, gradient);
        model.HessianVectorProduct(theta, data, ones, product);
        result[name + ".gradient_norm"] = TensorPrimitives.Norm<double>(gradient);
        result[name + ".hvp_ones_sum"] = TensorPrimitives.Sum<double>(product);
        result[name + ".top_eigenvalue"] = Hessian.TopEigenpairs(model, theta, data, k: 1).Values[0];
    }

    private static Dataset QuickStartNetworkData()
    {
        const int count = 16;
        var inputs = new double[count * 2];
        var targets = new double[count];
        for (int i = 0; i < count; i++)
        {
            inputs[2 * i] = i / 8.0 - 1;
            inputs[2 * i + 1] = Math.Cos(i);
            targets[i] = Math.Sin(3 * inputs[2 * i]) * inputs[2 * i + 1];
        }
        return new Dataset(inputs, targets, count);
    }

    private static Dictionary<string, double> ParseLines(string text)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Match m = Regex.Match(line, "^([a-z_.]+)=(.+)$");
            Assert.True(m.Success, $"Unexpected line from the sample: '{line}'.");
            values[m.Groups[1].Value] = double.Parse(m.Groups[2].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        return values;
    }
}

/// <summary>The network samples/QuickStart declares (a 2-8-1 tanh regression network), for the in-process comparison.</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(2)]
[Dense(8, Activation.Tanh)]
[Dense(1)]
public sealed partial class QuickStartNetwork;

/// <summary>The objective samples/QuickStart declares: Rosenbrock's banana.</summary>
public sealed partial record QuickStartRosenbrock(double A, double B)
{
    /// <summary>f(x, y).</summary>
    [Objective] public double Value(double x, double y) => (A - x) * (A - x) + B * (y - x * x) * (y - x * x);
}
