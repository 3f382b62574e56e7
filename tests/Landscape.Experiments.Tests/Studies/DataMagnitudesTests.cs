using System;
using System.IO;
using System.Linq;
using Landscape.Experiments.Studies;
using Landscape.Probes;
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

        Assert.True(result.Claims.Count >= 13, $"expected the study's claims; got {result.Claims.Count}");
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

        foreach (string table in new[] { "growth", "two_groups_by_group", "steps", "two_groups_step_shares", "power_law_fits", "linear_control", "student_training",
                                         "finite_range_predictions", "finite_range_model", "reshuffled_exponents", "one_example_profile" })
            Assert.True(File.Exists(Path.Combine(context.OutputDirectory, table + ".csv")), $"missing {table}.csv");
        foreach (string figure in new[] { "single-scale", "two-groups", "power-law", "local-exponent", "saturated-teacher", "finite-range-model", "student-training", "student-growth" })
            Assert.Contains(context.Figures, f => f.Name == figure && f.Series.Count > 0);
    }

    [Fact]
    public void TestProfile_ReportsTheFiniteRangePrediction_ClaimingItWhereItHeld()
    {
        (ExperimentResult result, ExperimentContext context) = RunStudy("prediction");

        // One row per β with the fitted exponent, the prediction over the same window and their difference.
        ResultTable table = context.Tables.Single(t => t.Name == "finite_range_predictions");
        double[] betas = table.Column("beta"), fitted = table.Column("exponent"), predicted = table.Column("predicted_exponent");
        double[] difference = table.Column("difference"), caricature = table.Column("caricature_exponent"), spread = table.Column("reshuffled_sd");
        Assert.Equal(new[] { 0.5, 1.0, 1.5 }, betas);
        Assert.Equal(fitted, context.Tables.Single(t => t.Name == "power_law_fits").Column("exponent"));
        for (int k = 0; k < betas.Length; k++)
        {
            Assert.Equal(fitted[k] - predicted[k], difference[k], 12);
            // The finite range pulls the prediction off β by less than 0.1 (0.04, −0.02, −0.07 at this seed).
            Assert.InRange(predicted[k], betas[k] - 0.1, betas[k] + 0.1);
            Assert.True(double.IsFinite(caricature[k]) && spread[k] > 0, $"β = {betas[k]}: caricature {caricature[k]}, pairing spread {spread[k]}");
        }
        // The pairing spread grows with β: fewer examples own each decade of the window's low end.
        Assert.True(spread[0] < spread[2], $"pairing spread {spread[0]} (β = 0.5) is not below {spread[2]} (β = 1.5)");

        // The ±0.05 hypothesis is a claim for β = 0.5 (it held on every seed run) and a measurement for β = 1 and 1.5.
        Claim claim = Assert.Single(result.Claims, c => c.Text.Contains("finite-range prediction", StringComparison.Ordinal));
        Assert.StartsWith("power law β = 0.5,", claim.Text, StringComparison.Ordinal);
        Assert.True(claim.Holds, $"{claim.Text}: measured {claim.Measured}, expected {claim.Expected}");
        foreach (string beta in new[] { "1.0", "1.5" })
            Assert.Contains(result.Measurements, m => m.Name.StartsWith($"power law β = {beta},", StringComparison.Ordinal)
                                                      && m.Name.Contains("ΔL exponent − finite-range prediction", StringComparison.Ordinal) && double.IsFinite(m.Value));

        // The one-example profile rises as κs² and saturates at C: its table ends at the plateau.
        ResultTable unit = context.Tables.Single(t => t.Name == "one_example_profile");
        double[] loss = unit.Column("loss");
        Assert.Equal(table.Column("plateau")[0], loss[^1]);
        Assert.True(loss[0] < 1e-6 * loss[^1], "the one-example profile does not start in its quadratic core");
    }

    /// <summary>The issue's numbers: min(r²t², 20) with r the 4000 midpoint quantiles of ρ ∝ r^(−1−β) on [1, 10⁴], fitted over [0.02, 2] on a 10-per-decade grid.</summary>
    [Theory]
    [InlineData(0.5, 0.51)]
    [InlineData(1.0, 0.96)]
    [InlineData(1.5, 1.37)]
    public void CaricaturePrediction_ReproducesTheIssuesExponents(double beta, double expected)
    {
        double[] magnitudes = MagnitudeData.PowerLaw(4000, beta, 1.0, 1e4, seed: null);
        double[] ts = Enumerable.Range(0, 101).Select(k => Math.Pow(10, -6 + k / 10.0)).ToArray();
        double[] deltas = FiniteRangeModel.Mean(FiniteRangeModel.Caricature(1.0, 20.0), magnitudes, ts);
        ExponentFit fit = Growth.FitExponent(ts, deltas, 0.02, 2.0);
        // The issue quotes two decimals: measured 0.5078, 0.9568, 1.3712 (20 per decade gives 0.509, 0.959, 1.376).
        Assert.InRange(fit.Exponent, expected - 0.005, expected + 0.005);
        Assert.Equal(20, fit.Points);
    }

    /// <summary>
    /// The model's mean over the sample against the closed form of E min(r²t², c) for the truncated power law: with
    /// a = √c/t inside [1, R], E = Z·[t²(a^(2−β) − 1)/(2−β) + c(a^(−β) − R^(−β))/β], Z = β/(1 − R^(−β)).
    /// </summary>
    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    public void CaricatureMean_MatchesTheClosedFormOfTheDensity(double beta)
    {
        const double c = 20, range = 1e4;
        double[] magnitudes = MagnitudeData.PowerLaw(20000, beta, 1.0, range, seed: null);
        double[] ts = [0.02, 0.2, 2, 10];
        double[] means = FiniteRangeModel.Mean(FiniteRangeModel.Caricature(1.0, c), magnitudes, ts);
        double z = beta / (1 - Math.Pow(range, -beta));
        for (int k = 0; k < ts.Length; k++)
        {
            double t = ts[k], a = Math.Sqrt(c) / t;
            double exact = a <= 1 ? c : z * (t * t * (Math.Pow(a, 2 - beta) - 1) / (2 - beta) + c * (Math.Pow(a, -beta) - Math.Pow(range, -beta)) / beta);
            // 20,000 midpoint quantiles resolve the integral to 4·10⁻⁴ relative at t ≥ 0.02 (the saturated tail is
            // flat there); the tolerance leaves a margin of 2.5.
            Assert.True(Math.Abs(means[k] / exact - 1) <= 1e-3, $"β = {beta}, t = {t}: mean {means[k]}, closed form {exact}");
        }
    }

    [Fact]
    public void OneExampleProfile_InterpolatesInLogLog_AndExtendsQuadraticallyAndFlat()
    {
        // ℓ(s) = 2 tanh²(s/3): κ = 2/9, C = 2, knee √(C/κ) = 3.
        static double Loss(double s) => 2 * Math.Tanh(s / 3) * Math.Tanh(s / 3);
        double[] s = Enumerable.Range(0, 6 * DataMagnitudes.ProfilePointsPerDecade + 1).Select(k => Math.Pow(10, -3 + k / (double)DataMagnitudes.ProfilePointsPerDecade)).ToArray();
        var profile = new OneExampleProfile(s, s.Select(Loss).ToArray(), curvature: 4.0 / 9);
        Assert.Equal(2.0 / 9, profile.Kappa, 15);
        Assert.Equal(Loss(1e3), profile.Plateau);
        Assert.Equal(3.0, profile.Knee, 6);
        // Midway between grid points (in ln s) the interpolation is within 10⁻³ of ℓ (worst measured: 5.2·10⁻⁴, at the knee).
        for (int k = 0; k + 1 < s.Length; k++)
        {
            double mid = Math.Sqrt(s[k] * s[k + 1]);
            Assert.True(Math.Abs(profile.At(mid) / Loss(mid) - 1) <= 1e-3, $"s = {mid}: {profile.At(mid)} vs {Loss(mid)}");
        }
        Assert.Equal(1.0, profile.At(1e-4) / (Loss(1e-3) * 0.01), 12);
        Assert.Equal(profile.Plateau, profile.At(1e5));
        Assert.Equal(profile.At(0.5), profile.At(-0.5));
        Assert.Equal(0.0, profile.At(0));
        Assert.Throws<ArgumentException>(() => new OneExampleProfile([1.0, 1.0], [1.0, 2.0], 1.0));
        Assert.Throws<ArgumentException>(() => new OneExampleProfile([1.0, 2.0], [1.0, 0.0], 1.0));
    }

    [Fact]
    public void Permutation_IsAPermutation_AndDependsOnTheDraw()
    {
        int[] first = FiniteRangeModel.Permutation(1000, 7, 0), again = FiniteRangeModel.Permutation(1000, 7, 0), second = FiniteRangeModel.Permutation(1000, 7, 1);
        Assert.Equal(Enumerable.Range(0, 1000), first.Order());
        Assert.Equal(first, again);
        Assert.NotEqual(first, second);
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
        foreach (string table in new[] { "growth", "power_law_fits", "two_groups_step_shares", "finite_range_predictions", "finite_range_model", "reshuffled_exponents", "one_example_profile" })
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
        var reshuffles = Assert.Throws<ArgumentOutOfRangeException>(() => new DataMagnitudes { Reshuffles = 1 }.Run(context));
        Assert.Equal("Reshuffles", reshuffles.ParamName);
    }
}
