using System.Collections.Generic;
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
        long planned = 0;
        foreach (WorkspaceBuffer buffer in Plan.Buffers) planned += buffer.Length(ChunkSize);
        PlannedValues = planned;
        WorkspaceBytes = (planned + 2L * Graph.ParameterCount + ChunkSize) * sizeof(double);
    }

    /// <summary>The doubles of the planned chunk buffers at <see cref="ChunkSize"/>.</summary>
    public long PlannedValues { get; }

    /// <summary>The bytes of one workspace's arrays: the planned chunk buffers, θ and v, and the chunk's losses.</summary>
    public long WorkspaceBytes { get; }

    /// <summary>Examples per chunk (<see cref="Summation.ChunkSize"/>).</summary>
    public int ChunkSize { get; }

    /// <summary>Examples per parallel block inside a chunk (<see cref="Summation.BlockSize"/>).</summary>
    public int BlockSize { get; }

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
        foreach (OpNode layer in Graph.Layers)
        {
            if (layer.Weight is not null && layer.Bias is null) withoutBias.Add(layer.Name);
        }
        string bias = withoutBias.Count == 0 ? ""
            : withoutBias.Count == Graph.Layers.Count ? ", no bias"
            : ", no bias in " + string.Join(", ", withoutBias);
        return $"{WidthsAndActivations()}, {loss}{bias}";
    }

    /// <summary>"784-200-200-10 tanh/tanh/identity": the input size and each layer's size joined by '-', then each layer's activation joined by '/'.</summary>
    private string WidthsAndActivations()
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

    /// <summary>The declaration restated in canonical attribute form (defaults omitted).</summary>
    public IEnumerable<string> DeclarationLines()
    {
        yield return $"[Network(LossFunction.{Spec.Loss})]";
        yield return Spec.InputImage is { } image
            ? $"[Input({Literals.Int(image.Channels)}, {Literals.Int(image.Height)}, {Literals.Int(image.Width)})]"
            : $"[Input({Literals.Int(Spec.InputSize)})]";
        foreach (LayerSpec layer in Spec.Layers)
        {
            var arguments = new List<string> { Literals.Int(layer.Units) };
            if (layer.Activation != ActivationKind.Identity) arguments.Add($"Activation.{layer.Activation}");
            if (!layer.Bias) arguments.Add("Bias = false");
            if (layer.Init != InitKind.Default) arguments.Add($"Init = Init.{layer.Init}");
            if (layer.InitScale != 1.0) arguments.Add($"InitScale = {Literals.Double(layer.InitScale).TrimEnd('d')}");
            yield return $"[Dense({string.Join(", ", arguments)})]";
        }
        yield return $"partial {Spec.TypeKeyword} {Spec.TypeName}";
    }
}
