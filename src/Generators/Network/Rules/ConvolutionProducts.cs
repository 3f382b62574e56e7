using Landscape.Generators.Common;
using Landscape.Generators.Network.Graph;
using static Landscape.Generators.Network.RuntimeNames;

namespace Landscape.Generators.Network.Rules;

/// <summary>
/// The code of a convolution-shaped product, shared by <see cref="ConvolutionRules"/> and a residual block's 1×1 projection
/// (<see cref="ResidualRules"/>): the patch matrices (im2col of the input, and of its R-image, stacked [P; R P] in a
/// chunk buffer that the weight terms read after the blocks ran), the per-example products, the input deltas through a
/// per-block patch-delta row and col2im, and the weight terms over the chunk.
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

    /// <summary>Exactly the chunk's patch matrices of <paramref name="input"/> (half 0) or of its R-image (half 1).</summary>
    public static string ChunkPatches(OpNode node, ConvolutionGeometry g, ValueBuffers input, bool inputDependsOnParameters, int half) =>
        g.DirectPatches ? ChunkContext.ValueHalf(input, half) : ChunkContext.Half(PatchBuffer(node, g, inputDependsOnParameters)!, half);

    /// <summary>The chunk's ∇W (+)= Σ_e G_e P_eᵀ into <paramref name="target"/>.</summary>
    public static void WeightGradient(ChunkContext c, ConvolutionGeometry g, string deltas, string patches, string target) =>
        c.Line($"{Convolution}.WeightGradient({deltas}, {patches}, {target}, rows, {g.ProductArguments});");

    /// <summary>The workspace field of one of <paramref name="node"/>'s buffers: <c>Conv1Patches</c>.</summary>
    private static string Field(OpNode node, string what) => char.ToUpperInvariant(node.Name[0]) + node.Name.Substring(1) + what;

    /// <summary>The local of one of <paramref name="node"/>'s buffers: <c>conv1Patches</c>.</summary>
    private static string Local(OpNode node, string what) => node.Name + what;
}
