using System;
using System.Collections.Generic;
using Landscape.Generators.Common;
using Landscape.Generators.Network.Model;

namespace Landscape.Generators.Network.Graph;

/// <summary>
/// Lowers a <see cref="NetworkSpec"/> to an <see cref="OpGraph"/>: the input, one op per declared layer with its inferred
/// shape and its parameter blocks at their offsets (PyTorch's <c>model.parameters()</c> order: layer by layer, weight then
/// bias, a residual block's projection after the block's own layers), and the loss head. A <c>[ResidualBegin]</c> makes no
/// op: it marks the value the block's <see cref="OpKind.Residual"/> op reads as its second input, so that value has two
/// consumers (the fork). Runs in the emit stage, from the equatable spec, so nothing here enters the incremental pipeline.
/// </summary>
internal static class NetworkLowering
{
    /// <summary>The graph of <paramref name="spec"/> (the parser has validated its shapes).</summary>
    public static OpGraph Lower(NetworkSpec spec)
    {
        var nodes = new List<OpNode>
        {
            new(0, OpKind.Input, "input", 0, EquatableArray<int>.Empty, InputShape(spec), ActivationKind.Identity, EquatableArray<ParameterEntry>.Empty),
        };
        var counts = new int[Enum.GetValues(typeof(OpKind)).Length];
        int offset = 0, streams = 0;
        int? blockInput = null;
        long blockStride = 1;
        foreach (LayerSpec layer in spec.Layers)
        {
            OpNode previous = nodes[nodes.Count - 1];
            switch (layer.Kind)
            {
                case LayerKind.ResidualBegin:
                    blockInput = previous.Id;
                    blockStride = 1;
                    continue;
                case LayerKind.ResidualEnd:
                    int x = blockInput ?? throw new InvalidOperationException("[ResidualEnd] without [ResidualBegin] passed the parser.");
                    nodes.Add(LowerResidual(layer, counts[(int)OpKind.Residual]++, previous, nodes[x], blockStride, nodes.Count, ref offset, ref streams));
                    blockInput = null;
                    continue;
            }
            // Capped like the parser's: any stride at least the input's extent gives one output row, so the cap changes nothing.
            blockStride = Math.Min(blockStride * ShapeInference.StrideOf(layer), int.MaxValue);
            OpKind kind = KindOf(layer.Kind);
            nodes.Add(LowerLayer(layer, kind, counts[(int)kind]++, previous, nodes.Count, ref offset, ref streams));
        }

        OpNode output = nodes[nodes.Count - 1];
        if (output.Shape.IsSpatial) throw new InvalidOperationException($"The network output {output.Shape} is not flat; the parser reports this (LSG0120).");
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

    /// <summary>The op kind of a (non-residual) layer.</summary>
    private static OpKind KindOf(LayerKind kind) => kind switch
    {
        LayerKind.Dense => OpKind.Dense,
        LayerKind.Conv2d => OpKind.Convolution,
        LayerKind.MaxPool2d => OpKind.MaxPool,
        LayerKind.AvgPool2d => OpKind.AvgPool,
        LayerKind.GlobalAvgPool2d => OpKind.GlobalAvgPool,
        _ => throw new InvalidOperationException($"{kind} makes no op of its own."),
    };

    /// <summary>
    /// Layer number <paramref name="index"/> of its kind reading <paramref name="input"/>: its inferred shape and its blocks.
    /// A dense weight is [units × fan-in] (a spatial input flattened, so the fan-in is its size); a convolution's is
    /// [out-channels × in-channels·k·k]; each weight op draws from the next initialization stream.
    /// </summary>
    private static OpNode LowerLayer(LayerSpec layer, OpKind kind, int index, OpNode input, int id, ref int offset, ref int streams)
    {
        (long channels, long height, long width, bool spatial) = ShapeInference.Output(layer, input.Shape);
        Shape shape = spatial ? Shape.Spatial((int)channels, (int)height, (int)width) : Shape.Flat((int)(channels * height * width));
        string name = LayerNames.Of(layer.Kind, index);
        var blocks = new List<ParameterEntry>();
        int stream = 0;
        if (kind is OpKind.Dense or OpKind.Convolution)
        {
            int columns = kind == OpKind.Dense ? input.Shape.Size : input.Shape.Channels * layer.Kernel * layer.Kernel;
            AddWeightAndBias(blocks, name, layer.Units, columns, layer.Bias, ref offset);
            stream = streams++;
        }
        return new OpNode(id, kind, name, index, new EquatableArray<int>([input.Id]), shape, layer.Activation, blocks.ToEquatableArray())
        {
            Init = layer.Init,
            InitScale = layer.InitScale,
            Stream = stream,
            Kernel = layer.Kernel,
            Stride = layer.Stride,
            Padding = layer.Padding,
        };
    }

    /// <summary>
    /// Residual block <paramref name="index"/>: z = F + S(x), reading F (<paramref name="last"/>, slot 0) and x
    /// (<paramref name="x"/>, slot 1). With a projection, S is a 1×1 convolution of stride <paramref name="stride"/> (the
    /// product of the block's strides) for a spatial value, a dense map for a flat one; <c>residual{k}.weight</c> and
    /// <c>.bias</c>, default initialization.
    /// </summary>
    private static OpNode LowerResidual(LayerSpec layer, int index, OpNode last, OpNode x, long stride, int id, ref int offset, ref int streams)
    {
        string name = LayerNames.Of(LayerKind.ResidualEnd, index);
        var blocks = new List<ParameterEntry>();
        int stream = 0;
        bool spatial = last.Shape.IsSpatial;
        if (layer.Projection)
        {
            AddWeightAndBias(blocks, name, last.Shape.Channels, spatial ? x.Shape.Channels : x.Shape.Size, true, ref offset);
            stream = streams++;
        }
        else if (last.Shape != x.Shape)
        {
            throw new InvalidOperationException($"{name} adds {x.Shape} to {last.Shape} without a projection; the parser reports this (LSG0117).");
        }
        return new OpNode(id, OpKind.Residual, name, index, new EquatableArray<int>([last.Id, x.Id]), last.Shape, layer.Activation, blocks.ToEquatableArray())
        {
            Stream = stream,
            Kernel = 1,
            Stride = spatial && layer.Projection ? (int)stride : 1,
        };
    }

    /// <summary>Appends <c>{name}.weight</c> [rows × columns] and, if <paramref name="bias"/>, <c>{name}.bias</c> [rows], from <paramref name="offset"/>.</summary>
    private static void AddWeightAndBias(List<ParameterEntry> blocks, string name, int rows, int columns, bool bias, ref int offset)
    {
        string constant = LayerNames.Field(name);
        blocks.Add(new ParameterEntry(name + ".weight", constant + "Weight", offset, rows, columns, BlockKind.Weight));
        offset += rows * columns;
        if (!bias) return;
        blocks.Add(new ParameterEntry(name + ".bias", constant + "Bias", offset, rows, 1, BlockKind.Bias));
        offset += rows;
    }
}
