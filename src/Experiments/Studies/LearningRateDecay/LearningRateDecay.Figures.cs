using System;
using System.Collections.Generic;
using System.Globalization;

namespace Landscape.Experiments.Studies;

public sealed partial class LearningRateDecay
{
    /// <summary>Loss vs step per comparison; the network's sharpness with the 2/η lines.</summary>
    private static void DrawFigures(ExperimentContext context, LearningRateDecayPlan plan, LearningRateDecayResults results)
    {
        foreach (ObjectiveOutcome o in new[] { results.OneD, results.TwoD })
            DrawObjectiveFigure(context, plan, o);
        DrawNetworkFigures(context, plan, results.Network);
    }

    /// <summary>The three schedules' loss on one objective, with the predicted plateau, the target and the decay step.</summary>
    private static void DrawObjectiveFigure(ExperimentContext context, LearningRateDecayPlan plan, ObjectiveOutcome o)
    {
        string label = o.Comparison.Label;
        double etaBig = plan.LargeLearningRate, factor = plan.DecayFactor, targetLoss = plan.TargetLoss;
        int decayStep = plan.ObjectiveDecayStep;
        Figure figure = PlotLosses(context, o.Comparison.Key + "-loss", $"{label} two-scale objective: loss under three schedules", o.Runs, decayStep);
        figure.HorizontalLine("predicted plateau f(p*)", o.Cycle.Loss);
        figure.HorizontalLine($"target {ExperimentContext.Format(targetLoss)}", targetLoss);
        figure.Caption = $"GD on the {label} two-scale objective. Constant η_big = {ExperimentContext.Format(etaBig)} crosses the coarse basin fast, then sits on the " +
            $"2-cycle plateau f(p*) (horizontal line) forever; constant η_small = {ExperimentContext.Format(etaBig * factor)} is stable in the fine well but crosses the coarse basin " +
            $"{ExperimentContext.Format(1 / factor)}× slower; the step decay at step {decayStep} (vertical line) drops from the plateau into the fine well within a few steps.";
    }

    /// <summary>The network's loss (cut at the common run length) and sharpness under the three schedules.</summary>
    private static void DrawNetworkFigures(ExperimentContext context, LearningRateDecayPlan plan, NetworkOutcome o)
    {
        string f(double v) => ExperimentContext.Format(v);
        IReadOnlyList<ScheduleRun> runs = o.Runs;
        int steps = plan.NetworkSteps, decayStep = plan.NetworkDecayStep;
        Figure loss = PlotLosses(context, "network-loss", "Two-magnitude network: loss under three schedules", runs, decayStep, plottedSteps: steps);
        loss.HorizontalLine($"target (step decay, {NetworkDropWindow} steps after the decay)", o.TargetLoss);
        loss.Caption = $"Full-batch GD on an MLP ({TwoMagnitudeMlp.Architecture}) fitting a teacher on inputs of norm 1 and {f(plan.LargeMagnitude)}. Constant η_big = {f(o.EtaBig)} " +
            $"stalls at the edge of stability of the large-magnitude scale; constant η_small = {f(o.EtaSmall)} keeps descending slowly; the step decay " +
            $"(vertical line) drops the loss at once and stays below both." +
            (runs[1].Trajectory.Count > steps ? $" The constant-η_small run continues to step {runs[1].Trajectory.Count.ToString(CultureInfo.InvariantCulture)} in the table (cut here)." : "");

        Figure sharpness = context.Plot("network-sharpness", "Two-magnitude network: sharpness under three schedules")
            .Axes("step", "top Hessian eigenvalue", AxisScale.Linear, AxisScale.Log);
        foreach (ScheduleRun run in runs)
        {
            double[] s = run.Trajectory.Sharpness;
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < Math.Min(s.Length, steps); i++)
            {
                if (double.IsNaN(s[i])) continue;
                xs.Add(i);
                ys.Add(s[i]);
            }
            sharpness.Line(run.Name, xs.ToArray(), ys.ToArray());
        }
        sharpness.HorizontalLine("2/η_big", 2 / o.EtaBig);
        sharpness.HorizontalLine("2/η_small", 2 / o.EtaSmall);
        sharpness.VerticalLine($"decay at step {decayStep}", decayStep);
        sharpness.Caption = "Top Hessian eigenvalue (Lanczos, every " + NetworkSharpnessEvery.ToString(CultureInfo.InvariantCulture) +
            " steps). Under η_big it sits at 2/η_big: GD cannot enter the sharper region the fine scale needs. After the decay the ceiling is 2/η_small.";
    }

    /// <summary>
    /// Loss vs step (log y) of the runs over their first <paramref name="plottedSteps"/> steps (all when null; a longer
    /// run is cut there so the decay stays readable, its full curve being in the table), with the decay step marked.
    /// </summary>
    private static Figure PlotLosses(ExperimentContext context, string name, string title, IReadOnlyList<ScheduleRun> runs, int decayStep, int? plottedSteps = null)
    {
        Figure figure = context.Plot(name, title).Axes("step", "loss", AxisScale.Linear, AxisScale.Log);
        foreach (ScheduleRun run in runs)
        {
            int count = Math.Min(run.Trajectory.Count, plottedSteps ?? int.MaxValue);
            var steps = new double[count];
            for (int i = 0; i < count; i++) steps[i] = i;
            figure.Line(run.Name, steps, run.Loss.AsSpan(0, count));
        }
        figure.VerticalLine($"decay at step {decayStep.ToString(CultureInfo.InvariantCulture)}", decayStep);
        return figure;
    }
}
