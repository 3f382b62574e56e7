using System;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Landscape.Generators.Common;

/// <summary>
/// Writes indented C# text. Multi-line strings are re-indented line by line; <see cref="Block"/> scopes keep braces
/// balanced; <see cref="ToSourceText"/> checks that the indentation is back to zero. Line endings are always "\n".
/// </summary>
internal sealed class SourceWriter
{
    private const int IndentSize = 4;
    private readonly StringBuilder _builder = new();

    /// <summary>The current indentation level.</summary>
    public int Indentation { get; set; }

    /// <summary>Writes <paramref name="text"/> (possibly several lines) at the current indentation, ending with a newline.</summary>
    public void WriteLine(string text)
    {
        if (text.IndexOf('\n') < 0)
        {
            WriteSingleLine(text);
            return;
        }
        foreach (string line in text.Replace("\r\n", "\n").Split('\n')) WriteSingleLine(line);
    }

    /// <summary>Writes an empty line.</summary>
    public void WriteLine() => _builder.Append('\n');

    /// <summary>Writes <paramref name="header"/>, an opening brace, and returns a scope that closes the brace on dispose.</summary>
    public Scope Block(string header, string closing = "}")
    {
        WriteLine(header);
        WriteLine("{");
        Indentation++;
        return new Scope(this, closing);
    }

    /// <summary>The text written so far, after checking that every block was closed.</summary>
    public SourceText ToSourceText()
    {
        if (Indentation != 0) throw new InvalidOperationException($"SourceWriter indentation is {Indentation} at the end; a block was left open.");
        return SourceText.From(_builder.ToString(), Encoding.UTF8);
    }

    /// <inheritdoc/>
    public override string ToString() => _builder.ToString();

    /// <summary>Drops one blank line at the end, so that a block never ends with an empty line before its brace.</summary>
    private void TrimTrailingBlankLine()
    {
        int n = _builder.Length;
        if (n >= 2 && _builder[n - 1] == '\n' && _builder[n - 2] == '\n') _builder.Length = n - 1;
    }

    private void WriteSingleLine(string line)
    {
        if (line.Length > 0) _builder.Append(' ', Indentation * IndentSize).Append(line);
        _builder.Append('\n');
    }

    /// <summary>Closes a <see cref="Block"/> on dispose.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly SourceWriter _writer;
        private readonly string _closing;

        internal Scope(SourceWriter writer, string closing)
        {
            _writer = writer;
            _closing = closing;
        }

        /// <summary>Writes the closing brace.</summary>
        public void Dispose()
        {
            _writer.TrimTrailingBlankLine();
            _writer.Indentation--;
            _writer.WriteLine(_closing);
        }
    }
}
