using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Xml.Linq;
using Landscape.Reporting;

namespace Landscape.Experiments.Tests.Reporting;

// Runs set Parallelism.MaxThreads (process-wide) for their duration; keep them from overlapping.
[Collection(ParallelismCollection.Name)]
public sealed class ExperimentRunnerTests : IDisposable
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private ExperimentRun Run(ExperimentDescriptor descriptor, IExperiment experiment, string run = "r1", int? threads = null, CancellationToken cancellation = default) =>
        ExperimentRunner.Run(descriptor, experiment, new ExperimentRunOptions
        {
            OutputDirectory = Path.Combine(_temp.Path, run),
            Profile = Profile.Test,
            Seed = 7,
            Threads = threads,
            Cancellation = cancellation,
        });

    [Fact]
    public void Run_writes_tables_figures_manifest_and_report()
    {
        var descriptor = SampleExperiment.Descriptor();
        var run = Run(descriptor, descriptor.Create());

        Assert.Equal(ExperimentStatus.Passed, run.Status);
        foreach (var file in new[] { "curve.csv", "curve.json", "curve.png", "curve.svg", "grid.png", "grid.svg", "manifest.json", "report.html" })
            Assert.True(File.Exists(Path.Combine(run.Directory, file)), file + " was not written");
        Assert.Equal(Path.Combine(run.Directory, "manifest.json"), run.ManifestPath);
        Assert.Equal(Path.Combine(run.Directory, "report.html"), run.ReportPath);
        byte[] png = File.ReadAllBytes(Path.Combine(run.Directory, "curve.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Empty(Directory.EnumerateFiles(run.Directory, "*.tmp", SearchOption.AllDirectories));

        var manifest = Manifest.Read(run.ManifestPath);
        Assert.Equal("sample", manifest.Experiment);
        Assert.Equal(7, manifest.Seed);
        Assert.Equal(Profile.Test, manifest.Profile);
        Assert.Equal(["points", "rates", "verbose", "mode"], manifest.Settings.Keys);
        Assert.Equal("0.5,2", manifest.Settings["rates"]);
        Assert.Equal(["points are positive", "the <sample> claim & more"], manifest.Claims.Select(c => c.Text));
        Assert.Equal(["curve.csv", "curve.json", "curve.png", "curve.svg", "grid.png", "grid.svg", "report.html"], manifest.Files);
        Assert.True(manifest.WallTimeSeconds > 0);
        Assert.False(string.IsNullOrEmpty(manifest.Versions.Cpu));
        Assert.Equal(run.WallTime.TotalSeconds, manifest.WallTimeSeconds);
    }

    [Fact]
    public void Report_parses_as_xml_and_embeds_every_figure_and_claim()
    {
        var descriptor = SampleExperiment.Descriptor();
        var run = Run(descriptor, descriptor.Create());

        var document = XDocument.Parse(File.ReadAllText(run.ReportPath));
        var images = document.Descendants(Xhtml + "img").ToList();
        Assert.Equal(2, images.Count);
        foreach (var image in images)
        {
            string source = (string)image.Attribute("src")!;
            Assert.StartsWith("data:image/svg+xml;base64,", source, StringComparison.Ordinal);
            // The embedded image is itself well-formed SVG.
            var svg = XDocument.Parse(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(source["data:image/svg+xml;base64,".Length..])));
            Assert.Equal("svg", svg.Root!.Name.LocalName);
        }
        Assert.Equal(["Power <laws> & lines", "Grid"], document.Descendants(Xhtml + "figure").Select(f => f.Element(Xhtml + "h3")!.Value));
        var claimRows = document.Descendants(Xhtml + "tr").Where(r => (string?)r.Attribute("class") == "claim").ToList();
        Assert.Equal(2, claimRows.Count);
        Assert.Contains(claimRows, r => r.Value.Contains("the <sample> claim & more", StringComparison.Ordinal) && r.Value.Contains('✓'));
        var links = document.Descendants(Xhtml + "a").Select(a => (string)a.Attribute("href")!).ToList();
        Assert.Contains("curve.csv", links);
        Assert.DoesNotContain(document.Descendants().Attributes("src"), a => a.Value.StartsWith("http", StringComparison.Ordinal));
        Assert.DoesNotContain(document.Descendants(Xhtml + "link"), _ => true);
        Assert.DoesNotContain(document.Descendants(Xhtml + "script"), _ => true);
    }

    [Fact]
    public void A_failing_claim_is_recorded_as_claims_failed()
    {
        var descriptor = SampleExperiment.Descriptor(mode: SampleMode.FailClaim);
        var run = Run(descriptor, descriptor.Create());

        Assert.Equal(ExperimentStatus.ClaimsFailed, run.Status);
        Assert.Equal(ExperimentStatus.ClaimsFailed, Manifest.Read(run.ManifestPath).Status);
        var document = XDocument.Parse(File.ReadAllText(run.ReportPath));
        Assert.Contains(document.Descendants(Xhtml + "td"), td => (string?)td.Attribute("class") == "fails" && td.Value == "✗");
    }

    [Fact]
    public void An_exception_leaves_a_complete_failure_manifest_and_report_and_is_rethrown()
    {
        var descriptor = SampleExperiment.Descriptor(mode: SampleMode.DataError);
        var e = Assert.Throws<ExperimentRunFailedException>(() => Run(descriptor, descriptor.Create()));

        Assert.IsType<InvalidDataException>(e.InnerException);
        var manifest = Manifest.Read(Path.Combine(e.Directory, "manifest.json"));
        Assert.Equal(ExperimentStatus.Failed, manifest.Status);
        Assert.Equal("InvalidDataException: sample.bin is truncated at byte 12.", manifest.Error);
        Assert.Equal(["points are positive"], manifest.Claims.Select(c => c.Text));
        Assert.Equal(["report.html"], manifest.Files);
        string report = File.ReadAllText(e.ReportPath);
        Assert.Contains("sample.bin is truncated at byte 12.", XDocument.Parse(report).Root!.Value, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(e.Directory, "curve.csv")));
        Assert.False(File.Exists(Path.Combine(e.Directory, "curve.png")));
    }

    private sealed class UndrawableFigure : IExperiment
    {
        public ExperimentResult Run(ExperimentContext context)
        {
            context.Table("t", "x").Add(1.0);
            context.Plot("bad", "Bad").Axes("x", "y", AxisScale.Log).HeatmapOf("v", [0.0, 1], [1.0], new double[,] { { 1, 2 } });
            context.ClaimWithin("one", 1, 0, 2);
            return context.Result();
        }
    }

    private sealed class OneTable : IExperiment
    {
        public ExperimentResult Run(ExperimentContext context)
        {
            context.Table("t", "x").Add(1.0);
            context.ClaimWithin("one", 1, 0, 2);
            return context.Result();
        }
    }

    [Fact]
    public void A_table_that_cannot_be_written_fails_the_run_with_a_manifest_that_names_it()
    {
        var descriptor = new ExperimentDescriptor("unwritable", "", "U", [], () => new OneTable(), (_, _) => { }, _ => []);
        string directory = Path.Combine(_temp.Path, "unwritable");
        Directory.CreateDirectory(Path.Combine(directory, "t.csv")); // a directory where the table's file must go
        var e = Assert.Throws<ExperimentRunFailedException>(() => ExperimentRunner.Run(descriptor, descriptor.Create(),
            new ExperimentRunOptions { OutputDirectory = directory, Profile = Profile.Test }));

        var manifest = Manifest.Read(Path.Combine(e.Directory, "manifest.json"));
        Assert.Equal(ExperimentStatus.Failed, manifest.Status);
        Assert.StartsWith("Table 't': ", manifest.Error, StringComparison.Ordinal);
        Assert.Equal(["report.html"], manifest.Files);
        Assert.True(e.InnerException is IOException or UnauthorizedAccessException, e.InnerException?.GetType().Name);
    }

    [Fact]
    public void A_figure_that_cannot_be_drawn_fails_the_run_with_its_name_and_keeps_the_tables()
    {
        var descriptor = new ExperimentDescriptor("undrawable", "", "U", [], () => new UndrawableFigure(), (_, _) => { }, _ => []);
        var e = Assert.Throws<ExperimentRunFailedException>(() => Run(descriptor, descriptor.Create()));

        var manifest = Manifest.Read(Path.Combine(e.Directory, "manifest.json"));
        Assert.Equal(ExperimentStatus.Failed, manifest.Status);
        Assert.StartsWith("Figure 'bad': ArgumentException: Heat map 'v'", manifest.Error, StringComparison.Ordinal);
        Assert.Equal(["t.csv", "t.json", "report.html"], manifest.Files);
        Assert.True(File.Exists(Path.Combine(e.Directory, "t.csv")));
        XDocument.Parse(File.ReadAllText(e.ReportPath));
    }

    private sealed class NullResult : IExperiment
    {
        public ExperimentResult Run(ExperimentContext context) => null!;
    }

    [Fact]
    public void An_experiment_returning_null_fails_with_a_manifest_that_says_so()
    {
        var descriptor = new ExperimentDescriptor("null-result", "", "NullResult", [], () => new NullResult(), (_, _) => { }, _ => []);
        var e = Assert.Throws<ExperimentRunFailedException>(() => Run(descriptor, descriptor.Create()));

        Assert.IsType<InvalidOperationException>(e.InnerException);
        var manifest = Manifest.Read(Path.Combine(e.Directory, "manifest.json"));
        Assert.Equal(ExperimentStatus.Failed, manifest.Status);
        Assert.Contains("Run returned null", manifest.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_manifest_records_the_settings_as_the_experiment_holds_them_when_it_returns()
    {
        // Points = 0 means "the default" to the sample, which resolves it to 7 and writes the value back, as a study's plan step does.
        var descriptor = SampleExperiment.Descriptor();
        var experiment = (SampleExperiment)descriptor.Create();
        experiment.Points = 0;
        var run = Run(descriptor, experiment);

        Assert.Equal("7", run.Manifest.Settings["points"]);
        Assert.Equal("7", Manifest.Read(run.ManifestPath).Settings["points"]);
        Assert.Contains("<code>--points</code></td><td><code>7</code>", File.ReadAllText(run.ReportPath), StringComparison.Ordinal);
    }

    [Fact]
    public void Cancellation_ends_the_run_with_a_cancelled_manifest_and_no_tables()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var descriptor = SampleExperiment.Descriptor(mode: SampleMode.WaitForCancel);
        var run = Run(descriptor, descriptor.Create(), cancellation: cancellation.Token);

        Assert.Equal(ExperimentStatus.Cancelled, run.Status);
        Assert.Equal(ExperimentStatus.Cancelled, Manifest.Read(run.ManifestPath).Status);
        Assert.False(File.Exists(Path.Combine(run.Directory, "curve.csv")));
        XDocument.Parse(File.ReadAllText(run.ReportPath));
    }

    [Fact]
    public void Threads_apply_to_the_run_and_are_restored()
    {
        int before = Parallelism.MaxThreads;
        var experiment = new SampleExperiment();
        var run = Run(SampleExperiment.Descriptor(), experiment, threads: 1);

        Assert.Equal(1, experiment.ThreadsSeen);
        Assert.Equal(1, run.Manifest.Threads);
        Assert.Equal(before, Parallelism.MaxThreads);
    }

    [Fact]
    public void Tables_are_byte_identical_across_runs_while_the_manifest_keeps_the_wall_time()
    {
        var descriptor = SampleExperiment.Descriptor();
        var first = Run(descriptor, descriptor.Create(), "a");
        var second = Run(descriptor, descriptor.Create(), "b");

        Assert.Equal(File.ReadAllBytes(Path.Combine(first.Directory, "curve.csv")), File.ReadAllBytes(Path.Combine(second.Directory, "curve.csv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(first.Directory, "curve.json")), File.ReadAllBytes(Path.Combine(second.Directory, "curve.json")));
    }
}
