using System.Collections.Generic;
using Landscape.Generators.Common;
using Landscape.Generators.Network.Graph;

namespace Landscape.Generators.Network.Rules;

/// <summary>
/// The rules of one op kind, side by side: how generated code initializes the op's parameters, computes its value
/// (forward), the value's R-image (R-forward), its inputs' deltas (backward) and their R-images (R-backward), and its
/// weights' gradient and H·v terms. The drivers (NetworkGenerator.Emitter*) walk the graph and call these; a new layer kind
/// is a new subclass and a row of <see cref="OpRuleTable"/>.
/// </summary>
/// <remarks>
/// Order of calls. A block's forward walk visits the layers in order: <see cref="Forward"/>, then <see cref="RForward"/>
/// (HVP pass), then <see cref="Activate"/>. The backward walk visits the loss head and then the layers in reverse; for each
/// input slot whose value has a delta: <see cref="Backward"/>, <see cref="RBackward"/> (HVP pass), and, when that write
/// completes the delta, the input's σ′ step. The chunk loop then calls <see cref="WeightGradient"/> and
/// <see cref="WeightHessian"/> for every op, in order.
/// </remarks>
internal abstract class OpRules
{
    /// <summary>Seeded initialization of the op's parameter blocks (inside <c>Initialize(parameters, seed)</c>).</summary>
    public virtual void Initialize(SourceWriter w, OpNode node)
    {
    }

    /// <summary>
    /// The op's weight map as a GEMM per example, or null for an op without one (input, pooling, an identity shortcut, the
    /// loss head): the only work the FLOP counts count.
    /// </summary>
    public virtual LinearMap? Map(OpNode node) => null;

    /// <summary>Workspace buffers the op needs besides its value's (planned with it).</summary>
    public virtual IEnumerable<WorkspaceBuffer> Scratch(OpNode node, OpGraph graph) => [];

    /// <summary>The weight matrices the op's block products use packed.</summary>
    public virtual IEnumerable<PackedWeight> PackedWeights(OpNode node, BufferPlan plan) => [];

    /// <summary>Forward: the op's value for the block's rows (before its activation).</summary>
    public abstract void Forward(BlockContext c, OpNode node);

    /// <summary>R-forward: R of the op's value, from its inputs' values and R-images, θ and v.</summary>
    public abstract void RForward(BlockContext c, OpNode node);

    /// <summary>The activation epilogue on the op's value (and its R-image), keeping σ′ (and R σ′) for the backward walk.</summary>
    public virtual void Activate(BlockContext c, OpNode node)
    {
    }

    /// <summary>Backward: this op's contribution to the delta of the value at input <paramref name="slot"/>.</summary>
    public abstract void Backward(BlockContext c, OpNode node, int slot, DeltaWrite write);

    /// <summary>R-backward: this op's contribution to R of that delta.</summary>
    public abstract void RBackward(BlockContext c, OpNode node, int slot, DeltaWrite write);

    /// <summary>
    /// Writes this op's backward step into input <paramref name="slot"/> fused with that input's σ′ step (and their R-steps
    /// in the HVP and operator passes) and returns true, or returns false to leave both to <see cref="Backward"/>,
    /// <see cref="RBackward"/> and the σ′ step.
    /// </summary>
    public virtual bool FusedBackward(BlockContext c, OpNode node, int slot, DeltaWrite write) => false;

    /// <summary>Whether <see cref="Backward"/>'s comment already states the σ′ factor of its input, so the σ′ step needs none.</summary>
    public virtual bool BackwardNotesInputActivation => false;

    /// <summary>
    /// Weight terms an op forms per block, at the end of the block's backward walk, into a per-block partial that the chunk
    /// loop then adds in block order (convolutions: their per-example products are small, so blocks, which run in
    /// parallel, carry them rather than the chunk loop, which runs on one thread).
    /// </summary>
    public virtual void BlockWeightTerms(BlockContext c, OpNode node)
    {
    }

    /// <summary>Whether the op has <see cref="BlockWeightTerms"/>.</summary>
    public virtual bool HasBlockWeightTerms(OpNode node) => false;

    /// <summary>The chunk's ∇ of the op's parameter blocks, accumulated into <c>gradient</c>.</summary>
    public virtual void WeightGradient(ChunkContext c, OpNode node)
    {
    }

    /// <summary>The chunk's H·v terms of the op's parameter blocks, accumulated into <c>product</c>.</summary>
    public virtual void WeightHessian(ChunkContext c, OpNode node)
    {
    }

    /// <summary><c>accumulate: true, </c> for a delta write that adds, else nothing (the kernels assign by default).</summary>
    protected static string Accumulate(DeltaWrite write) => write.Accumulate ? "accumulate: true, " : "";
}
