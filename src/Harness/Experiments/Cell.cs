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

    /// <summary>The cell as written to CSV.</summary>
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

    /// <summary>A text cell. It must not contain a comma, a quote or a line break.</summary>
    public static implicit operator Cell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            throw new ArgumentException($"Table text '{value}' contains a comma, quote or line break.", nameof(value));
        return new(value, false, double.NaN);
    }

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
