using System;
using System.Collections.Generic;
using System.Linq;
using Landscape.Optimization;

namespace Landscape.Experiments.Studies;

public sealed partial class EdgeOfStability
{
    /// <summary>Writes the data of record of the four parts: every trajectory and each part's summary.</summary>
    private static void WriteTables(ExperimentContext context, EdgeOfStabilityPlan plan, EdgeOfStabilityResults results)
    {
        WriteTwoCycleTables(context, results.TwoCycles);
        WriteLossLevelTables(context, results);
        WriteValleyTables(context, plan, results);
        WriteNetworkTables(context, results.Runs);
    }

    /// <summary>(a) Every iterate on the well and on the quadratic, and one row per learning rate for the 2-cycle.</summary>
    private static void WriteTwoCycleTables(ExperimentContext context, TwoCycleResults twoCycles)
    {
        var iterates = context.Table("two-cycle-iterates", "model", "eta", "step", "x", "loss");
        var cycles = context.Table("two-cycle", "eta", "a_eta", "x_last", "x_previous", "x_star_predicted", "secant_sharpness", "two_over_eta",
            "secant_relative_error", "hessian_at_iterate", "hessian_over_two_over_eta", "quadratic_status", "quadratic_diverged_at", "quadratic_largest_abs_x");
        foreach (TwoCycleRun c in twoCycles.Runs)
        {
            AddIterates(iterates, "sqrt-well", c.Eta, c.Well);
            AddIterates(iterates, "quadratic", c.Eta, c.Quadratic);
            cycles.Add(c.Eta, c.CurvatureTimesEta, c.Last, c.Previous, c.Predicted, c.Secant, c.Threshold, c.SecantError, c.Hessian, c.HessianRatio,
                c.Quadratic.Status.ToString(), c.Quadratic.DivergedAt is long at ? at : -1, LargestFinite(c.Quadratic.Column("x")));
        }
    }

    private static void AddIterates(ResultTable table, string model, double eta, Trajectory run)
    {
        long[] step = run.Step;
        double[] x = run.Column("x"), loss = run.Loss;
        for (int i = 0; i < step.Length; i++) table.Add(model, eta, step[i], x[i], loss[i]);
    }

    private static double LargestFinite(double[] values)
    {
        double largest = 0;
        foreach (double value in values)
            if (double.IsFinite(value)) largest = Math.Max(largest, Math.Abs(value));
        return largest;
    }

    /// <summary>(b) One row per (p, η) with the settled and the predicted level, and one row per p for the fitted slope.</summary>
    private static void WriteLossLevelTables(ExperimentContext context, EdgeOfStabilityResults results)
    {
        var levels = context.Table("loss-level", "p", "eta", "settled_level", "predicted_level", "x_star", "x_star_predicted", "status");
        var fits = context.Table("loss-level-fit", "p", "slope", "slope_lower", "slope_upper", "predicted_slope", "relative_error");
        foreach (LossLevelSeries s in results.LossLevels)
        {
            foreach (LossLevelPoint point in s.Points)
                levels.Add(s.P, point.Eta, point.Settled, point.Predicted, point.Amplitude, point.PredictedAmplitude, point.Status.ToString());
            fits.Add(s.P, s.Fit.Exponent, s.Fit.Lower, s.Fit.Upper, s.PredictedSlope, s.RelativeError);
        }
    }

    /// <summary>(c) Every <see cref="EdgeOfStabilityPlan.ValleyEvery"/>-th iterate, and one summary row per learning rate.</summary>
    private static void WriteValleyTables(ExperimentContext context, EdgeOfStabilityPlan plan, EdgeOfStabilityResults results)
    {
        var table = context.Table("valley-trajectory", "eta", "step", "x", "y", "loss", "sharpness", "two_over_eta");
        var summary = context.Table("valley-summary", "eta", "two_over_eta", "initial_sharpness", "onset_step", "late_from_step",
            "late_min_sharpness", "late_max_sharpness", "late_max_relative_deviation", "loss_increases");
        foreach (ValleyRun v in results.Valley)
        {
            Trajectory run = v.Trajectory;
            double[] x = run.Column("x"), y = run.Column("y"), loss = run.Loss, lambda = v.Sharpness;
            long[] step = run.Step;
            for (int i = 0; i < step.Length; i += plan.ValleyEvery) table.Add(v.Eta, step[i], x[i], y[i], loss[i], lambda[i], v.Threshold);
            summary.Add(v.Eta, v.Threshold, lambda[0], v.Onset, v.LateFrom, v.Late.Min(), v.Late.Max(), v.Deviation, v.Increases);
        }
    }

    /// <summary>(d) Every step of every network run and one summary row per run; (e) one row per mechanism point.</summary>
    internal static void WriteNetworkTables(ExperimentContext context, IReadOnlyList<NetworkRun> runs)
    {
        var trajectories = context.Table("network-trajectory", "network", "eta", "step", "loss", "gradient_norm", "sharpness", "sharpness_hvps", "two_over_eta");
        var summary = context.Table("network-summary", "network", "eta", "two_over_eta", "initial_sharpness", "onset_step", "late_from_step", "late_measurements",
            "late_fraction_in_band", "max_sharpness_after_onset", "loss_at_onset", "final_loss", "loss_increases_after_onset", "mean_hvps_per_measurement", "status");
        foreach (NetworkEdgeRun n in runs.Select(r => r.Edge))
        {
            Trajectory run = n.Trajectory;
            long[] step = run.Step;
            double[] loss = run.Loss, gradientNorm = run.GradientNorm, sharpness = run.Sharpness, hvps = run.Column(SharpnessMonitor.HvpColumn);
            for (int i = 0; i < step.Length; i++) trajectories.Add(n.Name, n.Eta, step[i], loss[i], gradientNorm[i], sharpness[i], hvps[i], n.Threshold);
            summary.Add(n.Name, n.Eta, n.Threshold, sharpness[0], n.Onset, n.LateFrom, n.Late.Length, n.Fraction, n.MaxAfterOnset, n.LossAtOnset, n.FinalLoss,
                n.Increases, n.MeanHvps, run.Status.ToString());
        }

        string[] curvatureColumns = CurvatureMultiples.SelectMany(s => new[] { "curvature_plus_" + Multiple(s), "curvature_minus_" + Multiple(s) }).ToArray();
        var mechanism = context.Table("mechanism", ["network", "eta", "two_over_eta", "step", "after_onset", "lambda_iterate", "lambda_midpoint", "lambda_next",
            "midpoint_over_two_over_eta", "amplitude", "step_norm", .. curvatureColumns, "curvature_drop_share", "sharpness_gradient_norm",
            "sharpness_change_along_step", "sharpness_change_along_step_lanczos", "sharpening_rate", "stabilization_rate", "balance", "hvps"]);
        foreach (NetworkRun r in runs)
        {
            NetworkEdgeRun n = r.Edge;
            foreach (MechanismPoint p in r.Mechanism.Points)
            {
                Cell[] row = [n.Name, n.Eta, n.Threshold, p.Step, p.AfterOnset, p.LambdaIterate, p.LambdaMidpoint, p.LambdaNext,
                    p.LambdaMidpoint / n.Threshold, p.Amplitude, p.StepNorm, .. p.Curvatures.Select(c => (Cell)c), p.CurvatureDropShare(n.Threshold),
                    p.SharpnessGradientNorm, p.ChangeAlongStep, p.ChangeAlongStepLanczos, p.SharpeningRate, p.StabilizationRate, p.Balance, p.Hvps];
                mechanism.Add(row);
            }
        }
    }

    /// <summary>A curvature multiple as a column suffix: 0.25 → "0_25a", 2 → "2a".</summary>
    private static string Multiple(double s) => s.ToString(System.Globalization.CultureInfo.InvariantCulture).Replace('.', '_') + "a";
}
