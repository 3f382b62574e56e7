using System;
using System.Collections.Generic;
using System.Globalization;
using Landscape.Optimization;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

/// <summary>What one network comparison measured (the claims compare these with their ranges).</summary>
internal sealed record NetworkOutcome(
    IReadOnlyList<ScheduleRun> Runs,
    double CoarseCurvature, double FineCurvature, double EtaBig, double EtaSmall,
    double EdgeRatio, double LateWindowRatio, double Drop, double LargeGroupDrop, double SmallGroupDrop,
    double TargetLoss, int DecaySteps, int SmallSteps, double StepRatio, double LateLossRatio)
{
    /// <summary>Bounds of the claims, shared by the main run and the replicates.</summary>
    public const double EdgeLower = 0.85, EdgeUpper = 1.15, LateLower = 0.5, LateUpper = 2.0, MinimumDrop = 2.0,
        MinimumLargeGroupDrop = 10.0, MaximumStepRatio = 0.75, MaximumLateLossRatio = 0.8;

    /// <summary>Whether every relation the study claims holds for this outcome.</summary>
    public bool AllHold =>
        EtaBig * CoarseCurvature < 2 && EdgeRatio >= EdgeLower && EdgeRatio <= EdgeUpper && LateWindowRatio >= LateLower && LateWindowRatio <= LateUpper &&
        Drop >= MinimumDrop && LargeGroupDrop >= MinimumLargeGroupDrop && StepRatio <= MaximumStepRatio && LateLossRatio <= MaximumLateLossRatio;
}

/// <summary>
/// The network part: a <see cref="TwoMagnitudeMlp"/> on <see cref="TwoMagnitudeData"/> under full-batch GD with the
/// three schedules. η_big is derived from the curvatures measured at the initial weights: λ_coarse and λ_fine are the
/// top Hessian eigenvalues of each group's share of the loss ((n_g/n)·L_g), and η_big = κ·2/λ_fine (κ &gt; 1: unstable
/// on the fine, large-magnitude scale), checked to satisfy η_big·λ_coarse &lt; 2 (stable on the coarse scale).
/// </summary>
public sealed partial class LearningRateDecay
{
    /// <summary>Steps between sharpness measurements.</summary>
    internal const int NetworkSharpnessEvery = 20;

    /// <summary>Steps over which the loss just before the decay is averaged (it oscillates at the edge of stability).</summary>
    internal const int NetworkBeforeWindow = 20;

    /// <summary>Steps after the decay at which the dropped loss is read.</summary>
    internal const int NetworkDropWindow = 20;

    /// <summary>
    /// Trains the three runs for one seed and measures them. With <paramref name="checkpoints"/> the runs checkpoint (the
    /// main seed; replicates do not). The constant-η_small run lasts <see cref="LearningRateDecayPlan.SmallRunSteps"/>
    /// (≥ the other runs' steps) so that its time to the target can be measured rather than bounded. Null when cancelled.
    /// </summary>
    private static NetworkOutcome? CompareSchedulesOnNetwork(ExperimentContext context, LearningRateDecayPlan plan, int seed, bool checkpoints)
    {
        int examples = plan.NetworkExamples, steps = plan.NetworkSteps, decayStep = plan.NetworkDecayStep;
        var model = new TwoMagnitudeMlp();
        Dataset data = TwoMagnitudeData.Create(examples, plan.LargeMagnitude, seed);
        Dataset smallGroup = data.Subset(0, examples / 2), largeGroup = data.Subset(examples / 2, examples / 2);
        var start = new double[model.ParameterCount];
        model.Initialize(start, TwoMagnitudeData.StudentSeed(seed));

        var lanczos = new LanczosOptions { Seed = seed };
        double share = 0.5; // each group holds half of the examples
        double coarse = share * Hessian.TopEigenpairs(model, start, smallGroup, 1, lanczos).Values[0];
        double fine = share * Hessian.TopEigenpairs(model, start, largeGroup, 1, lanczos).Values[0];
        double etaBig = plan.NetworkInstability * 2 / fine;
        double etaSmall = etaBig * plan.DecayFactor;

        var runs = new List<ScheduleRun>();
        using (IProgressTask progress = context.Progress($"network (seed {seed.ToString(CultureInfo.InvariantCulture)})", 3))
        {
            foreach (var (name, schedule) in ScheduleRuns.Schedules(etaBig, plan.DecayFactor, decayStep))
            {
                ITrainingMonitor[] monitors = [new GroupLossMonitor(smallGroup, largeGroup), new SharpnessMonitor(NetworkSharpnessEvery, 1, warmStart: true)];
                string? checkpoint = checkpoints ? $"network-{name}" : null;
                int length = name == ScheduleRuns.ConstantSmall ? plan.SmallRunSteps : steps;
                runs.Add(new ScheduleRun(name, ScheduleRuns.Train(context, model, data, start, schedule, length, monitors, checkpoint)));
                if (context.Cancellation.IsCancellationRequested) return null;
                progress.Increment();
            }
        }
        ScheduleRun large = runs[0], small = runs[1], decay = runs[2];
        foreach (ScheduleRun run in runs)
        {
            if (run.Trajectory.Status == RunStatus.Diverged)
                throw new InvalidOperationException($"The network run '{run.Name}' (seed {seed}) diverged at step {run.Trajectory.DivergedAt}; η_big = {etaBig} is beyond what the coarse scale tolerates.");
        }

        double edge = ScheduleRuns.WindowMean(large.Trajectory.Sharpness, steps / 2, steps) * etaBig / 2;
        double late = ScheduleRuns.WindowGeometricMean(large.Loss, steps / 2, 3 * steps / 4) / ScheduleRuns.WindowGeometricMean(large.Loss, 3 * steps / 4, steps);
        double before = ScheduleRuns.WindowGeometricMean(decay.Loss, decayStep - NetworkBeforeWindow, decayStep);
        double drop = before / decay.Loss[decayStep + NetworkDropWindow];
        double[] largeGroupLoss = decay.Trajectory.Column(GroupLossMonitor.LargeGroupColumn);
        double[] smallGroupLoss = decay.Trajectory.Column(GroupLossMonitor.SmallGroupColumn);
        double largeGroupDrop = ScheduleRuns.WindowGeometricMean(largeGroupLoss, decayStep - NetworkBeforeWindow, decayStep) / largeGroupLoss[decayStep + NetworkDropWindow];
        double smallGroupDrop = ScheduleRuns.WindowGeometricMean(smallGroupLoss, decayStep - NetworkBeforeWindow, decayStep) / smallGroupLoss[decayStep + NetworkDropWindow];
        // Target: the level the step decay reaches DropWindow steps after the decay; how long does constant η_small need
        // to get as low? (Never within the run counts as the run length, a lower bound, so the ratio is an upper bound.)
        double target = decay.Loss[decayStep + NetworkDropWindow];
        int decaySteps = ScheduleRuns.FirstAtOrBelow(decay.Loss, target);
        int smallSteps = ScheduleRuns.FirstAtOrBelow(small.Loss, target);
        double stepRatio = decaySteps / (double)(smallSteps < 0 ? plan.SmallRunSteps : smallSteps);
        int tail = steps - steps / 10;
        double lateLoss = ScheduleRuns.WindowGeometricMean(decay.Loss, tail, steps) / ScheduleRuns.WindowGeometricMean(large.Loss, tail, steps);
        return new NetworkOutcome(runs, coarse, fine, etaBig, etaSmall, edge, late, drop, largeGroupDrop, smallGroupDrop, target,
            decaySteps, smallSteps, stepRatio, lateLoss);
    }
}
