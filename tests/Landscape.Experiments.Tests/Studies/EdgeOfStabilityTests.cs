using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Landscape.Experiments.Studies;
using Xunit.Abstractions;

namespace Landscape.Experiments.Tests.Studies;

public sealed class EdgeOfStabilityTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "landscape-eos-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Test_profile_makes_every_claim_hold()
    {
        var context = new ExperimentContext("edge-of-stability", _directory, Profile.Test, seed: 7) { Log = new StringWriter() };
        var result = new EdgeOfStability().Run(context).WriteTables(context);
        foreach (var claim in result.Claims)
            output.WriteLine($"{(claim.Holds ? "PASS" : "FAIL")} {claim.Text}: {claim.Measured.ToString("G6", CultureInfo.InvariantCulture)} (expected {claim.Expected})");
        foreach (var measurement in result.Measurements)
            output.WriteLine($"     {measurement.Name}: {measurement.Value.ToString("G6", CultureInfo.InvariantCulture)} {measurement.Unit}");

        Assert.Empty(result.FailedClaims);
        Assert.Equal(ExperimentStatus.Passed, result.Status);
        foreach (string table in new[] { "two-cycle", "two-cycle-iterates", "loss-level", "loss-level-fit", "valley-trajectory", "valley-summary", "network-trajectory", "network-summary", "mechanism" })
        {
            Assert.Contains(table + ".csv", result.Files);
            Assert.True(File.Exists(Path.Combine(_directory, table + ".csv")), table);
        }
        // (a)–(c) five figures; (d) sharpness and loss per architecture; (e) the curvature along v₁.
        Assert.Equal(5 + 3 * 2 + 1, context.Figures.Count);
        foreach (string architecture in new[] { "mlp", "lenet", "resnet" })
            Assert.Contains(result.Claims, c => c.Text.StartsWith("(d) " + architecture + ", η = ", StringComparison.Ordinal));
        Assert.All(context.Figures, f => Assert.NotEmpty(f.Series));

        // (a) the secant sharpness of the 2-cycle is 2/η to far better than 1%; the Hessian at the iterates is below 2/η.
        var cycles = context.Tables.Single(t => t.Name == "two-cycle");
        Assert.All(cycles.Column("secant_relative_error"), e => Assert.InRange(e, 0, 1e-6));
        Assert.All(cycles.Column("hessian_over_two_over_eta"), r => Assert.InRange(r, 0, 1 - 1e-3));
        Assert.All(cycles.Column("quadratic_diverged_at"), s => Assert.True(s > 0));

        // (b) the fitted slopes match p/(2 − p) = 5/3, 3, 7.
        var fits = context.Tables.Single(t => t.Name == "loss-level-fit");
        Assert.Equal([5.0 / 3, 3.0, 7.0], fits.Column("predicted_slope"), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.All(fits.Column("relative_error"), e => Assert.InRange(e, 0, 0.05));

        // (d) every η reached 2/η and stayed near it.
        var network = context.Tables.Single(t => t.Name == "network-summary");
        Assert.All(network.Column("late_fraction_in_band"), f => Assert.InRange(f, 0.8, 1.0));
        Assert.All(network.Column("onset_step"), s => Assert.True(s >= 1));

        // (e) two late points per run. The two routes to ∇λ·Δ (the third derivative along v₁, and differences of
        // warm-started Lanczos a quarter step apart) agree to 25% at most points; they part where λ₁ and λ₂ of the
        // Hessian nearly cross between the points (the largest eigenvalue then switches branch), so the median is
        // asserted. The curvature along v₁ at s = 0.25a is λ(m_k) to well under 1%.
        var mechanism = context.Tables.Single(t => t.Name == "mechanism");
        Assert.Equal(3 * 2 * 2, mechanism.RowCount);
        double[] along = mechanism.Column("sharpness_change_along_step"), lanczos = mechanism.Column("sharpness_change_along_step_lanczos");
        double[] disagreement = along.Select((a, i) => Math.Abs(a - lanczos[i]) / Math.Max(Math.Abs(a), Math.Abs(lanczos[i]))).Order().ToArray();
        Assert.True(disagreement[disagreement.Length / 2] <= 0.25, $"median disagreement {disagreement[disagreement.Length / 2]}");
        double[] midpoint = mechanism.Column("lambda_midpoint"), nearest = mechanism.Column("curvature_plus_0_25a");
        for (int i = 0; i < midpoint.Length; i++) Assert.InRange(nearest[i] / midpoint[i], 0.99, 1.01);
    }

    [Fact]
    public void A_network_run_cancelled_mid_training_and_resumed_writes_the_same_tables_as_an_uninterrupted_one()
    {
        // Killed at step 70 of 80 of the first run: the checkpoint at step 60 holds the sharpness monitor's warm start and
        // the iterates part (e) recorded at steps 59 and 60; the resumed run must end with the same tables, mechanism included.
        string interrupted = Path.Combine(_directory, "interrupted");
        string uninterrupted = Path.Combine(_directory, "uninterrupted");
        var settings = new EdgeOfStability
        {
            Architectures = [NetworkArchitecture.Mlp, NetworkArchitecture.LeNet], Examples = 200, Width = 16, LearningRates = [0.3],
            ConvolutionalExamples = 64, ConvolutionalLearningRates = [0.3], Steps = 80, ConvolutionalSteps = 40, SharpnessEvery = 5,
        };
        EdgeOfStabilityPlan plan = settings.Plan(new ExperimentContext("edge-of-stability", _directory, Profile.Test, seed: 3)) with { CheckpointEvery = 20 };
        Assert.Equal([59, 78], EdgeOfStability.MechanismSteps(80, 2));
        using (var cancellation = new CancellationTokenSource())
        {
            var killed = new ExperimentContext("edge-of-stability", interrupted, Profile.Test, seed: 3)
            {
                Cancellation = cancellation.Token,
                ProgressSink = new CancelAfterSteps(cancellation, 70, "(d) networks"),
            };
            Assert.Null(EdgeOfStability.TrainNetworks(killed, plan));
        }

        var resumed = new ExperimentContext("edge-of-stability", interrupted, Profile.Test, seed: 3) { Resume = true, Log = new StringWriter() };
        EdgeOfStability.WriteNetworkTables(resumed, EdgeOfStability.TrainNetworks(resumed, plan)!);
        resumed.Result().WriteTables(resumed);
        Assert.Contains("resuming", resumed.Log.ToString());
        var fresh = new ExperimentContext("edge-of-stability", uninterrupted, Profile.Test, seed: 3);
        EdgeOfStability.WriteNetworkTables(fresh, EdgeOfStability.TrainNetworks(fresh, plan)!);
        fresh.Result().WriteTables(fresh);

        foreach (string table in new[] { "network-trajectory.csv", "network-summary.csv", "mechanism.csv" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(uninterrupted, table)), File.ReadAllBytes(Path.Combine(interrupted, table)));
        Assert.Equal(1 + 80 + 40, File.ReadAllLines(Path.Combine(interrupted, "network-trajectory.csv")).Length);
        Assert.Equal(1 + 2 + 2, File.ReadAllLines(Path.Combine(interrupted, "mechanism.csv")).Length);
    }

    [Fact]
    public void Bad_settings_are_refused_with_the_setting_named()
    {
        var context = new ExperimentContext("edge-of-stability", _directory, Profile.Test);
        var width = Assert.Throws<ArgumentOutOfRangeException>(() => new EdgeOfStability { Width = 48 }.Plan(context));
        Assert.Equal("width", width.ParamName);
        var eta = Assert.Throws<ArgumentOutOfRangeException>(() => new EdgeOfStability { LearningRates = [0.1, -1] }.Plan(context));
        Assert.Equal("LearningRates", eta.ParamName);
        var steps = Assert.Throws<ArgumentOutOfRangeException>(() => new EdgeOfStability { Steps = -5 }.Plan(context));
        Assert.Equal("Steps", steps.ParamName);
        var architectures = Assert.Throws<ArgumentException>(() => new EdgeOfStability { Architectures = [NetworkArchitecture.Mlp, NetworkArchitecture.Mlp] }.Plan(context));
        Assert.Equal("Architectures", architectures.ParamName);
        var convolutional = Assert.Throws<ArgumentOutOfRangeException>(() => new EdgeOfStability { ConvolutionalLearningRates = [double.NaN] }.Plan(context));
        Assert.Equal("ConvolutionalLearningRates", convolutional.ParamName);
    }
}
