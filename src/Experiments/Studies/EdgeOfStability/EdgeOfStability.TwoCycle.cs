using System;
using System.Collections.Generic;
using Landscape.Experiments.Studies.EdgeOfStabilityModels;
using Landscape.Optimization;

namespace Landscape.Experiments.Studies;

/// <summary>One learning rate of part (a): GD on the well and on the quadratic, and the 2-cycle the well run settled on.</summary>
/// <param name="Eta">The learning rate η.</param>
/// <param name="CurvatureTimesEta">a·η (above the stability limit 2).</param>
/// <param name="Well">GD on √(1 + a·x²) − 1 (column <c>x</c>).</param>
/// <param name="Quadratic">GD on ½·a·x² (column <c>x</c>), stopped when its loss exceeds the divergence bound.</param>
/// <param name="Last">The last iterate of the well run.</param>
/// <param name="Previous">The iterate before it.</param>
/// <param name="Predicted">The predicted amplitude x* = √(((aη/2)² − 1)/a).</param>
/// <param name="Secant">The secant sharpness f'(x)/x at the last iterate.</param>
/// <param name="Hessian">f''(x) at the last iterate.</param>
/// <param name="SecantError">|secant − 2/η| / (2/η).</param>
/// <param name="HessianRatio">f''(x) / (2/η).</param>
internal sealed record TwoCycleRun(double Eta, double CurvatureTimesEta, Trajectory Well, Trajectory Quadratic, double Last, double Previous,
                                   double Predicted, double Secant, double Hessian, double SecantError, double HessianRatio)
{
    /// <summary>2/η.</summary>
    public double Threshold => 2 / Eta;
}

/// <summary>Part (a) over every learning rate, with the worst cases the claims read.</summary>
/// <param name="Runs">One run per a·η, in the order of <see cref="EdgeOfStability.TwoCycleProducts"/>.</param>
/// <param name="WorstSecant">The largest relative error of the secant sharpness against 2/η.</param>
/// <param name="WorstHessianRatio">The largest f''(x*)/(2/η).</param>
/// <param name="WorstAmplitude">The largest relative error of |x*| against the prediction.</param>
/// <param name="DivergedCount">Quadratic runs the trainer stopped as diverged.</param>
/// <param name="LargestAmplitude">The largest |x*| (the extent of the figure of the well).</param>
internal sealed record TwoCycleResults(IReadOnlyList<TwoCycleRun> Runs, double WorstSecant, double WorstHessianRatio, double WorstAmplitude,
                                       int DivergedCount, double LargestAmplitude);

/// <summary>
/// Part (a): GD on the subquadratic well f(x) = √(1 + a·x²) − 1 with a·η &gt; 2 settles on the 2-cycle ±x* with
/// f'(x*)/x* = 2/η and f''(x*) &lt; 2/η, while GD on the quadratic ½·a·x² with the same curvature diverges.
/// </summary>
public sealed partial class EdgeOfStability
{
    /// <summary>The well's curvature at the minimum.</summary>
    internal const double TwoCycleCurvature = 4.0;

    /// <summary>The products a·η, all above the stability limit 2.</summary>
    internal static readonly double[] TwoCycleProducts = [2.1, 2.5, 3.0, 4.0, 6.0];

    /// <summary>The starting point, near the (linearly unstable) minimum.</summary>
    private const double TwoCycleStart = 0.05;

    /// <summary>The loss above which the quadratic run counts as diverged.</summary>
    internal const double DivergenceBound = 1e6;

    /// <summary>Runs part (a): for every a·η, GD on the well and on the quadratic, and the 2-cycle the well run reached.</summary>
    private static TwoCycleResults RunTwoCycles(EdgeOfStabilityPlan plan)
    {
        var well = new SqrtWell(TwoCycleCurvature);
        var quadratic = new QuadraticWell(TwoCycleCurvature);
        var runs = new List<TwoCycleRun>();
        double worstSecant = 0, worstHessianRatio = 0, worstAmplitude = 0;
        int divergedCount = 0;
        double largestStar = 0;
        foreach (double product in TwoCycleProducts)
        {
            double eta = product / TwoCycleCurvature;
            var wellRun = TrainOnWell(well, eta, plan.TwoCycleSteps, double.PositiveInfinity);
            var quadraticRun = TrainOnWell(quadratic, eta, plan.TwoCycleSteps, DivergenceBound);

            double[] xs = wellRun.Column("x");
            double last = xs[^1], previous = xs[^2];
            double star = Math.Abs(last);
            double predicted = Math.Sqrt((product / 2 * (product / 2) - 1) / TwoCycleCurvature); // x*² = ((aη/2)² − 1)/a
            var gradient = new double[1];
            well.Gradient([last], Dataset.Empty, gradient);
            double secant = gradient[0] / last;
            var hessian = new double[1];
            well.Hessian([last], hessian);
            double threshold = 2 / eta;
            double secantError = Math.Abs(secant - threshold) / threshold;
            double hessianRatio = hessian[0] / threshold;
            runs.Add(new TwoCycleRun(eta, product, wellRun, quadraticRun, last, previous, predicted, secant, hessian[0], secantError, hessianRatio));

            worstSecant = Math.Max(worstSecant, secantError);
            worstHessianRatio = Math.Max(worstHessianRatio, hessianRatio);
            worstAmplitude = Math.Max(worstAmplitude, Math.Abs(star - predicted) / predicted);
            if (quadraticRun.Status == RunStatus.Diverged) divergedCount++;
            largestStar = Math.Max(largestStar, star);
        }
        return new TwoCycleResults(runs, worstSecant, worstHessianRatio, worstAmplitude, divergedCount, largestStar);
    }

    private static Trajectory TrainOnWell(IModel model, double eta, int steps, double divergenceBound)
    {
        var trainer = new Trainer(model, Dataset.Empty, new GradientDescent(), LearningRate.Constant(eta)) { DivergenceBound = divergenceBound };
        trainer.Monitors.Add(new CoordinateMonitor("x"));
        double[] x = [TwoCycleStart];
        return trainer.Run(x, steps);
    }
}
