using System;
using System.Collections.Generic;
using System.IO;
using Landscape.Optimization;

namespace Landscape.Experiments.Studies;

/// <summary>One training run of the comparison: a schedule's name, its η(step) and the recorded trajectory.</summary>
internal sealed record ScheduleRun(string Name, Trajectory Trajectory)
{
    /// <summary>The loss at every step.</summary>
    public double[] Loss => Trajectory.Loss;
}

/// <summary>Shared pieces of the three-schedule comparison: the schedules, training with checkpoints, and window statistics.</summary>
internal static class ScheduleRuns
{
    /// <summary>Name of the constant large-η run.</summary>
    public const string ConstantLarge = "constant-large";

    /// <summary>Name of the constant small-η run.</summary>
    public const string ConstantSmall = "constant-small";

    /// <summary>Name of the step-decay run (large η, then small η from the decay step on).</summary>
    public const string StepDecay = "step-decay";

    /// <summary>
    /// The three schedules compared everywhere: η_big, η_big·factor, and <see cref="LearningRate.Step"/> from η_big to
    /// η_big·factor at <paramref name="decayStep"/>.
    /// </summary>
    public static (string Name, LearningRate Schedule)[] Schedules(double etaBig, double factor, int decayStep) =>
    [
        (ConstantLarge, LearningRate.Constant(etaBig)),
        (ConstantSmall, LearningRate.Constant(etaBig * factor)),
        (StepDecay, LearningRate.Step(etaBig, factor, decayStep)),
    ];

    /// <summary>
    /// Full-batch GD from <paramref name="start"/> for <paramref name="steps"/> steps. With a checkpoint name, the run
    /// checkpoints into the context's checkpoint folder and, when the context resumes and the file exists, continues
    /// from it bit-identically.
    /// </summary>
    public static Trajectory Train(ExperimentContext context, IModel model, Dataset data, ReadOnlySpan<double> start, LearningRate schedule,
        int steps, IEnumerable<ITrainingMonitor> monitors, string? checkpointName)
    {
        var trainer = new Trainer(model, data, new GradientDescent(), schedule);
        foreach (ITrainingMonitor monitor in monitors) trainer.Monitors.Add(monitor);
        var parameters = start.ToArray();
        if (checkpointName is null) return trainer.Run(parameters, steps, context.Cancellation);
        string path = context.CheckpointPath(checkpointName);
        trainer.CheckpointPath = path;
        trainer.CheckpointEvery = Math.Max(1, steps / 4);
        return context.CanResumeFrom(path)
            ? trainer.Resume(path, parameters, steps, context.Cancellation)
            : trainer.Run(parameters, steps, context.Cancellation);
    }

    /// <summary>The first step whose loss is ≤ <paramref name="target"/>, or −1 if none is.</summary>
    public static int FirstAtOrBelow(ReadOnlySpan<double> loss, double target)
    {
        for (int i = 0; i < loss.Length; i++)
            if (loss[i] <= target) return i;
        return -1;
    }

    /// <summary>The mean of the finite values in [<paramref name="from"/>, <paramref name="to"/>) (NaN marks "not measured").</summary>
    /// <exception cref="ArgumentOutOfRangeException">The window is empty or outside the series.</exception>
    public static double WindowMean(ReadOnlySpan<double> values, int from, int to)
    {
        if (from < 0 || to > values.Length || from >= to)
            throw new ArgumentOutOfRangeException(nameof(from), $"The window [{from}, {to}) is empty or outside the {values.Length} values.");
        double sum = 0;
        int count = 0;
        foreach (double v in values[from..to])
        {
            if (double.IsNaN(v)) continue;
            sum += v;
            count++;
        }
        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>
    /// The geometric mean of the values in [<paramref name="from"/>, <paramref name="to"/>): the typical level of a loss
    /// that oscillates over orders of magnitude (a few spikes would dominate the arithmetic mean).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The window is empty or outside the series.</exception>
    public static double WindowGeometricMean(ReadOnlySpan<double> values, int from, int to)
    {
        if (from < 0 || to > values.Length || from >= to)
            throw new ArgumentOutOfRangeException(nameof(from), $"The window [{from}, {to}) is empty or outside the {values.Length} values.");
        double sumOfLogs = 0;
        foreach (double v in values[from..to]) sumOfLogs += Math.Log(v);
        return Math.Exp(sumOfLogs / (to - from));
    }
}
