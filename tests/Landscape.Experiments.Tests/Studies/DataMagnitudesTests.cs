using System;
using System.IO;
using System.Linq;
using Landscape.Experiments.Studies;
using Xunit.Abstractions;

namespace Landscape.Experiments.Tests.Studies;

public sealed class DataMagnitudesTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 4;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "landscape-e4-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private (ExperimentResult Result, ExperimentContext Context) RunStudy(string subdirectory)
    {
        var log = new StringWriter();
        var context = new ExperimentContext("data-magnitudes", Path.Combine(_directory, subdirectory), Profile.Test, Seed) { Log = log };
        ExperimentResult result = new DataMagnitudes().Run(context).WriteTables(context);
        output.WriteLine(log.ToString());
        return (result, context);
    }

    [Fact]
    public void TestProfile_AllClaimsHold_AndExponentsTrackBeta()
    {
        (ExperimentResult result, ExperimentContext context) = RunStudy("run");

        Assert.True(result.Claims.Count >= 12, $"expected the study's claims; got {result.Claims.Count}");
        Assert.All(result.Claims, c => Assert.True(c.Holds, $"claim failed: {c.Text}: measured {c.Measured}, expected {c.Expected}"));
        Assert.Equal(ExperimentStatus.Passed, result.Status);

        // The fitted power-law exponents, read from the table of record.
        ResultTable fits = context.Tables.Single(t => t.Name == "power_law_fits");
        double[] betas = fits.Column("beta"), exponents = fits.Column("exponent"), lows = fits.Column("window_lo"), highs = fits.Column("window_hi");
        Assert.Equal(new[] { 0.5, 1.0, 1.5 }, betas);
        for (int k = 0; k < betas.Length; k++)
        {
            Assert.InRange(exponents[k], betas[k] - 0.25, betas[k] + 0.25);
            Assert.True(highs[k] / lows[k] >= 10, $"the β = {betas[k]} window [{lows[k]}, {highs[k]}] spans less than a decade");
        }
        // The exponent grows with β (a data-set property, not a fitting artefact).
        Assert.True(exponents[0] < exponents[1] && exponents[1] < exponents[2]);

        // The linear control is exactly quadratic; the saturated teacher is reported without a verdict.
        Assert.All(context.Tables.Single(t => t.Name == "linear_control").Column("max_abs_exponent_minus_2"), d => Assert.InRange(d, 0, 0.05));
        Assert.Contains(result.Measurements, m => m.Name.StartsWith("saturated teacher β = 1.0", StringComparison.Ordinal) && double.IsFinite(m.Value));
        Assert.Contains(result.Measurements, m => m.Name.Contains("trained student", StringComparison.Ordinal) && m.Name.EndsWith("final training loss", StringComparison.Ordinal) && double.IsFinite(m.Value));

        foreach (string table in new[] { "growth", "two_groups_by_group", "steps", "two_groups_step_shares", "power_law_fits", "linear_control", "student_training" })
            Assert.True(File.Exists(Path.Combine(context.OutputDirectory, table + ".csv")), $"missing {table}.csv");
        foreach (string figure in new[] { "single-scale", "two-groups", "power-law", "local-exponent", "saturated-teacher", "student-training", "student-growth" })
            Assert.Contains(context.Figures, f => f.Name == figure && f.Series.Count > 0);
    }

    [Fact]
    public void SameSeed_GivesIdenticalTables_ForAnyThreadCount()
    {
        (_, ExperimentContext first) = RunStudy("first");
        int threads = Parallelism.MaxThreads;
        ExperimentContext second;
        try
        {
            Parallelism.MaxThreads = 1;
            (_, second) = RunStudy("second");
        }
        finally
        {
            Parallelism.MaxThreads = threads;
        }
        foreach (string table in new[] { "growth", "power_law_fits", "two_groups_step_shares" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(first.OutputDirectory, table + ".csv")), File.ReadAllBytes(Path.Combine(second.OutputDirectory, table + ".csv")));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(null)]
    public void PowerLawMagnitudes_StayInRange_AndFollowTheTail(int? seed)
    {
        double[] r = MagnitudeData.PowerLaw(20000, 1.0, 1.0, 1e4, seed);
        Assert.All(r, v => Assert.InRange(v, 1.0, 1e4));
        // For β = 1 on [1, 10⁴], P(r > 10) = (10⁻¹ − 10⁻⁴)/(1 − 10⁻⁴) ≈ 0.0999 and P(r > 1000) ≈ 0.0009.
        double above10 = r.Count(v => v > 10) / (double)r.Length, above1000 = r.Count(v => v > 1000) / (double)r.Length;
        Assert.InRange(above10, 0.09, 0.11);
        Assert.InRange(above1000, 0.0005, 0.0014);
        Assert.Throws<ArgumentOutOfRangeException>(() => MagnitudeData.PowerLaw(10, 0, 1, 10, null));
    }

    [Fact]
    public void BadSettings_AreRejectedWithTheirName()
    {
        var context = new ExperimentContext("data-magnitudes", Path.Combine(_directory, "bad"), Profile.Test, Seed);
        var error = Assert.Throws<ArgumentException>(() => new DataMagnitudes { GroupMagnitudes = [100, 1] }.Run(context));
        Assert.Contains("GroupMagnitudes", error.ParamName, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataMagnitudes { Betas = [2.5] }.Run(context));
    }
}
