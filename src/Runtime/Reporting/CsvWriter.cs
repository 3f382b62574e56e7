using System;
using System.Globalization;
using System.IO;

namespace Landscape.Reporting;

/// <summary>
/// Minimal culture-invariant CSV output for probe results: comma-separated, '\n' line endings on every platform, numbers
/// in the invariant culture's round-trip ("R") format so that a value read back is bit-identical to the one written.
/// NaN and infinities are written as <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>.
/// </summary>
public static class CsvWriter
{
    /// <summary>Formats <paramref name="value"/> with the invariant culture's round-trip format.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Writes a header line of column names (names must not contain commas, quotes or line breaks).</summary>
    /// <exception cref="ArgumentException">A name contains a comma, a quote or a line break.</exception>
    public static void WriteHeader(TextWriter writer, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(columns);
        for (int i = 0; i < columns.Length; i++)
        {
            if (columns[i].AsSpan().IndexOfAny(",\"\r\n") >= 0)
                throw new ArgumentException($"Column name '{columns[i]}' contains a comma, quote or line break.", nameof(columns));
            if (i > 0) writer.Write(',');
            writer.Write(columns[i]);
        }
        writer.Write('\n');
    }

    /// <summary>Writes one line of numbers, each in round-trip format.</summary>
    public static void WriteRow(TextWriter writer, params ReadOnlySpan<double> values)
    {
        ArgumentNullException.ThrowIfNull(writer);
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0) writer.Write(',');
            writer.Write(Format(values[i]));
        }
        writer.Write('\n');
    }
}
