using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Landscape.Experiments.Tests.Reporting;
using Landscape.Reporting;

namespace Landscape.Experiments.Tests.Studies;

/// <summary>
/// The manifest records the settings a study used: a profile-dependent setting (0 or empty meaning "the profile's
/// default") appears with the value its profile resolved it to, never as the placeholder.
/// </summary>
// The runner sets and restores the process-wide Parallelism.MaxThreads; keep these runs from overlapping other runs.
[Collection(ParallelismCollection.Name)]
public sealed class StudySettingsTests : IDisposable
{
    /// <summary>
    /// The resolved value of every profile-dependent setting, as the manifest writes it, per profile (test, quick, full):
    /// the defaults the settings' descriptions document.
    /// </summary>
    private static readonly Dictionary<string, Dictionary<string, (string Test, string Quick, string Full)>> Defaults = new()
    {
        ["subquadratic-growth"] = new()
        {
            ["networks"] = ("fc-tanh-32x2", "fc-tanh-32x2", "fc-tanh-32x2,fc-tanh-64x3"),
            ["examples"] = ("256", "512", "1000"),
            ["steps"] = ("3000", "4000", "8000"),
            ["convolutional-examples"] = ("128", "256", "512"),
            ["convolutional-steps"] = ("1000", "1200", "4000"),
            ["random-directions"] = ("3", "3", "5"),
            ["points-per-decade"] = ("5", "8", "10"),
        },
        ["edge-of-stability"] = new()
        {
            ["learning-rates"] = ("0.3,0.2", "0.2,0.15", "0.1,0.05"),
            ["steps"] = ("400", "800", "1500"),
            ["examples"] = ("500", "1000", "5000"),
            ["width"] = ("16", "32", "200"),
            ["convolutional-learning-rates"] = ("0.2,0.15", "0.2,0.15", "0.2,0.15"),
            ["convolutional-steps"] = ("600", "800", "1200"),
            ["convolutional-examples"] = ("256", "256", "512"),
            ["sharpness-every"] = ("10", "10", "20"),
            ["mechanism-points"] = ("2", "2", "4"),
        },
        ["learning-rate-decay"] = new()
        {
            ["objective-steps"] = ("1500", "1500", "3000"),
            ["network-steps"] = ("2000", "2000", "2000"),
            // The test profile runs no replicates: its resolved value is 0, the same text as the placeholder.
            ["network-replicates"] = ("0", "1", "4"),
        },
        ["skip-connections"] = new()
        {
            ["depths"] = ("2", "2", "2,4"),
            ["seeds"] = ("1", "2", "2"),
            ["examples"] = ("64", "128", "128"),
            ["steps"] = ("300", "500", "600"),
            ["surface-points"] = ("9", "17", "21"),
            // The quick profile draws no map: its resolved value is 0 (the map's own "off"), not the -1 placeholder.
            ["curvature-grid"] = ("3", "0", "5"),
        },
        ["data-magnitudes"] = new()
        {
            ["samples"] = ("2000", "4000", "4000"),
            ["seeds"] = ("1", "1", "3"),
            ["points-per-decade"] = ("6", "10", "20"),
            ["reshuffles"] = ("8", "16", "32"),
            ["student-steps"] = ("300", "1000", "4000"),
        },
    };

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, Profile> StudiesAndProfiles()
    {
        var data = new TheoryData<string, Profile>();
        foreach (string study in Defaults.Keys)
            foreach (Profile profile in new[] { Profile.Test, Profile.Quick, Profile.Full })
                data.Add(study, profile);
        return data;
    }

    private static string Expected(string study, string setting, Profile profile)
    {
        (string test, string quick, string full) = Defaults[study][setting];
        return profile switch { Profile.Test => test, Profile.Quick => quick, _ => full };
    }

    /// <summary>Asserts that every profile-dependent setting of <paramref name="study"/> is recorded with its profile's value.</summary>
    private static void AssertResolved(string study, Profile profile, IReadOnlyDictionary<string, string> settings)
    {
        ExperimentDescriptor descriptor = ExperimentCatalog.Find(study)!;
        // Every setting whose description promises a profile default is covered here (so a new one cannot be missed).
        string[] profileDependent = descriptor.Settings.Where(s => s.Description.Contains("profile default", StringComparison.Ordinal)).Select(s => s.Name).ToArray();
        Assert.Equal(Defaults[study].Keys.Order(StringComparer.Ordinal), profileDependent.Order(StringComparer.Ordinal));
        foreach (string setting in profileDependent)
        {
            string expected = Expected(study, setting, profile);
            string actual = settings[setting];
            Assert.True(expected == "0" || (actual != "0" && actual.Length > 0), $"{study} --{setting} is recorded as the placeholder '{actual}' ({profile} profile)");
            Assert.True(expected == actual, $"{study} --{setting} is recorded as '{actual}'; the {profile} profile's default is '{expected}'");
        }
    }

    [Theory]
    [MemberData(nameof(StudiesAndProfiles))]
    public void The_manifest_records_the_resolved_profile_defaults(string study, Profile profile)
    {
        // The plan step resolves and writes back the settings before any computation, so a run cancelled from the start
        // records them exactly as a finished run does, at a fraction of the cost (the complete run is checked below).
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        ExperimentDescriptor descriptor = ExperimentCatalog.Find(study)!;
        ExperimentRun run = ExperimentRunner.Run(descriptor, descriptor.Create(), new ExperimentRunOptions
        {
            OutputDirectory = Path.Combine(_temp.Path, study + "-" + profile),
            Profile = profile,
            Cancellation = cancellation.Token,
        });

        Assert.Equal(ExperimentStatus.Cancelled, run.Status);
        AssertResolved(study, profile, run.Manifest.Settings);
    }

    [Fact]
    public void A_complete_run_records_the_resolved_profile_defaults()
    {
        ExperimentDescriptor descriptor = ExperimentCatalog.Find("data-magnitudes")!;
        ExperimentRun run = ExperimentRunner.Run(descriptor, descriptor.Create(), new ExperimentRunOptions
        {
            OutputDirectory = Path.Combine(_temp.Path, "complete"),
            Profile = Profile.Test,
            Seed = 4,
        });

        Assert.Equal(ExperimentStatus.Passed, run.Status);
        AssertResolved("data-magnitudes", Profile.Test, run.Manifest.Settings);
        Assert.Equal("2000", Manifest.Read(run.ManifestPath).Settings["samples"]);
    }

    [Fact]
    public void Given_settings_are_recorded_as_given()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        ExperimentDescriptor descriptor = ExperimentCatalog.Find("edge-of-stability")!;
        IExperiment experiment = descriptor.Create([new("learning-rates", "0.25"), new("steps", "120"), new("width", "200")]);
        ExperimentRun run = ExperimentRunner.Run(descriptor, experiment, new ExperimentRunOptions
        {
            OutputDirectory = Path.Combine(_temp.Path, "given"),
            Profile = Profile.Quick,
            Cancellation = cancellation.Token,
        });

        Assert.Equal("0.25", run.Manifest.Settings["learning-rates"]);
        Assert.Equal("120", run.Manifest.Settings["steps"]);
        Assert.Equal("200", run.Manifest.Settings["width"]);
        Assert.Equal("1000", run.Manifest.Settings["examples"]); // not given: the quick profile's value
    }
}
