using Landscape.Generators.Common;

namespace Landscape.Generators.Objective.Model;

/// <summary>
/// Everything the emitter needs to generate one [Objective] type: where the type lives, its coordinates, the members it
/// reads, and the expression graph of f (derivatives are computed from it in the emitter stage).
/// </summary>
/// <remarks>
/// The spec is the incremental pipeline's cache key: it is immutable and compares structurally. When adding members,
/// keep them equatable (primitives, strings, enums, records of those, <see cref="EquatableArray{T}"/>) or caching breaks;
/// never store symbols, syntax nodes, locations or the compilation here.
/// </remarks>
/// <param name="Namespace">The containing namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">Declarations of the containing types, outermost first (e.g. "partial class Outer").</param>
/// <param name="Declaration">The partial declaration to emit, e.g. "partial record Valley".</param>
/// <param name="TypeName">The type's name as written in C# (escaped if it is a keyword).</param>
/// <param name="FullName">The type's display name for messages and comments, e.g. "Samples.Valley".</param>
/// <param name="HintName">The file name of the generated source.</param>
/// <param name="MethodName">The [Objective] method's name.</param>
/// <param name="Coordinates">The coordinate (parameter) names, in order, unescaped.</param>
/// <param name="Members">The members read as constants, in order of first use.</param>
/// <param name="Nodes">The expression graph of f, in topological order.</param>
/// <param name="Root">The node of f.</param>
/// <param name="HasInitialPoint">True when the type declares <c>double[] InitialPoint()</c>.</param>
/// <param name="SourceLines">The type header and the [Objective] method as written, restated in the generated file's header.</param>
internal sealed record ObjectiveSpec(
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    string Declaration,
    string TypeName,
    string FullName,
    string HintName,
    string MethodName,
    EquatableArray<string> Coordinates,
    EquatableArray<MemberSpec> Members,
    EquatableArray<ExprNode> Nodes,
    int Root,
    bool HasInitialPoint,
    EquatableArray<string> SourceLines);
