using Landscape.Generators.Network.Graph;

namespace Landscape.Generators.Network.Rules;

/// <summary>
/// A weight matrix (of θ or of the direction v) that the workspace packs once per call for the block products; the field
/// is null at run time where a block product takes the unpacked small-product path.
/// </summary>
/// <param name="Field">The workspace field, e.g. <c>W1T</c>.</param>
/// <param name="Block">The parameter block packed.</param>
/// <param name="FromDirection">Packed from v (V, Vᵀ) rather than θ (W, Wᵀ).</param>
/// <param name="Transposed">Packed as Wᵀ, the B operand of a forward product z = a Wᵀ; else as W, for a backward product g W.</param>
/// <param name="Backward">Used by the backward walk (packed by <c>PackBackward</c> when from θ).</param>
/// <param name="Comment">What the operand is for, written after its declaration.</param>
internal sealed record PackedWeight(string Field, ParameterEntry Block, bool FromDirection, bool Transposed, bool Backward, string Comment)
{
    /// <summary>Inner dimension of the products that use it (the fan-in of a forward product, the units of a backward one).</summary>
    public int Inner => Transposed ? Block.Columns : Block.Rows;

    /// <summary>Columns of the products' results.</summary>
    public int Outer => Transposed ? Block.Rows : Block.Columns;
}
