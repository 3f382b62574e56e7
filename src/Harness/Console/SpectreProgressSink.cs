using System;
using System.Globalization;
using System.IO;
using System.Text;
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

/// <summary>
/// Progress as plain lines (<c>task: 40%</c>) for logs and redirected output: one line when a task starts, one each
/// time it crosses a multiple of 10 %, and <c>task: done</c> when it ends.
/// </summary>
internal sealed class PlainProgressSink : IProgressSink
{
    private readonly TextWriter _output;
    private readonly object _gate = new();

    public PlainProgressSink(TextWriter output) => _output = output ?? throw new ArgumentNullException(nameof(output));

    /// <inheritdoc/>
    public IProgressTask Start(string description, double total)
    {
        ArgumentNullException.ThrowIfNull(description);
        lock (_gate) _output.WriteLine($"{description}: 0%");
        return new Task(this, description, total);
    }

    private void Write(string line)
    {
        lock (_gate) _output.WriteLine(line);
    }

    private sealed class Task(PlainProgressSink sink, string description, double total) : IProgressTask
    {
        private readonly object _gate = new();
        private double _done;
        private int _lastTenth;
        private bool _disposed;

        public void Increment(double amount = 1)
        {
            int tenth;
            lock (_gate)
            {
                if (_disposed) return;
                _done += amount;
                tenth = total > 0 ? (int)Math.Clamp(Math.Floor(10 * _done / total), 0, 10) : 0;
                if (tenth <= _lastTenth || tenth >= 10) return;
                _lastTenth = tenth;
            }
            sink.Write($"{description}: {(10 * tenth).ToString(CultureInfo.InvariantCulture)}%");
        }

        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed) return;
                _disposed = true;
            }
            sink.Write($"{description}: done");
        }
    }
}

/// <summary>Runs work with the progress display that suits the terminal.</summary>
internal static class ConsoleProgress
{
    /// <summary>
    /// Runs <paramref name="body"/> with a progress sink and a log writer: Spectre bars (logs printed above them) on an
    /// interactive terminal, plain lines otherwise.
    /// </summary>
    public static T Show<T>(Terminal terminal, Func<IProgressSink, TextWriter, T> body)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        ArgumentNullException.ThrowIfNull(body);
        if (!terminal.Interactive) return body(new PlainProgressSink(terminal.Output), terminal.Output);

        T result = default!;
        terminal.Console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                using var log = new ConsoleLineWriter(terminal.Console);
                result = body(new SpectreProgressSink(context), log);
            });
        return result;
    }

    /// <summary>A writer that hands complete lines to the Spectre console, so they print above the live progress bars.</summary>
    private sealed class ConsoleLineWriter(IAnsiConsole console) : TextWriter
    {
        private readonly StringBuilder _line = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_line)
            {
                if (value == '\n')
                {
                    console.WriteLine(_line.ToString().TrimEnd('\r'));
                    _line.Clear();
                }
                else
                {
                    _line.Append(value);
                }
            }
        }

        protected override void Dispose(bool disposing)
        {
            lock (_line)
            {
                if (_line.Length > 0) console.WriteLine(_line.ToString());
                _line.Clear();
            }
            base.Dispose(disposing);
        }
    }
}
