using System;
using System.Linq;
using Landscape.Generators.Common;
using Landscape.Generators.Network;
using Landscape.Generators.Network.Graph;
using Landscape.Generators.Network.Model;
using Landscape.Generators.Network.Rules;
using Landscape.Models;
using static Landscape.Generators.Tests.NetworkGraph.GraphBuilders;

namespace Landscape.Generators.Tests.NetworkGraph;

/// <summary>The buffer planner: which buffers exist and how large, the values' names, and assign/accumulate per delta write.</summary>
public sealed class BufferPlannerTests
{
    private const int Chunk = ExampleBlocks.ChunkSize;

    private static BufferPlan PlanWithRules(OpGraph graph) => BufferPlanner.Plan(graph, node => OpRuleTable.For(node).Scratch(node, graph));

    private static BufferPlan PlanWithoutScratch(OpGraph graph) => BufferPlanner.Plan(graph, _ => []);

    [Fact]
    public void Chain_GetsStackedValuesAndDeltas_AndSigmaBuffersOnlyWhereActivated()
    {
        OpGraph graph = NetworkLowering.Lower(Spec(LossKind.MeanSquaredError, 784,
            (200, ActivationKind.Tanh, true), (200, ActivationKind.Tanh, true), (10, ActivationKind.Identity, true)));
        BufferPlan plan = PlanWithRules(graph);

        Assert.Equal(
            [
                ("Activations0", 2, 200, "2 * Chunk * 200", "[a0; R a0]"),
                ("First0", 1, 200, "Chunk * 200", "σ'(z0)"),
                ("RFirst0", 1, 200, "Chunk * 200", "R σ'(z0) = σ''(z0) ⊙ R z0"),
                ("Deltas0", 2, 200, "2 * Chunk * 200", "[R g0; g0] (HVP) or g0 (gradient)"),
                ("Activations1", 2, 200, "2 * Chunk * 200", "[a1; R a1]"),
                ("First1", 1, 200, "Chunk * 200", "σ'(z1)"),
                ("RFirst1", 1, 200, "Chunk * 200", "R σ'(z1) = σ''(z1) ⊙ R z1"),
                ("Deltas1", 2, 200, "2 * Chunk * 200", "[R g1; g1] (HVP) or g1 (gradient)"),
                ("Activations2", 2, 10, "2 * Chunk * 10", "[a2; R a2]"),
                ("Deltas2", 2, 10, "2 * Chunk * 10", "[R g2; g2] (HVP) or g2 (gradient)"),
            ],
            plan.Buffers.Select(b => (b.Name, b.Copies, b.Width, b.LengthText, b.Comment!)));
        Assert.Equal(2L * Chunk * 200, plan.Buffers[0].Length(Chunk));
        Assert.Equal((long)Chunk * 200, plan.Buffers[1].Length(Chunk));
        Assert.Equal(2L * 512 * (200 + 200 + 200 + 200 + 10 + 10) + 512L * 4 * 200, plan.Buffers.Sum(b => b.Length(512)));

        ValueBuffers x = plan.Value(0);
        Assert.Equal((-1, 784, "x", false, false, false), (x.Label, x.Width, x.Local, x.HasRImage, x.HasDelta, x.HasDerivatives));
        Assert.Null(x.Values);
        ValueBuffers a1 = plan.Value(2);
        Assert.Equal((1, "a1", "ra1", "z1", "d1", "rd1", "g1", "rg1"), (a1.Label, a1.Local, a1.RLocal, a1.Pre, a1.DerivativeLocal, a1.RDerivativeLocal, a1.DeltaLocal, a1.RDeltaLocal));
        Assert.Equal((true, true, true), (a1.HasRImage, a1.HasDelta, a1.HasDerivatives));
        Assert.False(plan.Value(3).HasDerivatives); // identity: the σ′ step is skipped
        Assert.Throws<InvalidOperationException>(() => plan.Value(4)); // the loss head's losses are the workspace's Losses

        // A chain: every value with a delta has one use, which assigns and completes it; x has none.
        Assert.Null(plan.Write(new Use(1, 0)));
        foreach (int consumer in new[] { 2, 3, 4 })
            Assert.Equal(new DeltaWrite(Accumulate: false, Completes: true), plan.Write(new Use(consumer, 0)));
    }

    [Fact]
    public void SoftmaxCrossEntropy_AddsTheProbabilitiesScratch_Last_SizedByOutputSize()
    {
        OpGraph graph = NetworkLowering.Lower(Spec(LossKind.SoftmaxCrossEntropy, 20, (32, ActivationKind.Gelu, true), (5, ActivationKind.Sigmoid, true)));
        WorkspaceBuffer last = PlanWithRules(graph).Buffers[^1];
        Assert.Equal(("Probabilities", 1, 5, "Chunk * OutputSize", null), (last.Name, last.Copies, last.Width, last.LengthText, last.Comment));
        Assert.DoesNotContain(PlanWithRules(NetworkLowering.Lower(Spec(LossKind.MeanSquaredError, 20, (5, ActivationKind.Sigmoid, true)))).Buffers, b => b.Name == "Probabilities");
    }

    [Fact]
    public void FanOut_FirstWriteInBackwardOrderAssigns_LaterOnesAccumulate_LastCompletes()
    {
        // input → op1 → op2(op1) → op3(op1, op2) → loss. The backward walk visits op3 before op2, so op3's write into
        // op1's delta assigns and op2's accumulates and completes it (then op1's σ′ step can run).
        var graph = new OpGraph([Input(4), Op(1, 3, ActivationKind.Tanh, true, 0), Op(2, 3, ActivationKind.Relu, true, 1), Op(3, 3, ActivationKind.Identity, true, 1, 2), Loss(4, 3)]);
        BufferPlan plan = PlanWithoutScratch(graph);

        Assert.Equal(new DeltaWrite(Accumulate: false, Completes: false), plan.Write(new Use(3, 0)));
        Assert.Equal(new DeltaWrite(Accumulate: true, Completes: true), plan.Write(new Use(2, 0)));
        Assert.Equal(new DeltaWrite(Accumulate: false, Completes: true), plan.Write(new Use(3, 1)));
        Assert.Equal(new DeltaWrite(Accumulate: false, Completes: true), plan.Write(new Use(4, 0)));
        Assert.Null(plan.Write(new Use(1, 0)));
        // One delta buffer per value, however many uses write it.
        Assert.Equal(3, plan.Buffers.Count(b => b.Name.StartsWith("Deltas", StringComparison.Ordinal)));
    }

    [Fact]
    public void AValueReadTwiceByOneOp_AccumulatesTheSecondSlot()
    {
        var graph = new OpGraph([Input(2), Op(1, 3, ActivationKind.Sin, true, 0), Op(2, 3, ActivationKind.Identity, true, 1, 1), Loss(3, 2)]);
        BufferPlan plan = PlanWithoutScratch(graph);
        Assert.Equal(new DeltaWrite(Accumulate: false, Completes: false), plan.Write(new Use(2, 0)));
        Assert.Equal(new DeltaWrite(Accumulate: true, Completes: true), plan.Write(new Use(2, 1)));
    }

    [Fact]
    public void AValueThatDoesNotDependOnTheta_HasNoRImageDeltaOrSigmaBuffers()
    {
        // input → op1 (no parameters, tanh) → op2 → loss: op1's value is a function of x alone.
        var graph = new OpGraph([Input(3), Op(1, 3, ActivationKind.Tanh, false, 0), Op(2, 2, ActivationKind.Identity, true, 1), Loss(3, 2)]);
        BufferPlan plan = PlanWithoutScratch(graph);
        ValueBuffers a0 = plan.Value(1);
        Assert.Equal((1, "a0"), (a0.Values!.Copies, a0.Values.Comment));
        Assert.Equal((false, false, false), (a0.HasRImage, a0.HasDelta, a0.HasDerivatives));
        Assert.Null(plan.Write(new Use(2, 0)));
        Assert.Equal(["Activations0", "Activations1", "Deltas1"], plan.Buffers.Select(b => b.Name));
    }

    [Fact]
    public void TheAccumulateFlag_ReachesTheBackwardProducts()
    {
        var graph = new OpGraph([Input(4), Op(1, 3, ActivationKind.Tanh, true, 0), Op(2, 3, ActivationKind.Relu, true, 1), Loss(3, 2)]);
        BufferPlan plan = PlanWithoutScratch(graph);
        OpRules dense = OpRuleTable.For(OpKind.Dense);
        foreach (bool accumulate in new[] { false, true })
        {
            var writer = new SourceWriter();
            var c = new BlockContext(writer, graph, plan, Pass.Hessian);
            dense.Backward(c, graph[2], 0, new DeltaWrite(accumulate, Completes: true));
            dense.RBackward(c, graph[2], 0, new DeltaWrite(accumulate, Completes: true));
            string[] products = writer.ToString().Split('\n').Where(l => l.Contains(".NN(", StringComparison.Ordinal)).ToArray();
            Assert.Equal(3, products.Length);
            string extra = accumulate ? "accumulate: true, " : "";
            Assert.EndsWith($"g0, 3, {extra}packedB: ws.W2);", products[0], StringComparison.Ordinal);
            Assert.EndsWith($"rg0, 3, {extra}packedB: ws.W2);", products[1], StringComparison.Ordinal);
            Assert.EndsWith("rg0, 3, accumulate: true, packedB: ws.V2);", products[2], StringComparison.Ordinal); // R g += g V always adds
        }
    }
}
