using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Landscape.Probes;
using Xunit.Abstractions;

namespace Landscape.Tests.Packaging;

/// <summary>
/// Packs src/Runtime into a temporary folder feed, checks the package's layout and metadata, then restores, builds and
/// runs samples/QuickStart against that feed as an outside consumer would, and compares what it prints with the same
/// computation done in-process against the runtime under test.
/// </summary>
/// <remarks>
/// Isolation: the package gets a unique prerelease version, so no stale copy can be picked up; NUGET_PACKAGES points at a
/// fresh folder, with the machine's global packages folder as a read-only fallback (so the package's dependencies —
/// System.Numerics.Tensors, ScottPlot and theirs — are found without a download; sources configured for the user remain
/// as a backstop on a cold machine). Cost: one incremental build of Runtime and Generators in the test's configuration,
/// one pack, one restore and build of a two-file project, one run — about 30–60 s on two idle cores.
/// </remarks>
[Trait("Category", "Packaging")]
public sealed class PackageTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(5);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "landscape-pack-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public void Pack_ThenTheSampleRestoresBuildsAndRunsFromTheLocalFeed()
    {
        var clock = Stopwatch.StartNew();
        string root = TestData.RepositoryRoot;
        string feed = Path.Combine(_directory, "feed");
        string version = "0.1.0-test" + Guid.NewGuid().ToString("N")[..12];
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

        // 1. Pack.
        Run(root, null, "pack", Path.Combine(root, "src", "Runtime", "Landscape.Runtime.csproj"), "-c", configuration, "-o", feed,
            $"-p:PackageVersion={version}", "--disable-build-servers", "-nodeReuse:false");
        output.WriteLine($"packed in {clock.Elapsed.TotalSeconds:F1} s");
        string package = Path.Combine(feed, $"Landscape.Runtime.{version}.nupkg");
        Assert.True(File.Exists(package), $"Expected {package}; the feed holds: {string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName))}");
        CheckPackage(package, version);

        // 2. Restore, build and run the sample as an outside consumer.
        string sample = Path.Combine(_directory, "QuickStart");
        Directory.CreateDirectory(sample);
        foreach (string file in new[] { "Program.cs", "QuickStart.csproj" })
            File.Copy(Path.Combine(root, "samples", "QuickStart", file), Path.Combine(sample, file));
        File.WriteAllText(Path.Combine(sample, "nuget.config"), NuGetConfig(feed, MachinePackagesFolder()));
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_directory, "packages") };
        Run(sample, environment, "build", Path.Combine(sample, "QuickStart.csproj"), "-c", "Release", $"-p:LandscapeVersion={version}",
            "--disable-build-servers", "-nodeReuse:false");
        output.WriteLine($"sample built at {clock.Elapsed.TotalSeconds:F1} s");
        string printed = Run(sample, environment, Path.Combine(sample, "bin", "Release", "net10.0", "QuickStart.dll"));
        output.WriteLine(printed);
        output.WriteLine($"total {clock.Elapsed.TotalSeconds:F1} s");

        // 3. Compare with the same computation here.
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

    /// <summary>The package holds the runtime, the generator as a C# analyzer, the readme, and its metadata.</summary>
    private static void CheckPackage(string package, string version)
    {
        using ZipArchive zip = ZipFile.OpenRead(package);
        string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("lib/net10.0/Landscape.Runtime.dll", entries);
        Assert.Contains("lib/net10.0/Landscape.Runtime.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/Landscape.Generators.dll", entries);
        Assert.Contains("README.md", entries);

        ZipArchiveEntry nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using Stream stream = nuspecEntry.Open();
        XElement metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";
        Assert.Equal("Landscape.Runtime", Field("id"));
        Assert.Equal(version, Field("version"));
        Assert.Equal("MIT", Field("license"));
        Assert.Equal("README.md", Field("readme"));
        Assert.False(string.IsNullOrWhiteSpace(Field("description")));
        Assert.False(string.IsNullOrWhiteSpace(Field("authors")));
        Assert.Contains("hessian", Field("tags"), StringComparison.Ordinal);
        XElement repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", repository.Attribute("type")?.Value);
        // The repository's public address is not decided yet; Source Link records the exact commit the package was built from.
        Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? "");

        // Dependencies: the runtime's packages, never the generator (it ships inside).
        string[] dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToArray();
        Assert.Contains("System.Numerics.Tensors", dependencies);
        Assert.DoesNotContain(dependencies, d => d.Contains("Generators", StringComparison.Ordinal));
    }

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

    private static string NuGetConfig(string feed, string? fallback) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="landscape-test-feed" value="{feed}" />
          </packageSources>
          {(fallback is null ? "" : $"<fallbackPackageFolders><add key=\"machine\" value=\"{fallback}\" /></fallbackPackageFolders>")}
        </configuration>
        """;

    /// <summary>The machine's global packages folder (NUGET_PACKAGES or ~/.nuget/packages), if it exists.</summary>
    private static string? MachinePackagesFolder()
    {
        string? folder = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(folder))
            folder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Directory.Exists(folder) ? folder : null;
    }

    /// <summary>Runs the dotnet host with <paramref name="arguments"/>; fails with the output when it exits non-zero or times out.</summary>
    private static string Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        // The test host runs inside an MSBuild/VSTest environment; the child must build like a fresh shell.
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        if (environment is not null)
            foreach ((string key, string value) in environment) start.Environment[key] = value;

        using var process = Process.Start(start)!;
        System.Threading.Tasks.Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        System.Threading.Tasks.Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(ProcessTimeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'dotnet {string.Join(' ', arguments)}' did not finish within {ProcessTimeout.TotalMinutes} minutes.");
        }
        process.WaitForExit();
        string text = stdout.Result, errors = stderr.Result;
        Assert.True(process.ExitCode == 0, $"'dotnet {string.Join(' ', arguments)}' exited with {process.ExitCode}:\n{Tail(text)}\n{Tail(errors)}");
        return text;
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : "…" + text[^6000..];
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
