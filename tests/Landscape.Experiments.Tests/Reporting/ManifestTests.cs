using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Landscape.Reporting;

namespace Landscape.Experiments.Tests.Reporting;

public sealed class ManifestTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static Manifest Sample() => new()
    {
        Experiment = "edge-of-stability",
        Summary = "Sharpness rises to 2/η",
        Settings = new Dictionary<string, string> { ["steps"] = "3000", ["learning-rates"] = "0.02,0.04", ["label"] = "a \"quoted\" ü" },
        Seed = 42,
        Profile = Profile.Quick,
        Threads = 2,
        Resumed = true,
        Versions = new ManifestVersions("0.1.0+abc", ".NET 10.0.0", "Linux", "AMD EPYC", 2, true, false, false),
        Started = new DateTimeOffset(2026, 11, 27, 20, 1, 2, TimeSpan.Zero),
        WallTimeSeconds = 12.345,
        Status = ExperimentStatus.ClaimsFailed,
        Claims = [new Claim("ratio", 1.0000000000000002, "∈ [0.99, 1.01]", true), new Claim("nan", double.NaN, "> 0", false)],
        Measurements = [new Measurement("overshoot", double.PositiveInfinity, "×"), new Measurement("p", 0.1, "")],
        Files = ["growth.csv", "growth.json", "report.html"],
    };

    [Fact]
    public void Manifest_round_trips_through_its_file()
    {
        var original = Sample();
        string path = Path.Combine(_temp.Path, "manifest.json");
        original.Write(path);
        var read = Manifest.Read(path);

        Assert.Equal(original.Experiment, read.Experiment);
        Assert.Equal(original.Summary, read.Summary);
        Assert.Equal(original.Settings.ToList(), read.Settings.ToList());
        Assert.Equal(original.Seed, read.Seed);
        Assert.Equal(original.Profile, read.Profile);
        Assert.Equal(original.Threads, read.Threads);
        Assert.Equal(original.Resumed, read.Resumed);
        Assert.Equal(original.Versions, read.Versions);
        Assert.Equal(original.Started, read.Started);
        Assert.Equal(original.WallTimeSeconds, read.WallTimeSeconds);
        Assert.Equal(original.Status, read.Status);
        Assert.Null(read.Error);
        Assert.Equal(original.Claims, read.Claims);
        Assert.Equal(original.Measurements, read.Measurements);
        Assert.Equal(original.Files, read.Files);
        Assert.Equal(original.ToJson(), read.ToJson());
        Assert.Equal(original.ToJson(), File.ReadAllText(path));
    }

    [Fact]
    public void Manifest_json_uses_readable_names_and_values()
    {
        using var json = System.Text.Json.JsonDocument.Parse(Sample().ToJson());
        var root = json.RootElement;
        Assert.Equal("edge-of-stability", root.GetProperty("experiment").GetString());
        Assert.Equal("Quick", root.GetProperty("profile").GetString());
        Assert.Equal("ClaimsFailed", root.GetProperty("status").GetString());
        Assert.Equal("0.02,0.04", root.GetProperty("settings").GetProperty("learning-rates").GetString());
        Assert.Equal("NaN", root.GetProperty("claims")[1].GetProperty("measured").GetString());
        Assert.Equal(12.345, root.GetProperty("wallTimeSeconds").GetDouble());
        Assert.False(root.GetProperty("versions").GetProperty("avx512F").GetBoolean());
    }

    [Fact]
    public void Reading_a_broken_manifest_names_the_file()
    {
        string path = Path.Combine(_temp.Path, "manifest.json");
        File.WriteAllText(path, "{ \"experiment\": ");
        var e = Assert.Throws<InvalidDataException>(() => Manifest.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        File.WriteAllText(path, "{ \"seed\": 1 }");
        Assert.Throws<InvalidDataException>(() => Manifest.Read(path));
        Assert.Throws<FileNotFoundException>(() => Manifest.Read(Path.Combine(_temp.Path, "missing.json")));
    }
}
