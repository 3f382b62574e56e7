using System;
using System.IO;
using Spectre.Console;

namespace Landscape.Experiments.Display;

/// <summary>
/// Where the command line writes: standard output and error, and whether output goes to an interactive terminal (then
/// progress bars and rich tables are drawn with Spectre.Console) or elsewhere (then plain lines are written).
/// </summary>
internal sealed class Terminal
{
    private Terminal(TextWriter output, TextWriter error, bool interactive, bool color)
    {
        Output = output;
        Error = error;
        Interactive = interactive;
        Color = color;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
    }

    /// <summary>Standard output (results, tables, logs, plain progress lines).</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error (usage errors, failing claims, failures).</summary>
    public TextWriter Error { get; }

    /// <summary>Whether output is an interactive terminal (progress bars, rich tables).</summary>
    public bool Interactive { get; }

    /// <summary>Whether colours may be used (interactive and <c>NO_COLOR</c> unset).</summary>
    public bool Color { get; }

    /// <summary>The Spectre console writing to <see cref="Output"/>.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Plain text on the given writers (tests, redirected output).</summary>
    public static Terminal Plain(TextWriter output, TextWriter error) => new(output, error, interactive: false, color: false);

    /// <summary>The process's console: interactive when standard output is a terminal; colourless when <c>NO_COLOR</c> is set.</summary>
    public static Terminal ForProcess()
    {
        bool interactive = !System.Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not "dumb";
        bool color = interactive && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        return new Terminal(System.Console.Out, System.Console.Error, interactive, color);
    }
}
