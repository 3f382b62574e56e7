using System;
using System.Linq;
using Landscape.Experiments.Studies.EdgeOfStabilityModels;
using Landscape.Optimization;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

/// <summary>
/// Part (b): on smoothed |x|^p the loss level at which GD settles (the 2-cycle's mean loss) scales as η^{p/(2−p)}
/// (PAPER.md §4.2: level = (pη/2)^{p/(2−p)}), for p ∈ {1.25, 1.5, 1.75}.
/// </summary>
internal static class LossLevelPart
{
    /// <summary>The smoothing ε of (x² + ε²)^{p/2} − ε^p, far below every 2-cycle amplitude used.</summary>
    public const double Epsilon = 1e-8;

    /// <summary>The starting point (PAPER.md's simulation check).</summary>
    public const double Start = 0.37;

    /// <summary>The exponents p and their η ranges, chosen so that x* = (pη/2)^{1/(2−p)} ≫ ε (PAPER.md's note on p = 1.75).</summary>
    public static readonly (double P, double EtaMin, double EtaMax)[] Cases = [(1.25, 0.05, 0.5), (1.5, 0.05, 0.5), (1.75, 0.1, 0.5)];

    /// <summary>Runs part (b) with <paramref name="etaCount"/> log-spaced η per p and <paramref name="steps"/> GD steps each.</summary>
    public static void Run(ExperimentContext context, int etaCount, int steps)
    {
        var levels = context.Table("loss-level", "p", "eta", "settled_level", "predicted_level", "x_star", "x_star_predicted", "status");
        var fits = context.Table("loss-level-fit", "p", "slope", "slope_lower", "slope_upper", "predicted_slope", "relative_error");
        var figure = context.Plot("loss-level-vs-eta", "Settled loss level vs η on smoothed |x|^p")
            .Axes("learning rate η", "loss level (mean over the 2-cycle)", AxisScale.Log, AxisScale.Log);
        figure.Caption = "Markers: the loss level GD settles at (averaged over the 2-cycle after transients); dashed: the prediction (pη/2)^{p/(2−p)}. Each p gives a straight line of slope p/(2−p) in log–log: smaller steps settle lower.";
        int averaging = Math.Max(2, steps / 10 / 2 * 2); // an even number of final steps: whole 2-cycles
        foreach (var (p, etaMin, etaMax) in Cases)
        {
            var objective = new SmoothedPower(p, Epsilon);
            var etas = new double[etaCount];
            var settled = new double[etaCount];
            var predicted = new double[etaCount];
            for (int i = 0; i < etaCount; i++)
            {
                double eta = etaMin * Math.Pow(etaMax / etaMin, i / (double)(etaCount - 1));
                var trainer = new Trainer(objective, Dataset.Empty, new GradientDescent(), LearningRate.Constant(eta));
                trainer.Monitors.Add(new CoordinateMonitor("x"));
                var run = trainer.Run(new[] { Start }, steps);
                double[] loss = run.Loss, x = run.Column("x");
                double level = loss.AsSpan(loss.Length - averaging).ToArray().Average();
                double star = x.AsSpan(x.Length - averaging).ToArray().Select(Math.Abs).Average();
                double predictedLevel = Math.Pow(p * eta / 2, p / (2 - p));
                double predictedStar = Math.Pow(p * eta / 2, 1 / (2 - p));
                levels.Add(p, eta, level, predictedLevel, star, predictedStar, run.Status.ToString());
                etas[i] = eta;
                settled[i] = level;
                predicted[i] = predictedLevel;
            }
            ExponentFit fit = Growth.FitExponent(etas, settled, etaMin, etaMax, context.Seed);
            double expected = p / (2 - p);
            double error = Math.Abs(fit.Exponent - expected) / expected;
            fits.Add(p, fit.Exponent, fit.Lower, fit.Upper, expected, error);
            string label = "p = " + ExperimentContext.Format(p);
            figure.Scatter($"{label} (slope {fit.Exponent.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)})", etas, settled);
            figure.Line($"{label}: (pη/2)^(p/(2−p))", etas, predicted, dashed: true);
            context.ClaimWithin($"(b) smoothed |x|^p, p = {ExperimentContext.Format(p)}: relative error of the log–log slope of loss level vs η against p/(2−p) = {ExperimentContext.Format(expected)} (slope {ExperimentContext.Format(fit.Exponent)})",
                error, 0, 0.05);
        }
    }
}
