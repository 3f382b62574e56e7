namespace Landscape.Generators.Experiment.Model;

/// <summary>Mirror of <c>Landscape.Experiments.SettingKind</c> (names and values must match; a test checks them).</summary>
internal enum SettingKindSpec
{
    /// <summary><c>bool</c>.</summary>
    Boolean = 0,

    /// <summary><c>int</c>.</summary>
    Int32 = 1,

    /// <summary><c>long</c>.</summary>
    Int64 = 2,

    /// <summary><c>double</c>.</summary>
    Double = 3,

    /// <summary><c>string</c>.</summary>
    String = 4,

    /// <summary>An enum, by member name.</summary>
    Enum = 5,
}
