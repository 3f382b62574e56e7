using System;
using System.Collections.Generic;
using Landscape.Generators.Network.Graph;
using Landscape.Generators.Network.Model;
using static Landscape.Generators.Network.RuntimeNames;

namespace Landscape.Generators.Network.Rules;

/// <summary>
/// The loss head: per-example losses ℓ of the network output a and the targets y, written to the workspace's Losses,
/// and the output's delta g = ∂L/∂a (L = mean ℓ, so the heads scale by s = 1/n). A LossHeads kernel computes ℓ and g in
/// one call, so in the passes that need g the head's forward is part of its <see cref="Backward"/>; the drivers call
/// <see cref="Forward"/> only in the loss pass.
/// </summary>
internal sealed class LossRules : OpRules
{
    /// <summary>The per-example loss in words.</summary>
    public static string Describe(LossKind loss) => loss == LossKind.MeanSquaredError
        ? "½‖f(x) − y‖²"
        : "−Σₖ yₖ log softmax(f(x))ₖ";

    /// <summary>Softmax cross-entropy keeps the probabilities p for its R-image.</summary>
    public override IEnumerable<WorkspaceBuffer> Scratch(OpNode node, OpGraph graph)
    {
        if (node.Loss != LossKind.SoftmaxCrossEntropy) yield break;
        yield return Probabilities(graph[node.Inputs[0]].Shape.Size);
    }

    /// <summary>Forward (loss pass): ℓ only.</summary>
    public override void Forward(BlockContext c, OpNode node)
    {
        ValueBuffers output = c.Value(node.Inputs[0]);
        c.Declare("losses", "ws.Losses.AsSpan(start, r)");
        c.Line($"// per-example losses ℓ = {Describe(node.Loss)}");
        string noDelta = node.Loss == LossKind.SoftmaxCrossEntropy ? "default, default" : "default";
        c.Line($"{LossHeads}.{Head(node)}({output.Local}, y, losses, {noDelta}, r, {output.Width}, 0);");
    }

    /// <summary>The head's R-image is the R-backward's business: R g depends on R a alone (y does not depend on θ).</summary>
    public override void RForward(BlockContext c, OpNode node)
    {
    }

    /// <summary>Backward (fused with the forward): ℓ, and g = (a − y)/n (MSE) or (s·softmax(a) − y)/n (cross-entropy).</summary>
    public override void Backward(BlockContext c, OpNode node, int slot, DeltaWrite write)
    {
        if (write.Accumulate) throw new InvalidOperationException("The loss heads assign the output's delta; the output cannot have another use.");
        ValueBuffers output = c.Value(node.Inputs[slot]);
        bool crossEntropy = node.Loss == LossKind.SoftmaxCrossEntropy;
        string a = output.Local, g = output.DeltaLocal;
        c.Declare("losses", "ws.Losses.AsSpan(start, r)");
        c.Line($"// ℓ = {Describe(node.Loss)}; {g} = ∂L/∂{a} = {(crossEntropy ? "(s·softmax(a) − y)/n" : "(a − y)/n")}");
        c.DeclareDeltas(output);
        if (!crossEntropy)
        {
            c.Line($"{LossHeads}.{Head(node)}({a}, y, losses, {g}, r, {output.Width}, ws.Scale);");
            return;
        }
        string probabilities = "default";
        if (c.Pass is Pass.Hessian or Pass.FixedPoint)
        {
            probabilities = "probabilities";
            c.DeclareScratch(probabilities, Probabilities(output.Width));
        }
        c.Line($"{LossHeads}.{Head(node)}({a}, y, losses, {g}, {probabilities}, r, {output.Width}, ws.Scale);");
    }

    /// <summary>R-backward: R g = R a / n (MSE) or s (diag p − p pᵀ) R a / n (cross-entropy).</summary>
    public override void RBackward(BlockContext c, OpNode node, int slot, DeltaWrite write)
    {
        ValueBuffers output = c.Value(node.Inputs[slot]);
        if (node.Loss == LossKind.SoftmaxCrossEntropy)
            c.DeclareScratch("probabilities", Probabilities(output.Width)); // declared by the backward step, except in an operator's product
        if (node.Loss == LossKind.SoftmaxCrossEntropy)
            c.Line($"{LossHeads}.SoftmaxCrossEntropyR(probabilities, y, {output.RLocal}, {output.RDeltaLocal}, r, {output.Width}, ws.Scale); // R g = s (diag p − p pᵀ) R a / n");
        else
            c.Line($"{LossHeads}.MeanSquaredErrorR({output.RLocal}, {output.RDeltaLocal}, ws.Scale); // R g = R a / n");
    }

    /// <summary>The probabilities buffer: one row of the output's width per example, written with the OutputSize constant.</summary>
    private static WorkspaceBuffer Probabilities(int width) => new("Probabilities", 1, width, "OutputSize", null) { FixedPoint = true };

    /// <summary>The LossHeads method of the node's loss.</summary>
    private static string Head(OpNode node) => node.Loss == LossKind.SoftmaxCrossEntropy ? "SoftmaxCrossEntropy" : "MeanSquaredError";
}
