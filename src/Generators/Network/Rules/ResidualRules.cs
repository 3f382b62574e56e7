using System.Collections.Generic;
using Landscape.Generators.Common;
using Landscape.Generators.Network.Graph;
using static Landscape.Generators.Network.RuntimeNames;

namespace Landscape.Generators.Network.Rules;

/// <summary>
/// A residual block's end: z = F + S(x) (slot 0 reads F, the block's last value; slot 1 reads x, the value that entered
/// the block), then the op's activation. S is the identity, or a learned projection: a 1×1 convolution with the block's
/// stride product and a channel bias for an image value, a dense map with bias for a flat one. The backward walk writes
/// g into F's delta and S′ᵀ g into x's, which x's first layer then adds to (the fork's accumulation).
/// </summary>
internal sealed class ResidualRules : OpRules
{
    /// <summary>A projection's weight from the op's stream (fan-in: x's channels or features; fan-out: the output's), b = 0.</summary>
    public override void Initialize(SourceWriter w, OpNode node)
    {
        if (node.Weight is not { } weight) return;
        w.WriteLine($"{Initializers}.Weights(parameters.Slice({weight.Constant}, {weight.Length}), seed, {node.Stream}, global::Landscape.Init.Default, {weight.Columns}, {weight.Rows}, {Literals.Double(1.0)});");
        if (node.Bias is { } bias) w.WriteLine($"parameters.Slice({bias.Constant}, {bias.Length}).Clear();");
    }

    /// <summary>
    /// The projection of x (slot 1), if any: a 1×1 convolution at every position of the block's output, or a dense map; an
    /// identity shortcut's add is elementwise and has none.
    /// </summary>
    public override LinearMap? Map(OpNode node) => node.Weight is { } weight
        ? new LinearMap(node.Name, weight.Rows, weight.Columns, node.Shape.IsSpatial ? node.Shape.Height * node.Shape.Width : 1, node.Inputs[1])
        : null;

    /// <summary>A strided 1×1 projection's per-block patch row, and the projection's per-block partial of its weight terms.</summary>
    public override IEnumerable<WorkspaceBuffer> Scratch(OpNode node, OpGraph graph)
    {
        if (!IsConvolution(node)) yield break;
        if (ConvolutionProducts.PatchBuffer(node, ConvolutionGeometry.Of(node, graph, 1)) is { } patches) yield return patches;
        yield return ConvolutionProducts.TermsBuffer(node);
    }

    /// <summary>A 1×1 convolution projection forms its weight terms per block, like a convolution.</summary>
    public override bool HasBlockWeightTerms(OpNode node) => IsConvolution(node);

    /// <summary>The projection's block terms over x (see <see cref="ConvolutionProducts.BlockWeightTerms"/>).</summary>
    public override void BlockWeightTerms(BlockContext c, OpNode node)
    {
        if (!IsConvolution(node)) return;
        ValueBuffers own = c.Value(node.Id), x = c.Value(node.Inputs[1]);
        ConvolutionProducts.BlockWeightTerms(c, node, ConvolutionGeometry.Of(node, c.Graph, 1), own, x.Local, c.Hessian && x.HasRImage ? x.RLocal : null);
    }

    /// <summary>Forward: z = F + S(x).</summary>
    public override void Forward(BlockContext c, OpNode node)
    {
        ValueBuffers own = c.Value(node.Id), f = c.Value(node.Inputs[0]), x = c.Value(node.Inputs[1]);
        string l = Literals.Int(node.Index);
        string shortcut = node.Weight is null ? x.Local : IsConvolution(node) ? $"P{l} ⋆ {x.Local} + b{l}" : $"{x.Local} P{l}ᵀ + b{l}";
        c.Line($"// {node.Name} ({node.Shape}, {ActivationRules.Name(node.Activation)}): {own.Pre} = {f.Local} + {shortcut}, {own.Local} = {ActivationRules.Formula(node.Activation, own.Pre)}");
        c.DeclareValue(own);
        if (node.Weight is null)
        {
            c.Line($"{TensorPrimitives}.Add({f.Local}, {x.Local}, {own.Local});");
            return;
        }
        c.Line($"{f.Local}.CopyTo({own.Local});");
        Project(c, node, x, rImage: false, Weight(node, "p"), own.Local);
    }

    /// <summary>R-forward: R z = R F + S(R x) + S_V(x), S_V the projection with V's weights (none for the identity).</summary>
    public override void RForward(BlockContext c, OpNode node)
    {
        ValueBuffers own = c.Value(node.Id), f = c.Value(node.Inputs[0]), x = c.Value(node.Inputs[1]);
        if (!own.HasRImage) return;
        string l = Literals.Int(node.Index);
        c.Line($"// R {own.Pre} = R {f.Local}{(x.HasRImage ? $" + S(R {x.Local})" : "")}{(node.Weight is null ? "" : $" + (P{l} → V{l})({x.Local})")}");
        c.DeclareRValue(own);
        if (node.Weight is null)
        {
            if (f.HasRImage && x.HasRImage) c.Line($"{TensorPrimitives}.Add({f.RLocal}, {x.RLocal}, {own.RLocal});");
            else c.Line($"{(f.HasRImage ? f.RLocal : x.RLocal)}.CopyTo({own.RLocal});");
            return;
        }
        c.Line(f.HasRImage ? $"{f.RLocal}.CopyTo({own.RLocal});" : $"{own.RLocal}.Clear();");
        if (x.HasRImage) Project(c, node, x, rImage: true, Weight(node, "p"), own.RLocal);
        Project(c, node, x, rImage: false, Weight(node, "v"), own.RLocal);
    }

    /// <summary>The projection's bias (a channel bias, or a column bias fused into the epilogue), then σ.</summary>
    public override void Activate(BlockContext c, OpNode node)
    {
        ValueBuffers own = c.Value(node.Id);
        if (node.Bias is not { } b)
        {
            ActivationRules.Forward(c, node, own, null, null);
            return;
        }
        if (!IsConvolution(node))
        {
            ActivationRules.Forward(c, node, own, $"p.Slice({b.Constant}, {b.Length})", $"v.Slice({b.Constant}, {b.Length})");
            return;
        }
        ConvolutionProducts.AddChannelBias(c, b, own, node.Shape.Channels, node.Shape.Height * node.Shape.Width);
        ActivationRules.Forward(c, node, own, null, null);
    }

    /// <summary>Backward: F's delta (+)= g (slot 0); x's delta (+)= S′ᵀ g (slot 1).</summary>
    public override void Backward(BlockContext c, OpNode node, int slot, DeltaWrite write)
    {
        ValueBuffers own = c.Value(node.Id), input = c.Value(node.Inputs[slot]);
        string op = write.Accumulate ? "+=" : "=";
        string l = Literals.Int(node.Index);
        string through = slot == 0 || node.Weight is null ? own.DeltaLocal : IsConvolution(node) ? $"col2im(P{l}ᵀ {own.DeltaLocal})" : $"{own.DeltaLocal} P{l}";
        c.Line($"// back through {node.Name} to {(slot == 0 ? "the block's last layer" : "the block's input")}: {input.DeltaLocal} {op} {through}");
        c.DeclareDeltas(input);
        if (slot == 0 || node.Weight is null)
        {
            Pass(c, own.DeltaLocal, input.DeltaLocal, write);
            return;
        }
        ProjectBack(c, node, own.DeltaLocal, null, input.DeltaLocal, write);
    }

    /// <summary>R-backward: the same with R g, plus the projection's V term on x's side.</summary>
    public override void RBackward(BlockContext c, OpNode node, int slot, DeltaWrite write)
    {
        ValueBuffers own = c.Value(node.Id), input = c.Value(node.Inputs[slot]);
        if (slot == 0 || node.Weight is null)
        {
            Pass(c, own.RDeltaLocal, input.RDeltaLocal, write);
            return;
        }
        ProjectBack(c, node, own.RDeltaLocal, own.DeltaLocal, input.RDeltaLocal, write);
    }

    /// <summary>∇ of the projection: as a 1×1 convolution over x's patches, or as a dense layer on x.</summary>
    public override void WeightGradient(ChunkContext c, OpNode node)
    {
        if (node.Weight is not { } weight) return;
        ValueBuffers own = c.Value(node.Id), x = c.Value(node.Inputs[1]);
        if (IsConvolution(node))
        {
            c.Line($"// ∇ {weight.Name} and {node.Bias!.Name} += the blocks' Σ {own.DeltaLocal} Pᵀ and channel sums");
            ConvolutionProducts.AddBlockTerms(c, node, 0, ChunkContext.GradientTarget);
            return;
        }
        string deltas = c.ExactDeltas(own), target = ChunkContext.GradientTarget;
        c.Line($"// ∇ {weight.Name} += Σ {own.DeltaLocal} (S input)ᵀ; ∇ {node.Bias!.Name} += sums of {own.DeltaLocal}");
        WeightTerm(c, node, deltas, x, 0, target);
        BiasTerm(c, node, deltas, target);
    }

    /// <summary>(H·v) of the projection: R g against x and g against R x (when x depends on θ); sums of R g for the bias.</summary>
    public override void WeightHessian(ChunkContext c, OpNode node)
    {
        if (node.Weight is not { } weight) return;
        ValueBuffers own = c.Value(node.Id), x = c.Value(node.Inputs[1]);
        if (IsConvolution(node))
        {
            c.Line($"// (H·v) {weight.Name} and {node.Bias!.Name} += the blocks' Σ R {own.DeltaLocal} Pᵀ + {own.DeltaLocal} (R P)ᵀ and channel sums");
            ConvolutionProducts.AddBlockTerms(c, node, 1, ChunkContext.ProductTarget);
            return;
        }
        string target = ChunkContext.ProductTarget;
        c.Line($"// (H·v) {weight.Name} += Σ R {own.DeltaLocal} (S input)ᵀ{(x.HasRImage ? $" + {own.DeltaLocal} (S R input)ᵀ" : "")}; (H·v) {node.Bias!.Name} += sums of R {own.DeltaLocal}");
        WeightTerm(c, node, c.ExactRDeltas(own), x, 0, target);
        if (x.HasRImage) WeightTerm(c, node, c.ExactDeltas(own), x, 1, target);
        BiasTerm(c, node, c.ExactRDeltas(own), target);
    }

    /// <summary>One weight term Σ deltas · input(half)ᵀ of a dense projection into <paramref name="target"/>'s weight block.</summary>
    private static void WeightTerm(ChunkContext c, OpNode node, string deltas, ValueBuffers x, int half, string target)
    {
        ParameterEntry weight = node.Weight!;
        string slice = $"{target}.Slice({weight.Constant}, {weight.Length})";
        int u = node.Shape.Size, f = x.Width;
        c.Line($"{Gemm}.TNParallel({u}, {f}, rows, {deltas}, {u}, {c.ValueHalf(x, half)}, {f}, {slice}, {f}, accumulate: true);");
    }

    /// <summary>A dense projection bias's term: column sums of <paramref name="deltas"/>.</summary>
    private static void BiasTerm(ChunkContext c, OpNode node, string deltas, string target)
    {
        ParameterEntry bias = node.Bias!;
        string slice = $"{target}.Slice({bias.Constant}, {bias.Length})";
        int u = node.Shape.Size;
        c.Line($"{Reductions}.ColumnSums({deltas}, rows, {u}, {u}, {slice}, accumulate: true);");
    }

    /// <summary><paramref name="output"/> += the projection (weights <paramref name="weight"/>) of x or of its R-image.</summary>
    private static void Project(BlockContext c, OpNode node, ValueBuffers x, bool rImage, string weight, string output)
    {
        string input = rImage ? x.RLocal : x.Local;
        if (IsConvolution(node))
        {
            ConvolutionProducts.Forward(c, node, ConvolutionGeometry.Of(node, c.Graph, 1), weight, input, output, accumulate: true);
            return;
        }
        int u = node.Shape.Size, f = x.Width;
        c.Line($"{Gemm}.NT(r, {u}, {f}, {input}, {f}, {weight}, {f}, {output}, {u}, accumulate: true);");
    }

    /// <summary>x's delta (or its R-image) (+)= the projection's adjoint of <paramref name="deltas"/>, plus V's of <paramref name="directionDeltas"/>.</summary>
    private static void ProjectBack(BlockContext c, OpNode node, string deltas, string? directionDeltas, string target, DeltaWrite write)
    {
        if (IsConvolution(node))
        {
            var g = ConvolutionGeometry.Of(node, c.Graph, 1);
            (string, string)? second = directionDeltas is null ? null : (Weight(node, "v"), directionDeltas);
            ConvolutionProducts.InputDeltas(c, node, g, Weight(node, "p"), deltas, second, target, write);
            return;
        }
        int u = node.Shape.Size, f = c.Graph[node.Inputs[1]].Shape.Size;
        c.Line($"{Gemm}.NN(r, {f}, {u}, {deltas}, {u}, {Weight(node, "p")}, {f}, {target}, {f}{(write.Accumulate ? ", accumulate: true" : "")});");
        if (directionDeltas is not null)
            c.Line($"{Gemm}.NN(r, {f}, {u}, {directionDeltas}, {u}, {Weight(node, "v")}, {f}, {target}, {f}, accumulate: true);");
    }

    /// <summary><paramref name="target"/> = or += <paramref name="deltas"/> (the sum's derivative is 1 in both operands).</summary>
    private static void Pass(BlockContext c, string deltas, string target, DeltaWrite write) =>
        c.Line(write.Accumulate ? $"{TensorPrimitives}.Add({target}, {deltas}, {target});" : $"{deltas}.CopyTo({target});");

    /// <summary>Whether the projection is a 1×1 convolution (an image value) rather than a dense map.</summary>
    private static bool IsConvolution(OpNode node) => node.Weight is not null && node.Shape.IsSpatial;

    /// <summary>The projection weight P (from θ) or V (from v) as a slice.</summary>
    private static string Weight(OpNode node, string source) => $"{source}.Slice({node.Weight!.Constant}, {node.Weight.Length})";
}
