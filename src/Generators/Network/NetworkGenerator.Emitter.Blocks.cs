using Landscape.Generators.Common;
using Landscape.Generators.Network.Model;

namespace Landscape.Generators.Network;

public sealed partial class NetworkGenerator
{
    /// <summary>Forward pass of one block (values only): used by Predict and by the loss block.</summary>
    private static void EmitForward(SourceWriter w, NetworkShape network)
    {
        w.WriteLine("/// <summary>Forward pass of r examples x into the workspace rows [start, start + r).</summary>");
        using (w.Block($"private static void Forward(Workspace ws, {ReadOnlySpan} p, {ReadOnlySpan} x, int start, int r)"))
        {
            for (int l = 0; l < network.Layers.Count; l++) EmitLayerForward(w, network, l, Pass.Values);
        }
        w.WriteLine();
    }

    /// <summary>The body run on worker threads for one block of a chunk.</summary>
    private static void EmitBlock(SourceWriter w, NetworkShape network, Pass pass)
    {
        string summary = pass switch
        {
            Pass.Values => "Loss pass of one block: forward, then per-example losses.",
            Pass.Gradient => "Gradient pass of one block: forward with σ', losses and output deltas, backward to every layer's deltas g = ∂L/∂z.",
            _ => "HVP pass of one block: forward and R-forward, losses, output deltas and their R-images, backward and R-backward.",
        };
        w.WriteLine($"/// <summary>{summary}</summary>");
        using (w.Block($"private static void {BlockName(pass)}(Workspace ws, int block)"))
        {
            w.WriteLine($$"""
                int start = block * {{ExampleBlocks}}.BlockSize; // first example of the block, relative to the chunk
                int r = {{MathType}}.Min({{ExampleBlocks}}.BlockSize, ws.Rows - start);
                {{ReadOnlySpan}} p = ws.Parameters;
                {{ReadOnlySpan}} x = ws.Inputs.Span.Slice((ws.ChunkStart + start) * InputSize, r * InputSize);
                {{ReadOnlySpan}} y = ws.Targets.Span.Slice((ws.ChunkStart + start) * OutputSize, r * OutputSize);
                """);
            if (pass == Pass.Hessian)
            {
                w.WriteLine($"{ReadOnlySpan} v = ws.Direction;");
                w.WriteLine("int rows = ws.Rows; // R-activations are stacked after the chunk's activations, deltas after their R-images");
            }
            w.WriteLine();
            if (pass == Pass.Values)
            {
                int last = network.Last;
                w.WriteLine("Forward(ws, p, x, start, r);");
                w.WriteLine($"{ReadOnlySpan} a{last} = ws.Activations{last}.AsSpan(start * OutputSize, r * OutputSize);");
            }
            else
                for (int l = 0; l < network.Layers.Count; l++) EmitLayerForward(w, network, l, pass);
            EmitLossHead(w, network, pass);
            if (pass != Pass.Values)
                for (int l = network.Layers.Count - 1; l >= 1; l--) EmitLayerBackward(w, network, l, pass);
        }
        w.WriteLine();
    }

    /// <summary>One layer of the forward pass: z = a W ᵀ + b, a = σ(z) (and σ', and for HVP the R-forward R z, R a, R σ').</summary>
    private static void EmitLayerForward(SourceWriter w, NetworkShape network, int l, Pass pass)
    {
        Layer layer = network.Layers[l];
        int u = layer.Spec.Units, f = layer.Spec.FanIn;
        string input = l == 0 ? "x" : $"a{l - 1}";
        string weight = $"p.Slice({layer.Weight.Constant}, {layer.WeightLength})";
        string bias = layer.Bias is { } b ? $"p.Slice({b.Constant}, {u})" : "default";
        bool identity = layer.Spec.Activation == ActivationKind.Identity;

        w.WriteLine($"// {layer.Describe()}: z{l} = {input} W{l}ᵀ{(layer.Bias is null ? "" : $" + b{l}")}, a{l} = {ActivationFormula(layer.Spec.Activation, $"z{l}")}");
        w.WriteLine($"{Span} a{l} = ws.Activations{l}.AsSpan(start * {u}, r * {u});");
        w.WriteLine($"{Gemm}.NT(r, {u}, {f}, {input}, {f}, {weight}, {f}, a{l}, {u}, packedB: ws.W{l}T);");
        if (pass == Pass.Hessian)
        {
            string rbias = layer.Bias is { } vb ? $"v.Slice({vb.Constant}, {u})" : "default";
            string direction = $"v.Slice({layer.Weight.Constant}, {layer.WeightLength})";
            w.WriteLine($"// R z{l} = {(l == 0 ? "" : $"R a{l - 1} W{l}ᵀ + ")}{input} V{l}ᵀ{(layer.Bias is null ? "" : $" + Vb{l}")}");
            w.WriteLine($"{Span} ra{l} = ws.Activations{l}.AsSpan((rows + start) * {u}, r * {u});");
            if (l == 0)
            {
                w.WriteLine($"{Gemm}.NT(r, {u}, {f}, x, {f}, {direction}, {f}, ra{l}, {u}, packedB: ws.V{l}T);");
            }
            else
            {
                w.WriteLine($"{Gemm}.NT(r, {u}, {f}, ra{l - 1}, {f}, {weight}, {f}, ra{l}, {u}, packedB: ws.W{l}T);");
                w.WriteLine($"{Gemm}.NT(r, {u}, {f}, a{l - 1}, {f}, {direction}, {f}, ra{l}, {u}, accumulate: true, packedB: ws.V{l}T);");
            }
            if (identity)
            {
                if (layer.Bias is not null)
                {
                    w.WriteLine($"{Epilogue}.AddBias(a{l}, {bias}, r, {u});");
                    w.WriteLine($"{Epilogue}.AddBias(ra{l}, {rbias}, r, {u});");
                }
            }
            else
            {
                w.WriteLine($"{Span} d{l} = ws.First{l}.AsSpan(start * {u}, r * {u});");
                w.WriteLine($"{Span} rd{l} = ws.RFirst{l}.AsSpan(start * {u}, r * {u});");
                w.WriteLine($"{Epilogue}.ActivateWithR<{ActivationType(layer.Spec.Activation)}>(a{l}, {bias}, ra{l}, {rbias}, d{l}, rd{l}, r, {u});");
            }
        }
        else if (identity)
        {
            if (layer.Bias is not null) w.WriteLine($"{Epilogue}.AddBias(a{l}, {bias}, r, {u});");
        }
        else if (pass == Pass.Gradient)
        {
            w.WriteLine($"{Span} d{l} = ws.First{l}.AsSpan(start * {u}, r * {u});");
            w.WriteLine($"{Epilogue}.ActivateWithDerivative<{ActivationType(layer.Spec.Activation)}>(a{l}, {bias}, d{l}, r, {u});");
        }
        else
        {
            w.WriteLine($"{Epilogue}.Activate<{ActivationType(layer.Spec.Activation)}>(a{l}, {bias}, r, {u});");
        }
        w.WriteLine();
    }

    /// <summary>The loss head on the last layer's outputs: per-example losses, output deltas g = ∂L/∂a and (HVP) their R-images.</summary>
    private static void EmitLossHead(SourceWriter w, NetworkShape network, Pass pass)
    {
        int last = network.Last;
        Layer layer = network.Layers[last];
        int u = layer.Spec.Units;
        bool crossEntropy = network.Spec.Loss == LossKind.SoftmaxCrossEntropy;
        string head = crossEntropy ? "SoftmaxCrossEntropy" : "MeanSquaredError";
        w.WriteLine($"{Span} losses = ws.Losses.AsSpan(start, r);");
        if (pass == Pass.Values)
        {
            w.WriteLine($"// per-example losses ℓ = {network.LossDescription}");
            string extra = crossEntropy ? "default, default" : "default";
            w.WriteLine($"{LossHeads}.{head}(a{last}, y, losses, {extra}, r, {u}, 0);");
            return;
        }

        w.WriteLine($"// ℓ = {network.LossDescription}; g{last} = ∂L/∂a{last} = {(crossEntropy ? "(s·softmax(a) − y)/n" : "(a − y)/n")}");
        string deltaStart = pass == Pass.Hessian ? $"(rows + start) * {u}" : $"start * {u}";
        w.WriteLine($"{Span} g{last} = ws.Deltas{last}.AsSpan({deltaStart}, r * {u});");
        if (pass == Pass.Gradient)
        {
            w.WriteLine(crossEntropy
                ? $"{LossHeads}.{head}(a{last}, y, losses, g{last}, default, r, {u}, ws.Scale);"
                : $"{LossHeads}.{head}(a{last}, y, losses, g{last}, r, {u}, ws.Scale);");
            if (layer.Spec.Activation != ActivationKind.Identity)
                w.WriteLine($"{Epilogue}.Backpropagate(g{last}, d{last}); // g{last} ← σ'(z{last}) ⊙ g{last} = ∂L/∂z{last}");
        }
        else
        {
            w.WriteLine($"{Span} rg{last} = ws.Deltas{last}.AsSpan(start * {u}, r * {u});");
            if (crossEntropy)
            {
                w.WriteLine($"{Span} probabilities = ws.Probabilities.AsSpan(start * {u}, r * {u});");
                w.WriteLine($"{LossHeads}.{head}(a{last}, y, losses, g{last}, probabilities, r, {u}, ws.Scale);");
                w.WriteLine($"{LossHeads}.SoftmaxCrossEntropyR(probabilities, y, ra{last}, rg{last}, r, {u}, ws.Scale); // R g = s (diag p − p pᵀ) R a / n");
            }
            else
            {
                w.WriteLine($"{LossHeads}.{head}(a{last}, y, losses, g{last}, r, {u}, ws.Scale);");
                w.WriteLine($"{LossHeads}.MeanSquaredErrorR(ra{last}, rg{last}, ws.Scale); // R g = R a / n");
            }
            if (layer.Spec.Activation != ActivationKind.Identity)
                w.WriteLine($"{Epilogue}.BackpropagateR(g{last}, rg{last}, d{last}, rd{last}); // R g ← R σ' ⊙ g + σ' ⊙ R g, then g ← σ' ⊙ g");
        }
        w.WriteLine();
    }

    /// <summary>Backward through layer l to the deltas of layer l − 1: g_{l−1} = σ'(z_{l−1}) ⊙ (g_l W_l) (and the R-images for HVP).</summary>
    private static void EmitLayerBackward(SourceWriter w, NetworkShape network, int l, Pass pass)
    {
        Layer layer = network.Layers[l];
        Layer below = network.Layers[l - 1];
        int u = layer.Spec.Units, f = layer.Spec.FanIn;
        string weight = $"p.Slice({layer.Weight.Constant}, {layer.WeightLength})";
        bool identityBelow = below.Spec.Activation == ActivationKind.Identity;
        int k = l - 1;
        w.WriteLine($"// back through {layer.Weight.Name.Replace(".weight", "")}: g{k} = {(identityBelow ? "" : $"σ'(z{k}) ⊙ ")}(g{l} W{l})");
        if (pass == Pass.Gradient)
        {
            w.WriteLine($"{Span} g{k} = ws.Deltas{k}.AsSpan(start * {f}, r * {f});");
            w.WriteLine($"{Gemm}.NN(r, {f}, {u}, g{l}, {u}, {weight}, {f}, g{k}, {f}, packedB: ws.W{l});");
            if (!identityBelow) w.WriteLine($"{Epilogue}.Backpropagate(g{k}, d{k});");
        }
        else
        {
            string direction = $"v.Slice({layer.Weight.Constant}, {layer.WeightLength})";
            w.WriteLine($"// R g{k} = {(identityBelow ? "" : $"R σ'(z{k}) ⊙ (g{l} W{l}) + σ'(z{k}) ⊙ ")}(R g{l} W{l} + g{l} V{l})");
            w.WriteLine($"{Span} g{k} = ws.Deltas{k}.AsSpan((rows + start) * {f}, r * {f});");
            w.WriteLine($"{Span} rg{k} = ws.Deltas{k}.AsSpan(start * {f}, r * {f});");
            w.WriteLine($"{Gemm}.NN(r, {f}, {u}, g{l}, {u}, {weight}, {f}, g{k}, {f}, packedB: ws.W{l});");
            w.WriteLine($"{Gemm}.NN(r, {f}, {u}, rg{l}, {u}, {weight}, {f}, rg{k}, {f}, packedB: ws.W{l});");
            w.WriteLine($"{Gemm}.NN(r, {f}, {u}, g{l}, {u}, {direction}, {f}, rg{k}, {f}, accumulate: true, packedB: ws.V{l});");
            if (!identityBelow) w.WriteLine($"{Epilogue}.BackpropagateR(g{k}, rg{k}, d{k}, rd{k});");
        }
        w.WriteLine();
    }

    /// <summary>The per-call scratch buffers, pooled so steady-state calls allocate nothing.</summary>
    private static void EmitWorkspace(SourceWriter w, NetworkShape network)
    {
        w.WriteLine("/// <summary>Scratch buffers for one call: θ and v copies, and per layer one chunk of activations, σ' and deltas (stacked with their R-images).</summary>");
        using (w.Block("private sealed class Workspace"))
        {
            w.WriteLine($$"""
                private const int Chunk = {{ExampleBlocks}}.ChunkSize;
                // θ and v are pinned: the packed weight operands below remember the address they were packed from.
                public readonly double[] Parameters = global::System.GC.AllocateArray<double>(TotalParameters, pinned: true);
                public readonly double[] Direction = global::System.GC.AllocateArray<double>(TotalParameters, pinned: true);
                public readonly double[] Losses = new double[Chunk];
                """);
            for (int l = 0; l < network.Layers.Count; l++)
            {
                Layer layer = network.Layers[l];
                int u = layer.Spec.Units;
                w.WriteLine($"public readonly double[] Activations{l} = new double[2 * Chunk * {u}]; // [a{l}; R a{l}]");
                if (layer.Spec.Activation != ActivationKind.Identity)
                {
                    w.WriteLine($"public readonly double[] First{l} = new double[Chunk * {u}]; // σ'(z{l})");
                    w.WriteLine($"public readonly double[] RFirst{l} = new double[Chunk * {u}]; // R σ'(z{l}) = σ''(z{l}) ⊙ R z{l}");
                }
                w.WriteLine($"public readonly double[] Deltas{l} = new double[2 * Chunk * {u}]; // [R g{l}; g{l}] (HVP) or g{l} (gradient)");
            }
            if (network.Spec.Loss == LossKind.SoftmaxCrossEntropy)
                w.WriteLine("public readonly double[] Probabilities = new double[Chunk * OutputSize];");
            EmitPackedOperands(w, network);
            w.WriteLine($$"""
                public {{ReadOnlyMemory}} Inputs;
                public {{ReadOnlyMemory}} Targets;
                public int ChunkStart;
                public int Rows;
                public double Scale;
                public readonly global::System.Action<int> LossBlock;
                public readonly global::System.Action<int> GradientBlock;
                public readonly global::System.Action<int> HessianBlock;

                public Workspace()
                {
                    // Delegates are bound once per workspace, so a call allocates no closure.
                    LossBlock = block => {{network.Spec.TypeName}}.LossBlock(this, block);
                    GradientBlock = block => {{network.Spec.TypeName}}.GradientBlock(this, block);
                    HessianBlock = block => {{network.Spec.TypeName}}.HessianBlock(this, block);
                }
                """);
        }
    }

    /// <summary>
    /// Per layer, the weight matrices packed once per call for the block products (null where a block product takes
    /// the unpacked small-product path): Wᵀ and Vᵀ for the forward and R-forward products, W and V for the backward ones.
    /// </summary>
    private static void EmitPackedOperands(SourceWriter w, NetworkShape network)
    {
        w.WriteLine($"// Weights packed once per call for the {ExampleBlocks}.BlockSize-row block products (null: that product is not packed).");
        for (int l = 0; l < network.Layers.Count; l++)
        {
            Layer layer = network.Layers[l];
            int u = layer.Spec.Units, f = layer.Spec.FanIn;
            w.WriteLine($"public readonly {PackedOperand}? W{l}T = {PackedOperand}.ForProducts({ExampleBlocks}.BlockSize, {f}, {u}, transposed: true); // W{l}ᵀ: z{l} = a W{l}ᵀ");
            w.WriteLine($"public readonly {PackedOperand}? V{l}T = {PackedOperand}.ForProducts({ExampleBlocks}.BlockSize, {f}, {u}, transposed: true); // V{l}ᵀ: R z{l} += a V{l}ᵀ");
            if (l >= 1)
            {
                w.WriteLine($"public readonly {PackedOperand}? W{l} = {PackedOperand}.ForProducts({ExampleBlocks}.BlockSize, {u}, {f}, transposed: false); // W{l}: g{l - 1} = g{l} W{l}");
                w.WriteLine($"public readonly {PackedOperand}? V{l} = {PackedOperand}.ForProducts({ExampleBlocks}.BlockSize, {u}, {f}, transposed: false); // V{l}: R g{l - 1} += g{l} V{l}");
            }
        }
        w.WriteLine();
        EmitPackMethod(w, network, "PackForward", "Packs the forward operands W_lᵀ from θ.", "Parameters", "W", forward: true, backward: false);
        EmitPackMethod(w, network, "PackBackward", "Packs the backward operands W_l from θ.", "Parameters", "W", forward: false, backward: true);
        EmitPackMethod(w, network, "PackDirection", "Packs V_lᵀ and V_l from the direction v.", "Direction", "V", forward: true, backward: true);
    }

    /// <summary>A workspace method packing, per layer, the forward operand {prefix}ᵀ and/or the backward operand {prefix} (layers ≥ 1).</summary>
    private static void EmitPackMethod(SourceWriter w, NetworkShape network, string name, string summary, string source, string prefix, bool forward, bool backward)
    {
        w.WriteLine($"/// <summary>{summary}</summary>");
        using (w.Block($"public void {name}()"))
        {
            for (int l = 0; l < network.Layers.Count; l++)
            {
                Layer layer = network.Layers[l];
                string slice = $"{source}.AsSpan({layer.Weight.Constant}, {layer.WeightLength})";
                if (forward)
                    w.WriteLine($"{prefix}{l}T?.Pack({slice}, {layer.Spec.FanIn});");
                if (backward && l >= 1)
                    w.WriteLine($"{prefix}{l}?.Pack({slice}, {layer.Spec.FanIn});");
            }
        }
        w.WriteLine();
    }

    private static string ActivationType(ActivationKind activation) => $"global::{KnownTypeNames.KernelsNamespace}.{activation}Activation";

    private static string ActivationFormula(ActivationKind activation, string z) => activation switch
    {
        ActivationKind.Identity => z,
        ActivationKind.Square => z + "²",
        ActivationKind.Gelu => $"{z} Φ({z})",
        _ => $"{activation.ToString().ToLowerInvariant()}({z})",
    };
}
