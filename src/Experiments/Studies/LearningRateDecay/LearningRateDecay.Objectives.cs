using System;
using System.Collections.Generic;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

/// <summary>A two-scale objective (1-D or 2-D) on which the three schedules are compared, with what the claims compare against.</summary>
/// <param name="Label">Prefix of claims and measurements, e.g. "1-D".</param>
/// <param name="Key">File-name stem, e.g. "objective-1d".</param>
/// <param name="Objective">The objective (even, minimum 0 at the origin).</param>
/// <param name="FineHeight">The fine term's height at a point, for reporting which part of the plateau it owns.</param>
/// <param name="SearchRadius">Radius within which the 2-cycle is searched (the coarse scale's extent is enough).</param>
/// <param name="CoarseCurvature">The curvature of the coarse scale (what η_big must be stable on).</param>
/// <param name="FineCurvature">The sharpness at the minimum (what η_big is unstable on and η_small stable on).</param>
internal sealed record ObjectiveComparison(string Label, string Key, IModel Objective, Func<double[], double> FineHeight, double SearchRadius,
    double CoarseCurvature, double FineCurvature);

/// <summary>What the three-schedule comparison on one objective measured.</summary>
/// <param name="Comparison">The objective and its labels.</param>
/// <param name="Runs">Constant η_big, constant η_small and the step decay, in that order.</param>
/// <param name="Cycle">The predicted 2-cycle of constant η_big: its loss is the plateau.</param>
/// <param name="Settled">The loss constant η_big settled at (mean of its last two steps, one 2-cycle).</param>
/// <param name="Before">The step-decay loss just before the decay.</param>
/// <param name="Dropped">Steps after the decay until the loss is <see cref="LearningRateDecay.ObjectiveRequiredDrop"/>× below <paramref name="Before"/> (−1: never).</param>
/// <param name="DecaySteps">Steps of the step decay to the target loss (−1: never).</param>
/// <param name="SmallSteps">Steps of constant η_small to the target loss (−1: never).</param>
/// <param name="StepRatio">DecaySteps / SmallSteps (the run length when constant η_small never got there; +∞ when the decay never did).</param>
/// <param name="FinalRatio">The final loss of the step decay / that of constant η_big.</param>
internal sealed record ObjectiveOutcome(ObjectiveComparison Comparison, IReadOnlyList<ScheduleRun> Runs, TwoCycle Cycle, double Settled, double Before,
    int Dropped, int DecaySteps, int SmallSteps, double StepRatio, double FinalRatio)
{
    /// <summary>The constant-η_big run.</summary>
    public ScheduleRun Large => Runs[0];

    /// <summary>The constant-η_small run.</summary>
    public ScheduleRun Small => Runs[1];

    /// <summary>The step-decay run.</summary>
    public ScheduleRun Decay => Runs[2];
}

/// <summary>
/// The three-schedule comparison on the two-scale objectives: constant η_big, constant η_small and the step decay, with
/// the plateau predicted by the 2-cycle of η_big, the drop after the decay, the steps to the target loss and the final
/// loss against constant η_big.
/// </summary>
public sealed partial class LearningRateDecay
{
    /// <summary>Steps after the decay within which the loss must have dropped.</summary>
    internal const int ObjectiveDropWindow = 20;

    /// <summary>The drop the decay must produce within <see cref="ObjectiveDropWindow"/> steps.</summary>
    internal const double ObjectiveRequiredDrop = 100;

    /// <summary>Settled loss / predicted plateau must lie in [1 − this, 1 + this].</summary>
    internal const double PlateauTolerance = 0.05;

    /// <summary>The 1-D objective: curvatures A/s₁² = 1 (coarse) and B/s₂² = 10 (fine), start 100 coarse widths out.</summary>
    internal static readonly TwoScaleWell Well = new(A: 1, S1: 1, B: 1e-3, S2: 1e-2, X0: 100);

    /// <summary>The 2-D objective: the same scales with the fine valley bent (c = 0.5), start 100 coarse widths out.</summary>
    internal static readonly TwoScaleValley Valley = new(A: 1, S1: 1, B: 1e-3, S2: 1e-2, C: 0.5, X0: 100);

    /// <summary>1-D: the coarse curvature is A/s₁²; the sharpness at the minimum is f''(0) = A/s₁² + B/s₂².</summary>
    private static ObjectiveComparison OneDimensional() =>
        new("1-D", "objective-1d", Well, p => Well.FineHeight(p[0]), SearchRadius: 10 * Well.S1,
            CoarseCurvature: Well.CoarseCurvature, FineCurvature: Well.CoarseCurvature + Well.FineCurvature);

    /// <summary>2-D: the two eigenvalues of the Hessian at the minimum (flat and sharp directions of the bent valley).</summary>
    private static ObjectiveComparison TwoDimensional()
    {
        var (valleyCurvatures, _) = SymmetricEigen.Decompose(Hessian.Dense(Valley, new double[2], Dataset.Empty));
        return new ObjectiveComparison("2-D", "objective-2d", Valley, p => Valley.FineHeight(p[0], p[1]), SearchRadius: 10 * Valley.S1,
            CoarseCurvature: valleyCurvatures[0], FineCurvature: valleyCurvatures[1]);
    }

    /// <summary>Runs the three schedules on <paramref name="comparison"/>'s objective and solves for the 2-cycle of η_big. Null when cancelled.</summary>
    private static ObjectiveOutcome? CompareSchedules(ExperimentContext context, LearningRateDecayPlan plan, ObjectiveComparison comparison)
    {
        IModel objective = comparison.Objective;
        double etaBig = plan.LargeLearningRate;
        int decayStep = plan.ObjectiveDecayStep, steps = plan.ObjectiveSteps;
        var start = new double[objective.ParameterCount];
        objective.Initialize(start, 0);

        var runs = new List<ScheduleRun>();
        using (IProgressTask progress = context.Progress($"{comparison.Label} two-scale objective", 3))
        {
            foreach (var (name, schedule) in ScheduleRuns.Schedules(etaBig, plan.DecayFactor, decayStep))
            {
                runs.Add(new ScheduleRun(name, ScheduleRuns.Train(context, objective, Dataset.Empty, start, schedule, steps, [], checkpointName: null)));
                if (context.Cancellation.IsCancellationRequested) return null;
                progress.Increment();
            }
        }
        ScheduleRun large = runs[0], small = runs[1], decay = runs[2];

        TwoCycle cycle = TwoCycle.Solve(objective, etaBig, comparison.SearchRadius);
        double settled = 0.5 * (large.Loss[^1] + large.Loss[^2]);

        // The drop: how many steps after the decay until the loss is RequiredDrop× below its value just before it
        // (a step count stays finite even when the loss underflows to 0, where a ratio would not).
        double before = decay.Loss[decayStep - 1];
        int dropped = ScheduleRuns.FirstAtOrBelow(decay.Loss.AsSpan(decayStep), before / ObjectiveRequiredDrop);

        int decaySteps = ScheduleRuns.FirstAtOrBelow(decay.Loss, plan.TargetLoss);
        int smallSteps = ScheduleRuns.FirstAtOrBelow(small.Loss, plan.TargetLoss);
        double stepRatio = decaySteps < 0 ? double.PositiveInfinity : decaySteps / (double)(smallSteps < 0 ? steps : smallSteps);
        double finalRatio = decay.Loss[^1] / large.Loss[^1];
        return new ObjectiveOutcome(comparison, runs, cycle, settled, before, dropped, decaySteps, smallSteps, stepRatio, finalRatio);
    }
}
