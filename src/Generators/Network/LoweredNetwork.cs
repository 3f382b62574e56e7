using System.Collections.Generic;
using System.Linq;
using System.Text;
using Landscape.Generators.Common;
using Landscape.Generators.Network.Graph;
using Landscape.Generators.Network.Model;
using Landscape.Generators.Network.Rules;

namespace Landscape.Generators.Network;

/// <summary>
/// A <see cref="NetworkSpec"/> prepared for emission: lowered to an <see cref="OpGraph"/>, its workspace planned, and its
/// descriptions. Computed from the spec alone, in the emit stage, so the cached spec stays minimal.
/// </summary>
internal sealed class LoweredNetwork
{
    /// <summary>Lowers <paramref name="spec"/> and plans its buffers.</summary>
    public LoweredNetwork(NetworkSpec spec)
    {
        Spec = spec;
        Graph = NetworkLowering.Lower(spec);
        Plan = BufferPlanner.Plan(Graph, node => OpRuleTable.For(node).Scratch(node, Graph));
        Architecture = DescribeArchitecture();
        ChunkSize = Summation.ChunkSize(Plan);
        BlockSize = Summation.BlockSize(ChunkSize);
        long planned = 0, bytes = 0;
        foreach (WorkspaceBuffer buffer in Plan.Buffers)
        {
            if (!buffer.Integers) planned += buffer.Length(ChunkSize);
            bytes += buffer.Bytes(ChunkSize);
        }
        PlannedValues = planned;
        WorkspaceBytes = bytes + (2L * Graph.ParameterCount + ChunkSize) * sizeof(double);
    }

    /// <summary>The doubles of the planned chunk buffers at <see cref="ChunkSize"/> (int buffers, a max pooling's argmax, are not counted here but are in <see cref="WorkspaceBytes"/>).</summary>
    public long PlannedValues { get; }

    /// <summary>The bytes of one workspace's arrays: the planned chunk buffers, θ and v, and the chunk's losses.</summary>
    public long WorkspaceBytes { get; }

    /// <summary>Examples per chunk (<see cref="Summation.ChunkSize"/>).</summary>
    public int ChunkSize { get; }

    /// <summary>Examples per parallel block inside a chunk (<see cref="Summation.BlockSize"/>).</summary>
    public int BlockSize { get; }

    /// <summary>Whether some op forms weight terms per block (<see cref="OpRules.BlockWeightTerms"/>).</summary>
    public bool HasBlockWeightTerms => Graph.Layers.Any(node => OpRuleTable.For(node).HasBlockWeightTerms(node));

    /// <summary>The spec this network is lowered from.</summary>
    public NetworkSpec Spec { get; }

    /// <summary>The op graph.</summary>
    public OpGraph Graph { get; }

    /// <summary>The workspace buffers and delta writes.</summary>
    public BufferPlan Plan { get; }

    /// <summary>Outputs per example: the width of the network output.</summary>
    public int OutputSize => Graph.Output.Shape.Size;

    /// <summary>The per-example loss in words.</summary>
    public string LossDescription => LossRules.Describe(Spec.Loss);

    /// <summary>
    /// The value of the generated <c>Architecture</c> constant: the declaration in one line, e.g.
    /// "784-200-200-10 tanh/tanh/identity, MSE" or "20-32-16-5 gelu/relu/sigmoid, softmax cross-entropy, no bias in dense1".
    /// </summary>
    public string Architecture { get; }

    /// <summary>"784-200-200-10 tanh/tanh/identity, mean squared error, 199,210 parameters".</summary>
    public string Describe()
    {
        string loss = Spec.Loss == LossKind.MeanSquaredError ? "mean squared error" : "softmax cross-entropy";
        return $"{WidthsAndActivations()}, {loss}, {Literals.Grouped(Graph.ParameterCount)} parameters";
    }

    /// <summary>
    /// <see cref="Architecture"/>: <see cref="WidthsAndActivations"/>, the loss ("MSE" or "softmax cross-entropy"), and the
    /// layers declared with <c>Bias = false</c>: ", no bias" when no layer has one, else ", no bias in dense1, dense3".
    /// </summary>
    private string DescribeArchitecture()
    {
        string loss = Spec.Loss == LossKind.MeanSquaredError ? "MSE" : "softmax cross-entropy";
        var withoutBias = new List<string>();
        int weighted = 0;
        foreach (OpNode layer in Graph.Layers)
        {
            if (layer.Weight is null) continue;
            weighted++;
            if (layer.Bias is null) withoutBias.Add(layer.Name);
        }
        string bias = withoutBias.Count == 0 ? ""
            : withoutBias.Count == weighted ? ", no bias"
            : ", no bias in " + string.Join(", ", withoutBias);
        return $"{WidthsAndActivations()}, {loss}{bias}";
    }

    /// <summary>Whether every layer is dense (the architecture and header keep the compact fully connected form).</summary>
    public bool DenseOnly => Graph.Layers.All(layer => layer.Kind == OpKind.Dense);

    /// <summary>
    /// For a network of dense layers, "784-200-200-10 tanh/tanh/identity": the input size and each layer's size joined by
    /// '-', then each layer's activation joined by '/'. Otherwise each layer in turn with its output shape:
    /// "1×28×28 → conv(6, 5, p2) tanh 6×28×28 → avgpool(2) 6×14×14 → … → dense(10) 10", a residual block in brackets:
    /// "[conv(16, 3, p1) relu 16×28×28 → conv(16, 3, p1) 16×28×28] + x relu 16×28×28" (or "+ proj(1×1, s2) x").
    /// </summary>
    private string WidthsAndActivations()
    {
        if (DenseOnly)
        {
            var sizes = new List<string> { Graph.Input.Shape.ToString() };
            var activations = new List<string>();
            foreach (OpNode layer in Graph.Layers)
            {
                sizes.Add(layer.Shape.ToString());
                activations.Add(ActivationRules.Name(layer.Activation));
            }
            return $"{string.Join("-", sizes)} {string.Join("/", activations)}";
        }
        var blockStarts = new HashSet<int>(Graph.Layers.Where(l => l.Kind == OpKind.Residual).Select(l => l.Inputs[1] + 1));
        var text = new StringBuilder(Graph.Input.Shape.ToString());
        foreach (OpNode layer in Graph.Layers)
        {
            if (layer.Kind == OpKind.Residual)
            {
                string shortcut = layer.Weight is null ? "x" : layer.Shape.IsSpatial ? $"proj(1×1, s{Literals.Int(layer.Stride)}) x" : "proj x";
                text.Append($"] + {shortcut}{Activated(layer)} {layer.Shape}");
                continue;
            }
            text.Append(blockStarts.Contains(layer.Id) ? " → [" : " → ");
            text.Append($"{Token(layer)}{Activated(layer)} {layer.Shape}");
        }
        return text.ToString();
    }

    /// <summary>" tanh" for an activated op, "" for identity.</summary>
    private static string Activated(OpNode layer) => layer.Activation == ActivationKind.Identity ? "" : " " + ActivationRules.Name(layer.Activation);

    /// <summary>"dense(120)", "conv(6, 5, s2, p1)", "maxpool(3, s2, p1)", "avgpool(2)", "globalavgpool".</summary>
    private static string Token(OpNode layer)
    {
        int defaultStride = layer.Kind == OpKind.Convolution ? 1 : layer.Kernel;
        string geometry = (layer.Stride != defaultStride ? $", s{Literals.Int(layer.Stride)}" : "") + (layer.Padding != 0 ? $", p{Literals.Int(layer.Padding)}" : "");
        return layer.Kind switch
        {
            OpKind.Dense => $"dense({Literals.Int(layer.Shape.Size)})",
            OpKind.Convolution => $"conv({Literals.Int(layer.Shape.Channels)}, {Literals.Int(layer.Kernel)}{geometry})",
            OpKind.MaxPool => $"maxpool({Literals.Int(layer.Kernel)}{geometry})",
            OpKind.AvgPool => $"avgpool({Literals.Int(layer.Kernel)}{geometry})",
            _ => "globalavgpool",
        };
    }

    /// <summary>
    /// The declaration restated in canonical attribute form (defaults omitted); unless every layer is dense, each layer
    /// line ends with the shape of its output.
    /// </summary>
    public IEnumerable<string> DeclarationLines()
    {
        yield return $"[Network(LossFunction.{Spec.Loss})]";
        yield return Spec.InputImage is { } image
            ? $"[Input({Literals.Int(image.Channels)}, {Literals.Int(image.Height)}, {Literals.Int(image.Width)})]"
            : $"[Input({Literals.Int(Spec.InputSize)})]";
        var lines = new List<(string Attribute, string? Shape)>();
        int op = 1;
        foreach (LayerSpec layer in Spec.Layers)
        {
            string? shape = null;
            if (layer.Kind == LayerKind.ResidualBegin) shape = "x = " + Graph[op - 1].Shape;
            else shape = Graph[op++].Shape.ToString();
            lines.Add((Attribute(layer), shape));
        }
        int width = lines.Count == 0 ? 0 : lines.Max(l => l.Attribute.Length);
        foreach ((string attribute, string? shape) in lines)
            yield return DenseOnly ? attribute : $"{attribute.PadRight(width)}  // {shape}";
        yield return $"partial {Spec.TypeKeyword} {Spec.TypeName}";
    }

    /// <summary>One layer attribute in canonical form.</summary>
    private static string Attribute(LayerSpec layer)
    {
        var arguments = new List<string>();
        switch (layer.Kind)
        {
            case LayerKind.Dense or LayerKind.Conv2d:
                arguments.Add(Literals.Int(layer.Units));
                if (layer.Kind == LayerKind.Conv2d) arguments.Add(Literals.Int(layer.Kernel));
                if (layer.Activation != ActivationKind.Identity) arguments.Add($"Activation.{layer.Activation}");
                if (layer.Kind == LayerKind.Conv2d && layer.Stride != 1) arguments.Add($"Stride = {Literals.Int(layer.Stride)}");
                if (layer.Kind == LayerKind.Conv2d && layer.Padding != 0) arguments.Add($"Padding = {Literals.Int(layer.Padding)}");
                if (!layer.Bias) arguments.Add("Bias = false");
                if (layer.Init != InitKind.Default) arguments.Add($"Init = Init.{layer.Init}");
                if (layer.InitScale != 1.0) arguments.Add($"InitScale = {Literals.Double(layer.InitScale).TrimEnd('d')}");
                break;
            case LayerKind.MaxPool2d or LayerKind.AvgPool2d:
                arguments.Add(Literals.Int(layer.Kernel));
                if (layer.Stride != layer.Kernel) arguments.Add($"Stride = {Literals.Int(layer.Stride)}");
                if (layer.Padding != 0) arguments.Add($"Padding = {Literals.Int(layer.Padding)}");
                break;
            case LayerKind.ResidualEnd:
                if (layer.Activation != ActivationKind.Identity) arguments.Add($"Activation.{layer.Activation}");
                if (layer.Projection) arguments.Add("Projection = true");
                break;
        }
        return arguments.Count == 0 ? $"[{layer.Kind}]" : $"[{layer.Kind}({string.Join(", ", arguments)})]";
    }
}
