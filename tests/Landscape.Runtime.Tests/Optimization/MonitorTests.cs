using System;
using System.Linq;
using System.Numerics.Tensors;
using Landscape;
using Landscape.Optimization;
using Landscape.Probes;
using Landscape.Tests.Probes;

namespace Landscape.Tests.Optimization;

/// <summary>The sharpness, loss and projection monitors against direct computations at the recorded iterates.</summary>
public sealed class MonitorTests
{
    /// <summary>
    /// Lanczos stops at a relative residual of 1e-10 (LanczosOptions' default); the Ritz value error is then of order
    /// residual²/gap ≪ 1e-10, so a warm-started and a cold-started measurement agree to far better than this bound.
    /// </summary>
    private const double EigenvalueTolerance = 1e-8;

    [Fact]
    public void Sharpness_EqualsTopEigenpairsAtTheSameIterate_AndThresholdIsTheOptimizers()
    {
        var model = new ProbeMlp();
        Dataset data = ProbeData.For(model, 60, seed: 31, oneHot: false);
        double[] theta = ProbeData.Point(model, 32);
        var recorder = new TrainerTestRecorder();
        var sharpness = new SharpnessMonitor(every: 3, k: 2);
        var optimizer = new TrainerTestHeavyBall(0.5);
        var schedule = new TrainerTestDecayingRate(0.05, 20);
        var trainer = new Trainer(model, data, optimizer, schedule);
        trainer.Monitors.Add(recorder);
        trainer.Monitors.Add(sharpness);

        Trajectory t = trainer.Run(theta, 13);

        Assert.Equal(2, t.TopEigenvalues.Length);
        Assert.Equal(t.Column("sharpness_1"), t.Sharpness);
        double[] hvps = t.Column(SharpnessMonitor.HvpColumn), threshold = t.Column(SharpnessMonitor.ThresholdColumn);
        for (int s = 0; s < 13; s++)
        {
            Assert.Equal(optimizer.StabilityThreshold(schedule.At(s)), threshold[s]);
            if (s % 3 != 0)
            {
                Assert.True(double.IsNaN(t.Sharpness[s]) && double.IsNaN(t.TopEigenvalues[1][s]) && double.IsNaN(hvps[s]), $"step {s}");
                continue;
            }
            Eigenpairs cold = Hessian.TopEigenpairs(model, recorder.Parameters[s], data, 2);
            for (int i = 0; i < 2; i++)
                Assert.Equal(cold.Values[i], t.TopEigenvalues[i][s], EigenvalueTolerance * Math.Abs(cold.Values[0]));
            Assert.True(hvps[s] >= 3, $"step {s}: {hvps[s]} HVPs");
        }
        Assert.Equal(5, sharpness.Measurements);
        Assert.Equal(hvps.Where(double.IsFinite).Sum(), sharpness.TotalHvps);
    }

    /// <summary>On a slowly moving trajectory (small η) warm-started Lanczos needs fewer HVPs in total than cold starts.</summary>
    [Fact]
    public void WarmStart_UsesFewerHvpsThanColdStart_OnASlowTrajectory()
    {
        var model = new ProbeMlp();
        Dataset data = ProbeData.For(model, 60, seed: 33, oneHot: false);
        double[] start = ProbeData.Point(model, 34);
        (SharpnessMonitor Monitor, Trajectory Trajectory) Run(bool warm)
        {
            var monitor = new SharpnessMonitor(every: 1, k: 1, warmStart: warm);
            var trainer = new Trainer(model, data, new TrainerTestGradientDescent(), new TrainerTestConstantRate(0.01));
            trainer.Monitors.Add(monitor);
            return (monitor, trainer.Run((double[])start.Clone(), 30));
        }
        var warm = Run(true);
        var cold = Run(false);

        Assert.True(warm.Monitor.TotalHvps < cold.Monitor.TotalHvps, $"warm {warm.Monitor.TotalHvps} HVPs, cold {cold.Monitor.TotalHvps}");
        for (int s = 0; s < 30; s++)
            Assert.Equal(cold.Trajectory.Sharpness[s], warm.Trajectory.Sharpness[s], EigenvalueTolerance * Math.Abs(cold.Trajectory.Sharpness[s]));
        // The first measurement has nothing to warm-start from, so it costs the same.
        Assert.Equal(cold.Trajectory.Column(SharpnessMonitor.HvpColumn)[0], warm.Trajectory.Column(SharpnessMonitor.HvpColumn)[0]);
    }

    [Fact]
    public void LossMonitor_RecordsFullDataAndHeldOutLoss()
    {
        var model = new ProbeMlp();
        Dataset data = ProbeData.For(model, 45, seed: 35, oneHot: false);
        Dataset heldOut = ProbeData.For(model, 20, seed: 36, oneHot: false);
        foreach (int? batch in new int?[] { null, 10 })
        {
            var recorder = new TrainerTestRecorder();
            var trainer = new Trainer(model, data, new TrainerTestGradientDescent(), new TrainerTestConstantRate(0.05)) { BatchSize = batch, Seed = 1 };
            trainer.Monitors.Add(recorder);
            trainer.Monitors.Add(new LossMonitor(heldOut));
            Trajectory t = trainer.Run(ProbeData.Point(model, 37), 12);

            double[] train = t.Column(LossMonitor.TrainColumn), held = t.Column(LossMonitor.HeldOutColumn);
            for (int s = 0; s < 12; s++)
            {
                Assert.Equal(model.Loss(recorder.Parameters[s], data), train[s], 1e-14 * train[s]);
                Assert.Equal(model.Loss(recorder.Parameters[s], heldOut), held[s], 1e-14 * held[s]);
                if (batch is null) Assert.Equal(t.Loss[s], train[s]); // copied, not recomputed
                else Assert.Equal(model.Loss(recorder.Parameters[s], data.Subset(trainer.BatchIndices(s))), t.Loss[s], 1e-14 * t.Loss[s]);
            }
        }
        Assert.Equal([LossMonitor.TrainColumn], new LossMonitor().Columns);
    }

    [Fact]
    public void ProjectionMonitor_ProjectsOntoSeededUnitDirections()
    {
        var model = new ProbeMlp();
        Dataset data = ProbeData.For(model, 30, seed: 38, oneHot: false);
        var recorder = new TrainerTestRecorder();
        var projections = new ProjectionMonitor(count: 3, seed: 40);
        var trainer = new Trainer(model, data, new TrainerTestGradientDescent(), new TrainerTestConstantRate(0.1));
        trainer.Monitors.Add(recorder);
        trainer.Monitors.Add(projections);

        Trajectory t = trainer.Run(ProbeData.Point(model, 39), 8);

        Assert.Equal(["projection_1", "projection_2", "projection_3"], projections.Columns);
        for (int i = 0; i < 3; i++)
        {
            double[] d = Directions.Random(model, 40 + i, Normalization.Unit);
            Assert.Equal(d, projections.DirectionVectors![i]);
            Assert.Equal(1.0, TensorPrimitives.Norm<double>(d), 1e-14);
            double[] column = t.Column("projection_" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            for (int s = 0; s < 8; s++)
            {
                double expected = recorder.Parameters[s].Zip(d, (a, b) => a * b).Sum();
                Assert.Equal(expected, column[s], 1e-12);
            }
        }
        Assert.NotEqual(t.Column("projection_1")[0], t.Column("projection_1")[7]); // θ moves
    }
}
