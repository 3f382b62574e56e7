using System.Collections.Generic;
using System.Linq;
using Landscape.Generators.Common;
using Landscape.Generators.Network.Graph;
using Landscape.Generators.Network.Rules;
using static Landscape.Generators.Network.RuntimeNames;

namespace Landscape.Generators.Network;

public sealed partial class NetworkGenerator
{
    /// <summary>Forward pass of one block (values only): used by Predict and by the loss block.</summary>
    private static void EmitForward(SourceWriter w, LoweredNetwork network)
    {
        w.WriteLine("/// <summary>Forward pass of r examples x into the workspace rows [start, start + r).</summary>");
        using (w.Block($"private static void Forward(Workspace ws, {ReadOnlySpan} p, {ReadOnlySpan} x, int start, int r)"))
        {
            var c = new BlockContext(w, network.Graph, network.Plan, Pass.Values);
            foreach (OpNode node in network.Graph.Layers) EmitForwardSection(c, node);
        }
        w.WriteLine();
    }

    /// <summary>
    /// The body run on worker threads for one block of a chunk. The loss pass calls Forward and the loss head; the other
    /// passes walk the layers forward, then the loss head and the layers backward.
    /// </summary>
    private static void EmitBlock(SourceWriter w, LoweredNetwork network, Pass pass)
    {
        string summary = pass switch
        {
            Pass.Values => "Loss pass of one block: forward, then per-example losses.",
            Pass.Gradient => "Gradient pass of one block: forward with σ', losses and output deltas, backward to every layer's deltas g = ∂L/∂z.",
            Pass.FixedPoint => "Fixed-point pass of one block (Hessian operator): the gradient pass, keeping σ'' and the upstream deltas ∂L/∂a too, into the chunk's cache.",
            Pass.Operator => "One operator product, one block: R-forward and R-backward only, reading the values, σ', σ'' and deltas from the chunk's cache.",
            _ => "HVP pass of one block: forward and R-forward, losses, output deltas and their R-images, backward and R-backward.",
        };
        w.WriteLine($"/// <summary>{summary}</summary>");
        using (w.Block($"private static void {BlockName(pass)}(Workspace ws, int block)"))
        {
            w.WriteLine($$"""
                int start = block * BlockSize; // first example of the block, relative to the chunk
                int r = {{MathType}}.Min(BlockSize, ws.Rows - start);
                {{ReadOnlySpan}} p = ws.Parameters;
                {{ReadOnlySpan}} x = ws.Inputs.Span.Slice((ws.ChunkStart + start) * InputSize, r * InputSize);
                {{ReadOnlySpan}} y = ws.Targets.Span.Slice((ws.ChunkStart + start) * OutputSize, r * OutputSize);
                """);
            if (pass is Pass.Hessian or Pass.Operator) w.WriteLine($"{ReadOnlySpan} v = ws.Direction;");
            if (pass is Pass.Hessian or Pass.FixedPoint or Pass.Operator)
                w.WriteLine("int rows = ws.Rows; // R-activations are stacked after the chunk's activations, deltas after their R-images");
            if (pass is Pass.FixedPoint or Pass.Operator)
                w.WriteLine("FixedPointChunk cache = ws.Cache!; // the chunk's kept values, σ', σ'' and deltas");
            w.WriteLine();
            var c = new BlockContext(w, network.Graph, network.Plan, pass);
            OpNode head = network.Graph.Head;
            if (pass == Pass.Values)
            {
                w.WriteLine("Forward(ws, p, x, start, r);");
                c.DeclareOutput(network.Plan.Value(network.Graph.Output.Id));
                OpRuleTable.For(head).Forward(c, head);
            }
            else
            {
                foreach (OpNode node in network.Graph.Layers) EmitForwardSection(c, node);
                EmitBackwardWalk(c);
                // The fixed-point pass forms no weight terms: the operator's gradient comes from the model when asked for.
                if (pass != Pass.FixedPoint)
                    foreach (OpNode node in network.Graph.Layers) OpRuleTable.For(node).BlockWeightTerms(c, node);
            }
        }
        w.WriteLine();
    }

    /// <summary>One op of the forward walk: its value, R-image (HVP pass) and activation, then a blank line.</summary>
    private static void EmitForwardSection(BlockContext c, OpNode node)
    {
        OpRules rules = OpRuleTable.For(node);
        if (c.ComputesValues)
        {
            rules.Forward(c, node);
        }
        else
        {
            // An operator's product reads the kept value; only its R-image is computed (none when it does not depend on θ).
            ValueBuffers value = c.Value(node.Id);
            c.Line($"// {node.Name}: {value.Local} kept" + (value.HasRImage ? "" : " (it does not depend on θ)"));
            c.DeclareValue(value);
            if (!value.HasRImage)
            {
                c.Writer.WriteLine();
                return;
            }
        }
        if (c.Hessian) rules.RForward(c, node);
        rules.Activate(c, node);
        c.Writer.WriteLine();
    }

    /// <summary>
    /// The backward walk, from the loss head to the first layer (ids descending, so every use of a value is visited before
    /// the op producing it). Each op writes into the deltas of its inputs that have one, as the plan says (assign or
    /// accumulate); the write that completes a delta is followed by that value's σ′ step. One blank line closes each op.
    /// </summary>
    private static void EmitBackwardWalk(BlockContext c)
    {
        for (int id = c.Graph.Nodes.Count - 1; id >= 0; id--)
        {
            OpNode node = c.Graph[id];
            OpRules rules = OpRuleTable.For(node);
            var writes = Enumerable.Range(0, node.Inputs.Count)
                .Select(slot => (Slot: slot, Write: c.Plan.Write(new Use(id, slot))))
                .Where(e => e.Write is not null)
                .ToList();
            if (writes.Count == 0) continue;
            foreach ((int slot, DeltaWrite? write) in writes)
            {
                if (rules.FusedBackward(c, node, slot, write!.Value)) continue;
                if (c.ComputesValues)
                {
                    rules.Backward(c, node, slot, write!.Value);
                }
                else
                {
                    ValueBuffers input = c.Value(node.Inputs[slot]);
                    c.Line($"// R-backward through {node.Name} into R {input.DeltaLocal} ({(write!.Value.Accumulate ? "accumulating" : "assigning")}; {input.DeltaLocal} kept)");
                    c.DeclareDeltas(input);
                }
                if (c.Hessian) rules.RBackward(c, node, slot, write.Value);
                if (write.Value.Completes) ActivationRules.Backward(c, c.Value(node.Inputs[slot]), explain: !rules.BackwardNotesInputActivation);
            }
            c.Writer.WriteLine();
        }
    }

    /// <summary>The per-call scratch buffers, pooled so steady-state calls allocate nothing.</summary>
    private static void EmitWorkspace(SourceWriter w, LoweredNetwork network)
    {
        w.WriteLine("/// <summary>Scratch buffers for one call: θ and v copies, and per layer one chunk of activations, σ' and deltas (stacked with their R-images).</summary>");
        using (w.Block("private sealed class Workspace"))
        {
            w.WriteLine($$"""
                private const int Chunk = ChunkSize;
                // θ and v are pinned: the packed weight operands below remember the address they were packed from.
                public readonly double[] Parameters = global::System.GC.AllocateArray<double>(TotalParameters, pinned: true);
                public readonly double[] Direction = global::System.GC.AllocateArray<double>(TotalParameters, pinned: true);
                public readonly double[] Losses = new double[Chunk];
                // The pairwise trees over chunk indices that combine the chunks' partial sums (their partials are kept for reuse).
                public readonly {{ChunkTree}} LossTree = new(1);
                public readonly {{ChunkTree}} GradientTree = new(TotalParameters);
                public readonly {{ChunkTree}} ProductTree = new(TotalParameters);
                """);
            if (network.Plan.Buffers.Any(b => b.PerBlock))
                w.WriteLine("public const int Blocks = (Chunk + BlockSize - 1) / BlockSize; // rows of the per-block buffers");
            foreach (WorkspaceBuffer buffer in network.Plan.Buffers)
                w.WriteLine($"public readonly {buffer.ElementType}[] {buffer.Name} = new {buffer.ElementType}[{buffer.LengthText}];" + (buffer.Comment is null ? "" : " // " + buffer.Comment));
            EmitPackedOperands(w, network);
            if (network.HasBlockWeightTerms) w.WriteLine("public bool WantGradient; // whether the HVP pass also forms the per-block gradient terms");
            w.WriteLine("public FixedPointChunk? Cache; // a Hessian operator's chunk, while its passes run on this workspace");
            w.WriteLine($$"""
                public {{ReadOnlyMemory}} Inputs;
                public {{ReadOnlyMemory}} Targets;
                public int ChunkStart;
                public int Rows;
                public double Scale;
                public readonly global::System.Action<int> LossBlock;
                public readonly global::System.Action<int> GradientBlock;
                public readonly global::System.Action<int> HessianBlock;
                public readonly global::System.Action<int> FixedPointBlock;
                public readonly global::System.Action<int> OperatorBlock;

                public Workspace()
                {
                    // Delegates are bound once per workspace, so a call allocates no closure.
                    LossBlock = block => {{network.Spec.TypeName}}.LossBlock(this, block);
                    GradientBlock = block => {{network.Spec.TypeName}}.GradientBlock(this, block);
                    HessianBlock = block => {{network.Spec.TypeName}}.HessianBlock(this, block);
                    FixedPointBlock = block => {{network.Spec.TypeName}}.FixedPointBlock(this, block);
                    OperatorBlock = block => {{network.Spec.TypeName}}.OperatorBlock(this, block);
                }
                """);
        }
    }

    /// <summary>
    /// The weight matrices the ops' block products use packed, packed once per call (null where a block product takes the
    /// unpacked small-product path), and the three methods that pack them: from θ for the forward products, from θ for the
    /// backward ones, and from v for both.
    /// </summary>
    private static void EmitPackedOperands(SourceWriter w, LoweredNetwork network)
    {
        var operands = new List<PackedWeight>();
        foreach (OpNode node in network.Graph.Nodes) operands.AddRange(OpRuleTable.For(node).PackedWeights(node, network.Plan));
        w.WriteLine($"// Weights packed once per call for the BlockSize-row block products (null: that product is not packed).");
        foreach (PackedWeight operand in operands)
            w.WriteLine($"public readonly {PackedOperand}? {operand.Field} = {PackedOperand}.ForProducts(BlockSize, {operand.Inner}, {operand.Outer}, transposed: {(operand.Transposed ? "true" : "false")}); // {operand.Comment}");
        w.WriteLine();
        EmitPackMethod(w, "PackForward", "Packs the forward operands W_lᵀ from θ.", "Parameters", operands.Where(o => !o.FromDirection && !o.Backward));
        EmitPackMethod(w, "PackBackward", "Packs the backward operands W_l from θ.", "Parameters", operands.Where(o => !o.FromDirection && o.Backward));
        EmitPackMethod(w, "PackDirection", "Packs V_lᵀ and V_l from the direction v.", "Direction", operands.Where(o => o.FromDirection));
    }

    /// <summary>A workspace method packing <paramref name="operands"/> from the workspace array <paramref name="source"/>, in order.</summary>
    private static void EmitPackMethod(SourceWriter w, string name, string summary, string source, IEnumerable<PackedWeight> operands)
    {
        w.WriteLine($"/// <summary>{summary}</summary>");
        using (w.Block($"public void {name}()"))
        {
            foreach (PackedWeight operand in operands)
                w.WriteLine($"{operand.Field}?.Pack({source}.AsSpan({operand.Block.Constant}, {operand.Block.Length}), {operand.Block.Columns});");
        }
        w.WriteLine();
    }
}
