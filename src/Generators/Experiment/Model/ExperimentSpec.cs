using Landscape.Generators.Common;

namespace Landscape.Generators.Experiment.Model;

/// <summary>
/// Everything the emitter needs to put one [Experiment] class into the assembly's catalog.
/// </summary>
/// <remarks>
/// The spec is the incremental pipeline's cache key: it is immutable and compares structurally. When adding members,
/// keep them equatable (primitives, strings, enums, records of those, <see cref="EquatableArray{T}"/>) or caching breaks;
/// never store symbols, syntax nodes, locations or the compilation here.
/// </remarks>
/// <param name="Name">The command-line name (<c>edge-of-stability</c>), valid kebab case.</param>
/// <param name="Summary">The <c>Summary</c> of the attribute ("" when not given).</param>
/// <param name="TypeName">The fully qualified C# name of the type, e.g. <c>global::Samples.EdgeOfStability</c>.</param>
/// <param name="SimpleName">The type's own name, unescaped (<c>EdgeOfStability</c>), for member names in the catalog.</param>
/// <param name="Settings">The settings in declaration order (by file path, then position).</param>
internal sealed record ExperimentSpec(
    string Name,
    string Summary,
    string TypeName,
    string SimpleName,
    EquatableArray<SettingSpec> Settings);

/// <summary>One [Setting] property of an experiment.</summary>
/// <param name="Name">The command-line name: the property name in kebab case (<c>learning-rates</c>).</param>
/// <param name="PropertyName">The property name, unescaped (<c>LearningRates</c>).</param>
/// <param name="Kind">The element type.</param>
/// <param name="IsArray">Whether the property is a one-dimensional array of <see cref="Kind"/>.</param>
/// <param name="Description">The <c>[Setting]</c> description ("" when null).</param>
/// <param name="Enum">For <see cref="SettingKindSpec.Enum"/>, the enum type and its members; otherwise null.</param>
internal sealed record SettingSpec(
    string Name,
    string PropertyName,
    SettingKindSpec Kind,
    bool IsArray,
    string Description,
    EnumSpec? Enum);

/// <summary>An enum used by a setting.</summary>
/// <param name="TypeName">The fully qualified C# name, e.g. <c>global::Samples.Mode</c>.</param>
/// <param name="DisplayName">The name shown in help text: the enum's name with its containing types, e.g. <c>Mode</c> or <c>Outer.Mode</c>.</param>
/// <param name="Members">The member names in declaration order, unescaped.</param>
internal sealed record EnumSpec(string TypeName, string DisplayName, EquatableArray<string> Members);

/// <summary>The whole catalog: the valid experiments of the assembly, ordered by name, then type name (ordinal).</summary>
internal sealed record CatalogSpec(EquatableArray<ExperimentSpec> Experiments);

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
