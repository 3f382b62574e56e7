using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Landscape;
using Landscape.Optimization;
using Landscape.Tests.Networks;
using Landscape.Tests.Probes;

namespace Landscape.Tests.Optimization;

/// <summary>The training loop: recorded columns, divergence, cancellation, minibatch shuffling and argument checks.</summary>
public sealed class TrainerTests
{
    /// <summary>
    /// GD on L = ½(4x² + y²) from (1, 1) with η = 0.6: ηλ₁ = 2.4 &gt; 2, so x is multiplied by (1 − ηλ₁) = −1.4 per step
    /// and L grows like L₀·1.96ᵗ; the run must stop at the first step whose loss exceeds the bound.
    /// </summary>
    [Fact]
    public void GradientDescent_AboveTwoOverLambda_DivergesAtTheExpectedStep()
    {
        var model = new TrainerTestQuadratic(4, 1);
        const double eta = 0.6, bound = 1e6;
        var trainer = new Trainer(model, Dataset.Empty, new TrainerTestGradientDescent(), new TrainerTestConstantRate(eta)) { DivergenceBound = bound };
        double[] theta = [1, 1];
        double l0 = model.Loss(theta, Dataset.Empty);

        Trajectory t = trainer.Run(theta, 1000);

        Assert.Equal(RunStatus.Diverged, t.Status);
        double growth = Math.Pow(eta * 4 - 1, 2);
        double expected = Math.Log(bound / l0) / Math.Log(growth); // L₀·growthᵗ = bound
        Assert.NotNull(t.DivergedAt);
        Assert.InRange((double)t.DivergedAt!.Value, Math.Floor(expected), Math.Ceiling(expected) + 1);
        Assert.Equal(t.DivergedAt.Value + 1, t.Count);
        double[] loss = t.Loss;
        Assert.True(loss[^1] > bound);
        Assert.All(loss[..^1], l => Assert.True(l <= bound));
        // The diverged step is recorded but not applied: θ is the iterate of that step, (−1.4)ᵗ in x.
        Assert.Equal(Math.Pow(-1.4, t.DivergedAt.Value), theta[0], 1e-9 * Math.Pow(1.4, t.DivergedAt.Value));
    }

    [Fact]
    public void GradientDescent_BelowTwoOverLambda_Completes()
    {
        var model = new TrainerTestQuadratic(4, 1);
        var trainer = new Trainer(model, Dataset.Empty, new TrainerTestGradientDescent(), new TrainerTestConstantRate(0.45)) { DivergenceBound = 1e6 };
        double[] theta = [1, 1];

        Trajectory t = trainer.Run(theta, 200);

        Assert.Equal(RunStatus.Completed, t.Status);
        Assert.Null(t.DivergedAt);
        Assert.Equal(200, t.Count);
        Assert.True(t.Loss[^1] < 1e-20, $"final loss {t.Loss[^1]}"); // |1 − 0.45·4| = 0.8 per step: 0.8^400 ≈ 1e-39
    }

    /// <summary>With the default bound (+∞) a divergent run still ends, at the step where the loss overflows.</summary>
    [Fact]
    public void DefaultBound_DivergesAtOverflow_WithoutThrowing()
    {
        var trainer = new Trainer(new TrainerTestQuadratic(4, 1), Dataset.Empty, new TrainerTestGradientDescent(), new TrainerTestConstantRate(0.6));
        Assert.Equal(double.PositiveInfinity, trainer.DivergenceBound);
        double[] theta = [1, 1];

        Trajectory t = trainer.Run(theta, 100_000);

        Assert.Equal(RunStatus.Diverged, t.Status);
        Assert.False(double.IsFinite(t.Loss[^1]) && double.IsFinite(t.GradientNorm[^1]));
        // 2·1.96ᵗ reaches double.MaxValue ≈ 1.8e308 near t ≈ 1054.
        Assert.InRange(t.DivergedAt!.Value, 1000, 1100);
    }

    [Fact]
    public void NaNGradient_Diverges_AndMonitorsAreNotCalledAtThatStep()
    {
        var model = new TrainerTestNaNGradient(new TrainerTestQuadratic(1, 2), nanFrom: 7);
        var recorder = new TrainerTestRecorder();
        var trainer = new Trainer(model, Dataset.Empty, new TrainerTestGradientDescent(), new TrainerTestConstantRate(0.1));
        trainer.Monitors.Add(recorder);
        trainer.Monitors.Add(new SharpnessMonitor(every: 1));
        double[] theta = [1, 1];

        Trajectory t = trainer.Run(theta, 50);

        Assert.Equal(RunStatus.Diverged, t.Status);
        Assert.Equal(7, t.DivergedAt);
        Assert.Equal(8, t.Count);
        Assert.True(double.IsNaN(t.GradientNorm[7]));
        Assert.True(double.IsFinite(t.Loss[7]));
        Assert.Equal(7, recorder.Steps.Count);
        Assert.True(double.IsNaN(t.Sharpness[7]));
        Assert.All(theta, v => Assert.True(double.IsFinite(v)));
    }

    /// <summary>Every base column is what it claims: η from the schedule, L and ‖∇L‖ at θₜ, and θₜ₊₁ = θₜ − η∇L.</summary>
    [Fact]
    public void Columns_RecordScheduleLossAndGradientNormAtEachIterate()
    {
        var model = new ProbeMlp();
        Dataset data = ProbeData.For(model, 40, seed: 5, oneHot: false);
        double[] theta = ProbeData.Point(model, 6);
        var schedule = new TrainerTestDecayingRate(0.2, 10);
        var recorder = new TrainerTestRecorder();
        var trainer = new Trainer(model, data, new TrainerTestGradientDescent(), schedule);
        trainer.Monitors.Add(recorder);

        Trajectory t = trainer.Run(theta, 25);

        Assert.Equal(["step", "learning_rate", "loss", "gradient_norm"], t.Columns);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => (long)i), t.Step);
        var gradient = new double[model.ParameterCount];
        for (int s = 0; s < 25; s++)
        {
            double[] at = recorder.Parameters[s];
            Assert.Equal(schedule.At(s), t.LearningRate[s]);
            double loss = model.Gradient(at, data, gradient);
            Assert.Equal(loss, t.Loss[s]);
            Assert.Equal(Math.Sqrt(gradient.Sum(g => g * g)), t.GradientNorm[s], 1e-12 * t.GradientNorm[s]);
            double[] next = s + 1 < 25 ? recorder.Parameters[s + 1] : theta;
            for (int i = 0; i < at.Length; i++) Assert.Equal(at[i] - schedule.At(s) * gradient[i], next[i]);
            Assert.True(recorder.FullBatch[s]);
        }
        Assert.True(t.Loss[^1] < t.Loss[0]);
    }

    /// <summary>The CSV is culture-independent and every number reads back to the same bits.</summary>
    [Fact]
    public void WriteCsv_RoundTripsBits_InAnyCulture()
    {
        var model = new ProbeMlp();
        Dataset data = ProbeData.For(model, 30, seed: 8, oneHot: false);
        double[] theta = ProbeData.Point(model, 9);
        var trainer = new Trainer(model, data, new TrainerTestGradientDescent(), new TrainerTestDecayingRate(0.1, 3));
        trainer.Monitors.Add(new SharpnessMonitor(every: 4));
        Trajectory t = trainer.Run(theta, 10);

        string invariant = Csv(t);
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fi-FI"); // comma decimal separator, U+2212 minus
            Assert.Equal(invariant, Csv(t));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        string[] lines = invariant.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", t.Columns), lines[0]);
        Assert.Equal(t.Count + 1, lines.Length);
        for (int r = 0; r < t.Count; r++)
        {
            string[] cells = lines[r + 1].Split(',');
            for (int c = 0; c < t.Columns.Count; c++)
            {
                double read = double.Parse(cells[c], CultureInfo.InvariantCulture);
                Assert.Equal(BitConverter.DoubleToInt64Bits(t[t.Columns[c], r]), BitConverter.DoubleToInt64Bits(read));
            }
        }
        Assert.Contains("NaN", lines[2]); // step 1: sharpness not measured
    }

    /// <summary>A custom monitor's named columns follow the base columns, in monitor order, with its values.</summary>
    [Fact]
    public void CustomMonitor_AddsNamedColumns()
    {
        var trainer = new Trainer(new TrainerTestQuadratic(1, 3), Dataset.Empty, new TrainerTestGradientDescent(), new TrainerTestConstantRate(0.1));
        trainer.Monitors.Add(new TrainerTestNormMonitor());
        trainer.Monitors.Add(new LossMonitor());
        double[] theta = [3, 4];

        Trajectory t = trainer.Run(theta, 4);

        Assert.Equal(["step", "learning_rate", "loss", "gradient_norm", "theta_norm", "even_step", "train_loss"], t.Columns);
        Assert.Equal(5.0, t["theta_norm", 0]);
        Assert.Equal(Math.Sqrt(Math.Pow(3 * 0.9, 2) + Math.Pow(4 * 0.7, 2)), t["theta_norm", 1], 1e-15);
        Assert.Equal(new[] { 1.0, double.NaN, 1.0, double.NaN }, t.Column("even_step"));
        Assert.Equal(t.Loss, t.Column(LossMonitor.TrainColumn));
    }

    /// <summary>Adds ‖θ‖ every step and a marker on even steps only (NaN elsewhere).</summary>
    private sealed class TrainerTestNormMonitor : ITrainingMonitor
    {
        public System.Collections.Generic.IReadOnlyList<string> Columns => ["theta_norm", "even_step"];

        public void Observe(TrainingContext context, Span<double> values)
        {
            double sum = 0;
            foreach (double v in context.Parameters) sum += v * v;
            values[0] = Math.Sqrt(sum);
            if (context.Step % 2 == 0) values[1] = 1;
        }
    }

    [Fact]
    public void Column_UnknownName_ListsTheColumns()
    {
        var trainer = new Trainer(new TrainerTestQuadratic(1), Dataset.Empty, new TrainerTestGradientDescent(), new TrainerTestConstantRate(0.1));
        Trajectory t = trainer.Run(new double[1], 3);
        var e = Assert.Throws<ArgumentException>(() => t.Column("sharpnes"));
        Assert.Contains("gradient_norm", e.Message);
        Assert.All(t.Sharpness, v => Assert.True(double.IsNaN(v)));
        Assert.Empty(t.TopEigenvalues);
    }

    [Fact]
    public void Cancellation_StopsBetweenSteps()
    {
        using var cts = new CancellationTokenSource();
        var trainer = new Trainer(new TrainerTestQuadratic(1, 2), Dataset.Empty, new TrainerTestGradientDescent(), new TrainerTestConstantRate(0.1));
        trainer.Monitors.Add(new TrainerTestRecorder(cts, cancelStep: 5));
        double[] theta = [1, 1];

        Trajectory t = trainer.Run(theta, 100, cts.Token);

        Assert.Equal(RunStatus.Cancelled, t.Status);
        Assert.Equal(6, t.Count); // step 5 finishes; the check before step 6 stops the run
        Assert.Null(t.DivergedAt);
        Assert.Equal(Math.Pow(0.9, 6), theta[0], 1e-15);

        Trajectory none = new Trainer(new TrainerTestQuadratic(1), Dataset.Empty, new TrainerTestGradientDescent(), new TrainerTestConstantRate(0.1))
            .Run(new double[1], 10, cts.Token);
        Assert.Equal(RunStatus.Cancelled, none.Status);
        Assert.Equal(0, none.Count);
    }

    /// <summary>n = 50, b = 16: four batches per epoch (16, 16, 16, 2) that together hold every example once.</summary>
    [Fact]
    public void Minibatches_EachEpochVisitsEveryExampleOnce_AndDependOnlyOnTheSeed()
    {
        var model = new ProbeMlp();
        Dataset data = ProbeData.For(model, 50, seed: 11, oneHot: false);
        Trainer Make(int seed) => new(model, data, new TrainerTestGradientDescent(), new TrainerTestConstantRate(0.05)) { BatchSize = 16, Seed = seed };
        Trainer a = Make(3), b = Make(3), c = Make(4);

        for (int epoch = 0; epoch < 3; epoch++)
        {
            int[][] batches = Enumerable.Range(4 * epoch, 4).Select(s => a.BatchIndices(s)).ToArray();
            Assert.Equal([16, 16, 16, 2], batches.Select(x => x.Length));
            Assert.Equal(Enumerable.Range(0, 50), batches.SelectMany(x => x).Order());
        }
        for (int s = 0; s < 12; s++) Assert.Equal(a.BatchIndices(s), b.BatchIndices(s));
        Assert.NotEqual(a.BatchIndices(0), c.BatchIndices(0));
        Assert.NotEqual(a.BatchIndices(0), a.BatchIndices(4)); // a new permutation each epoch
        Assert.NotEqual(Enumerable.Range(0, 16), a.BatchIndices(0));

        // The batches used by Run are exactly those examples, in that order.
        var recorder = new TrainerTestRecorder();
        a.Monitors.Add(recorder);
        a.Run(ProbeData.Point(model, 12), 9);
        for (int s = 0; s < 9; s++)
        {
            Dataset expected = data.Subset(a.BatchIndices(s));
            Assert.False(recorder.FullBatch[s]);
            Assert.Equal(expected.Inputs.ToArray(), recorder.Batches[s].Inputs.ToArray());
            Assert.Equal(expected.Targets.ToArray(), recorder.Batches[s].Targets.ToArray());
        }
    }

    [Fact]
    public void BatchSizeAtLeastTheDataSize_IsFullBatch()
    {
        var model = new ProbeMlp();
        Dataset data = ProbeData.For(model, 20, seed: 13, oneHot: false);
        double[] theta1 = ProbeData.Point(model, 14), theta2 = (double[])theta1.Clone();
        var full = new Trainer(model, data, new TrainerTestGradientDescent(), new TrainerTestConstantRate(0.1));
        var large = new Trainer(model, data, new TrainerTestGradientDescent(), new TrainerTestConstantRate(0.1)) { BatchSize = 20, Seed = 9 };
        Assert.Equal(Csv(full.Run(theta1, 5)), Csv(large.Run(theta2, 5)));
        Assert.Equal(Enumerable.Range(0, 20), large.BatchIndices(3));
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        var trainer = new Trainer(new TrainerTestQuadratic(1, 2), Dataset.Empty, new TrainerTestGradientDescent(), new TrainerTestConstantRate(0.1));
        Assert.Throws<ArgumentException>(() => trainer.Run(new double[3], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Run(new double[2], -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => trainer.BatchSize = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => trainer.CheckpointEvery = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => trainer.DivergenceBound = double.NaN);
        trainer.Monitors.Add(new SharpnessMonitor(2));
        trainer.Monitors.Add(new SharpnessMonitor(3));
        var e = Assert.Throws<ArgumentException>(() => trainer.Run(new double[2], 1));
        Assert.Contains("sharpness_1", e.Message);
    }

    internal static string Csv(Trajectory t)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        t.WriteCsv(writer);
        return writer.ToString();
    }
}

/// <summary>Full-batch training gives the same bits on 1 and 2 threads (the setting is process-wide, so this runs alone).</summary>
[Collection(ThreadSettingCollection.Name)]
public sealed class TrainerDeterminismTests
{
    [Fact]
    public void FullBatchGradientDescent_IsBitIdentical_ForOneAndTwoThreads()
    {
        var model = new P1();
        Dataset data = ProbeData.For(model, 1100, seed: 21, oneHot: false); // three model chunks, the last partial
        double[] start = ProbeData.Point(model, 22);
        int saved = Parallelism.MaxThreads;
        try
        {
            (string Csv, double[] Theta) Run(int threads)
            {
                Parallelism.MaxThreads = threads;
                var trainer = new Trainer(model, data, new TrainerTestGradientDescent(), new TrainerTestConstantRate(0.05));
                trainer.Monitors.Add(new SharpnessMonitor(every: 10) { Options = new Landscape.Probes.LanczosOptions { MaxIterations = 20 } });
                trainer.Monitors.Add(new LossMonitor());
                double[] theta = (double[])start.Clone();
                Trajectory t = trainer.Run(theta, 20);
                Assert.Equal(RunStatus.Completed, t.Status);
                return (TrainerTests.Csv(t), theta);
            }
            var one = Run(1);
            var two = Run(2);
            Assert.Equal(one.Csv, two.Csv);
            Assert.Equal(one.Theta.Select(BitConverter.DoubleToInt64Bits), two.Theta.Select(BitConverter.DoubleToInt64Bits));
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }
}
