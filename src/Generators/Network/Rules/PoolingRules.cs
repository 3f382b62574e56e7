using System.Collections.Generic;
using Landscape.Generators.Common;
using Landscape.Generators.Network.Graph;
using Landscape.Generators.Network.Model;
using static Landscape.Generators.Network.RuntimeNames;

namespace Landscape.Generators.Network.Rules;

/// <summary>
/// Pooling, one rules object per kind: max pooling (the forward records each window's argmax, the first maximum in
/// row-major window order; R-values, deltas and their R-images follow the same cells), average pooling (padded zeros
/// counted; linear, so R-forward and R-backward are the same map on the R-images) and global average pooling (C×H×W → C).
/// No parameters and no activation.
/// </summary>
internal sealed class PoolingRules(OpKind kind) : OpRules
{
    /// <summary>Max pooling keeps its argmax (plane indices h·W + w), one int per output.</summary>
    public override IEnumerable<WorkspaceBuffer> Scratch(OpNode node, OpGraph graph)
    {
        if (kind == OpKind.MaxPool) yield return Argmax(node);
    }

    /// <summary>Forward: the pooled value (max pooling writes its argmax too).</summary>
    public override void Forward(BlockContext c, OpNode node)
    {
        ValueBuffers own = c.Value(node.Id), input = c.Value(node.Inputs[0]);
        var g = ConvolutionGeometry.Of(node, c.Graph);
        c.Line($"// {node.Name} ({c.Graph[node.Inputs[0]].Shape} → {node.Shape}{(kind == OpKind.GlobalAvgPool ? "" : ", " + g.Describe)}): {own.Local} = {Describe(input.Local)}");
        c.DeclareValue(own);
        switch (kind)
        {
            case OpKind.MaxPool:
                string argmax = ArgmaxLocal(node);
                c.DeclareScratch(argmax, Argmax(node));
                c.Line($"{Pooling}.MaxForward({input.Local}, {own.Local}, {argmax}, r, {g.InputArguments}, {g.WindowArguments});");
                break;
            case OpKind.AvgPool:
                c.Line($"{Pooling}.AverageForward({input.Local}, {own.Local}, r, {g.InputArguments}, {g.WindowArguments});");
                break;
            default:
                c.Line($"{Pooling}.GlobalAverageForward({input.Local}, {own.Local}, r, {g.InputArguments});");
                break;
        }
    }

    /// <summary>R-forward: the same map of the input's R-image (through the argmax for max pooling).</summary>
    public override void RForward(BlockContext c, OpNode node)
    {
        ValueBuffers own = c.Value(node.Id), input = c.Value(node.Inputs[0]);
        if (!own.HasRImage) return;
        var g = ConvolutionGeometry.Of(node, c.Graph);
        c.Line($"// R {own.Local} = {Describe("R " + input.Local)}");
        c.DeclareRValue(own);
        switch (kind)
        {
            case OpKind.MaxPool:
                c.DeclareScratch(ArgmaxLocal(node), Argmax(node)); // declared by the forward, except in an operator's product
                c.Line($"{Pooling}.MaxSelect({input.RLocal}, {ArgmaxLocal(node)}, {own.RLocal}, r, {g.InputArguments}, {g.WindowArguments});");
                break;
            case OpKind.AvgPool:
                c.Line($"{Pooling}.AverageForward({input.RLocal}, {own.RLocal}, r, {g.InputArguments}, {g.WindowArguments});");
                break;
            default:
                c.Line($"{Pooling}.GlobalAverageForward({input.RLocal}, {own.RLocal}, r, {g.InputArguments});");
                break;
        }
    }

    /// <summary>Backward: the adjoint map of the delta into the input's delta.</summary>
    public override void Backward(BlockContext c, OpNode node, int slot, DeltaWrite write)
    {
        ValueBuffers own = c.Value(node.Id), input = c.Value(node.Inputs[slot]);
        c.Line($"// back through {node.Name}: {input.DeltaLocal} {(write.Accumulate ? "+=" : "=")} {Adjoint(own.DeltaLocal)}" + (c.Hessian ? $", and likewise R {input.DeltaLocal} from R {own.DeltaLocal}" : ""));
        c.DeclareDeltas(input);
        Adjoint(c, node, own.DeltaLocal, input.DeltaLocal, write);
    }

    /// <summary>R-backward: the same adjoint map of R g (the map does not depend on θ, apart from the argmax it routes through).</summary>
    public override void RBackward(BlockContext c, OpNode node, int slot, DeltaWrite write)
    {
        ValueBuffers own = c.Value(node.Id), input = c.Value(node.Inputs[slot]);
        Adjoint(c, node, own.RDeltaLocal, input.RDeltaLocal, write);
    }

    /// <summary>The adjoint of the pooling map: <paramref name="target"/> (+)= poolᵀ <paramref name="deltas"/>.</summary>
    private void Adjoint(BlockContext c, OpNode node, string deltas, string target, DeltaWrite write)
    {
        var g = ConvolutionGeometry.Of(node, c.Graph);
        string accumulate = write.Accumulate ? ", accumulate: true" : "";
        switch (kind)
        {
            case OpKind.MaxPool:
                c.Line($"{Pooling}.MaxBackward({deltas}, {ArgmaxLocal(node)}, {target}, r, {g.InputArguments}, {g.WindowArguments}{accumulate});");
                break;
            case OpKind.AvgPool:
                c.Line($"{Pooling}.AverageBackward({deltas}, {target}, r, {g.InputArguments}, {g.WindowArguments}{accumulate});");
                break;
            default:
                c.Line($"{Pooling}.GlobalAverageBackward({deltas}, {target}, r, {g.InputArguments}{accumulate});");
                break;
        }
    }

    /// <summary>The forward map in comments.</summary>
    private string Describe(string input) => kind switch
    {
        OpKind.MaxPool => $"max over each window of {input} (argmax kept)",
        OpKind.AvgPool => $"mean over each window of {input} (padded zeros counted)",
        _ => $"mean over height and width of {input}",
    };

    /// <summary>The adjoint in comments.</summary>
    private string Adjoint(string deltas) => kind switch
    {
        OpKind.MaxPool => $"{deltas} routed to each window's argmax",
        OpKind.AvgPool => $"{deltas} / K² spread over each window",
        _ => $"{deltas} / (H·W) spread over each channel",
    };

    /// <summary>The argmax buffer of a max pooling op.</summary>
    private static WorkspaceBuffer Argmax(OpNode node) =>
        new(LayerNames.Field(node.Name) + "Argmax", 1, node.Shape.Size, $"argmax of {node.Name}: the plane index h·W + w each output took") { Integers = true, FixedPoint = true };

    /// <summary>The block's local of the argmax.</summary>
    private static string ArgmaxLocal(OpNode node) => node.Name + "Argmax";
}
