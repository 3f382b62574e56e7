using Landscape.Generators.Common;
using Landscape.Generators.Network.Model;

namespace Landscape.Generators.Network.Catalog;

/// <summary>
/// One network's entry of the generated <c>Landscape.NetworkCatalog</c>: what its <c>NetworkDescriptor</c> holds, computed
/// from the spec (lowered once in the catalog's own pipeline stage), plus the maps in words for the file header.
/// Equatable, so the catalog is regenerated only when an entry changes.
/// </summary>
/// <param name="Name">The class name (without a verbatim <c>@</c>): the name <c>landscape bench</c> takes.</param>
/// <param name="QualifiedName">The fully qualified type name, <c>global::Samples.FcTanh</c>.</param>
/// <param name="NotInCatalog">Why <c>new T()</c> cannot create the network from the catalog, or null when it can.</param>
/// <param name="Architecture">The generated <c>Architecture</c> constant's value.</param>
/// <param name="ParameterCount">The length of θ.</param>
/// <param name="InputShape">[size] or [channels, height, width].</param>
/// <param name="OutputSize">Outputs per example.</param>
/// <param name="Loss">The loss function.</param>
/// <param name="LossFlops">FLOPs of the loss per example.</param>
/// <param name="GradientFlops">FLOPs of loss and gradient per example.</param>
/// <param name="HvpFlops">FLOPs of the HVP (no gradient output) per example.</param>
/// <param name="Maps">The counted maps in words: "dense0 200×784* = 156,800; dense1 200×200 = 40,000 (I = …, S = …)".</param>
internal sealed record NetworkCatalogEntry(
    string Name,
    string QualifiedName,
    string? NotInCatalog,
    string Architecture,
    int ParameterCount,
    EquatableArray<int> InputShape,
    int OutputSize,
    LossKind Loss,
    long LossFlops,
    long GradientFlops,
    long HvpFlops,
    string Maps);

/// <summary>The whole catalog: the entries of the assembly's valid networks, ordered by name, then qualified name (ordinal).</summary>
internal sealed record NetworkCatalogSpec(EquatableArray<NetworkCatalogEntry> Networks);
