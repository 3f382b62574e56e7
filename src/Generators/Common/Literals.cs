using System.Globalization;

namespace Landscape.Generators.Common;

/// <summary>Culture-invariant, round-trip C# literals (the output must not depend on the build machine's culture).</summary>
internal static class Literals
{
    /// <summary>A C# double literal that parses back to exactly <paramref name="value"/>: G17 with a <c>d</c> suffix, or a named constant for NaN, ±∞ and −0.</summary>
    public static string Double(double value)
    {
        if (double.IsNaN(value)) return "double.NaN";
        if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
        if (value == 0 && System.BitConverter.DoubleToInt64Bits(value) < 0) return "-0.0d";
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        // "R" can fail to round-trip on older frameworks; G17 always does. Prefer the shorter when it round-trips.
        if (double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) != value)
            text = value.ToString("G17", CultureInfo.InvariantCulture);
        return text + "d";
    }

    /// <summary>A C# int literal in invariant culture.</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A long as plain digits, with no suffix (for messages and comments, not code).</summary>
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A long literal (invariant culture, with the L suffix).</summary>
    public static string Long(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";

    /// <summary>An int with thousands separators for comments ("199,210"), invariant culture.</summary>
    public static string Grouped(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>An exact product or sum of sizes with thousands separators for messages, invariant culture.</summary>
    public static string Grouped(System.Numerics.BigInteger value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A C# regular string literal with the necessary escapes.</summary>
    public static string String(string value)
    {
        var builder = new System.Text.StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (char.IsControl(c) || c == '\u2028' || c == '\u2029') builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
        builder.Append('"');
        return builder.ToString();
    }
}
