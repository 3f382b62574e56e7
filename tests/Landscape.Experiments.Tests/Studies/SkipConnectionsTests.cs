using System;
using System.IO;
using System.Linq;
using System.Threading;
using Landscape.Experiments.Studies;
using Landscape.Experiments.Tests.Reporting;

namespace Landscape.Experiments.Tests.Studies;

/// <summary>One Profile.Test run of the skip-connections study, shared by the tests (training is the expensive part).</summary>
public sealed class SkipConnectionsRun : IDisposable
{
    public const int Seed = 5;

    public SkipConnectionsRun()
    {
        Directory = Path.Combine(Path.GetTempPath(), "landscape-e5-" + Guid.NewGuid().ToString("N"));
        Context = new ExperimentContext("skip-connections", Directory, Profile.Test, Seed);
        Result = new SkipConnections().Run(Context).WriteTables(Context);
    }

    public string Directory { get; }

    public ExperimentContext Context { get; }

    public ExperimentResult Result { get; }

    /// <summary>The tables every run writes (the map's table only with a map).</summary>
    public static readonly string[] Tables = ["training", "minima", "surface_1d", "surface_2d", "growth_v1"];

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}

// The thread-count test sets the process-wide Parallelism.MaxThreads; keep it from overlapping other runs.
[Collection(ParallelismCollection.Name)]
public sealed class SkipConnectionsTests(SkipConnectionsRun run) : IClassFixture<SkipConnectionsRun>
{
    /// <summary>Li et al.'s hypotheses at one depth, as their claim or measurement text begins after the depth prefix.</summary>
    private static readonly string[] Hypotheses =
    [
        "the plain minimum is sharper", "the plain 1-D surface rises faster", "the plain minimum is less convex",
        "more of the plain 2-D surface is non-convex", "the plain |λmin/λmax| map is higher on average",
    ];

    [Fact]
    public void Every_claim_holds_and_every_hypothesis_is_a_claim_or_a_measurement()
    {
        Assert.Equal(ExperimentStatus.Passed, run.Result.Status);
        Assert.Empty(run.Result.FailedClaims);
        // Per network (resnet-2, plain-2; one seed): near-zero loss, v₁ an eigenvector, p ≈ 2 near θ*.
        foreach (string network in new[] { "resnet-2", "plain-2" })
        {
            string n = $"{network}, seed {SkipConnectionsRun.Seed}: ";
            Assert.Single(run.Result.Claims, c => c.Text.StartsWith(n + "training reached near-zero loss", StringComparison.Ordinal));
            Assert.Single(run.Result.Claims, c => c.Text.StartsWith(n + "v₁ is an eigenvector", StringComparison.Ordinal));
            Assert.Single(run.Result.Claims, c => c.Text.StartsWith(n + "p(t) ≈ 2 over the first decade", StringComparison.Ordinal));
        }
        // Each hypothesis is stated exactly once as a verdict: a claim when it held on every seed, else a measurement.
        foreach (string hypothesis in Hypotheses)
        {
            string prefix = "depth 2 (plain-2 vs resnet-2): " + hypothesis;
            int claims = run.Result.Claims.Count(c => c.Text.StartsWith(prefix, StringComparison.Ordinal));
            int measured = run.Result.Measurements.Count(m => m.Name.StartsWith(prefix, StringComparison.Ordinal) && m.Name.Contains("on every seed", StringComparison.Ordinal));
            Assert.True(claims + measured == 1, $"'{hypothesis}': {claims} claim(s), {measured} measurement(s)");
            Assert.Single(run.Result.Measurements, m => m.Name.StartsWith(prefix, StringComparison.Ordinal) && m.Name.EndsWith($"seed {SkipConnectionsRun.Seed}", StringComparison.Ordinal));
        }
        Assert.Equal(6 + run.Result.Claims.Count(c => c.Text.StartsWith("depth 2", StringComparison.Ordinal)), run.Result.Claims.Count);
    }

    [Fact]
    public void Tables_and_figures_are_written_with_the_surfaces_side_by_side()
    {
        foreach (string table in SkipConnectionsRun.Tables.Append("curvature_map"))
            Assert.True(File.Exists(Path.Combine(run.Directory, table + ".csv")), table);
        string[] figures = run.Context.Figures.Select(f => f.Name).ToArray();
        Assert.Equal(["surface-resnet-2", "surface-plain-2", "surface-1d-depth2", "curvature-map-resnet-2", "curvature-map-plain-2", "growth-v1-depth2", "training-loss"], figures);
        Figure[] surfaces = run.Context.Figures.Where(f => f.Name.StartsWith("surface-", StringComparison.Ordinal) && f.Heatmap is not null).ToArray();
        Assert.Equal(2, surfaces.Length);
        Assert.All(surfaces, f => Assert.Equal("surfaces-depth2", f.Row));
        Assert.All(surfaces, f => Assert.True(f.Heatmap!.Contours > 0));
        Assert.All(run.Context.Figures.Where(f => f.Name.StartsWith("curvature-map-", StringComparison.Ordinal)), f => Assert.Equal("curvature-depth2", f.Row));
        Assert.All(run.Context.Figures, f => Assert.False(string.IsNullOrEmpty(f.Caption)));
    }

    [Fact]
    public void Measured_numbers_describe_two_trained_minima_on_one_plane()
    {
        ResultTable minima = run.Context.Tables.Single(t => t.Name == "minima");
        Assert.Equal(2, minima.RowCount);
        double[] lambdaMax = minima.Column("lambda_max"), lambdaMin = minima.Column("lambda_min"), final = minima.Column("final_loss");
        for (int row = 0; row < 2; row++)
        {
            Assert.InRange(lambdaMax[row], 1, 1e4);
            // Lanczos's smallest Ritz value lies inside the spectrum: at a near-minimum it is tiny next to λmax.
            Assert.True(Math.Abs(lambdaMin[row]) < 1e-2 * lambdaMax[row], $"row {row}: λmin = {lambdaMin[row]}, λmax = {lambdaMax[row]}");
            Assert.True(final[row] < 1e-2 * minima.Column("initial_loss")[row]);
        }
        // Same layouts, same seeds: the two networks' surface directions are drawn alike, so both grids share coordinates.
        ResultTable plane = run.Context.Tables.Single(t => t.Name == "surface_2d");
        Assert.Equal(2 * 9 * 9, plane.RowCount);
        double[] loss = plane.Column("loss");
        // The centre of each grid is θ* itself: the loss there is the trained loss, and the lowest of its grid.
        for (int net = 0; net < 2; net++)
        {
            double centre = loss[net * 81 + 40];
            Assert.Equal(final[net], centre, 1e-12 * final[net] + 1e-15);
            Assert.Equal(centre, loss.Skip(net * 81).Take(81).Min());
        }
        ResultTable map = run.Context.Tables.Single(t => t.Name == "curvature_map");
        Assert.Equal(2 * 3 * 3, map.RowCount);
        Assert.All(map.Column("abs_min_over_max"), r => Assert.InRange(r, 0, 1));
    }

    [Fact]
    public void Residual_and_plain_twins_share_their_layout_and_initial_weights()
    {
        foreach (SkipNetworks.Pair pair in SkipNetworks.All)
        {
            IModel residual = pair.Residual.Create(), plain = pair.Plain.Create();
            Assert.Equal(residual.ParameterCount, plain.ParameterCount);
            Assert.Equal(residual.Layout.Count, plain.Layout.Count);
            var a = new double[residual.ParameterCount];
            var b = new double[plain.ParameterCount];
            residual.Initialize(a, 17);
            plain.Initialize(b, 17);
            Assert.Equal(a, b);
            Assert.Contains("+ x", pair.Residual.Architecture, StringComparison.Ordinal);
            Assert.DoesNotContain("+ x", pair.Plain.Architecture, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void One_thread_writes_the_same_tables_byte_for_byte()
    {
        // Without the map (its table is absent then; everything else is computed before it and cannot depend on it).
        string again = Path.Combine(run.Directory, "one-thread");
        int threads = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 1;
            var context = new ExperimentContext("skip-connections", again, Profile.Test, SkipConnectionsRun.Seed);
            new SkipConnections { CurvatureGrid = 0 }.Run(context).WriteTables(context);
        }
        finally
        {
            Parallelism.MaxThreads = threads;
        }
        Assert.True(threads > 1 || Environment.ProcessorCount == 1, "the fixture ran on one thread; nothing was compared");
        foreach (string table in SkipConnectionsRun.Tables)
            Assert.Equal(File.ReadAllBytes(Path.Combine(run.Directory, table + ".csv")), File.ReadAllBytes(Path.Combine(again, table + ".csv")));
    }

    [Fact]
    public void A_run_cancelled_while_training_the_second_network_and_resumed_reproduces_the_tables()
    {
        string again = Path.Combine(run.Directory, "resumed");
        using var cancellation = new CancellationTokenSource();
        // 300 steps per network: cancel 120 steps into the plain network's training (the trainer checkpoints when cancelled).
        var interrupted = new ExperimentContext("skip-connections", again, Profile.Test, SkipConnectionsRun.Seed)
        {
            Cancellation = cancellation.Token,
            ProgressSink = new CancelAfterSteps(cancellation, 420, "train"),
        };
        Assert.Equal(ExperimentStatus.Cancelled, new SkipConnections { CurvatureGrid = 0 }.Run(interrupted).Status);
        Assert.True(File.Exists(Path.Combine(again, "checkpoints", $"train-plain-2-seed{SkipConnectionsRun.Seed}.ckpt")));
        Assert.False(File.Exists(Path.Combine(again, "minima.csv")));

        var resumed = new ExperimentContext("skip-connections", again, Profile.Test, SkipConnectionsRun.Seed) { Resume = true };
        Assert.Equal(ExperimentStatus.Passed, new SkipConnections { CurvatureGrid = 0 }.Run(resumed).WriteTables(resumed).Status);
        foreach (string table in SkipConnectionsRun.Tables)
            Assert.Equal(File.ReadAllBytes(Path.Combine(run.Directory, table + ".csv")), File.ReadAllBytes(Path.Combine(again, table + ".csv")));
    }

    [Fact]
    public void Bad_settings_are_refused_with_the_setting_named()
    {
        var context = new ExperimentContext("skip-connections", Path.Combine(run.Directory, "bad"), Profile.Test, 1);
        var depth = Assert.Throws<ArgumentException>(() => new SkipConnections { Depths = [3] }.Run(context));
        Assert.Contains("Depths", depth.Message);
        Assert.Contains("2, 4", depth.Message);
        Assert.Contains("SurfacePoints", Assert.Throws<ArgumentException>(() => new SkipConnections { SurfacePoints = 10 }.Run(context)).Message);
        Assert.Contains("CurvatureGrid", Assert.Throws<ArgumentException>(() => new SkipConnections { CurvatureGrid = 2 }.Run(context)).Message);
        Assert.Contains("LinePoints", Assert.Throws<ArgumentException>(() => new SkipConnections { LinePoints = 4 }.Run(context)).Message);
        Assert.Contains("Seeds", Assert.Throws<ArgumentException>(() => new SkipConnections { Seeds = -1 }.Run(context)).Message);
        Assert.Contains("SurfaceRadius", Assert.Throws<ArgumentException>(() => new SkipConnections { SurfaceRadius = double.NaN }.Run(context)).Message);
    }

    [Fact]
    public void The_surface_nonconvexity_sees_a_saddle_and_not_a_bowl()
    {
        double[] axis = SkipConnections.Grid(5, 1);
        Assert.Equal([-1, -0.5, 0, 0.5, 1], axis);
        var bowl = new double[5, 5];
        var saddle = new double[5, 5];
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                bowl[i, j] = axis[i] * axis[i] + 2 * axis[j] * axis[j];
                saddle[i, j] = axis[i] * axis[i] - axis[j] * axis[j];
            }
        }
        Assert.Equal(0, SkipConnections.Nonconvexity(new Probes.PlaneSlice(axis, axis, bowl)));
        Assert.Equal(1, SkipConnections.Nonconvexity(new Probes.PlaneSlice(axis, axis, saddle)));
        Assert.Equal(0, SkipConnections.ConvexityRatio(10, 0.5));
        Assert.Equal(0.25, SkipConnections.ConvexityRatio(8, -2));
    }
}
