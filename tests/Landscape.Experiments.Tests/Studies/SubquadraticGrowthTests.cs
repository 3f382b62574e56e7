using System;
using System.IO;
using System.Linq;
using System.Threading;
using Landscape.Experiments.Studies;

namespace Landscape.Experiments.Tests.Studies;

/// <summary>One Profile.Test run of the subquadratic-growth study, shared by the tests (training is the expensive part).</summary>
public sealed class SubquadraticGrowthRun : IDisposable
{
    public const int Seed = 11;

    public SubquadraticGrowthRun()
    {
        Directory = Path.Combine(Path.GetTempPath(), "landscape-e1-" + Guid.NewGuid().ToString("N"));
        Context = new ExperimentContext("subquadratic-growth", Directory, Profile.Test, Seed);
        Result = new SubquadraticGrowth().Run(Context).WriteTables(Context);
    }

    public string Directory { get; }

    public ExperimentContext Context { get; }

    public ExperimentResult Result { get; }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}

public sealed class SubquadraticGrowthTests(SubquadraticGrowthRun run) : IClassFixture<SubquadraticGrowthRun>
{
    [Fact]
    public void Every_claim_holds_in_the_test_profile()
    {
        Assert.Equal(ExperimentStatus.Passed, run.Result.Status);
        Assert.Empty(run.Result.FailedClaims);
        // The MLP: near-zero loss, p ≈ 2 (v₁, random), p < 2 (v₁, random), radius, overshoot (v₁, random), decades. The
        // CNNs: the same without the two far-out claims along v₁ (measured there), each naming its architecture.
        Assert.Equal(9 + 7 + 7, run.Result.Claims.Count);
        Assert.Equal(7, run.Result.Claims.Count(c => c.Text.StartsWith("lenet-tanh:", StringComparison.Ordinal)));
        Assert.Equal(7, run.Result.Claims.Count(c => c.Text.StartsWith("resnet-tanh:", StringComparison.Ordinal)));
        Assert.Contains(run.Result.Measurements, m => m.Name.StartsWith("resnet-tanh: p(t) over the last decade of |t| along v₁", StringComparison.Ordinal));
    }

    [Fact]
    public void The_architectures_setting_chooses_the_networks_and_is_recorded_resolved()
    {
        var settings = new SubquadraticGrowth { Architectures = [NetworkArchitecture.ResNet, NetworkArchitecture.Mlp] };
        SubquadraticGrowthPlan plan = settings.Plan(new ExperimentContext("subquadratic-growth", Path.Combine(run.Directory, "plan"), Profile.Quick, 1));
        Assert.Equal(["resnet-tanh", "fc-tanh-32x2"], plan.Networks.Select(n => n.Name));
        Assert.Equal([256, 512], plan.Networks.Select(plan.ExamplesOf));
        Assert.Equal([1200, 4000], plan.Networks.Select(plan.StepsOf));
        Assert.Equal([NetworkArchitecture.ResNet, NetworkArchitecture.Mlp], settings.Architectures);
        Assert.Equal(["fc-tanh-32x2"], settings.Networks);

        var none = new SubquadraticGrowth().Plan(new ExperimentContext("subquadratic-growth", Path.Combine(run.Directory, "plan"), Profile.Test, 1));
        Assert.Equal(["fc-tanh-32x2", "lenet-tanh", "resnet-tanh"], none.Networks.Select(n => n.Name));
    }

    [Fact]
    public void Tables_and_figures_are_written()
    {
        string[] tables = ["training", "minima", "directions", "growth"];
        foreach (string table in tables)
        {
            Assert.Contains(table + ".csv", run.Result.Files);
            Assert.True(File.Exists(Path.Combine(run.Directory, table + ".csv")), table);
        }
        string[] figures = run.Context.Figures.Select(f => f.Name).ToArray();
        string[] perNetwork(string n) => [$"growth-top-{n}", $"growth-random-hidden-{n}", $"growth-random-all-{n}", $"exponent-{n}"];
        Assert.Equal([.. perNetwork("fc-tanh-32x2"), .. perNetwork("lenet-tanh"), .. perNetwork("resnet-tanh"), "training-loss"], figures);
        Assert.All(run.Context.Figures, f => Assert.NotEmpty(f.Series));
        Assert.All(run.Context.Figures, f => Assert.False(string.IsNullOrEmpty(f.Caption)));
    }

    [Fact]
    public void Measured_numbers_describe_a_quadratic_core_and_a_subquadratic_shell()
    {
        ResultTable minima = run.Context.Tables.Single(t => t.Name == "minima");
        double lambda = minima.Column("lambda1")[0];
        Assert.InRange(lambda, 1, 1000);
        Assert.True(minima.Column("lambda1_residual")[0] < 1e-6 * lambda, "v₁ is not an eigenvector");
        Assert.True(minima.Column("final_loss")[0] < 1e-3 * minima.Column("initial_loss")[0]);

        ResultTable directions = run.Context.Tables.Single(t => t.Name == "directions");
        Assert.Equal(3 * (1 + 3 + 3), directions.RowCount); // per network: v₁, 3 hidden-layer and 3 all-layer random directions
        double[] curvature = directions.Column("curvature");
        double[] small = directions.Column("exponent_first_decade");
        double[] large = directions.Column("exponent_last_decade");
        for (int network = 0; network < 3; network++)
        {
            int v1 = 7 * network;
            double top = minima.Column("lambda1")[network];
            Assert.Equal(top, curvature[v1], 1e-8 * top); // dᵀHd along the unit eigenvector is λ₁
            Assert.All(curvature.Skip(v1 + 1).Take(6), c => Assert.True(c < top, "a random direction is sharper than v₁"));
            for (int row = v1; row < v1 + 4; row++) // v₁ and the hidden-layer directions: quadratic in the first decade
                Assert.InRange(small[row], 1.95, 2.05);
            for (int row = v1 + (network == 0 ? 0 : 1); row < v1 + 4; row++) // far out: v₁ of the MLP, the hidden-layer directions of all
                Assert.True(large[row] < 1.5, $"row {row}: p = {large[row]} over the last decade");
        }
        // The quadratic radius lies strictly inside each grid: p is 2 at first, then leaves 2 ± 0.1.
        double[] minT = directions.Column("min_t"), maxT = directions.Column("max_t");
        double[] radius = directions.Column("quadratic_radius_positive");
        for (int row = 0; row < 4; row++) Assert.InRange(radius[row], 10 * minT[row], maxT[row]);
    }

    [Fact]
    public void A_run_cancelled_mid_training_and_resumed_reproduces_every_table_byte_for_byte()
    {
        string again = Path.Combine(run.Directory, "resumed");
        using var cancellation = new CancellationTokenSource();
        var interrupted = new ExperimentContext("subquadratic-growth", again, Profile.Test, SubquadraticGrowthRun.Seed)
        {
            Cancellation = cancellation.Token,
            ProgressSink = new CancelAfterSteps(cancellation, 1234, "train"),
        };
        Assert.Equal(ExperimentStatus.Cancelled, new SubquadraticGrowth().Run(interrupted).Status);
        Assert.True(File.Exists(Path.Combine(again, "checkpoints", "train-fc-tanh-32x2.ckpt")));
        Assert.False(File.Exists(Path.Combine(again, "growth.csv")));

        var resumed = new ExperimentContext("subquadratic-growth", again, Profile.Test, SubquadraticGrowthRun.Seed) { Resume = true };
        Assert.Equal(ExperimentStatus.Passed, new SubquadraticGrowth().Run(resumed).WriteTables(resumed).Status);

        foreach (string table in new[] { "training", "minima", "directions", "growth" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(run.Directory, table + ".csv")), File.ReadAllBytes(Path.Combine(again, table + ".csv")));
    }

    [Fact]
    public void Bad_settings_are_refused_with_the_setting_named()
    {
        var context = new ExperimentContext("subquadratic-growth", Path.Combine(run.Directory, "bad"), Profile.Test, 1);
        var unknown = Assert.Throws<ArgumentException>(() => new SubquadraticGrowth { Networks = ["lenet"] }.Run(context));
        Assert.Contains("fc-tanh-32x2", unknown.Message);
        var twice = Assert.Throws<ArgumentException>(() => new SubquadraticGrowth { Architectures = [NetworkArchitecture.LeNet, NetworkArchitecture.LeNet] }.Run(context));
        Assert.Equal("Architectures", twice.ParamName);
        var examples = Assert.Throws<ArgumentException>(() => new SubquadraticGrowth { ConvolutionalExamples = -1 }.Run(context));
        Assert.Contains("ConvolutionalExamples", examples.Message);
        var decades = Assert.Throws<ArgumentException>(() => new SubquadraticGrowth { Decades = 1 }.Run(context));
        Assert.Contains("Decades", decades.Message);
        var steps = Assert.Throws<ArgumentException>(() => new SubquadraticGrowth { Steps = -5 }.Run(context));
        Assert.Contains("Steps", steps.Message);
    }
}
