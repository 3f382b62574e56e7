using System.Collections.Generic;
using Landscape.Generators.Common;
using Landscape.Generators.Network.Graph;
using static Landscape.Generators.Network.RuntimeNames;

namespace Landscape.Generators.Network.Rules;

/// <summary>
/// Convolution: per example Z = W·P + b (P = im2col of the input, W [O × C·K·K] = PyTorch's [out, in, kh, kw], b one value
/// per channel), then the op's activation. R Z = W·R P + V·P + V_b; the input's deltas are col2im(Wᵀ G), their R-images
/// col2im(Wᵀ R G + Vᵀ G); ∇W = Σ G Pᵀ and (H·v)_W = Σ R G Pᵀ + G R Pᵀ, ∇b and (H·v)_b channel sums of G and R G, each
/// formed by the blocks into per-block partials that the chunk adds in block order.
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

    /// <summary>The im2col GEMM W·P: out-channels × in-channels·k·k at every output position.</summary>
    public override LinearMap Map(OpNode node) =>
        new(node.Name, node.Weight!.Rows, node.Weight.Columns, node.Shape.Height * node.Shape.Width, node.Inputs[0]);

    /// <summary>The per-block patch row and the per-block partial of the weight terms.</summary>
    public override IEnumerable<WorkspaceBuffer> Scratch(OpNode node, OpGraph graph)
    {
        if (ConvolutionProducts.PatchBuffer(node, ConvolutionGeometry.Of(node, graph)) is { } patches) yield return patches;
        yield return ConvolutionProducts.TermsBuffer(node);
    }

    /// <summary>A convolution's weight terms are formed per block.</summary>
    public override bool HasBlockWeightTerms(OpNode node) => true;

    /// <summary>
    /// The block's ∇W = Σ_e G_e P_eᵀ and channel sums of G (gradient pass), or (H·v)_W = Σ_e R G_e P_eᵀ + G_e R P_eᵀ and
    /// channel sums of R G, with the gradient terms when asked (HVP pass), into the block's partial.
    /// </summary>
    public override void BlockWeightTerms(BlockContext c, OpNode node)
    {
        ValueBuffers own = c.Value(node.Id), input = c.Value(node.Inputs[0]);
        ConvolutionProducts.BlockWeightTerms(c, node, ConvolutionGeometry.Of(node, c.Graph), own, input.Local, c.Hessian && input.HasRImage ? input.RLocal : null);
    }

    /// <summary>Forward: Z = W ⋆ a per example (im2col of each example, then its product; the bias and σ follow in <see cref="Activate"/>).</summary>
    public override void Forward(BlockContext c, OpNode node)
    {
        ValueBuffers own = c.Value(node.Id), input = c.Value(node.Inputs[0]);
        var g = ConvolutionGeometry.Of(node, c.Graph);
        string l = Literals.Int(node.Index);
        string bias = node.Bias is null ? "" : $" + b{l}";
        c.Line($"// {node.Name} ({c.Graph[node.Inputs[0]].Shape} → {node.Shape}, {g.Describe}, {ActivationRules.Name(node.Activation)}): {own.Pre} = W{l} ⋆ {input.Local}{bias}, {own.Local} = {ActivationRules.Formula(node.Activation, own.Pre)}");
        c.DeclareValue(own);
        // The HVP pass forms Z with R Z in one sweep (see RForward), so each example's patch matrix serves W and V.
        if (c.Pass != Pass.Hessian) ConvolutionProducts.Forward(c, node, g, Weight(node, "p"), input.Local, own.Local, accumulate: false);
    }

    /// <summary>
    /// R-forward: R Z = W ⋆ R a + V ⋆ a (the first term vanishes for x; V_b is added in <see cref="Activate"/>). In the HVP
    /// pass, with Z = W ⋆ a in the same sweep (<c>Convolution.ForwardWithR</c>: the same products in the same order).
    /// </summary>
    public override void RForward(BlockContext c, OpNode node)
    {
        ValueBuffers own = c.Value(node.Id), input = c.Value(node.Inputs[0]);
        var g = ConvolutionGeometry.Of(node, c.Graph);
        string l = Literals.Int(node.Index);
        c.Line($"// R {own.Pre} = {(input.HasRImage ? $"W{l} ⋆ R {input.Local} + " : "")}V{l} ⋆ {input.Local}{(node.Bias is null ? "" : $" + Vb{l}")}");
        c.DeclareRValue(own);
        if (c.Pass == Pass.Hessian)
        {
            ConvolutionProducts.ForwardWithR(c, node, g, Weight(node, "p"), Weight(node, "v"), input.Local, input.HasRImage ? input.RLocal : null, own.Local, own.RLocal);
            return;
        }
        if (input.HasRImage) ConvolutionProducts.Forward(c, node, g, Weight(node, "p"), input.RLocal, own.RLocal, accumulate: false);
        ConvolutionProducts.Forward(c, node, g, Weight(node, "v"), input.Local, own.RLocal, accumulate: input.HasRImage);
    }

    /// <summary>The channel bias (and V_b on R Z), then σ with σ′ and R σ′ as the pass needs.</summary>
    public override void Activate(BlockContext c, OpNode node)
    {
        ValueBuffers own = c.Value(node.Id);
        var g = ConvolutionGeometry.Of(node, c.Graph);
        if (node.Bias is { } b) ConvolutionProducts.AddChannelBias(c, b, own, g.OutChannels, g.Positions);
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

    /// <summary>∇W and ∇b of the chunk: its blocks' partials, added in block order.</summary>
    public override void WeightGradient(ChunkContext c, OpNode node)
    {
        c.Line($"// ∇ {node.Weight!.Name}{(node.Bias is { } b ? " and " + b.Name : "")} += the blocks' Σ {c.Value(node.Id).DeltaLocal} Pᵀ (and channel sums)");
        ConvolutionProducts.AddBlockTerms(c, node, 0, ChunkContext.GradientTarget);
    }

    /// <summary>(H·v) of W and b for the chunk: its blocks' partials, added in block order.</summary>
    public override void WeightHessian(ChunkContext c, OpNode node)
    {
        c.Line($"// (H·v) {node.Weight!.Name}{(node.Bias is { } b ? " and " + b.Name : "")} += the blocks' Σ R {c.Value(node.Id).DeltaLocal} Pᵀ + {c.Value(node.Id).DeltaLocal} (R P)ᵀ (and channel sums)");
        ConvolutionProducts.AddBlockTerms(c, node, 1, ChunkContext.ProductTarget);
    }

    /// <summary>W (from θ in <c>p</c>) or V (from v in <c>v</c>) as a slice.</summary>
    private static string Weight(OpNode node, string source) => $"{source}.Slice({node.Weight!.Constant}, {node.Weight.Length})";
}
