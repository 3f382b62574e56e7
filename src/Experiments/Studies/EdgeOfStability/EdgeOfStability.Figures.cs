using System;
using System.Linq;
using Landscape.Experiments.Studies.EdgeOfStabilityModels;

namespace Landscape.Experiments.Studies;

public sealed partial class EdgeOfStability
{
    /// <summary>The figures of the four parts, in order: (a) two, (b) one, (c) two, (d) two.</summary>
    private static void DrawFigures(ExperimentContext context, EdgeOfStabilityPlan plan, EdgeOfStabilityResults results)
    {
        DrawTwoCycleFigures(context, results.TwoCycles);
        DrawLossLevelFigure(context, results);
        DrawValleyFigures(context, results);
        DrawNetworkFigures(context, plan, results);
    }

    /// <summary>(a) |x| per step on the well and on the quadratic; the 2-cycles drawn on the well.</summary>
    private static void DrawTwoCycleFigures(ExperimentContext context, TwoCycleResults twoCycles)
    {
        var well = new SqrtWell(TwoCycleCurvature);
        var amplitudeFigure = context.Plot("two-cycle-amplitude", "GD on √(1+a·x²)−1 vs on ½·a·x² (a = 4)")
            .Axes("step", "|x|", AxisScale.Linear, AxisScale.Log);
        amplitudeFigure.Caption = "GD iterates' |x| for a·η > 2: on the subquadratic well they grow from the unstable minimum and lock onto the 2-cycle amplitude x*; on the quadratic with the same curvature they grow geometrically until the run is stopped as diverged.";
        var wellFigure = context.Plot("two-cycle-on-well", "The 2-cycle ±x* on f(x) = √(1+a·x²)−1 (a = 4)")
            .Axes("x", "f(x)");
        wellFigure.Caption = "The last two GD iterates for each η (markers) sit symmetrically at ±x*, where the secant slope f'(x*)/x* equals 2/η; the well itself is the line.";

        foreach (TwoCycleRun c in twoCycles.Runs)
        {
            string label = "η = " + ExperimentContext.Format(c.Eta);
            double[] stepAxis = c.Well.Step.Select(s => (double)s).ToArray();
            amplitudeFigure.Line("well, " + label, stepAxis, c.Well.Column("x").Select(Math.Abs).ToArray());
            amplitudeFigure.Line("quadratic, " + label, c.Quadratic.Step.Select(s => (double)s).ToArray(), c.Quadratic.Column("x").Select(Math.Abs).ToArray(), dashed: true);
            wellFigure.Scatter("2-cycle, " + label, [c.Previous, c.Last], [well.Value([c.Previous]), well.Value([c.Last])]);
        }

        double extent = 1.25 * twoCycles.LargestAmplitude;
        var grid = Enumerable.Range(0, 201).Select(i => -extent + 2 * extent * i / 200).ToArray();
        wellFigure.Line("f(x)", grid, grid.Select(x => well.Value([x])).ToArray());
    }

    /// <summary>(b) The settled loss level against η per p (log–log) with the predictions dashed.</summary>
    private static void DrawLossLevelFigure(ExperimentContext context, EdgeOfStabilityResults results)
    {
        var figure = context.Plot("loss-level-vs-eta", "Settled loss level vs η on smoothed |x|^p")
            .Axes("learning rate η", "loss level (mean over the 2-cycle)", AxisScale.Log, AxisScale.Log);
        figure.Caption = "Markers: the loss level GD settles at (averaged over the 2-cycle after transients); dashed: the prediction (pη/2)^{p/(2−p)}. Each p gives a straight line of slope p/(2−p) in log–log: smaller steps settle lower.";
        foreach (LossLevelSeries s in results.LossLevels)
        {
            double[] etas = s.Points.Select(point => point.Eta).ToArray();
            string label = "p = " + ExperimentContext.Format(s.P);
            figure.Scatter($"{label} (slope {s.Fit.Exponent.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)})", etas, s.Points.Select(point => point.Settled).ToArray());
            figure.Line($"{label}: (pη/2)^(p/(2−p))", etas, s.Points.Select(point => point.Predicted).ToArray(), dashed: true);
        }
    }

    /// <summary>(c) The exact sharpness with the 2/η lines, and the loss, per step.</summary>
    private static void DrawValleyFigures(ExperimentContext context, EdgeOfStabilityResults results)
    {
        var sharpnessFigure = context.Plot("valley-sharpness", "Progressive sharpening and edge of stability in a 2-D valley")
            .Axes("step", "sharpness λ_max (exact 2×2 Hessian)");
        sharpnessFigure.Caption = "GD drifts along the valley floor into sharper regions until λ_max reaches 2/η (dashed lines), then hovers there while x oscillates on a 2-cycle; a smaller η climbs to a higher 2/η.";
        var lossFigure = context.Plot("valley-loss", "Loss along the 2-D valley")
            .Axes("step", "loss");
        lossFigure.Caption = "The loss falls steadily during progressive sharpening; at the edge of stability it jumps as the 2-cycle grows and then oscillates step to step around a settled level.";
        foreach (ValleyRun v in results.Valley)
        {
            string label = "η = " + ExperimentContext.Format(v.Eta);
            double[] stepAxis = v.Trajectory.Step.Select(s => (double)s).ToArray();
            sharpnessFigure.Line(label, stepAxis, v.Sharpness);
            sharpnessFigure.HorizontalLine("2/η, " + label, v.Threshold);
            lossFigure.Line(label, stepAxis, v.Trajectory.Loss);
        }
    }

    /// <summary>(d) Per architecture: the measured sharpness with the 2/η lines and the onsets, and the loss, per step.</summary>
    private static void DrawNetworkFigures(ExperimentContext context, EdgeOfStabilityPlan plan, EdgeOfStabilityResults results)
    {
        foreach (NetworkArchitecture family in plan.Architectures)
        {
            string name = NetworkArchitectures.Name(family);
            // The MLP keeps the figure names of the MLP-only study; the CNNs' carry their architecture's name.
            string suffix = family == NetworkArchitecture.Mlp ? "" : "-" + name;
            var sharpnessFigure = context.Plot("network-sharpness" + suffix, $"Sharpness under full-batch GD: {name}, {plan.ExamplesOf(family)} MNIST examples")
                .Axes("step", "sharpness λ_max (Lanczos)");
            sharpnessFigure.Caption = $"{name}: {Architecture(family, plan.Width)}. Each η: the sharpness rises (progressive sharpening) until it reaches "
                                    + "2/η (horizontal lines), then hovers around it instead of rising further — the edge of stability.";
            var lossFigure = context.Plot("network-loss" + suffix, $"Training loss under full-batch GD at the edge of stability: {name}")
                .Axes("step", "training loss (MSE)", AxisScale.Linear, AxisScale.Log);
            lossFigure.Caption = "The loss keeps decreasing over long times even though the sharpness is pinned at 2/η; after onset it is non-monotone, with small spikes as the iterate oscillates across the valley.";
            foreach (NetworkEdgeRun n in results.Networks.Where(n => n.Family == family))
            {
                long[] step = n.Trajectory.Step;
                double[] sharpness = n.Trajectory.Sharpness;
                string label = "η = " + ExperimentContext.Format(n.Eta);
                double[] measuredSteps = n.Measured.Select(i => (double)step[i]).ToArray();
                sharpnessFigure.Line(label, measuredSteps, n.Measured.Select(i => sharpness[i]).ToArray());
                sharpnessFigure.HorizontalLine("2/η, " + label, n.Threshold);
                if (n.Onset >= 0) sharpnessFigure.VerticalLine("onset, " + label, step[n.Onset]);
                lossFigure.Line(label, step.Select(s => (double)s).ToArray(), n.Trajectory.Loss);
            }
        }
        DrawMechanismFigure(context, results);
    }

    /// <summary>(e) The curvature along v₁(m_k) against the distance from m_k in units of the half-step a, relative to 2/η.</summary>
    private static void DrawMechanismFigure(ExperimentContext context, EdgeOfStabilityResults results)
    {
        var figure = context.Plot("mechanism-curvature", "Curvature along v₁ through the midpoint of late GD steps, relative to 2/η")
            .Axes("distance from the midpoint m_k along v₁, in half-steps a", "v₁ᵀH(m_k ± s·a·v₁)v₁ / (2/η)");
        foreach (NetworkRun r in results.Runs)
        {
            foreach (MechanismPoint p in r.Mechanism.Late)
            {
                double[] s = [0, .. CurvatureMultiples];
                double[] c = [p.LambdaMidpoint / r.Edge.Threshold, .. CurvatureMultiples.Select((_, j) => p.MeanCurvature(j) / r.Edge.Threshold)];
                figure.Line($"{r.Edge.Label}, step {p.Step}", s, c);
            }
        }
        figure.HorizontalLine("2/η", 1);
        figure.VerticalLine("the iterates (s = 1)", 1);
        figure.Caption = "At each late step k, the midpoint m_k = (θ_k + θ_{k+1})/2 lies near the valley floor. The 1-D subquadratic mechanism "
                       + "needs the curvature along v₁ to fall from λ(m_k) > 2/η to about 2/η or below at the iterates' distance (s = 1); flat "
                       + "curves mean the oscillation stays inside the quadratic region. Curvatures are averaged over both signs of s.";
    }
}
