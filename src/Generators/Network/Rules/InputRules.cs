using Landscape.Generators.Network.Graph;

namespace Landscape.Generators.Network.Rules;

/// <summary>
/// The input: its value is the block's examples x, read from the dataset, not computed; R x = 0 (the examples do not depend
/// on θ) and no delta flows into it. The block drivers never visit it, and its parameter rules (none) are the defaults; the
/// class exists so that every kind has a row of <see cref="OpRuleTable"/>.
/// </summary>
internal sealed class InputRules : OpRules
{
    /// <summary>x is given.</summary>
    public override void Forward(BlockContext c, OpNode node)
    {
    }

    /// <summary>R x = 0.</summary>
    public override void RForward(BlockContext c, OpNode node)
    {
    }

    /// <summary>The input reads no value.</summary>
    public override void Backward(BlockContext c, OpNode node, int slot, DeltaWrite write)
    {
    }

    /// <summary>The input reads no value.</summary>
    public override void RBackward(BlockContext c, OpNode node, int slot, DeltaWrite write)
    {
    }
}
