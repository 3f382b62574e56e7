using System;
using System.IO;
using System.Linq;
using Landscape.Experiments.Studies;
using Xunit.Abstractions;

namespace Landscape.Experiments.Tests.Studies;

public sealed class LearningRateDecayTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "landscape-e3-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private (ExperimentResult Result, ExperimentContext Context) RunTestProfile(string subdirectory, bool resume = false)
    {
        var log = new StringWriter();
        var context = new ExperimentContext("learning-rate-decay", Path.Combine(_directory, subdirectory), Profile.Test, seed: 0) { Log = log, Resume = resume };
        ExperimentResult result = new LearningRateDecay().Run(context).WriteTables(context);
        output.WriteLine(log.ToString());
        return (result, context);
    }

    private static double Measured(ExperimentResult result, string prefix) =>
        result.Measurements.Single(m => m.Name.StartsWith(prefix, StringComparison.Ordinal)).Value;

    private static double Claimed(ExperimentResult result, string prefix) =>
        result.Claims.Single(c => c.Text.StartsWith(prefix, StringComparison.Ordinal)).Measured;

    [Fact]
    public void Test_profile_holds_every_claim_and_writes_curves_and_figures()
    {
        var (result, context) = RunTestProfile("run");

        Assert.True(result.Status == ExperimentStatus.Passed, "Failed: " + string.Join("; ", result.FailedClaims.Select(c => $"{c.Text} = {c.Measured} (expected {c.Expected})")));
        Assert.Equal(4 + 4 + 7, result.Claims.Count);
        foreach (string stem in new[] { "objective-1d-curves", "objective-2d-curves", "network-curves" })
        {
            Assert.Contains(stem + ".csv", result.Files);
            Assert.True(File.Exists(Path.Combine(context.OutputDirectory, stem + ".csv")));
        }
        Assert.Equal(["objective-1d-loss", "objective-2d-loss", "network-loss", "network-sharpness"], context.Figures.Select(f => f.Name));
        Assert.All(context.Figures, f => Assert.False(string.IsNullOrEmpty(f.Caption)));

        // 1-D, the numbers of PAPER.md's simulation check: plateau 1.384e-2 = f(x*) with f'(x*)/x* = 2/η_big,
        // decay at step 150, target 1e-6 reached at step 157 with the decay and only after ~929 steps without.
        Assert.Equal(0.013841, Measured(result, "1-D: predicted plateau"), 5);
        Assert.Equal(150, Measured(result, "1-D: decay step"));
        Assert.InRange(Measured(result, "1-D: steps to loss ≤ 1E-06, step decay"), 155, 160);
        Assert.InRange(Measured(result, "1-D: steps to loss ≤ 1E-06, constant η_small"), 925, 932);
        Assert.Equal(1.0, Claimed(result, "1-D: constant η_big settles"), 6);
        Assert.Equal(7, Claimed(result, "1-D: the decay drops the loss"));

        // The 2-D valley's plateau is the symmetric 2-cycle ∇f(p*) = 2p*/η, f(p*) ≈ 7.707e-3.
        Assert.Equal(0.0077069, Measured(result, "2-D: predicted plateau"), 6);
        Assert.Equal(172, Measured(result, "2-D: steps to loss ≤ 1E-06, step decay"));

        // The network: η_big comes from the measured fine curvature, and constant η_big hovers at 2/η_big.
        double fine = Measured(result, "Network: λ_fine");
        Assert.Equal(2.5 * 2 / fine, Measured(result, "Network: η_big"), 12);
        Assert.InRange(Claimed(result, "Network: constant η_big is held at the edge of stability"), 0.95, 1.05);
        Assert.True(Claimed(result, "Network: the drop belongs to the r = 10 group") > Measured(result, "Network: the r = 1 group's loss before / after"));

        // Every curve table holds the three schedules with their learning rates.
        var curves = context.Tables.Single(t => t.Name == "network-curves");
        Assert.Equal(["constant-large", "constant-small", "step-decay"], Enumerable.Range(0, curves.RowCount).Select(r => curves[r, 1].Text).Distinct());
        double etaBig = Measured(result, "Network: η_big");
        double[] eta = curves.Column("learning_rate");
        Assert.Equal(etaBig, eta[0]);
        Assert.Equal(etaBig * 0.1, eta[^1], 12);
    }

    [Fact]
    public void Same_seed_gives_identical_tables_and_resuming_from_the_checkpoints_reproduces_them()
    {
        var (first, _) = RunTestProfile("a");
        static string[] TableFiles(ExperimentResult result) => result.Files.Where(f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)).ToArray();
        string[] tables = TableFiles(first);
        Assert.NotEmpty(tables);
        var written = tables.ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(_directory, "a", f)));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_directory, "a", "checkpoints"), "network-*.ckpt"));

        var (second, _) = RunTestProfile("b");
        Assert.Equal(tables, TableFiles(second));
        foreach (string file in tables)
            Assert.Equal(written[file], File.ReadAllBytes(Path.Combine(_directory, "b", file)));

        var (resumed, _) = RunTestProfile("a", resume: true);
        Assert.Equal(tables, TableFiles(resumed));
        foreach (string file in tables)
            Assert.Equal(written[file], File.ReadAllBytes(Path.Combine(_directory, "a", file)));
    }

    [Fact]
    public void Bad_settings_are_refused_with_the_setting_named()
    {
        var context = new ExperimentContext("learning-rate-decay", Path.Combine(_directory, "bad"), Profile.Test);
        Assert.Equal("DecayFactor", Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateDecay { DecayFactor = 1.5 }.Run(context)).ParamName);
        Assert.Equal("NetworkExamples", Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateDecay { NetworkExamples = 7 }.Run(context)).ParamName);
        Assert.Equal("ObjectiveSteps", Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateDecay { ObjectiveSteps = 100 }.Run(context)).ParamName);
    }
}
