using System;
using Spectre.Console;

namespace Landscape.Experiments.Display;

/// <summary>
/// Progress shown as Spectre.Console bars. Created inside <see cref="ConsoleProgress.Show{T}"/>, which owns the live
/// display; tasks may be started and advanced from any thread.
/// </summary>
internal sealed class SpectreProgressSink : IProgressSink
{
    private readonly ProgressContext _context;

    public SpectreProgressSink(ProgressContext context) => _context = context;

    /// <inheritdoc/>
    public IProgressTask Start(string description, double total)
    {
        ArgumentNullException.ThrowIfNull(description);
        var task = _context.AddTask(Markup.Escape(description), autoStart: true, maxValue: Math.Max(total, double.Epsilon));
        return new Task(task);
    }

    private sealed class Task(ProgressTask task) : IProgressTask
    {
        public void Increment(double amount = 1) => task.Increment(amount);

        public void Dispose()
        {
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }
}
