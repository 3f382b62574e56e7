using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Landscape.Experiments.Studies.EdgeOfStabilityModels;
using Landscape.Optimization;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

/// <summary>
/// Part (d): full-batch GD on an fc-tanh MSE network on MNIST (Cohen et al. 2021): the sharpness, tracked every few
/// steps by warm-started Lanczos, rises to 2/η and then hovers around it, while the loss keeps decreasing,
/// non-monotonically.
/// </summary>
internal static class NetworkPart
{
    /// <summary>The sizes and step counts of one run of part (d).</summary>
    public sealed record Plan(int Examples, int Width, double[] LearningRates, int Steps, int SharpnessEvery, int CheckpointEvery);

    /// <summary>A measurement counts as "at the edge" when within this relative band of 2/η.</summary>
    public const double Band = 0.10;

    /// <summary>The fraction of late measurements that must lie in the band.</summary>
    public const double RequiredFraction = 0.8;

    /// <summary>Lanczos' relative residual tolerance: ample for a ±10% band, and about half the HVPs of the default.</summary>
    public const double LanczosTolerance = 1e-6;

    /// <summary>The fc-tanh network of the given hidden width.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No network of that width is declared.</exception>
    public static IModel Network(int width) => width switch
    {
        16 => new FcTanh16(),
        32 => new FcTanh32(),
        64 => new FcTanh64(),
        200 => new FcTanh200(),
        _ => throw new ArgumentOutOfRangeException(nameof(width), width, "The network width must be one of the declared fc-tanh widths: 16, 32, 64 or 200."),
    };

    /// <summary>Runs part (d).</summary>
    public static void Run(ExperimentContext context, Plan plan)
    {
        Dataset data = StudyData.Mnist(plan.Examples);
        IModel model = Network(plan.Width);
        var trajectories = context.Table("network-trajectory", "eta", "step", "loss", "gradient_norm", "sharpness", "sharpness_hvps", "two_over_eta");
        var summary = context.Table("network-summary", "eta", "two_over_eta", "initial_sharpness", "onset_step", "late_from_step", "late_measurements",
            "late_fraction_in_band", "max_sharpness_after_onset", "loss_at_onset", "final_loss", "loss_increases_after_onset", "mean_hvps_per_measurement", "status");
        var sharpnessFigure = context.Plot("network-sharpness", $"Sharpness under full-batch GD: fc-tanh 784-{plan.Width}-{plan.Width}-10, MSE, {plan.Examples} MNIST examples")
            .Axes("step", "sharpness λ_max (Lanczos)");
        sharpnessFigure.Caption = "Each η: the sharpness rises (progressive sharpening) until it reaches 2/η (horizontal lines), then hovers around it instead of rising further — the edge of stability.";
        var lossFigure = context.Plot("network-loss", "Training loss under full-batch GD at the edge of stability")
            .Axes("step", "training loss (MSE)", AxisScale.Linear, AxisScale.Log);
        lossFigure.Caption = "The loss keeps decreasing over long times even though the sharpness is pinned at 2/η; after onset it is non-monotone, with small spikes as the iterate oscillates across the valley.";

        var initial = new double[model.ParameterCount];
        model.Initialize(initial, context.Seed);
        using var progress = context.Progress("(d) fc-tanh on MNIST", plan.LearningRates.Length * (double)plan.Steps);
        for (int r = 0; r < plan.LearningRates.Length; r++)
        {
            double eta = plan.LearningRates[r];
            Trajectory run = Train(context, model, data, initial, eta, plan, r);
            progress.Increment(plan.Steps);
            if (run.Status == RunStatus.Cancelled) return;
            Report(context, trajectories, summary, sharpnessFigure, lossFigure, eta, run);
        }
    }

    private static Trajectory Train(ExperimentContext context, IModel model, Dataset data, double[] initial, double eta, Plan plan, int index)
    {
        var trainer = new Trainer(model, data, new GradientDescent(), LearningRate.Constant(eta))
        {
            CheckpointPath = context.CheckpointPath(string.Create(CultureInfo.InvariantCulture, $"network-{index}")),
            CheckpointEvery = plan.CheckpointEvery,
        };
        trainer.Monitors.Add(new SharpnessMonitor(plan.SharpnessEvery, k: 1, warmStart: true)
        {
            Options = new LanczosOptions { Tolerance = LanczosTolerance, Seed = context.Seed },
        });
        var theta = (double[])initial.Clone();
        if (context.Resume && File.Exists(trainer.CheckpointPath))
        {
            context.Log.WriteLine($"(d) η = {ExperimentContext.Format(eta)}: resuming from {trainer.CheckpointPath}");
            return trainer.Resume(trainer.CheckpointPath, theta, plan.Steps, context.Cancellation);
        }
        return trainer.Run(theta, plan.Steps, context.Cancellation);
    }

    private static void Report(ExperimentContext context, ResultTable trajectories, ResultTable summary, Figure sharpnessFigure, Figure lossFigure, double eta, Trajectory run)
    {
        double threshold = 2 / eta;
        long[] step = run.Step;
        double[] loss = run.Loss, gradientNorm = run.GradientNorm, sharpness = run.Sharpness, hvps = run.Column(SharpnessMonitor.HvpColumn);
        for (int i = 0; i < step.Length; i++) trajectories.Add(eta, step[i], loss[i], gradientNorm[i], sharpness[i], hvps[i], threshold);

        int[] measured = Enumerable.Range(0, sharpness.Length).Where(i => double.IsFinite(sharpness[i])).ToArray();
        int first = Array.FindIndex(measured, i => sharpness[i] >= (1 - Band) * threshold);
        int onset = first < 0 ? -1 : measured[first];
        // The late phase: the second half of the steps after onset, once the overshoot at onset has had time to settle.
        int lateFrom = onset < 0 ? step.Length : onset + (step.Length - onset) / 2;
        int[] late = measured.Where(i => i >= lateFrom).ToArray();
        double fraction = late.Length == 0 ? 0 : late.Count(i => Math.Abs(sharpness[i] / threshold - 1) <= Band) / (double)late.Length;
        double maxAfterOnset = onset < 0 ? double.NaN : measured.Where(i => i >= onset).Max(i => sharpness[i]);
        double lossAtOnset = onset < 0 ? double.NaN : loss[onset];
        double finalLoss = loss[^1];
        int increases = onset < 0 ? 0 : Enumerable.Range(onset + 1, loss.Length - onset - 1).Count(i => loss[i] > loss[i - 1]);
        double meanHvps = measured.Length == 0 ? double.NaN : measured.Average(i => hvps[i]);
        summary.Add(eta, threshold, sharpness[0], onset, lateFrom, late.Length, fraction, maxAfterOnset, lossAtOnset, finalLoss, increases, meanHvps, run.Status.ToString());

        string label = "η = " + ExperimentContext.Format(eta);
        double[] measuredSteps = measured.Select(i => (double)step[i]).ToArray();
        sharpnessFigure.Line(label, measuredSteps, measured.Select(i => sharpness[i]).ToArray());
        sharpnessFigure.HorizontalLine("2/η, " + label, threshold);
        if (onset >= 0) sharpnessFigure.VerticalLine("onset, " + label, step[onset]);
        lossFigure.Line(label, step.Select(s => (double)s).ToArray(), loss);

        context.Claim($"(d) fc-tanh MNIST, {label}: first step with sharpness ≥ {ExperimentContext.Format(1 - Band)}·2/η = {ExperimentContext.Format((1 - Band) * threshold)} (sharpness rises to 2/η from {ExperimentContext.Format(sharpness[0])}, within the first half of the run)",
            onset, $"∈ [1, {step.Length / 2}]", onset >= 1 && onset <= step.Length / 2);
        context.ClaimWithin($"(d) {label}: fraction of the {late.Length} sharpness measurements in the second half after onset within ±{ExperimentContext.Format(Band * 100)}% of 2/η",
            fraction, RequiredFraction, 1);
        context.Claim($"(d) {label}: final loss / loss at onset (the loss keeps decreasing at the edge of stability)",
            finalLoss / lossAtOnset, "< 1", finalLoss / lossAtOnset < 1);
        context.Claim($"(d) {label}: loss increases between consecutive steps after onset (non-monotone)", increases, "> 0", increases > 0);
        context.Measure($"(d) {label}: largest sharpness after onset / (2/η)", maxAfterOnset / threshold);
        context.Measure($"(d) {label}: mean HVPs per sharpness measurement", meanHvps, "HVPs");
    }
}
