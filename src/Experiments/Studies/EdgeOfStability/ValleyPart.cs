using System;
using System.Linq;
using Landscape.Experiments.Studies.EdgeOfStabilityModels;
using Landscape.Optimization;

namespace Landscape.Experiments.Studies;

/// <summary>
/// Part (c): on the curved valley A₀·e^{K·y}·ψ(x − M·y) − C·y, GD drifts along the floor into sharper regions
/// (progressive sharpening) until the sharpness reaches 2/η, then hovers there: the x-coordinate settles on a 2-cycle
/// whose pull on y balances the drift (PAPER.md §4.2, 2-D valley model). Sharpness is exact: the largest eigenvalue of
/// the dense 2×2 Hessian at every iterate.
/// </summary>
internal static class ValleyPart
{
    /// <summary>The valley: sharpness 12 at y = 0, rising by e^{0.3·y}; floor x = 0.1·y; loss −0.05·y along it.</summary>
    public static readonly SharpeningValley Valley = new(A0: 12, K: 0.3, M: 0.1, C: 0.05);

    /// <summary>The learning rates (2/η = 20 and 40, both above the starting sharpness).</summary>
    public static readonly double[] LearningRates = [0.1, 0.05];

    /// <summary>The late phase, over which the hovering is judged: the last this fraction of the steps.</summary>
    public const double LateFraction = 0.4;

    /// <summary>Runs part (c) for <paramref name="steps"/> GD steps per learning rate, recording every <paramref name="every"/>-th step.</summary>
    public static void Run(ExperimentContext context, int steps, int every)
    {
        var table = context.Table("valley-trajectory", "eta", "step", "x", "y", "loss", "sharpness", "two_over_eta");
        var summary = context.Table("valley-summary", "eta", "two_over_eta", "initial_sharpness", "onset_step", "late_from_step",
            "late_min_sharpness", "late_max_sharpness", "late_max_relative_deviation", "loss_increases");
        var sharpnessFigure = context.Plot("valley-sharpness", "Progressive sharpening and edge of stability in a 2-D valley")
            .Axes("step", "sharpness λ_max (exact 2×2 Hessian)");
        sharpnessFigure.Caption = "GD drifts along the valley floor into sharper regions until λ_max reaches 2/η (dashed lines), then hovers there while x oscillates on a 2-cycle; a smaller η climbs to a higher 2/η.";
        var lossFigure = context.Plot("valley-loss", "Loss along the 2-D valley")
            .Axes("step", "loss");
        lossFigure.Caption = "The loss falls steadily during progressive sharpening; at the edge of stability it jumps as the 2-cycle grows and then oscillates step to step around a settled level.";

        var sharpness = new DenseSharpnessMonitor(2, Valley.Hessian);
        foreach (double eta in LearningRates)
        {
            var trainer = new Trainer(Valley, Dataset.Empty, new GradientDescent(), LearningRate.Constant(eta));
            trainer.Monitors.Add(new CoordinateMonitor("x", "y"));
            trainer.Monitors.Add(sharpness);
            var run = trainer.Run(new double[2], steps);
            double threshold = 2 / eta;
            double[] x = run.Column("x"), y = run.Column("y"), loss = run.Loss, lambda = run.Column(DenseSharpnessMonitor.Column);
            long[] step = run.Step;
            for (int i = 0; i < step.Length; i += every) table.Add(eta, step[i], x[i], y[i], loss[i], lambda[i], threshold);

            int onset = Array.FindIndex(lambda, l => l >= 0.95 * threshold);
            int lateFrom = (int)Math.Round(steps * (1 - LateFraction));
            double[] late = lambda.Skip(lateFrom).ToArray();
            double deviation = late.Length == 0 ? double.NaN : late.Max(l => Math.Abs(l / threshold - 1));
            if (late.Any(double.IsNaN)) deviation = double.NaN;
            int increases = Enumerable.Range(1, loss.Length - 1).Count(i => loss[i] > loss[i - 1]);
            summary.Add(eta, threshold, lambda[0], onset, lateFrom, late.Min(), late.Max(), deviation, increases);

            string label = "η = " + ExperimentContext.Format(eta);
            double[] stepAxis = step.Select(s => (double)s).ToArray();
            sharpnessFigure.Line(label, stepAxis, lambda);
            sharpnessFigure.HorizontalLine("2/η, " + label, threshold);
            lossFigure.Line(label, stepAxis, loss);

            context.ClaimWithin($"(c) valley, {label}: initial sharpness / (2/η) (GD starts stable, by a margin)", lambda[0] / threshold, 0, 0.75);
            context.Claim($"(c) valley, {label}: step at which sharpness first reaches 0.95·2/η (progressive sharpening, before the late phase from step {lateFrom})",
                onset, $"∈ [1, {lateFrom})", onset >= 1 && onset < lateFrom);
            context.ClaimWithin($"(c) valley, {label}: largest |λ_max/(2/η) − 1| over the last {ExperimentContext.Format(LateFraction * 100)}% of steps (hovering at 2/η)", deviation, 0, 0.05);
            context.Measure($"(c) valley, {label}: loss increases between consecutive steps", increases, "steps");
        }
    }
}
