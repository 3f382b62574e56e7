using System;
using System.Globalization;
using System.IO;

namespace Landscape.Experiments.Display;

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
