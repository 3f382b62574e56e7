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
