using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace Landscape.Experiments.Tests.Reporting;

/// <summary>How the sample experiment ends.</summary>
public enum SampleMode
{
    /// <summary>Every claim holds.</summary>
    Pass,

    /// <summary>The second claim fails.</summary>
    FailClaim,

    /// <summary>Throws InvalidDataException after the first claim.</summary>
    DataError,

    /// <summary>Throws InvalidOperationException after the first claim.</summary>
    Bug,

    /// <summary>Waits for cancellation, then returns the context's (cancelled) result.</summary>
    WaitForCancel,
}

/// <summary>A small experiment for runner and CLI tests: a table, two figures (log axes; heat map), two claims.</summary>
public sealed class SampleExperiment : IExperiment
{
    public int Points { get; set; } = 12;

    public double[] Rates { get; set; } = [0.5, 2.0];

    public bool Verbose { get; set; }

    public SampleMode Mode { get; set; } = SampleMode.Pass;

    public int ThreadsSeen { get; private set; }

    public ExperimentResult Run(ExperimentContext context)
    {
        ThreadsSeen = Parallelism.MaxThreads;
        if (Points == 0) Points = 7; // 0 = "the default": resolved and written back, so the manifest records the value used
        var table = context.Table("curve", "t", "rate", "value");
        var figure = context.Plot("curve", "Power <laws> & lines").Axes("t", "value", AxisScale.Log, AxisScale.Log);
        figure.Caption = "Lines with slope \"rate\" on log–log axes; the <zero> point is left out.";
        using (var progress = context.Progress("curves", Rates.Length))
        {
            foreach (double rate in Rates)
            {
                var ts = new double[Points + 1];
                var ys = new double[Points + 1];
                for (int i = 1; i <= Points; i++)
                {
                    ts[i] = Math.Pow(10, -2 + 4.0 * i / Points);
                    ys[i] = Math.Pow(ts[i], rate);
                    table.Add(ts[i], rate, ys[i]);
                }
                figure.Line($"rate {rate}", ts, ys, dashed: rate > 1);
                progress.Increment();
            }
        }
        figure.HorizontalLine("one", 1.0).VerticalLine("t = 1", 1.0);
        var grid = new double[3, 4];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++) grid[i, j] = i * 4 + j;
        context.Plot("grid", "Grid").Axes("x", "y").HeatmapOf("value", [0.0, 1, 2, 3], [0.0, 1, 2], grid).Caption = "A heat map.";

        context.ClaimWithin("points are positive", Points, 1, 1000);
        if (Mode == SampleMode.DataError) throw new InvalidDataException("sample.bin is truncated at byte 12.");
        if (Mode == SampleMode.Bug) throw new InvalidOperationException("sample bug");
        if (Mode == SampleMode.WaitForCancel)
        {
            context.Cancellation.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
            return context.Result();
        }
        context.Claim("the <sample> claim & more", 0.25, "< 1", Mode != SampleMode.FailClaim);
        context.Measure("rates", Rates.Length, "curves");
        if (Verbose) context.Log.WriteLine("verbose sample");
        return context.Result();
    }

    /// <summary>A descriptor for <see cref="SampleExperiment"/>, built by hand as generated code would.</summary>
    public static ExperimentDescriptor Descriptor(string name = "sample", SampleMode mode = SampleMode.Pass, Action<SampleExperiment>? created = null) => new(
        name,
        "A sample experiment for tests",
        typeof(SampleExperiment).FullName!,
        [
            new SettingDescriptor("points", "Points", SettingKind.Int32, false, "Points per curve"),
            new SettingDescriptor("rates", "Rates", SettingKind.Double, true, "Slopes to draw"),
            new SettingDescriptor("verbose", "Verbose", SettingKind.Boolean, false, "Log more"),
            new SettingDescriptor("mode", "Mode", SettingKind.Enum, false, "How the run ends", "SampleMode", Enum.GetNames<SampleMode>()),
        ],
        () =>
        {
            var experiment = new SampleExperiment { Mode = mode };
            created?.Invoke(experiment);
            return experiment;
        },
        (e, values) =>
        {
            var sample = (SampleExperiment)e;
            if (values.TryGetInt32("points", out int points)) sample.Points = points;
            if (values.TryGetDoubleArray("rates", out double[] rates)) sample.Rates = rates;
            if (values.TryGetBoolean("verbose", out bool verbose)) sample.Verbose = verbose;
            if (values.TryGetEnum("mode", Enum.GetNames<SampleMode>(), Enum.GetValues<SampleMode>(), out SampleMode m)) sample.Mode = m;
        },
        e =>
        {
            var sample = (SampleExperiment)e;
            return
            [
                SettingText.Format(sample.Points),
                SettingText.FormatArray(sample.Rates, SettingText.Format),
                SettingText.Format(sample.Verbose),
                SettingText.FormatEnum(sample.Mode),
            ];
        });
}

/// <summary>A temporary directory deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "landscape-report-" + Guid.NewGuid().ToString("N"));

    public TempDirectory() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
