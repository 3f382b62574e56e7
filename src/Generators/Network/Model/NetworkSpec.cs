using Landscape.Generators.Common;

namespace Landscape.Generators.Network.Model;

/// <summary>
/// Everything the emitter needs to generate one [Network] class.
/// </summary>
/// <remarks>
/// The spec is the incremental pipeline's cache key: it is immutable and compares structurally. When adding members,
/// keep them equatable (primitives, strings, enums, records of those, <see cref="EquatableArray{T}"/>) or caching breaks;
/// never store symbols, syntax nodes, locations or the compilation here.
/// </remarks>
/// <param name="Namespace">The containing namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">Declarations of the containing types, outermost first (e.g. "partial class Outer").</param>
/// <param name="TypeKeyword">"class" or "record" (a record class works as well).</param>
/// <param name="TypeName">The network class name (escaped with @ if it is a keyword).</param>
/// <param name="HintName">The file name of the generated source.</param>
/// <param name="Loss">The loss function.</param>
/// <param name="InputSize">Input values per example (C·H·W for an image input).</param>
/// <param name="Layers">The dense layers in order.</param>
/// <param name="InputImage">For <c>[Input(channels, height, width)]</c>, the image's shape; null for a flat <c>[Input(size)]</c>.</param>
/// <param name="QualifiedName">The fully qualified type name (<c>global::Samples.FcTanh</c>), for the network catalog.</param>
/// <param name="NotInCatalog">Why the catalog cannot create the network with <c>new T()</c> (it is private, abstract, …), or null.</param>
internal sealed record NetworkSpec(
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    string TypeKeyword,
    string TypeName,
    string HintName,
    LossKind Loss,
    int InputSize,
    EquatableArray<LayerSpec> Layers,
    ImageShape? InputImage = null,
    string QualifiedName = "",
    string? NotInCatalog = null);
