using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Landscape.Experiments;

/// <summary>
/// Formats setting values as command-line text that <see cref="SettingValues"/> parses back to the same value
/// (invariant culture, round-trip doubles, arrays comma-separated). Used by generated code for defaults and manifests.
/// </summary>
public static class SettingText
{
    /// <summary>Formats a <c>bool</c>.</summary>
    public static string Format(bool value) => value ? "true" : "false";

    /// <summary>Formats an <c>int</c>.</summary>
    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a <c>long</c>.</summary>
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a <c>double</c> in round-trip form.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats a <c>string</c> (null as empty).</summary>
    public static string Format(string? value) => value ?? "";

    /// <summary>Formats an enum member by name.</summary>
    public static string FormatEnum<T>(T value) where T : struct, Enum => value.ToString();

    /// <summary>Formats an array, comma-separated (null as empty).</summary>
    public static string FormatArray<T>(IEnumerable<T>? values, Func<T, string> format) =>
        values is null ? "" : string.Join(",", values.Select(format));
}
