using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Landscape.Experiments.Tests.Reporting;
using Landscape.Reporting;

namespace Landscape.Experiments.Tests.Cli;

// Runs set Parallelism.MaxThreads (process-wide) for their duration; keep them from overlapping.
[Collection(ParallelismCollection.Name)]
public sealed class CliTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private sealed record Outcome(int ExitCode, string Output, string Error);

    private static Outcome Invoke(IReadOnlyList<ExperimentDescriptor> catalog, params string[] args) => Invoke(catalog, default, args);

    private static Outcome Invoke(IReadOnlyList<ExperimentDescriptor> catalog, CancellationToken cancellation, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Landscape.Experiments.LandscapeCli.Run(args, output, error, catalog, cancellation);
        return new Outcome(code, output.ToString(), error.ToString());
    }

    private static ExperimentDescriptor[] Catalog(SampleMode mode = SampleMode.Pass) => [SampleExperiment.Descriptor(mode: mode)];

    private string[] RunArgs(params string[] args) => ["run", .. args, "--out", _temp.Path];

    [Fact]
    public void List_prints_the_header_and_one_aligned_line_per_experiment()
    {
        var result = Invoke([SampleExperiment.Descriptor("sample"), SampleExperiment.Descriptor("other")], "list");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Landscape.Experiments.LandscapeCli.ListHeader, lines[0]);
        Assert.Equal("sample                    A sample experiment for tests", lines[1]);
        Assert.Equal("other                     A sample experiment for tests", lines[2]);
    }

    [Fact]
    public void List_widens_the_name_column_for_long_names()
    {
        string name = new('x', 30);
        var lines = Invoke([SampleExperiment.Descriptor(name)], "list").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines[0].IndexOf("SUMMARY", StringComparison.Ordinal), lines[1].IndexOf("A sample", StringComparison.Ordinal));
    }

    [Fact]
    public void Describe_shows_summary_and_every_setting_with_type_default_and_description()
    {
        var result = Invoke(Catalog(), "describe", "sample");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("A sample experiment for tests", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"--points\s+int\s+12\s+Points per curve", result.Output);
        Assert.Matches(@"--rates\s+double\[\]\s+0\.5,2\s+Slopes to draw", result.Output);
        Assert.Matches(@"--mode\s+SampleMode\s+Pass\s+How the run ends \(one of: Pass, FailClaim", result.Output);
    }

    [Fact]
    public void Describe_of_an_unknown_experiment_is_a_usage_error_naming_the_closest()
    {
        var result = Invoke(Catalog(), "describe", "smaple");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown experiment 'smaple'; the experiments are sample. Did you mean 'sample'?", result.Error, StringComparison.Ordinal);
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_of_an_unknown_experiment_is_a_usage_error()
    {
        var result = Invoke(Catalog(), RunArgs("smaple"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown experiment 'smaple'", result.Error, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'sample'?", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void Unknown_verbs_and_missing_experiments_are_usage_errors()
    {
        var unknown = Invoke(Catalog(), "frob");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("Unknown command 'frob'; the commands are list, describe, run, bench.", unknown.Error, StringComparison.Ordinal);

        var missing = Invoke(Catalog(), "run");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("needs an experiment name or 'all'", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_with_an_unknown_setting_is_a_usage_error_suggesting_the_closest()
    {
        var result = Invoke(Catalog(), RunArgs("sample", "--pionts", "3"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("sample has no setting --pionts; its settings are --points, --rates, --verbose, --mode. Did you mean --points?", result.Error, StringComparison.Ordinal);
        Assert.Contains("Run 'landscape run sample --help' for usage.", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--points", "abc", "sample: --points 'abc' is not valid; expected an integer")]
    [InlineData("--rates", "0.1,x", "sample: --rates element 'x' is not valid; expected finite numbers")]
    [InlineData("--mode", "sometimes", "sample: --mode 'sometimes' is not valid; expected one of Pass, FailClaim")]
    [InlineData("--verbose", "maybe", "sample: --verbose 'maybe' is not valid; expected true or false")]
    public void Run_with_a_bad_value_is_a_usage_error_with_the_binding_message(string option, string value, string message)
    {
        var result = Invoke(Catalog(), RunArgs("sample", option, value));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_and_repeated_values_are_usage_errors()
    {
        var missing = Invoke(Catalog(), "run", "sample", "--out", _temp.Path, "--points");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--points", missing.Error, StringComparison.Ordinal);
        var repeated = Invoke(Catalog(), RunArgs("sample", "--points", "1", "--points", "2"));
        Assert.Equal(2, repeated.ExitCode);
        Assert.Contains("--points", repeated.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void Bad_run_options_are_usage_errors()
    {
        Assert.Contains("--threads 0 is not valid", Invoke(Catalog(), RunArgs("sample", "--threads", "0")).Error, StringComparison.Ordinal);
        Assert.Contains("--quick contradicts --profile full", Invoke(Catalog(), RunArgs("sample", "--quick", "--profile", "full")).Error, StringComparison.Ordinal);
        Assert.Contains("--profile 'huge' is not a profile", Invoke(Catalog(), RunArgs("sample", "--profile", "huge")).Error, StringComparison.Ordinal);
        Assert.Contains("--run 'a/b' is not a valid run name", Invoke(Catalog(), RunArgs("sample", "--run", "a/b")).Error, StringComparison.Ordinal);
        Assert.Equal(2, Invoke(Catalog(), RunArgs("sample", "--seed", "many")).ExitCode);
    }

    [Fact]
    public void Run_help_lists_the_experiments_settings_with_types_descriptions_and_defaults()
    {
        var result = Invoke(Catalog(), "run", "sample", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--points <int>", result.Output, StringComparison.Ordinal);
        Assert.Contains("Points per curve [default: 12]", result.Output, StringComparison.Ordinal);
        Assert.Contains("--rates <double[]>", result.Output, StringComparison.Ordinal);
        Assert.Contains("Slopes to draw", result.Output, StringComparison.Ordinal);
        Assert.Contains("[default: 0.5,2]", result.Output, StringComparison.Ordinal);
        Assert.Contains("--mode <SampleMode>", result.Output, StringComparison.Ordinal);
        Assert.Contains("--seed", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_documents_the_exit_codes()
    {
        var result = Invoke(Catalog(), "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("130  cancelled", result.Output, StringComparison.Ordinal);
        Assert.Contains("1    a claim failed", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_prints_the_program_and_Landscape_versions()
    {
        var result = Invoke(Catalog(), "--version");
        Assert.Equal(0, result.ExitCode);
        string landscape = Landscape.Experiments.LandscapeCli.Version;
        Assert.StartsWith("0.", landscape, StringComparison.Ordinal);
        Assert.Equal($"landscape {landscape} (Landscape {landscape})", result.Output.Trim());
    }

    [Fact]
    public void A_user_program_names_itself_in_help_and_version()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var program = new Landscape.Experiments.CommandLine.ProgramInfo("mystudy", "1.2.3");
        Assert.Equal(0, Landscape.Experiments.LandscapeCli.Run(["--version"], output, error, Catalog(), default, program));
        Assert.Equal($"mystudy 1.2.3 (Landscape {Landscape.Experiments.LandscapeCli.Version})", output.ToString().Trim());

        output.GetStringBuilder().Clear();
        Assert.Equal(2, Landscape.Experiments.LandscapeCli.Run(["run", "sample", "--stpes", "3"], output, error, Catalog(), default, program));
        Assert.Contains("Run 'mystudy run sample --help' for usage.", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, Landscape.Experiments.LandscapeCli.Run(["describe", "sample"], output, error, Catalog(), default, program));
        Assert.Contains("Run it: mystudy run sample", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_binds_settings_writes_the_run_directory_and_prints_claims_and_report()
    {
        var result = Invoke(Catalog(), RunArgs("sample", "--points", "5", "--rates", "1", "2", "--rates", "3", "--verbose", "--seed", "9", "--profile", "test", "--run", "first", "--threads", "1"));

        Assert.Equal(0, result.ExitCode);
        string directory = Path.Combine(_temp.Path, "sample", "first");
        var manifest = Manifest.Read(Path.Combine(directory, "manifest.json"));
        Assert.Equal("5", manifest.Settings["points"]);
        Assert.Equal("1,2,3", manifest.Settings["rates"]);
        Assert.Equal("true", manifest.Settings["verbose"]);
        Assert.Equal(9, manifest.Seed);
        Assert.Equal(Profile.Test, manifest.Profile);
        Assert.Equal(1, manifest.Threads);
        Assert.Contains("report: " + Path.Combine(directory, "report.html"), result.Output, StringComparison.Ordinal);
        Assert.Contains("verbose sample", result.Output, StringComparison.Ordinal);
        Assert.Contains("curves: 30%", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"sample\s+the <sample> claim & more\s+0\.25\s+< 1\s+✓", result.Output);
        Assert.Contains("2 of 2 claims hold.", result.Output, StringComparison.Ordinal);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void Run_without_a_name_uses_a_utc_timestamp_and_quick_sets_the_profile()
    {
        var result = Invoke(Catalog(), RunArgs("sample", "--quick"));

        Assert.Equal(0, result.ExitCode);
        string run = Path.GetFileName(Assert.Single(Directory.GetDirectories(Path.Combine(_temp.Path, "sample"))));
        Assert.Matches(new Regex(@"^\d{8}-\d{6}$"), run);
        Assert.Equal(Profile.Quick, Manifest.Read(Path.Combine(_temp.Path, "sample", run, "manifest.json")).Profile);
    }

    [Fact]
    public void A_failing_claim_exits_1_and_names_the_claim_on_stderr()
    {
        var result = Invoke(Catalog(SampleMode.FailClaim), RunArgs("sample", "--run", "r"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("✗ claim failed: sample: the <sample> claim & more (measured 0.25, expected < 1)", result.Error, StringComparison.Ordinal);
        Assert.Contains("1 of 2 claims hold.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_error_exits_3_and_an_unexpected_error_exits_4_both_recorded_in_the_report()
    {
        var data = Invoke(Catalog(SampleMode.DataError), RunArgs("sample", "--run", "d"));
        Assert.Equal(3, data.ExitCode);
        Assert.Contains("error: sample: sample.bin is truncated at byte 12.", data.Error, StringComparison.Ordinal);
        Assert.Equal(ExperimentStatus.Failed, Manifest.Read(Path.Combine(_temp.Path, "sample", "d", "manifest.json")).Status);

        var bug = Invoke(Catalog(SampleMode.Bug), RunArgs("sample", "--run", "b"));
        Assert.Equal(4, bug.ExitCode);
        Assert.Contains("sample failed unexpectedly: System.InvalidOperationException: sample bug", bug.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancelled_run_exits_130()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var result = Invoke(Catalog(SampleMode.WaitForCancel), cancellation.Token, RunArgs("sample", "--run", "c"));

        Assert.Equal(130, result.ExitCode);
        Assert.Equal(ExperimentStatus.Cancelled, Manifest.Read(Path.Combine(_temp.Path, "sample", "c", "manifest.json")).Status);
    }

    [Fact]
    public void Run_all_runs_every_experiment_with_defaults_and_prints_one_combined_table()
    {
        ExperimentDescriptor[] catalog = [SampleExperiment.Descriptor("first"), SampleExperiment.Descriptor("second", SampleMode.FailClaim)];
        var result = Invoke(catalog, RunArgs("all", "--run", "together", "--profile", "test"));

        Assert.Equal(1, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(_temp.Path, "first", "together", "report.html")));
        Assert.True(File.Exists(Path.Combine(_temp.Path, "second", "together", "report.html")));
        Assert.Single(Regex.Matches(result.Output, "EXPERIMENT  CLAIM"));
        Assert.Contains("3 of 4 claims hold.", result.Output, StringComparison.Ordinal);
        Assert.Contains("✗ claim failed: second: the <sample> claim & more", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("claim failed: first", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_reuses_the_most_recent_run_directory_or_the_named_one()
    {
        Assert.Equal(0, Invoke(Catalog(), RunArgs("sample", "--run", "older")).ExitCode);
        Thread.Sleep(20);
        Assert.Equal(0, Invoke(Catalog(), RunArgs("sample", "--run", "newer")).ExitCode);
        Directory.SetLastWriteTimeUtc(Path.Combine(_temp.Path, "sample", "older"), DateTime.UtcNow.AddHours(-1));

        var latest = Invoke(Catalog(), RunArgs("sample", "--resume"));
        Assert.Equal(0, latest.ExitCode);
        Assert.True(Manifest.Read(Path.Combine(_temp.Path, "sample", "newer", "manifest.json")).Resumed);
        Assert.Equal(2, Directory.GetDirectories(Path.Combine(_temp.Path, "sample")).Length);

        Assert.Equal(0, Invoke(Catalog(), RunArgs("sample", "--resume", "--run", "older")).ExitCode);
        Assert.True(Manifest.Read(Path.Combine(_temp.Path, "sample", "older", "manifest.json")).Resumed);
    }

    [Fact]
    public void Setting_names_that_clash_with_run_options_are_refused()
    {
        var clash = new ExperimentDescriptor("clash", "", "Clash", [new SettingDescriptor("seed", "Seed", SettingKind.Int32, false, "")],
            () => new SampleExperiment(), (_, _) => { }, _ => ["0"]);
        var e = Assert.Throws<InvalidOperationException>(() => Invoke([clash], "list"));
        Assert.Contains("--seed", e.Message, StringComparison.Ordinal);
    }
}
