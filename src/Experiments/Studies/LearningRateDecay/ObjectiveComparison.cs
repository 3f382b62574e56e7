using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics.Tensors;
using Landscape.Optimization;

namespace Landscape.Experiments.Studies;

/// <summary>
/// The three-schedule comparison on a two-scale objective (1-D or 2-D): runs constant η_big, constant η_small and the
/// step decay, writes the curves, the figure and the four claims (plateau at the predicted 2-cycle level, drop after
/// the decay, steps to the target loss, final loss vs constant η_big).
/// </summary>
/// <param name="Label">Prefix of claims and measurements, e.g. "1-D".</param>
/// <param name="Key">File-name stem, e.g. "objective-1d".</param>
/// <param name="Objective">The objective (even, minimum 0 at the origin).</param>
/// <param name="FineHeight">The fine term's height at a point, for reporting which part of the plateau it owns.</param>
/// <param name="SearchRadius">Radius within which the 2-cycle is searched (the coarse scale's extent is enough).</param>
/// <param name="CoarseCurvature">The curvature of the coarse scale (what η_big must be stable on).</param>
/// <param name="FineCurvature">The sharpness at the minimum (what η_big is unstable on and η_small stable on).</param>
internal sealed record ObjectiveComparison(string Label, string Key, IModel Objective, Func<double[], double> FineHeight, double SearchRadius,
    double CoarseCurvature, double FineCurvature)
{
    /// <summary>Steps after the decay within which the loss must have dropped.</summary>
    public const int DropWindow = 20;

    /// <summary>The drop the decay must produce within <see cref="DropWindow"/> steps.</summary>
    public const double RequiredDrop = 100;

    /// <summary>Settled loss / predicted plateau must lie in [1 − this, 1 + this].</summary>
    public const double PlateauTolerance = 0.05;

    /// <summary>Runs the comparison and states its claims.</summary>
    /// <returns>False when the run was cancelled (nothing was claimed).</returns>
    public bool Run(ExperimentContext context, double etaBig, double factor, int decayStep, int steps, double targetLoss)
    {
        var start = new double[Objective.ParameterCount];
        Objective.Initialize(start, 0);

        context.Measure($"{Label}: η_big × coarse curvature (< 2: stable on the coarse scale)", etaBig * CoarseCurvature);
        context.Measure($"{Label}: η_big × sharpness at the minimum (> 2: the fine well is unstable)", etaBig * FineCurvature);
        context.Measure($"{Label}: η_small × sharpness at the minimum (< 2: the fine well is stable after the decay)", etaBig * factor * FineCurvature);
        context.Measure($"{Label}: decay step", decayStep, "steps");

        var runs = new List<ScheduleRun>();
        using (IProgressTask progress = context.Progress($"{Label} two-scale objective", 3))
        {
            foreach (var (name, schedule) in ScheduleRuns.Schedules(etaBig, factor, decayStep))
            {
                runs.Add(new ScheduleRun(name, ScheduleRuns.Train(context, Objective, Dataset.Empty, start, schedule, steps, [], checkpointName: null)));
                if (context.Cancellation.IsCancellationRequested) return false;
                progress.Increment();
            }
        }
        ScheduleRun large = runs[0], small = runs[1], decay = runs[2];

        TwoCycle cycle = TwoCycle.Solve(Objective, etaBig, SearchRadius);
        double settled = 0.5 * (large.Loss[^1] + large.Loss[^2]);
        context.Measure($"{Label}: predicted plateau f(p*) from ∇f(p*) = (2/η_big)·p*", cycle.Loss);
        context.Measure($"{Label}: fine-scale part of the plateau, B·φ at p*", FineHeight(cycle.Point));
        context.Measure($"{Label}: |p*| (2-cycle amplitude)", TensorPrimitives.Norm<double>(cycle.Point));
        context.Measure($"{Label}: 2-cycle multiplier max|1 − η_big·h|² (< 1 attracts)", cycle.Multiplier);
        context.ClaimWithin($"{Label}: constant η_big settles on the fine-scale plateau (settled loss / predicted 2-cycle loss f(p*))",
            settled / cycle.Loss, 1 - PlateauTolerance, 1 + PlateauTolerance);

        // The drop: how many steps after the decay until the loss is RequiredDrop× below its value just before it
        // (a step count stays finite even when the loss underflows to 0, where a ratio would not).
        double before = decay.Loss[decayStep - 1];
        int dropped = ScheduleRuns.FirstAtOrBelow(decay.Loss.AsSpan(decayStep), before / RequiredDrop);
        context.Measure($"{Label}: step-decay loss just before the decay", before);
        context.Measure($"{Label}: step-decay loss {DropWindow} steps after the decay", decay.Loss[decayStep + DropWindow]);
        context.ClaimWithin($"{Label}: the decay drops the loss {RequiredDrop.ToString(CultureInfo.InvariantCulture)}× within {DropWindow} steps (steps after the decay until L ≤ L(decay − 1)/{RequiredDrop.ToString(CultureInfo.InvariantCulture)}; −1: never)",
            dropped, 0, DropWindow);

        int decaySteps = ScheduleRuns.FirstAtOrBelow(decay.Loss, targetLoss);
        int smallSteps = ScheduleRuns.FirstAtOrBelow(small.Loss, targetLoss);
        context.Measure($"{Label}: steps to loss ≤ {ExperimentContext.Format(targetLoss)}, step decay (−1: never)", decaySteps, "steps");
        context.Measure($"{Label}: steps to loss ≤ {ExperimentContext.Format(targetLoss)}, constant η_small (−1: never)", smallSteps, "steps");
        double stepRatio = decaySteps < 0 ? double.PositiveInfinity : decaySteps / (double)(smallSteps < 0 ? steps : smallSteps);
        context.ClaimWithin($"{Label}: step decay reaches loss {ExperimentContext.Format(targetLoss)} sooner (its steps / constant η_small's steps{(smallSteps < 0 ? ", which never got there: run length used" : "")})",
            stepRatio, 0, 0.5);

        double finalRatio = decay.Loss[^1] / large.Loss[^1];
        context.Measure($"{Label}: final loss, step decay", decay.Loss[^1]);
        context.Measure($"{Label}: final loss, constant η_big", large.Loss[^1]);
        context.ClaimWithin($"{Label}: step decay ends far below constant η_big (final loss ratio)", finalRatio, 0, 1e-2);

        ScheduleRuns.WriteCurves(context, Key + "-curves", runs);
        Figure figure = ScheduleRuns.PlotLosses(context, Key + "-loss", $"{Label} two-scale objective: loss under three schedules", runs, decayStep);
        figure.HorizontalLine("predicted plateau f(p*)", cycle.Loss);
        figure.HorizontalLine($"target {ExperimentContext.Format(targetLoss)}", targetLoss);
        figure.Caption = $"GD on the {Label} two-scale objective. Constant η_big = {ExperimentContext.Format(etaBig)} crosses the coarse basin fast, then sits on the " +
            $"2-cycle plateau f(p*) (horizontal line) forever; constant η_small = {ExperimentContext.Format(etaBig * factor)} is stable in the fine well but crosses the coarse basin " +
            $"{ExperimentContext.Format(1 / factor)}× slower; the step decay at step {decayStep} (vertical line) drops from the plateau into the fine well within a few steps.";
        return true;
    }
}
