using System;
using System.Globalization;
using System.Linq;
using Landscape;
using Landscape.Experiments;
using Landscape.Optimization;

namespace CustomStudy;

/// <summary>
/// Full-batch gradient descent on a small tanh regression network at several step sizes η, with the sharpness (top
/// Hessian eigenvalue, by Lanczos) measured along the way. GD cannot settle where the sharpness exceeds 2/η (the
/// quadratic model's stability limit), so the claim is that the late sharpness stays at or below 2/η, up to 10%.
/// </summary>
[Experiment("step-size-sharpness", Summary = "Under full-batch GD the sharpness ends at or below 2/η for every step size η")]
public sealed partial class StepSizeSharpness : IExperiment
{
    /// <summary>The step sizes, one GD run each.</summary>
    [Setting("Step sizes η of the GD runs")]
    public double[] LearningRates { get; set; } = [0.25, 0.5, 1.0];

    /// <summary>GD steps per run; 0 means the profile's default.</summary>
    [Setting("GD steps per run (0 = profile default: 200 test, 400 quick, 1500 full)")]
    public int Steps { get; set; }

    /// <summary>Steps between sharpness measurements.</summary>
    [Setting("Steps between sharpness measurements")]
    public int SharpnessEvery { get; set; } = 10;

    /// <summary>Runs GD at every step size and claims that the late sharpness is at most 2/η (+10%).</summary>
    public ExperimentResult Run(ExperimentContext context)
    {
        // Settings → plan: resolve the profile default and record the value used (the manifest shows it).
        if (Steps == 0) Steps = context.ByProfile(200, 400, 1500);
        if (Steps < 20) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "Steps must be at least 20 (or 0 for the profile default).");
        if (LearningRates.Length == 0 || LearningRates.Any(eta => !(eta > 0) || !double.IsFinite(eta)))
            throw new ArgumentOutOfRangeException(nameof(LearningRates), "Every step size must be positive and finite.");
        if (SharpnessEvery < 1) throw new ArgumentOutOfRangeException(nameof(SharpnessEvery), SharpnessEvery, "SharpnessEvery must be at least 1.");

        var network = new RegressionNet();
        Dataset data = RegressionData.Create(count: 64, seed: context.Seed);
        context.Log.WriteLine($"{RegressionNet.Architecture} on {data.Count} examples, {Steps} GD steps per η");

        // Run: one GD trajectory per η from the same initialization.
        var trajectories = context.Table("trajectories", "eta", "step", "loss", "sharpness");
        var summary = context.Table("summary", "eta", "final_loss", "late_sharpness", "two_over_eta");
        var figure = context.Plot("sharpness", "Sharpness under full-batch GD")
            .Axes("step", "top Hessian eigenvalue", yScale: AxisScale.Log);
        figure.Caption = "Sharpness of each run (solid) and its stability limit 2/η (dotted): GD does not stay above its line.";
        using var progress = context.Progress("gradient descent", LearningRates.Length * Steps);
        foreach (double eta in LearningRates)
        {
            var theta = new double[network.ParameterCount];
            network.Initialize(theta, seed: context.Seed);
            var trainer = new Trainer(network, data, new GradientDescent(), LearningRate.Constant(eta));
            trainer.Monitors.Add(new SharpnessMonitor(every: SharpnessEvery));
            Trajectory run = trainer.Run(theta, Steps, context.Cancellation);
            progress.Increment(Steps);
            if (run.Status == RunStatus.Cancelled) return context.Result();

            double[] sharpness = run.Sharpness;
            double[] loss = run.Loss;
            long[] step = run.Step;
            for (int i = 0; i < run.Count; i++)
                if (!double.IsNaN(sharpness[i])) trajectories.Add(eta, step[i], loss[i], sharpness[i]);

            // The last quarter of the measurements: where the run has settled.
            double[] measured = sharpness.Where(s => !double.IsNaN(s)).ToArray();
            double late = measured.Skip(measured.Length * 3 / 4).Max();
            summary.Add(eta, loss[^1], late, 2 / eta);
            string label = "η = " + eta.ToString(CultureInfo.InvariantCulture);
            figure.Line(label, step.Where((_, i) => !double.IsNaN(sharpness[i])).Select(s => (double)s).ToArray(), measured);
            figure.HorizontalLine("2/η, " + label, 2 / eta);

            // Claims: stated per run, measured against the expectation.
            if (run.Status == RunStatus.Diverged)
                context.Claim($"{label}: GD does not diverge", run.DivergedAt ?? -1, "no divergence", holds: false);
            else
                context.ClaimWithin($"{label}: late sharpness / (2/η)", late * eta / 2, 0, 1.1);
        }
        return context.Result();
    }
}
