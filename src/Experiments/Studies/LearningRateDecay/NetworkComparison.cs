using System;
using System.Collections.Generic;
using System.Globalization;
using Landscape.Optimization;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

/// <summary>What one network comparison measured (the claims compare these with their ranges).</summary>
internal sealed record NetworkOutcome(
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
internal static class NetworkComparison
{
    /// <summary>Steps between sharpness measurements.</summary>
    public const int SharpnessEvery = 20;

    /// <summary>Steps over which the loss just before the decay is averaged (it oscillates at the edge of stability).</summary>
    public const int BeforeWindow = 20;

    /// <summary>Steps after the decay at which the dropped loss is read.</summary>
    public const int DropWindow = 20;

    /// <summary>
    /// Trains the three runs for one seed. With <paramref name="report"/>, writes the curves, figures, measurements and
    /// claims; otherwise only returns the outcome (replicates). The constant-η_small run lasts
    /// <paramref name="smallRunSteps"/> (≥ <paramref name="steps"/>) so that its time to the target can be measured rather
    /// than bounded. Returns null when cancelled.
    /// </summary>
    public static NetworkOutcome? Run(ExperimentContext context, int seed, int examples, double largeMagnitude, double instability,
        double factor, int steps, int decayStep, int smallRunSteps, bool report)
    {
        var model = new TwoMagnitudeMlp();
        Dataset data = TwoMagnitudeData.Create(examples, largeMagnitude, seed);
        Dataset smallGroup = data.Subset(0, examples / 2), largeGroup = data.Subset(examples / 2, examples / 2);
        var start = new double[model.ParameterCount];
        model.Initialize(start, TwoMagnitudeData.StudentSeed(seed));

        var lanczos = new LanczosOptions { Seed = seed };
        double share = 0.5; // each group holds half of the examples
        double coarse = share * Hessian.TopEigenpairs(model, start, smallGroup, 1, lanczos).Values[0];
        double fine = share * Hessian.TopEigenpairs(model, start, largeGroup, 1, lanczos).Values[0];
        double etaBig = instability * 2 / fine;
        double etaSmall = etaBig * factor;

        var runs = new List<ScheduleRun>();
        using (IProgressTask progress = context.Progress($"network (seed {seed.ToString(CultureInfo.InvariantCulture)})", 3))
        {
            foreach (var (name, schedule) in ScheduleRuns.Schedules(etaBig, factor, decayStep))
            {
                ITrainingMonitor[] monitors = [new GroupLossMonitor(smallGroup, largeGroup), new SharpnessMonitor(SharpnessEvery, 1, warmStart: true)];
                string? checkpoint = report ? $"network-{name}" : null;
                int length = name == ScheduleRuns.ConstantSmall ? smallRunSteps : steps;
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
        double before = ScheduleRuns.WindowGeometricMean(decay.Loss, decayStep - BeforeWindow, decayStep);
        double drop = before / decay.Loss[decayStep + DropWindow];
        double[] largeGroupLoss = decay.Trajectory.Column(GroupLossMonitor.LargeGroupColumn);
        double[] smallGroupLoss = decay.Trajectory.Column(GroupLossMonitor.SmallGroupColumn);
        double largeGroupDrop = ScheduleRuns.WindowGeometricMean(largeGroupLoss, decayStep - BeforeWindow, decayStep) / largeGroupLoss[decayStep + DropWindow];
        double smallGroupDrop = ScheduleRuns.WindowGeometricMean(smallGroupLoss, decayStep - BeforeWindow, decayStep) / smallGroupLoss[decayStep + DropWindow];
        // Target: the level the step decay reaches DropWindow steps after the decay; how long does constant η_small need
        // to get as low? (Never within the run counts as the run length, a lower bound, so the ratio is an upper bound.)
        double target = decay.Loss[decayStep + DropWindow];
        int decaySteps = ScheduleRuns.FirstAtOrBelow(decay.Loss, target);
        int smallSteps = ScheduleRuns.FirstAtOrBelow(small.Loss, target);
        double stepRatio = decaySteps / (double)(smallSteps < 0 ? smallRunSteps : smallSteps);
        int tail = steps - steps / 10;
        double lateLoss = ScheduleRuns.WindowGeometricMean(decay.Loss, tail, steps) / ScheduleRuns.WindowGeometricMean(large.Loss, tail, steps);
        var outcome = new NetworkOutcome(coarse, fine, etaBig, etaSmall, edge, late, drop, largeGroupDrop, smallGroupDrop, target,
            decaySteps, smallSteps, stepRatio, lateLoss);
        if (report) Report(context, outcome, runs, steps, decayStep, instability, largeMagnitude);
        return outcome;
    }

    private static void Report(ExperimentContext context, NetworkOutcome o, IReadOnlyList<ScheduleRun> runs, int steps, int decayStep, double instability, double largeMagnitude)
    {
        string f(double v) => ExperimentContext.Format(v);
        context.Measure("Network: λ_coarse, top curvature of the r = 1 group's share of the loss at initialization", o.CoarseCurvature);
        context.Measure($"Network: λ_fine, top curvature of the r = {f(largeMagnitude)} group's share of the loss at initialization", o.FineCurvature);
        context.Measure($"Network: η_big = {f(instability)}·2/λ_fine", o.EtaBig);
        context.Measure("Network: η_small = η_big × decay factor", o.EtaSmall);
        context.Measure("Network: η_small·λ_fine (< 2: the fine scale is stable after the decay)", o.EtaSmall * o.FineCurvature);
        context.Measure("Network: decay step", decayStep, "steps");

        context.ClaimWithin("Network: η_big is stable on the coarse (r = 1) scale (η_big·λ_coarse)", o.EtaBig * o.CoarseCurvature, 0, 2);
        context.ClaimWithin("Network: constant η_big is held at the edge of stability (mean sharpness over the second half × η_big/2)",
            o.EdgeRatio, NetworkOutcome.EdgeLower, NetworkOutcome.EdgeUpper);
        context.ClaimWithin("Network: constant η_big makes little progress late: its loss falls by less than 2× over the last quarter (geometric mean over [T/2, 3T/4) / over [3T/4, T))",
            o.LateWindowRatio, NetworkOutcome.LateLower, NetworkOutcome.LateUpper);
        context.Claim($"Network: the decay drops the loss (geometric mean over {BeforeWindow} steps before / loss {DropWindow} steps after)",
            o.Drop, $"≥ {f(NetworkOutcome.MinimumDrop)}", o.Drop >= NetworkOutcome.MinimumDrop);
        context.Claim($"Network: the drop belongs to the r = {f(largeMagnitude)} group (its loss before / after)",
            o.LargeGroupDrop, $"≥ {f(NetworkOutcome.MinimumLargeGroupDrop)}", o.LargeGroupDrop >= NetworkOutcome.MinimumLargeGroupDrop);
        context.Measure("Network: the r = 1 group's loss before / after the decay", o.SmallGroupDrop);
        context.Measure($"Network: target loss = step-decay loss {DropWindow} steps after the decay", o.TargetLoss);
        context.Measure("Network: steps to the target, step decay", o.DecaySteps, "steps");
        context.Measure("Network: steps to the target, constant η_small (−1: not within the run)", o.SmallSteps, "steps");
        context.ClaimWithin($"Network: step decay reaches the target sooner (its steps / constant η_small's steps{(o.SmallSteps < 0 ? ", which never got there: run length used" : "")})",
            o.StepRatio, 0, NetworkOutcome.MaximumStepRatio);
        context.ClaimWithin("Network: step decay ends below constant η_big (geometric-mean loss over the last 10%, ratio)",
            o.LateLossRatio, 0, NetworkOutcome.MaximumLateLossRatio);

        ScheduleRuns.WriteCurves(context, "network-curves", runs, GroupLossMonitor.SmallGroupColumn, GroupLossMonitor.LargeGroupColumn, SharpnessMonitor.ColumnName(1));
        Figure loss = ScheduleRuns.PlotLosses(context, "network-loss", "Two-magnitude network: loss under three schedules", runs, decayStep, plottedSteps: steps);
        loss.HorizontalLine($"target (step decay, {DropWindow} steps after the decay)", o.TargetLoss);
        loss.Caption = $"Full-batch GD on a 10-20-1 tanh MLP fitting a teacher on inputs of norm 1 and {f(largeMagnitude)}. Constant η_big = {f(o.EtaBig)} " +
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
        sharpness.Caption = "Top Hessian eigenvalue (Lanczos, every " + SharpnessEvery.ToString(CultureInfo.InvariantCulture) +
            " steps). Under η_big it sits at 2/η_big: GD cannot enter the sharper region the fine scale needs. After the decay the ceiling is 2/η_small.";
    }
}
