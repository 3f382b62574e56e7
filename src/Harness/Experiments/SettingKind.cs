namespace Landscape.Experiments;

/// <summary>The element type of a setting (arrays have <see cref="SettingDescriptor.IsArray"/> set).</summary>
public enum SettingKind
{
    /// <summary><c>bool</c>: <c>true</c>/<c>false</c> (case-insensitive).</summary>
    Boolean,

    /// <summary><c>int</c>, invariant culture.</summary>
    Int32,

    /// <summary><c>long</c>, invariant culture.</summary>
    Int64,

    /// <summary><c>double</c>, invariant culture (<c>1e-3</c>, <c>0.5</c>, <c>NaN</c> and infinities are refused).</summary>
    Double,

    /// <summary><c>string</c>.</summary>
    String,

    /// <summary>An enum, by member name (case-insensitive).</summary>
    Enum,
}
