using System;
using System.Linq;
using Landscape.Experiments.Studies.EdgeOfStabilityModels;
using Landscape.Optimization;

namespace Landscape.Experiments.Studies;

/// <summary>
/// Part (a): GD on the subquadratic well f(x) = √(1 + a·x²) − 1 with a·η &gt; 2 settles on the 2-cycle ±x* with
/// f'(x*)/x* = 2/η and f''(x*) &lt; 2/η, while GD on the quadratic ½·a·x² with the same curvature diverges.
/// </summary>
internal static class TwoCyclePart
{
    /// <summary>The well's curvature at the minimum.</summary>
    public const double Curvature = 4.0;

    /// <summary>The products a·η, all above the stability limit 2.</summary>
    public static readonly double[] CurvatureTimesEta = [2.1, 2.5, 3.0, 4.0, 6.0];

    /// <summary>The starting point, near the (linearly unstable) minimum.</summary>
    public const double Start = 0.05;

    /// <summary>The loss above which the quadratic run counts as diverged.</summary>
    public const double DivergenceBound = 1e6;

    /// <summary>Runs part (a) for <paramref name="steps"/> GD steps per learning rate (even, so the last iterate is a fixed phase).</summary>
    public static void Run(ExperimentContext context, int steps)
    {
        var well = new SqrtWell(Curvature);
        var quadratic = new QuadraticWell(Curvature);
        var iterates = context.Table("two-cycle-iterates", "model", "eta", "step", "x", "loss");
        var cycles = context.Table("two-cycle", "eta", "a_eta", "x_last", "x_previous", "x_star_predicted", "secant_sharpness", "two_over_eta",
            "secant_relative_error", "hessian_at_iterate", "hessian_over_two_over_eta", "quadratic_status", "quadratic_diverged_at", "quadratic_largest_abs_x");
        var amplitudeFigure = context.Plot("two-cycle-amplitude", "GD on √(1+a·x²)−1 vs on ½·a·x² (a = 4)")
            .Axes("step", "|x|", AxisScale.Linear, AxisScale.Log);
        amplitudeFigure.Caption = "GD iterates' |x| for a·η > 2: on the subquadratic well they grow from the unstable minimum and lock onto the 2-cycle amplitude x*; on the quadratic with the same curvature they grow geometrically until the run is stopped as diverged.";
        var wellFigure = context.Plot("two-cycle-on-well", "The 2-cycle ±x* on f(x) = √(1+a·x²)−1 (a = 4)")
            .Axes("x", "f(x)");
        wellFigure.Caption = "The last two GD iterates for each η (markers) sit symmetrically at ±x*, where the secant slope f'(x*)/x* equals 2/η; the well itself is the line.";

        double worstSecant = 0, worstHessianRatio = 0, worstAmplitude = 0;
        int divergedCount = 0;
        double largestStar = 0;
        foreach (double product in CurvatureTimesEta)
        {
            double eta = product / Curvature;
            var wellRun = Train(well, eta, steps, double.PositiveInfinity);
            var quadraticRun = Train(quadratic, eta, steps, DivergenceBound);
            Record(iterates, "sqrt-well", eta, wellRun);
            Record(iterates, "quadratic", eta, quadraticRun);

            double[] xs = wellRun.Column("x");
            double last = xs[^1], previous = xs[^2];
            double star = Math.Abs(last);
            double predicted = Math.Sqrt((product / 2 * (product / 2) - 1) / Curvature); // x*² = ((aη/2)² − 1)/a
            var gradient = new double[1];
            well.Gradient([last], Dataset.Empty, gradient);
            double secant = gradient[0] / last;
            var hessian = new double[1];
            well.Hessian([last], hessian);
            double threshold = 2 / eta;
            double secantError = Math.Abs(secant - threshold) / threshold;
            double hessianRatio = hessian[0] / threshold;
            double[] quadraticXs = quadraticRun.Column("x");
            cycles.Add(eta, product, last, previous, predicted, secant, threshold, secantError, hessian[0], hessianRatio,
                quadraticRun.Status.ToString(), quadraticRun.DivergedAt is long at ? at : -1, LargestFinite(quadraticXs));

            worstSecant = Math.Max(worstSecant, secantError);
            worstHessianRatio = Math.Max(worstHessianRatio, hessianRatio);
            worstAmplitude = Math.Max(worstAmplitude, Math.Abs(star - predicted) / predicted);
            if (quadraticRun.Status == RunStatus.Diverged) divergedCount++;
            largestStar = Math.Max(largestStar, star);

            string label = "η = " + ExperimentContext.Format(eta);
            double[] stepAxis = wellRun.Step.Select(s => (double)s).ToArray();
            amplitudeFigure.Line("well, " + label, stepAxis, xs.Select(Math.Abs).ToArray());
            amplitudeFigure.Line("quadratic, " + label, quadraticRun.Step.Select(s => (double)s).ToArray(), quadraticXs.Select(Math.Abs).ToArray(), dashed: true);
            wellFigure.Scatter("2-cycle, " + label, [previous, last], [well.Value([previous]), well.Value([last])]);
        }

        double extent = 1.25 * largestStar;
        var grid = Enumerable.Range(0, 201).Select(i => -extent + 2 * extent * i / 200).ToArray();
        wellFigure.Line("f(x)", grid, grid.Select(x => well.Value([x])).ToArray());

        context.ClaimWithin("(a) √(1+a·x²)−1, a·η ∈ [2.1, 6]: worst relative error of the 2-cycle's secant sharpness f'(x*)/x* vs 2/η", worstSecant, 0, 0.01);
        context.ClaimWithin("(a) worst relative error of the 2-cycle amplitude |x*| vs √(((aη/2)² − 1)/a)", worstAmplitude, 0, 0.01);
        context.Claim("(a) largest f''(x*)/(2/η) at the 2-cycle (the Hessian at the iterates is below 2/η)", worstHessianRatio, "< 1", worstHessianRatio < 1);
        context.Claim($"(a) quadratic ½·a·x² runs that the trainer stopped as diverged (|loss| > {ExperimentContext.Format(DivergenceBound)}) out of {CurvatureTimesEta.Length}",
            divergedCount, $"= {CurvatureTimesEta.Length}", divergedCount == CurvatureTimesEta.Length);
    }

    private static Trajectory Train(IModel model, double eta, int steps, double divergenceBound)
    {
        var trainer = new Trainer(model, Dataset.Empty, new GradientDescent(), LearningRate.Constant(eta)) { DivergenceBound = divergenceBound };
        trainer.Monitors.Add(new CoordinateMonitor("x"));
        double[] x = [Start];
        return trainer.Run(x, steps);
    }

    private static double LargestFinite(double[] values)
    {
        double largest = 0;
        foreach (double value in values)
            if (double.IsFinite(value)) largest = Math.Max(largest, Math.Abs(value));
        return largest;
    }

    private static void Record(ResultTable table, string model, double eta, Trajectory run)
    {
        long[] step = run.Step;
        double[] x = run.Column("x"), loss = run.Loss;
        for (int i = 0; i < step.Length; i++) table.Add(model, eta, step[i], x[i], loss[i]);
    }
}
