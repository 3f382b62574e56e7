using System.Collections.Generic;
using Landscape.Generators.Common;
using Landscape.Generators.Network.Graph;
using static Landscape.Generators.Network.RuntimeNames;

namespace Landscape.Generators.Network.Rules;

/// <summary>
/// Convolution: per example Z = W·P + b (P = im2col of the input, W [O × C·K·K] = PyTorch's [out, in, kh, kw], b one value
/// per channel), then the op's activation. R Z = W·R P + V·P + V_b; the input's deltas are col2im(Wᵀ G), their R-images
/// col2im(Wᵀ R G + Vᵀ G); ∇W = Σ G Pᵀ and (H·v)_W = Σ R G Pᵀ + G R Pᵀ over the chunk, ∇b and (H·v)_b channel sums of G
/// and R G.
/// </summary>
internal sealed class ConvolutionRules : OpRules
{
    /// <summary>W drawn by the op's init scheme from its stream (fan-in C·K·K, fan-out O·K·K, as PyTorch); b = 0.</summary>
    public override void Initialize(SourceWriter w, OpNode node)
    {
        ParameterEntry weight = node.Weight!;
        int fanOut = weight.Rows * node.Kernel * node.Kernel;
        w.WriteLine($"{Initializers}.Weights(parameters.Slice({weight.Constant}, {weight.Length}), seed, {node.Stream}, global::Landscape.Init.{node.Init}, {weight.Columns}, {fanOut}, {Literals.Double(node.InitScale)});");
        if (node.Bias is { } bias) w.WriteLine($"parameters.Slice({bias.Constant}, {bias.Length}).Clear();");
    }

    /// <summary>The patch matrices ([P; R P] when the input depends on θ) and the per-block patch-delta row.</summary>
    public override IEnumerable<WorkspaceBuffer> Scratch(OpNode node, OpGraph graph)
    {
        var g = ConvolutionGeometry.Of(node, graph);
        bool depends = graph.DependsOnParameters(node.Inputs[0]);
        if (ConvolutionProducts.PatchBuffer(node, g, depends) is { } patches) yield return patches;
        if (ConvolutionProducts.PatchDeltaBuffer(node, g, depends) is { } deltas) yield return deltas;
    }

    /// <summary>Forward: im2col of the input, then Z = W·P per example (the bias and σ follow in <see cref="Activate"/>).</summary>
    public override void Forward(BlockContext c, OpNode node)
    {
        ValueBuffers own = c.Value(node.Id), input = c.Value(node.Inputs[0]);
        var g = ConvolutionGeometry.Of(node, c.Graph);
        string l = Literals.Int(node.Index);
        string bias = node.Bias is null ? "" : $" + b{l}";
        c.Line($"// {node.Name} ({c.Graph[node.Inputs[0]].Shape} → {node.Shape}, {g.Describe}, {ActivationRules.Name(node.Activation)}): {own.Pre} = W{l} ⋆ {input.Local}{bias}, {own.Local} = {ActivationRules.Formula(node.Activation, own.Pre)}");
        string patches = ConvolutionProducts.Patches(c, node, g, input, rImage: false);
        c.DeclareValue(own);
        ConvolutionProducts.Forward(c, g, Weight(node, "p"), patches, own.Local, accumulate: false);
    }

    /// <summary>R-forward: R Z = W·R P + V·P (the first term vanishes for x; V_b is added in <see cref="Activate"/>).</summary>
    public override void RForward(BlockContext c, OpNode node)
    {
        ValueBuffers own = c.Value(node.Id), input = c.Value(node.Inputs[0]);
        var g = ConvolutionGeometry.Of(node, c.Graph);
        string l = Literals.Int(node.Index);
        c.Line($"// R {own.Pre} = {(input.HasRImage ? $"W{l} ⋆ R {input.Local} + " : "")}V{l} ⋆ {input.Local}{(node.Bias is null ? "" : $" + Vb{l}")}");
        c.DeclareRValue(own);
        string patches = ConvolutionProducts.Patches(c, node, g, input, rImage: false);
        if (input.HasRImage)
        {
            string rPatches = ConvolutionProducts.Patches(c, node, g, input, rImage: true);
            ConvolutionProducts.Forward(c, g, Weight(node, "p"), rPatches, own.RLocal, accumulate: false);
            ConvolutionProducts.Forward(c, g, Weight(node, "v"), patches, own.RLocal, accumulate: true);
        }
        else
        {
            ConvolutionProducts.Forward(c, g, Weight(node, "v"), patches, own.RLocal, accumulate: false);
        }
    }

    /// <summary>The channel bias (and V_b on R Z), then σ with σ′ and R σ′ as the pass needs.</summary>
    public override void Activate(BlockContext c, OpNode node)
    {
        ValueBuffers own = c.Value(node.Id);
        var g = ConvolutionGeometry.Of(node, c.Graph);
        if (node.Bias is { } b)
        {
            c.Line($"{Convolution}.AddChannelBias({own.Local}, p.Slice({b.Constant}, {b.Length}), r, {Literals.Int(g.OutChannels)}, {Literals.Int(g.Positions)});");
            if (c.Hessian && own.HasRImage)
                c.Line($"{Convolution}.AddChannelBias({own.RLocal}, v.Slice({b.Constant}, {b.Length}), r, {Literals.Int(g.OutChannels)}, {Literals.Int(g.Positions)});");
        }
        ActivationRules.Forward(c, node, own, null, null);
    }

    /// <summary>Backward: the input's delta (+)= col2im(Wᵀ G) per example.</summary>
    public override void Backward(BlockContext c, OpNode node, int slot, DeltaWrite write)
    {
        ValueBuffers own = c.Value(node.Id), input = c.Value(node.Inputs[slot]);
        var g = ConvolutionGeometry.Of(node, c.Graph);
        string l = Literals.Int(node.Index);
        c.Line($"// back through {node.Name}: {input.DeltaLocal} {(write.Accumulate ? "+=" : "=")} col2im(W{l}ᵀ {own.DeltaLocal})" + (c.Hessian ? $"; R {input.DeltaLocal} {(write.Accumulate ? "+=" : "=")} col2im(W{l}ᵀ R {own.DeltaLocal} + V{l}ᵀ {own.DeltaLocal})" : ""));
        c.DeclareDeltas(input);
        ConvolutionProducts.InputDeltas(c, node, g, Weight(node, "p"), own.DeltaLocal, null, input.DeltaLocal, write);
    }

    /// <summary>R-backward: R of the input's delta (+)= col2im(Wᵀ R G + Vᵀ G).</summary>
    public override void RBackward(BlockContext c, OpNode node, int slot, DeltaWrite write)
    {
        ValueBuffers own = c.Value(node.Id), input = c.Value(node.Inputs[slot]);
        var g = ConvolutionGeometry.Of(node, c.Graph);
        ConvolutionProducts.InputDeltas(c, node, g, Weight(node, "p"), own.RDeltaLocal, (Weight(node, "v"), own.DeltaLocal), input.RDeltaLocal, write);
    }

    /// <summary>∇W += Σ_e G_e P_eᵀ and ∇b += channel sums of G over the chunk.</summary>
    public override void WeightGradient(ChunkContext c, OpNode node)
    {
        ValueBuffers own = c.Value(node.Id), input = c.Value(node.Inputs[0]);
        var g = ConvolutionGeometry.Of(node, c.Graph);
        ParameterEntry weight = node.Weight!;
        bool depends = c.Graph.DependsOnParameters(input.Node);
        string deltas = c.ExactDeltas(own), target = ChunkContext.GradientTarget;
        c.Line($"// ∇ {weight.Name} += Σ {own.DeltaLocal} Pᵀ{(node.Bias is { } b ? $"; ∇ {b.Name} += channel sums of {own.DeltaLocal}" : "")}");
        ConvolutionProducts.WeightGradient(c, g, deltas, ConvolutionProducts.ChunkPatches(node, g, input, depends, 0), $"{target}.Slice({weight.Constant}, {weight.Length})");
        if (node.Bias is { } bias)
            c.Line($"{Convolution}.ChannelSums({deltas}, {target}.Slice({bias.Constant}, {bias.Length}), rows, {Literals.Int(g.OutChannels)}, {Literals.Int(g.Positions)}, accumulate: true);");
    }

    /// <summary>(H·v)_W += Σ_e R G_e P_eᵀ + G_e R P_eᵀ (the second term vanishes for x); (H·v)_b += channel sums of R G.</summary>
    public override void WeightHessian(ChunkContext c, OpNode node)
    {
        ValueBuffers own = c.Value(node.Id), input = c.Value(node.Inputs[0]);
        var g = ConvolutionGeometry.Of(node, c.Graph);
        ParameterEntry weight = node.Weight!;
        bool depends = c.Graph.DependsOnParameters(input.Node);
        string rDeltas = ChunkContext.ExactRDeltas(own), target = $"{ChunkContext.ProductTarget}.Slice({weight.Constant}, {weight.Length})";
        c.Line($"// (H·v) {weight.Name} += Σ R {own.DeltaLocal} Pᵀ{(input.HasRImage ? $" + {own.DeltaLocal} (R P)ᵀ" : " (R P = 0 for x)")}{(node.Bias is { } b ? $"; (H·v) {b.Name} += channel sums of R {own.DeltaLocal}" : "")}");
        ConvolutionProducts.WeightGradient(c, g, rDeltas, ConvolutionProducts.ChunkPatches(node, g, input, depends, 0), target);
        if (input.HasRImage)
            ConvolutionProducts.WeightGradient(c, g, c.ExactDeltas(own), ConvolutionProducts.ChunkPatches(node, g, input, depends, 1), target);
        if (node.Bias is { } bias)
            c.Line($"{Convolution}.ChannelSums({rDeltas}, {ChunkContext.ProductTarget}.Slice({bias.Constant}, {bias.Length}), rows, {Literals.Int(g.OutChannels)}, {Literals.Int(g.Positions)}, accumulate: true);");
    }

    /// <summary>W (from θ in <c>p</c>) or V (from v in <c>v</c>) as a slice.</summary>
    private static string Weight(OpNode node, string source) => $"{source}.Slice({node.Weight!.Constant}, {node.Weight.Length})";
}
