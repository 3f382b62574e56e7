using Landscape.Generators.Common;
using Landscape.Generators.Network.Graph;
using static Landscape.Generators.Network.RuntimeNames;

namespace Landscape.Generators.Network.Rules;

/// <summary>
/// The code of a convolution-shaped product, shared by <see cref="ConvolutionRules"/> and a residual block's 1×1 projection
/// (<see cref="ResidualRules"/>): the patch matrices (im2col of the input, and of its R-image, stacked [P; R P] in a
/// chunk buffer, each block using its own rows), the per-example products, the input deltas through a
/// per-block patch-delta row and col2im, and the weight terms, formed per block and added by the chunk in block order.
/// </summary>
internal static class ConvolutionProducts
{
    /// <summary>
    /// The chunk buffer of <paramref name="node"/>'s patch matrices ([P; R P] when the input depends on θ), or null when the
    /// patch matrix is the input itself.
    /// </summary>
    public static WorkspaceBuffer? PatchBuffer(OpNode node, ConvolutionGeometry g, bool inputDependsOnParameters)
    {
        if (g.DirectPatches) return null;
        return inputDependsOnParameters
            ? new WorkspaceBuffer(Field(node, "Patches"), 2, g.PatchWidth, $"[P; R P] of {node.Name}: im2col of its input and of its R-image ({Literals.Int(g.PatchSize)}×{Literals.Int(g.Positions)} per example)")
            : new WorkspaceBuffer(Field(node, "Patches"), 1, g.PatchWidth, $"P of {node.Name}: im2col of x ({Literals.Int(g.PatchSize)}×{Literals.Int(g.Positions)} per example)");
    }

    /// <summary>The per-block row of one example's patch deltas that col2im scatters, when the input has a delta and im2col is not skipped.</summary>
    public static WorkspaceBuffer? PatchDeltaBuffer(OpNode node, ConvolutionGeometry g, bool inputHasDelta) =>
        g.DirectPatches || !inputHasDelta ? null
            : new WorkspaceBuffer(Field(node, "PatchDeltas"), 1, g.PatchWidth, $"one example's patch deltas of {node.Name}, per block") { PerBlock = true };

    /// <summary>
    /// The local holding the block's patch matrices of <paramref name="input"/> (or of its R-image): declared and filled by
    /// im2col, or the input's own local when the patch matrix is the input.
    /// </summary>
    public static string Patches(BlockContext c, OpNode node, ConvolutionGeometry g, ValueBuffers input, bool rImage)
    {
        if (g.DirectPatches) return rImage ? input.RLocal : input.Local;
        string local = Local(node, rImage ? "RPatches" : "Patches");
        bool stacked = c.Graph.DependsOnParameters(input.Node);
        if (c.DeclareScratch(local, PatchBuffer(node, g, stacked)!, rImage ? BufferPlan.RValueHalf : BufferPlan.ValueHalf))
            c.Line($"{Convolution}.Im2Col({(rImage ? input.RLocal : input.Local)}, {local}, r, {g.InputArguments}, {g.WindowArguments});");
        return local;
    }

    /// <summary>The block's products output (+)= W·P per example.</summary>
    public static void Forward(BlockContext c, ConvolutionGeometry g, string weight, string patches, string output, bool accumulate) =>
        c.Line($"{Convolution}.Forward({weight}, {patches}, {output}, r, {g.ProductArguments}{(accumulate ? ", accumulate: true" : "")});");

    /// <summary>
    /// The input deltas <paramref name="target"/> (+)= col2im(Wᵀ G) (+ Vᵀ H when <paramref name="second"/> is given), one
    /// example at a time through the per-block patch-delta row.
    /// </summary>
    public static void InputDeltas(BlockContext c, OpNode node, ConvolutionGeometry g, string weight, string deltas, (string Weight, string Deltas)? second, string target, DeltaWrite write)
    {
        string scratch = "default";
        if (!g.DirectPatches)
        {
            scratch = Local(node, "PatchDeltas");
            c.DeclareScratch(scratch, PatchDeltaBuffer(node, g, true)!);
        }
        string pair = second is { } s ? $"{s.Weight}, {s.Deltas}" : "default, default";
        c.Line($"{Convolution}.InputDeltas({weight}, {deltas}, {pair}, {scratch}, {target}, r, {g.InputArguments}, {Literals.Int(g.OutChannels)}, {g.WindowArguments}{(write.Accumulate ? ", accumulate: true" : "")});");
    }

    /// <summary>
    /// The per-block partial of an op's weight and bias terms: [∇ (gradient pass and HVP pass); H·v (HVP pass)], each one
    /// row of weight·bias values per block of the chunk.
    /// </summary>
    public static WorkspaceBuffer TermsBuffer(OpNode node)
    {
        int width = node.Weight!.Length + (node.Bias?.Length ?? 0);
        return new WorkspaceBuffer(Field(node, "Terms"), 2, width, $"per block of the chunk: [∇; H·v] of {node.Weight.Name}{(node.Bias is { } b ? " and " + b.Name : "")}") { PerBlock = true };
    }

    /// <summary>
    /// The block's weight terms of a convolution-shaped product into its per-block partial: in the gradient pass
    /// ∇W = Σ_e G_e P_eᵀ and ∇b = channel sums of G; in the HVP pass (H·v)_W = Σ_e R G_e P_eᵀ (+ G_e R P_eᵀ when the input
    /// depends on θ) and (H·v)_b = channel sums of R G, and the gradient terms when the caller asked for them. Each starts
    /// from +0 in the block's row.
    /// </summary>
    public static void BlockWeightTerms(BlockContext c, OpNode node, ConvolutionGeometry g, ValueBuffers own, string patches, string? rPatches)
    {
        WorkspaceBuffer terms = TermsBuffer(node);
        c.Line($"// {node.Name}'s weight terms for this block, from +0 in the block's row (the chunk adds the rows in block order)");
        string gradient = Local(node, "Gradient");
        if (c.Pass != Pass.Hessian)
        {
            c.DeclareScratch(gradient, terms, 0);
            c.Line($"{gradient}.Clear();");
            Terms(c, node, g, own.DeltaLocal, patches, gradient);
            return;
        }
        string product = Local(node, "Product");
        c.DeclareScratch(product, terms, 1);
        c.Line($"{product}.Clear();");
        Terms(c, node, g, own.RDeltaLocal, patches, product);
        if (rPatches is not null) c.Line($"{Convolution}.WeightGradient({own.DeltaLocal}, {rPatches}, {product}.Slice(0, {node.Weight!.Length}), r, {g.ProductArguments});");
        using (c.Writer.Block("if (ws.WantGradient)"))
        {
            c.DeclareScratch(gradient, terms, 0);
            c.Line($"{gradient}.Clear();");
            Terms(c, node, g, own.DeltaLocal, patches, gradient);
        }
    }

    /// <summary><paramref name="target"/>'s weight part += Σ_e deltas_e P_eᵀ, its bias part = channel sums of the deltas.</summary>
    private static void Terms(BlockContext c, OpNode node, ConvolutionGeometry g, string deltas, string patches, string target)
    {
        int weight = node.Weight!.Length;
        c.Line($"{Convolution}.WeightGradient({deltas}, {patches}, {target}.Slice(0, {weight}), r, {g.ProductArguments});");
        if (node.Bias is { } bias)
            c.Line($"{Convolution}.ChannelSums({deltas}, {target}.Slice({weight}, {bias.Length}), r, {Literals.Int(g.OutChannels)}, {Literals.Int(g.Positions)});");
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

    /// <summary>The workspace field of one of <paramref name="node"/>'s buffers: <c>Conv1Patches</c>.</summary>
    private static string Field(OpNode node, string what) => char.ToUpperInvariant(node.Name[0]) + node.Name.Substring(1) + what;

    /// <summary>The local of one of <paramref name="node"/>'s buffers: <c>conv1Patches</c>.</summary>
    private static string Local(OpNode node, string what) => node.Name + what;
}
