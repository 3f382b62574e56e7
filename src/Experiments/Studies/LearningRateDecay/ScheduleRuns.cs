using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Landscape.Optimization;

namespace Landscape.Experiments.Studies;

/// <summary>One training run of the comparison: a schedule's name, its η(step) and the recorded trajectory.</summary>
internal sealed record ScheduleRun(string Name, Trajectory Trajectory)
{
    /// <summary>The loss at every step.</summary>
    public double[] Loss => Trajectory.Loss;
}

/// <summary>Shared pieces of the three-schedule comparison: training with checkpoints, curve tables, figures and window statistics.</summary>
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
        return context.Resume && File.Exists(path)
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
    /// Writes every step of every run as rows (step, schedule, learning_rate, loss, then the trajectory columns named
    /// in <paramref name="extraColumns"/>).
    /// </summary>
    public static void WriteCurves(ExperimentContext context, string tableName, IReadOnlyList<ScheduleRun> runs, params string[] extraColumns)
    {
        var columns = new List<string> { "step", "schedule", "learning_rate", "loss" };
        columns.AddRange(extraColumns);
        ResultTable table = context.Table(tableName, columns.ToArray());
        var row = new Cell[columns.Count];
        foreach (ScheduleRun run in runs)
        {
            Trajectory t = run.Trajectory;
            double[] eta = t.LearningRate, loss = t.Loss;
            var extra = new double[extraColumns.Length][];
            for (int c = 0; c < extraColumns.Length; c++) extra[c] = t.Column(extraColumns[c]);
            for (int i = 0; i < t.Count; i++)
            {
                row[0] = i;
                row[1] = run.Name;
                row[2] = eta[i];
                row[3] = loss[i];
                for (int c = 0; c < extra.Length; c++) row[4 + c] = extra[c][i];
                table.Add(row);
            }
        }
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

    /// <summary>
    /// Loss vs step (log y) of the runs over their first <paramref name="plottedSteps"/> steps (all when null; a longer
    /// run is cut there so the decay stays readable, its full curve being in the table), with the decay step marked.
    /// </summary>
    public static Figure PlotLosses(ExperimentContext context, string name, string title, IReadOnlyList<ScheduleRun> runs, int decayStep, int? plottedSteps = null)
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
