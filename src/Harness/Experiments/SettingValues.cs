using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Landscape.Experiments;

/// <summary>
/// The <c>--setting value</c> pairs given for one experiment, grouped by name, with typed accessors that parse in the
/// invariant culture and throw <see cref="SettingBindingException"/> naming the experiment, the setting, the text and
/// what was expected. Array settings take every value given for the name, each further split on commas
/// (<c>--learning-rates 0.02 0.04</c> = <c>--learning-rates 0.02,0.04</c>); scalar settings take exactly one.
/// Generated factories call the <c>TryGet…</c> methods; they are public for that reason only.
/// </summary>
public sealed class SettingValues
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    /// <summary>Groups <paramref name="pairs"/> by setting name (names without leading dashes).</summary>
    public SettingValues(string experiment, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(pairs);
        Experiment = experiment;
        foreach (var (key, value) in pairs)
        {
            string name = key.TrimStart('-');
            if (!_values.TryGetValue(name, out var list)) _values[name] = list = [];
            list.Add(value ?? "");
        }
    }

    /// <summary>The experiment the values are for.</summary>
    public string Experiment { get; }

    /// <summary>The setting names given, in first-seen order.</summary>
    public IEnumerable<string> Names => _values.Keys;

    /// <summary>The raw texts given for <paramref name="name"/>.</summary>
    public IReadOnlyList<string> Raw(string name) => _values.TryGetValue(name, out var list) ? list : [];

    /// <summary>Reads a <c>bool</c> setting.</summary>
    public bool TryGetBoolean(string name, out bool value) => TryScalar(name, "true or false", ParseBoolean, out value);

    /// <summary>Reads an <c>int</c> setting.</summary>
    public bool TryGetInt32(string name, out int value) => TryScalar(name, "an integer in [-2147483648, 2147483647]", ParseInt32, out value);

    /// <summary>Reads a <c>long</c> setting.</summary>
    public bool TryGetInt64(string name, out long value) => TryScalar(name, "a 64-bit integer", ParseInt64, out value);

    /// <summary>Reads a <c>double</c> setting.</summary>
    public bool TryGetDouble(string name, out double value) => TryScalar(name, "a finite number such as 0.02 or 1e-3", ParseDouble, out value);

    /// <summary>Reads a <c>string</c> setting.</summary>
    public bool TryGetString(string name, out string value) => TryScalar(name, "a text", ParseString, out value);

    /// <summary>Reads an enum setting by member name (case-insensitive).</summary>
    public bool TryGetEnum<T>(string name, ReadOnlySpan<string> names, ReadOnlySpan<T> members, out T value)
    {
        var (n, m) = (names.ToArray(), members.ToArray());
        return TryScalar(name, "one of " + string.Join(", ", n), text => ParseEnum(text, n, m), out value);
    }

    /// <summary>Reads a <c>bool[]</c> setting.</summary>
    public bool TryGetBooleanArray(string name, out bool[] values) => TryArray(name, "true or false", ParseBoolean, out values);

    /// <summary>Reads an <c>int[]</c> setting.</summary>
    public bool TryGetInt32Array(string name, out int[] values) => TryArray(name, "integers", ParseInt32, out values);

    /// <summary>Reads a <c>long[]</c> setting.</summary>
    public bool TryGetInt64Array(string name, out long[] values) => TryArray(name, "64-bit integers", ParseInt64, out values);

    /// <summary>Reads a <c>double[]</c> setting.</summary>
    public bool TryGetDoubleArray(string name, out double[] values) => TryArray(name, "finite numbers such as 0.02 or 1e-3", ParseDouble, out values);

    /// <summary>Reads a <c>string[]</c> setting.</summary>
    public bool TryGetStringArray(string name, out string[] values) => TryArray(name, "texts", ParseString, out values);

    /// <summary>Reads an enum-array setting by member names (case-insensitive).</summary>
    public bool TryGetEnumArray<T>(string name, ReadOnlySpan<string> names, ReadOnlySpan<T> members, out T[] values)
    {
        var (n, m) = (names.ToArray(), members.ToArray());
        return TryArray(name, "each one of " + string.Join(", ", n), text => ParseEnum(text, n, m), out values);
    }

    private bool TryScalar<T>(string name, string expectation, Func<string, (bool Ok, T Value)> parse, out T value)
    {
        value = default!;
        if (!_values.TryGetValue(name, out var texts)) return false;
        if (texts.Count != 1)
            throw new SettingBindingException(Experiment, name, $"{Experiment}: --{name} takes one value; it was given {texts.Count} ({string.Join(", ", texts.Select(Quote))}).");
        var (ok, parsed) = parse(texts[0].Trim());
        if (!ok)
            throw new SettingBindingException(Experiment, name, $"{Experiment}: --{name} {Quote(texts[0])} is not valid; expected {expectation}.");
        value = parsed;
        return true;
    }

    private bool TryArray<T>(string name, string expectation, Func<string, (bool Ok, T Value)> parse, out T[] values)
    {
        values = [];
        if (!_values.TryGetValue(name, out var texts)) return false;
        var items = new List<T>();
        foreach (var text in texts)
        {
            foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var (ok, parsed) = parse(part);
                if (!ok)
                    throw new SettingBindingException(Experiment, name, $"{Experiment}: --{name} element {Quote(part)} is not valid; expected {expectation}.");
                items.Add(parsed);
            }
        }
        if (items.Count == 0)
            throw new SettingBindingException(Experiment, name, $"{Experiment}: --{name} needs at least one value.");
        values = items.ToArray();
        return true;
    }

    private static string Quote(string text) => "'" + text + "'";

    private static (bool, bool) ParseBoolean(string text) =>
        string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) ? (true, true)
        : string.Equals(text, "false", StringComparison.OrdinalIgnoreCase) ? (true, false)
        : (false, false);

    private static (bool, int) ParseInt32(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) ? (true, v) : (false, 0);

    private static (bool, long) ParseInt64(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? (true, v) : (false, 0);

    private static (bool, double) ParseDouble(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? (true, v) : (false, 0);

    private static (bool, string) ParseString(string text) => (true, text);

    private static (bool, T) ParseEnum<T>(string text, string[] names, T[] members)
    {
        for (int i = 0; i < names.Length; i++)
            if (string.Equals(names[i], text, StringComparison.OrdinalIgnoreCase)) return (true, members[i]);
        return (false, default!);
    }
}
