using Landscape.Generators.Common;
using Landscape.Generators.Network.Graph;
using Landscape.Generators.Network.Model;
using static Landscape.Generators.Network.RuntimeNames;

namespace Landscape.Generators.Network.Rules;

/// <summary>
/// The code of a convolution-shaped product, shared by <see cref="ConvolutionRules"/> and a residual block's 1×1 projection
/// (<see cref="ResidualRules"/>). The runtime's kernels work one example at a time through a per-block row holding one
/// patch matrix (im2col of the example, or its patch deltas before col2im), so nothing of size Q·L is kept per example:
/// the forward and R-forward products, the input deltas and their R-images, and the weight terms, which each block forms
/// into its row of a per-block partial and the chunk adds in block order.
/// </summary>
internal static class ConvolutionProducts
{
    /// <summary>The per-block row of one example's patch matrix, or null when the patch matrix is the example itself.</summary>
    public static WorkspaceBuffer? PatchBuffer(OpNode node, ConvolutionGeometry g) =>
        g.DirectPatches ? null
            : new WorkspaceBuffer(Field(node, "Patches"), 1, g.PatchWidth, $"per block: one example's patch matrix of {node.Name} ({Literals.Int(g.PatchSize)}×{Literals.Int(g.Positions)}), or its patch deltas") { PerBlock = true };

    /// <summary>
    /// The per-block partial of an op's weight and bias terms: [∇ (gradient pass and HVP pass); H·v (HVP pass)], each one
    /// row of weight·bias values per block of the chunk.
    /// </summary>
    public static WorkspaceBuffer TermsBuffer(OpNode node)
    {
        int width = node.Weight!.Length + (node.Bias?.Length ?? 0);
        return new WorkspaceBuffer(Field(node, "Terms"), 2, width, $"per block of the chunk: [∇; H·v] of {node.Weight.Name}{(node.Bias is { } b ? " and " + b.Name : "")}") { PerBlock = true };
    }

    /// <summary>The block's products <paramref name="output"/> (+)= W ⋆ <paramref name="input"/>, example by example.</summary>
    public static void Forward(BlockContext c, OpNode node, ConvolutionGeometry g, string weight, string input, string output, bool accumulate) =>
        c.Line($"{Convolution}.Forward({weight}, {input}, {Scratch(c, node, g)}, {output}, r, {g.InputArguments}, {Literals.Int(g.OutChannels)}, {g.WindowArguments}{(accumulate ? ", accumulate: true" : "")});");

    /// <summary>
    /// The block's <paramref name="output"/> = W ⋆ <paramref name="input"/> and <paramref name="rOutput"/> = W ⋆
    /// <paramref name="rInput"/> + V ⋆ <paramref name="input"/> (the first term only when <paramref name="rInput"/> is
    /// given) in one sweep, example by example, each example's patch matrix formed once for W and V.
    /// </summary>
    public static void ForwardWithR(BlockContext c, OpNode node, ConvolutionGeometry g, string weight, string directionWeight, string input, string? rInput, string output, string rOutput) =>
        c.Line($"{Convolution}.ForwardWithR({weight}, {directionWeight}, {input}, {rInput ?? "default"}, {Scratch(c, node, g)}, {output}, {rOutput}, r, {g.InputArguments}, {Literals.Int(g.OutChannels)}, {g.WindowArguments});");

    /// <summary>The op's channel bias b added to its value, and V_b to the value's R-image in the HVP pass.</summary>
    public static void AddChannelBias(BlockContext c, ParameterEntry bias, ValueBuffers own, int channels, int positions)
    {
        string arguments = $"r, {Literals.Int(channels)}, {Literals.Int(positions)}";
        if (c.ComputesValues) c.Line($"{Convolution}.AddChannelBias({own.Local}, p.Slice({bias.Constant}, {bias.Length}), {arguments});");
        if (c.Hessian && own.HasRImage)
            c.Line($"{Convolution}.AddChannelBias({own.RLocal}, v.Slice({bias.Constant}, {bias.Length}), {arguments});");
    }

    /// <summary>
    /// The input deltas <paramref name="target"/> (+)= col2im(Wᵀ G) (+ Vᵀ H when <paramref name="second"/> is given), one
    /// example at a time through the per-block row.
    /// </summary>
    public static void InputDeltas(BlockContext c, OpNode node, ConvolutionGeometry g, string weight, string deltas, (string Weight, string Deltas)? second, string target, DeltaWrite write)
    {
        string pair = second is { } s ? $"{s.Weight}, {s.Deltas}" : "default, default";
        c.Line($"{Convolution}.InputDeltas({weight}, {deltas}, {pair}, {Scratch(c, node, g)}, {target}, r, {g.InputArguments}, {Literals.Int(g.OutChannels)}, {g.WindowArguments}{(write.Accumulate ? ", accumulate: true" : "")});");
    }

    /// <summary>
    /// The block's weight terms of a convolution-shaped product into its per-block partial: in the gradient pass
    /// ∇W = Σ_e G_e P_eᵀ and ∇b = channel sums of G; in the HVP pass (H·v)_W = Σ_e R G_e P_eᵀ (+ G_e R P_eᵀ when the input
    /// depends on θ) and (H·v)_b = channel sums of R G, and the gradient terms when the caller asked for them. Each starts
    /// from +0 in the block's row. <paramref name="input"/> is the value the product reads, <paramref name="rInput"/> its
    /// R-image (null for x).
    /// </summary>
    public static void BlockWeightTerms(BlockContext c, OpNode node, ConvolutionGeometry g, ValueBuffers own, string input, string? rInput)
    {
        WorkspaceBuffer terms = TermsBuffer(node);
        c.Line($"// {node.Name}'s weight terms for this block, from +0 in the block's row (the chunk adds the rows in block order)");
        string gradient = Local(node, "Gradient");
        if (!c.Hessian)
        {
            c.DeclareScratch(gradient, terms, 0);
            c.Line($"{gradient}.Clear();");
            Terms(c, node, g, own.DeltaLocal, input, gradient);
            return;
        }
        string product = Local(node, "Product");
        c.DeclareScratch(product, terms, 1);
        c.Line($"{product}.Clear();");
        Terms(c, node, g, own.RDeltaLocal, input, product);
        if (rInput is not null) WeightGradient(c, node, g, own.DeltaLocal, rInput, $"{product}.Slice(0, {Literals.Int(node.Weight!.Length)})");
        if (c.Pass == Pass.Operator) return; // an operator's products never form the gradient
        using (c.Writer.Block("if (ws.WantGradient)"))
        {
            c.DeclareScratch(gradient, terms, 0);
            c.Line($"{gradient}.Clear();");
            Terms(c, node, g, own.DeltaLocal, input, gradient);
        }
    }

    /// <summary>
    /// The chunk's part of the op's ∇ (half 0) or H·v (half 1): the per-block rows added in block order into
    /// <paramref name="target"/>'s weight and bias (which follow each other in θ).
    /// </summary>
    public static void AddBlockTerms(ChunkContext c, OpNode node, int half, string target)
    {
        WorkspaceBuffer terms = TermsBuffer(node);
        string w = Literals.Int(terms.Width);
        string slice = $"{target}.Slice({node.Weight!.Constant}, {w})";
        string first = half == 0 ? "" : "Workspace.Blocks + ";
        c.Line($"for (int b = 0; b < {ExampleBlocks}.BlockCount(rows, BlockSize); b++) // the blocks' partials, in block order");
        c.Line($"    {TensorPrimitives}.Add({slice}, ws.{terms.Name}.AsSpan(({first}b) * {w}, {w}), {slice});");
    }

    /// <summary><paramref name="target"/>'s weight part += Σ_e deltas_e P_eᵀ, its bias part = channel sums of the deltas.</summary>
    private static void Terms(BlockContext c, OpNode node, ConvolutionGeometry g, string deltas, string input, string target)
    {
        int weight = node.Weight!.Length;
        WeightGradient(c, node, g, deltas, input, $"{target}.Slice(0, {Literals.Int(weight)})");
        if (node.Bias is { } bias)
            c.Line($"{Convolution}.ChannelSums({deltas}, {target}.Slice({Literals.Int(weight)}, {Literals.Int(bias.Length)}), r, {Literals.Int(g.OutChannels)}, {Literals.Int(g.Positions)});");
    }

    /// <summary><paramref name="target"/> += Σ_e deltas_e im2col(input_e)ᵀ.</summary>
    private static void WeightGradient(BlockContext c, OpNode node, ConvolutionGeometry g, string deltas, string input, string target) =>
        c.Line($"{Convolution}.WeightGradient({deltas}, {input}, {Scratch(c, node, g)}, {target}, r, {g.InputArguments}, {Literals.Int(g.OutChannels)}, {g.WindowArguments});");

    /// <summary>The block's patch row (declared on first use), or <c>default</c> when the patch matrix is the example itself.</summary>
    private static string Scratch(BlockContext c, OpNode node, ConvolutionGeometry g)
    {
        if (PatchBuffer(node, g) is not { } buffer) return "default";
        string local = Local(node, "Patches");
        c.DeclareScratch(local, buffer);
        return local;
    }

    /// <summary>The workspace field of one of <paramref name="node"/>'s buffers: <c>Conv1Patches</c>.</summary>
    private static string Field(OpNode node, string what) => LayerNames.Field(node.Name) + what;

    /// <summary>The local of one of <paramref name="node"/>'s buffers: <c>conv1Patches</c>.</summary>
    private static string Local(OpNode node, string what) => node.Name + what;
}
