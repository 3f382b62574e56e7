using System;
using System.IO;
using System.Text;
using Spectre.Console;

namespace Landscape.Experiments.Display;

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
