using System;
using System.Collections.Generic;
using Landscape.Generators.Common;
using Landscape.Generators.Network.Model;

namespace Landscape.Generators.Network.Graph;

/// <summary>
/// Lowers a <see cref="NetworkSpec"/> to an <see cref="OpGraph"/>: the input, one op per declared layer with its inferred
/// shape and its parameter blocks at their offsets, and the loss head. Runs in the emit stage, from the equatable spec, so
/// nothing here enters the incremental pipeline.
/// </summary>
internal static class NetworkLowering
{
    /// <summary>The graph of <paramref name="spec"/>: input → dense0 → … → dense(n−1) → loss, a chain.</summary>
    public static OpGraph Lower(NetworkSpec spec)
    {
        var nodes = new List<OpNode>
        {
            new(0, OpKind.Input, "input", 0, EquatableArray<int>.Empty, InputShape(spec), ActivationKind.Identity, EquatableArray<ParameterEntry>.Empty),
        };
        int offset = 0;
        for (int l = 0; l < spec.Layers.Count; l++)
            nodes.Add(LowerDense(spec.Layers[l], l, nodes[nodes.Count - 1], nodes.Count, ref offset));

        OpNode output = nodes[nodes.Count - 1];
        nodes.Add(new OpNode(nodes.Count, OpKind.Loss, "loss", 0, new EquatableArray<int>([output.Id]), Shape.Flat(1), ActivationKind.Identity, EquatableArray<ParameterEntry>.Empty)
        {
            Loss = spec.Loss,
        });
        return new OpGraph(nodes);
    }

    /// <summary>The input's shape: spatial for <c>[Input(channels, height, width)]</c>, flat for <c>[Input(size)]</c>.</summary>
    private static Shape InputShape(NetworkSpec spec) => spec.InputImage is { } image
        ? Shape.Spatial(image.Channels, image.Height, image.Width)
        : Shape.Flat(spec.InputSize);

    /// <summary>
    /// Dense layer <paramref name="l"/> reading <paramref name="input"/>: shape inference gives a flat value of Units
    /// (a spatial input is flattened, so the fan-in is its size), and the blocks <c>dense{l}.weight</c> [units × fan-in]
    /// and, if declared, <c>dense{l}.bias</c> [units], laid out from <paramref name="offset"/>.
    /// </summary>
    private static OpNode LowerDense(LayerSpec layer, int l, OpNode input, int id, ref int offset)
    {
        int fanIn = input.Shape.Size;
        if (fanIn != layer.FanIn) throw new InvalidOperationException($"Dense layer {l} reads {fanIn} values but the spec says its fan-in is {layer.FanIn}.");
        string name = "dense" + Literals.Int(l);
        var blocks = new List<ParameterEntry> { new(name + ".weight", $"Dense{l}Weight", offset, layer.Units, fanIn, BlockKind.Weight) };
        offset += layer.Units * fanIn;
        if (layer.Bias)
        {
            blocks.Add(new ParameterEntry(name + ".bias", $"Dense{l}Bias", offset, layer.Units, 1, BlockKind.Bias));
            offset += layer.Units;
        }
        return new OpNode(id, OpKind.Dense, name, l, new EquatableArray<int>([input.Id]), Shape.Flat(layer.Units), layer.Activation, blocks.ToEquatableArray())
        {
            Init = layer.Init,
            InitScale = layer.InitScale,
        };
    }
}
