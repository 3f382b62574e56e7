using System;
using System.Collections.Generic;
using System.Linq;
using Landscape.Experiments.Studies.EdgeOfStabilityModels;
using Landscape.Optimization;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

/// <summary>One learning rate of part (b): where GD settled on smoothed |x|^p, and the prediction.</summary>
/// <param name="Eta">The learning rate η.</param>
/// <param name="Settled">The loss level, averaged over the final whole 2-cycles.</param>
/// <param name="Predicted">The predicted level (pη/2)^{p/(2−p)}.</param>
/// <param name="Amplitude">The mean |x| over the same final steps.</param>
/// <param name="PredictedAmplitude">The predicted amplitude x* = (pη/2)^{1/(2−p)}.</param>
/// <param name="Status">How the run ended.</param>
internal sealed record LossLevelPoint(double Eta, double Settled, double Predicted, double Amplitude, double PredictedAmplitude, RunStatus Status);

/// <summary>Part (b) for one exponent p: the settled levels over the η range and the log–log fit of level vs η.</summary>
/// <param name="P">The exponent p of |x|^p.</param>
/// <param name="Points">One point per learning rate, η ascending.</param>
/// <param name="Fit">The least-squares slope of log level vs log η, with its bootstrap interval.</param>
/// <param name="PredictedSlope">p/(2−p).</param>
/// <param name="RelativeError">|slope − p/(2−p)| / (p/(2−p)).</param>
internal sealed record LossLevelSeries(double P, IReadOnlyList<LossLevelPoint> Points, ExponentFit Fit, double PredictedSlope, double RelativeError);

/// <summary>
/// Part (b): on smoothed |x|^p the loss level at which GD settles (the 2-cycle's mean loss) scales as η^{p/(2−p)}
/// (PAPER.md §4.2: level = (pη/2)^{p/(2−p)}), for p ∈ {1.25, 1.5, 1.75}.
/// </summary>
public sealed partial class EdgeOfStability
{
    /// <summary>The smoothing ε of (x² + ε²)^{p/2} − ε^p, far below every 2-cycle amplitude used.</summary>
    private const double LossLevelEpsilon = 1e-8;

    /// <summary>The starting point (PAPER.md's simulation check).</summary>
    private const double LossLevelStart = 0.37;

    /// <summary>The exponents p and their η ranges, chosen so that x* = (pη/2)^{1/(2−p)} ≫ ε (PAPER.md's note on p = 1.75).</summary>
    private static readonly (double P, double EtaMin, double EtaMax)[] LossLevelCases = [(1.25, 0.05, 0.5), (1.5, 0.05, 0.5), (1.75, 0.1, 0.5)];

    /// <summary>Runs part (b): for every p, GD at log-spaced η, the settled levels, and the fitted slope.</summary>
    private static List<LossLevelSeries> RunLossLevels(ExperimentContext context, EdgeOfStabilityPlan plan)
    {
        int etaCount = plan.LossLevelEtaCount, steps = plan.LossLevelSteps;
        int averaging = Math.Max(2, steps / 10 / 2 * 2); // an even number of final steps: whole 2-cycles
        var series = new List<LossLevelSeries>();
        foreach (var (p, etaMin, etaMax) in LossLevelCases)
        {
            var objective = new SmoothedPower(p, LossLevelEpsilon);
            var points = new List<LossLevelPoint>();
            var etas = new double[etaCount];
            var settled = new double[etaCount];
            for (int i = 0; i < etaCount; i++)
            {
                double eta = etaMin * Math.Pow(etaMax / etaMin, i / (double)(etaCount - 1));
                var trainer = new Trainer(objective, Dataset.Empty, new GradientDescent(), LearningRate.Constant(eta));
                trainer.Monitors.Add(new CoordinateMonitor("x"));
                var run = trainer.Run(new[] { LossLevelStart }, steps);
                double[] loss = run.Loss, x = run.Column("x");
                double level = loss.AsSpan(loss.Length - averaging).ToArray().Average();
                double star = x.AsSpan(x.Length - averaging).ToArray().Select(Math.Abs).Average();
                double predictedLevel = Math.Pow(p * eta / 2, p / (2 - p));
                double predictedStar = Math.Pow(p * eta / 2, 1 / (2 - p));
                points.Add(new LossLevelPoint(eta, level, predictedLevel, star, predictedStar, run.Status));
                etas[i] = eta;
                settled[i] = level;
            }
            ExponentFit fit = Growth.FitExponent(etas, settled, etaMin, etaMax, context.Seed);
            double expected = p / (2 - p);
            double error = Math.Abs(fit.Exponent - expected) / expected;
            series.Add(new LossLevelSeries(p, points, fit, expected, error));
        }
        return series;
    }
}
