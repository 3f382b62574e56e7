using System;
using System.Globalization;

namespace Landscape.Experiments;

/// <summary>
/// One table cell: a number (written in invariant round-trip form, so it reads back bit-identically) or a text.
/// Implicit from <c>double</c>, <c>int</c>, <c>long</c>, <c>bool</c> and <c>string</c>.
/// </summary>
public readonly struct Cell : IEquatable<Cell>
{
    private Cell(string text, bool isNumber, double number)
    {
        Text = text;
        IsNumber = isNumber;
        Number = number;
    }

    /// <summary>The cell's text: a number in invariant round-trip form, or the text itself (CSV quotes it where needed).</summary>
    public string Text { get; }

    /// <summary>Whether the cell is numeric (JSON writes it as a number when finite).</summary>
    public bool IsNumber { get; }

    /// <summary>The numeric value (NaN for text cells).</summary>
    public double Number { get; }

    /// <summary>A numeric cell.</summary>
    public static implicit operator Cell(double value) => new(value.ToString("R", CultureInfo.InvariantCulture), true, value);

    /// <summary>An integer cell.</summary>
    public static implicit operator Cell(int value) => new(value.ToString(CultureInfo.InvariantCulture), true, value);

    /// <summary>An integer cell.</summary>
    public static implicit operator Cell(long value) => new(value.ToString(CultureInfo.InvariantCulture), true, value);

    /// <summary>A boolean cell, written <c>true</c>/<c>false</c>.</summary>
    public static implicit operator Cell(bool value) => new(value ? "true" : "false", false, double.NaN);

    /// <summary>
    /// A text cell. It must not contain a line break (a table row is one line); a text with a comma or a quote is written
    /// to CSV quoted, as RFC 4180 says (<c>"784-32-10 tanh/identity, MSE"</c>, inner quotes doubled).
    /// </summary>
    public static implicit operator Cell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            throw new ArgumentException($"Table text '{value}' contains a line break.", nameof(value));
        return new(value, false, double.NaN);
    }

    /// <summary>The cell as a CSV field: the text, quoted (inner quotes doubled) when it holds a comma or a quote.</summary>
    public string CsvField => !IsNumber && Text.AsSpan().IndexOfAny(',', '"') >= 0 ? "\"" + Text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : Text;

    /// <inheritdoc/>
    public bool Equals(Cell other) => Text == other.Text && IsNumber == other.IsNumber;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Cell other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Text, IsNumber);

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>Equality.</summary>
    public static bool operator ==(Cell left, Cell right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Cell left, Cell right) => !left.Equals(right);
}
