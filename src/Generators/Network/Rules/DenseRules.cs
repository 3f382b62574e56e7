using System.Collections.Generic;
using Landscape.Generators.Common;
using Landscape.Generators.Network.Graph;
using static Landscape.Generators.Network.RuntimeNames;

namespace Landscape.Generators.Network.Rules;

/// <summary>
/// Dense: z = a Wᵀ + b, then the op's activation. W is [units × fan-in] row-major, so a block's rows of z are one NT product
/// with the block's rows of a. In the comments, dense op l reads value a<sub>j</sub> (or x) and produces a<sub>k</sub>.
/// </summary>
internal sealed class DenseRules : OpRules
{
    /// <summary>W_l drawn by the op's init scheme (a counter-based stream per layer, fan-in and fan-out from W's shape); b_l = 0.</summary>
    public override void Initialize(SourceWriter w, OpNode node)
    {
        ParameterEntry weight = node.Weight!;
        w.WriteLine($"{Initializers}.Weights(parameters.Slice({weight.Constant}, {weight.Length}), seed, {node.Stream}, global::Landscape.Init.{node.Init}, {weight.Columns}, {weight.Rows}, {Literals.Double(node.InitScale)});");
        if (node.Bias is { } bias) w.WriteLine($"parameters.Slice({bias.Constant}, {bias.Length}).Clear();");
    }

    /// <summary>z = a Wᵀ: units × fan-in multiply-adds per example (a spatial input counts flattened).</summary>
    public override LinearMap Map(OpNode node) => new(node.Name, node.Weight!.Rows, node.Weight.Columns, 1, node.Inputs[0]);

    /// <summary>
    /// Wᵀ and Vᵀ for the forward and R-forward products; W and V for the backward and R-backward ones, when the input has a
    /// delta to receive them.
    /// </summary>
    public override IEnumerable<PackedWeight> PackedWeights(OpNode node, BufferPlan plan)
    {
        ValueBuffers own = plan.Value(node.Id), input = plan.Value(node.Inputs[0]);
        string l = Literals.Int(node.Index);
        ParameterEntry weight = node.Weight!;
        yield return new PackedWeight(ForwardOperand(node), weight, false, true, false, $"W{l}ᵀ: {own.Pre} = a W{l}ᵀ");
        yield return new PackedWeight(RForwardOperand(node), weight, true, true, false, $"V{l}ᵀ: R {own.Pre} += a V{l}ᵀ");
        if (!input.HasDelta || IsRankOne(node, plan)) yield break;
        yield return new PackedWeight(BackwardOperand(node), weight, false, false, true, $"W{l}: {input.DeltaLocal} = {own.DeltaLocal} W{l}");
        yield return new PackedWeight(RBackwardOperand(node), weight, true, false, true, $"V{l}: R {input.DeltaLocal} += {own.DeltaLocal} V{l}");
    }

    /// <summary>Forward: z_k = a_j W_lᵀ (the bias is added by the epilogue).</summary>
    public override void Forward(BlockContext c, OpNode node)
    {
        ValueBuffers own = c.Value(node.Id), input = c.Value(node.Inputs[0]);
        int u = own.Width, f = input.Width;
        string l = Literals.Int(node.Index);
        string bias = node.Bias is null ? "" : $" + b{l}";
        c.Line($"// {node.Name} ({f} → {u}, {ActivationRules.Name(node.Activation)}): {own.Pre} = {input.Local} W{l}ᵀ{bias}, {own.Local} = {ActivationRules.Formula(node.Activation, own.Pre)}");
        c.DeclareValue(own);
        c.Line($"{Gemm}.NT(r, {u}, {f}, {input.Local}, {f}, {Weight(node, "p")}, {f}, {own.Local}, {u}, packedB: ws.{ForwardOperand(node)});");
    }

    /// <summary>R-forward: R z_k = R a_j W_lᵀ + a_j V_lᵀ (+ V_b, added by the epilogue); the first term vanishes for x.</summary>
    public override void RForward(BlockContext c, OpNode node)
    {
        ValueBuffers own = c.Value(node.Id), input = c.Value(node.Inputs[0]);
        int u = own.Width, f = input.Width;
        string l = Literals.Int(node.Index);
        string throughWeight = input.HasRImage ? $"R {input.Local} W{l}ᵀ + " : "";
        string bias = node.Bias is null ? "" : $" + Vb{l}";
        c.Line($"// R {own.Pre} = {throughWeight}{input.Local} V{l}ᵀ{bias}");
        c.DeclareRValue(own);
        if (input.HasRImage)
        {
            c.Line($"{Gemm}.NT(r, {u}, {f}, {input.RLocal}, {f}, {Weight(node, "p")}, {f}, {own.RLocal}, {u}, packedB: ws.{ForwardOperand(node)});");
            c.Line($"{Gemm}.NT(r, {u}, {f}, {input.Local}, {f}, {Weight(node, "v")}, {f}, {own.RLocal}, {u}, accumulate: true, packedB: ws.{RForwardOperand(node)});");
        }
        else
        {
            c.Line($"{Gemm}.NT(r, {u}, {f}, {input.Local}, {f}, {Weight(node, "v")}, {f}, {own.RLocal}, {u}, packedB: ws.{RForwardOperand(node)});");
        }
    }

    /// <summary>a_k = σ(z_k + b_l), with R z_k + V_b in the HVP pass: the activation epilogue, bias fused.</summary>
    public override void Activate(BlockContext c, OpNode node)
    {
        ValueBuffers own = c.Value(node.Id);
        string? bias = node.Bias is { } b ? $"p.Slice({b.Constant}, {b.Length})" : null;
        string? rBias = node.Bias is { } vb ? $"v.Slice({vb.Constant}, {vb.Length})" : null;
        ActivationRules.Forward(c, node, own, bias, rBias);
    }

    /// <summary>
    /// Backward: g_j = g_k W_l (the input's σ′ step follows once its delta is complete). In the HVP pass the R-backward's
    /// equation is written here too, so that both equations head the section.
    /// </summary>
    public override void Backward(BlockContext c, OpNode node, int slot, DeltaWrite write)
    {
        ValueBuffers own = c.Value(node.Id), input = c.Value(node.Inputs[slot]);
        int u = own.Width, f = input.Width;
        string l = Literals.Int(node.Index);
        string sigma = input.HasDerivatives ? $"σ'({input.Pre}) ⊙ " : "";
        c.Line($"// back through {node.Name}: {input.DeltaLocal} = {sigma}({own.DeltaLocal} W{l})");
        if (c.Hessian) c.Line(RBackwardNote(own, input, l));
        c.DeclareDeltas(input);
        c.Line($"{Gemm}.NN(r, {f}, {u}, {own.DeltaLocal}, {u}, {Weight(node, "p")}, {f}, {input.DeltaLocal}, {f}, {Accumulate(write)}packedB: ws.{BackwardOperand(node)});");
    }

    /// <summary>R-backward: R g_j = R g_k W_l + g_k V_l (R σ′ enters in the input's σ′ step).</summary>
    public override void RBackward(BlockContext c, OpNode node, int slot, DeltaWrite write)
    {
        ValueBuffers own = c.Value(node.Id), input = c.Value(node.Inputs[slot]);
        int u = own.Width, f = input.Width;
        c.Line($"{Gemm}.NN(r, {f}, {u}, {own.RDeltaLocal}, {u}, {Weight(node, "p")}, {f}, {input.RDeltaLocal}, {f}, {Accumulate(write)}packedB: ws.{BackwardOperand(node)});");
        c.Line($"{Gemm}.NN(r, {f}, {u}, {own.DeltaLocal}, {u}, {Weight(node, "v")}, {f}, {input.RDeltaLocal}, {f}, accumulate: true, packedB: ws.{RBackwardOperand(node)});");
    }

    /// <summary>The R-backward equation, σ′ and R σ′ included.</summary>
    private static string RBackwardNote(ValueBuffers own, ValueBuffers input, string l)
    {
        string g = own.DeltaLocal, z = input.Pre;
        string sigma = input.HasDerivatives ? $"R σ'({z}) ⊙ ({g} W{l}) + σ'({z}) ⊙ " : "";
        return $"// R {input.DeltaLocal} = {sigma}(R {g} W{l} + {g} V{l})";
    }

    /// <summary>
    /// A one-unit layer whose input has σ′ and no other use (a regression head after a hidden layer): its backward
    /// products are rank-1, g_j[e, i] = g_k[e]·W[i], so they are fused with the input's σ′ step into one elementwise pass
    /// (<c>Epilogue.BackpropagateRankOne…</c>), with the same operations per element as the GEMMs with k = 1 and the
    /// σ′ step, so the same bits.
    /// </summary>
    public override bool FusedBackward(BlockContext c, OpNode node, int slot, DeltaWrite write)
    {
        if (c.Pass == Pass.Values || !IsRankOne(node, c.Plan)) return false;
        ValueBuffers own = c.Value(node.Id), input = c.Value(node.Inputs[slot]);
        int f = input.Width;
        string l = Literals.Int(node.Index), w = Weight(node, "p"), v = Weight(node, "v");
        string g = own.DeltaLocal, rg = own.RDeltaLocal, gi = input.DeltaLocal, rgi = input.RDeltaLocal, d = input.DerivativeLocal, rd = input.RDerivativeLocal;
        c.Line($"// back through {node.Name} (one unit, rank-1 products fused with the σ' step): {gi} = σ'({input.Pre}) ⊙ ({g} W{l})");
        if (c.Hessian) c.Line(RBackwardNote(own, input, l));
        c.DeclareDeltas(input);
        c.DeclareDerivatives(input);
        switch (c.Pass)
        {
            case Pass.Gradient:
                c.Line($"{Epilogue}.BackpropagateRankOne({g}, {w}, {d}, {gi}, r, {f});");
                break;
            case Pass.FixedPoint:
                c.Line($"{Epilogue}.BackpropagateRankOneKeeping({g}, {w}, {d}, {gi}, {input.UpstreamLocal}, r, {f}); // {input.UpstreamLocal} = ∂L/∂{input.Local} kept");
                break;
            case Pass.Operator:
                c.Line($"{Epilogue}.RBackpropagateRankOne({g}, {rg}, {w}, {v}, {input.UpstreamLocal}, {d}, {rd}, {rgi}, r, {f});");
                break;
            default:
                c.Line($"{Epilogue}.BackpropagateRankOneR({g}, {rg}, {w}, {v}, {d}, {rd}, {gi}, {rgi}, r, {f});");
                break;
        }
        return true;
    }

    /// <summary>Whether <paramref name="node"/> is a one-unit layer whose input's delta it alone writes (assigns and completes) and that input has σ′.</summary>
    private static bool IsRankOne(OpNode node, BufferPlan plan)
    {
        if (node.Kind != OpKind.Dense || plan.Value(node.Id).Width != 1) return false;
        ValueBuffers input = plan.Value(node.Inputs[0]);
        return input.HasDerivatives && plan.Write(new Use(node.Id, 0)) is { Accumulate: false, Completes: true };
    }

    /// <summary>The backward comment names σ′(z_j), so the input's σ′ step needs no comment of its own.</summary>
    public override bool BackwardNotesInputActivation => true;

    /// <summary>∇W_l += g_kᵀ a_j and ∇b_l += Σ g_k over the chunk, into the chunk's partial (which starts at +0).</summary>
    public override void WeightGradient(ChunkContext c, OpNode node)
    {
        ValueBuffers own = c.Value(node.Id), input = c.Value(node.Inputs[0]);
        ParameterEntry weight = node.Weight!;
        int u = own.Width, f = input.Width;
        string deltas = c.Deltas(own), target = ChunkContext.GradientTarget;
        string bias = node.Bias is { } b ? $"; ∇ {b.Name} += Σ {own.DeltaLocal}" : "";
        c.Line($"// ∇ {weight.Name} += {own.DeltaLocal}ᵀ {input.Local}{bias}");
        c.Line($"{Gemm}.TNParallel({u}, {f}, rows, {deltas}, {u}, {c.Rows(input)}, {f}, {target}.Slice({weight.Constant}, {weight.Length}), {f}, accumulate: true);");
        if (node.Bias is { } biasBlock)
            c.Line($"{Reductions}.ColumnSums({deltas}, rows, {u}, {u}, {target}.Slice({biasBlock.Constant}, {u}), accumulate: true);");
    }

    /// <summary>
    /// (H·v) for W_l: R g_kᵀ a_j + g_kᵀ R a_j, one product over the stacked [R g_k; g_k]ᵀ [a_j; R a_j] (R g_kᵀ x alone when
    /// the input is x); Σ R g_k for b_l; into the chunk's partial (which starts at +0).
    /// </summary>
    public override void WeightHessian(ChunkContext c, OpNode node)
    {
        ValueBuffers own = c.Value(node.Id), input = c.Value(node.Inputs[0]);
        ParameterEntry weight = node.Weight!;
        int u = own.Width, f = input.Width;
        string g = own.DeltaLocal, a = input.Local, deltas = c.StackedDeltas(own), target = ChunkContext.ProductTarget;
        string bias = node.Bias is { } b ? $"; (H·v) {b.Name} += Σ R {g}" : "";
        if (input.HasRImage)
        {
            c.Line($"// (H·v) {weight.Name} += R {g}ᵀ {a} + {g}ᵀ R {a}: the stacked [R {g}; {g}]ᵀ [{a}; R {a}] over 2·rows{bias}");
            c.Line($"{Gemm}.TNParallel({u}, {f}, 2 * rows, {deltas}, {u}, {c.Rows(input)}, {f}, {target}.Slice({weight.Constant}, {weight.Length}), {f}, accumulate: true);");
        }
        else
        {
            c.Line($"// (H·v) {weight.Name} += R {g}ᵀ {a} (the inputs do not depend on θ, so R {a} = 0){bias}");
            c.Line($"{Gemm}.TNParallel({u}, {f}, rows, {deltas}, {u}, {c.Rows(input)}, {f}, {target}.Slice({weight.Constant}, {weight.Length}), {f}, accumulate: true);");
        }
        if (node.Bias is { } biasBlock)
            c.Line($"{Reductions}.ColumnSums({deltas}, rows, {u}, {u}, {target}.Slice({biasBlock.Constant}, {u}), accumulate: true);");
    }

    /// <summary>W_l (from θ in <c>p</c>) or V_l (from v in <c>v</c>) as a slice.</summary>
    private static string Weight(OpNode node, string source) => $"{source}.Slice({node.Weight!.Constant}, {node.Weight.Length})";

    /// <summary>The workspace field of W_lᵀ packed for z = a W_lᵀ.</summary>
    private static string ForwardOperand(OpNode node) => $"W{Literals.Int(node.Index)}T";

    /// <summary>The workspace field of V_lᵀ packed for R z += a V_lᵀ.</summary>
    private static string RForwardOperand(OpNode node) => $"V{Literals.Int(node.Index)}T";

    /// <summary>The workspace field of W_l packed for g_j = g_k W_l.</summary>
    private static string BackwardOperand(OpNode node) => $"W{Literals.Int(node.Index)}";

    /// <summary>The workspace field of V_l packed for R g_j += g_k V_l.</summary>
    private static string RBackwardOperand(OpNode node) => $"V{Literals.Int(node.Index)}";
}
