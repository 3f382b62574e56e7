using System.Linq;
using Landscape.Generators.Common;
using Landscape.Generators.Network.Graph;
using Landscape.Generators.Network.Model;

namespace Landscape.Generators.Tests.NetworkGraph;

/// <summary>Hand-built specs and graphs for the lowering and planner tests (no compilation needed).</summary>
internal static class GraphBuilders
{
    /// <summary>A spec of dense layers (units, activation, bias) on <paramref name="inputSize"/> inputs.</summary>
    public static NetworkSpec Spec(LossKind loss, int inputSize, params (int Units, ActivationKind Activation, bool Bias)[] layers)
    {
        var specs = new LayerSpec[layers.Length];
        for (int l = 0; l < layers.Length; l++)
            specs[l] = LayerSpec.Dense(layers[l].Units, layers[l].Activation, layers[l].Bias);
        return new NetworkSpec("Samples", EquatableArray<string>.Empty, "class", "Net", "Samples.Net.g.cs", loss, inputSize, specs.ToEquatableArray());
    }

    /// <summary>The input op (id 0) with <paramref name="size"/> features.</summary>
    public static OpNode Input(int size) =>
        new(0, OpKind.Input, "input", 0, EquatableArray<int>.Empty, Shape.Flat(size), ActivationKind.Identity, EquatableArray<ParameterEntry>.Empty);

    /// <summary>
    /// An op with a weight block (or none, when <paramref name="parameters"/> is false) reading <paramref name="inputs"/>.
    /// The planner does not look at the kind, so a Dense with two inputs stands in for an op such as a residual sum.
    /// </summary>
    public static OpNode Op(int id, int units, ActivationKind activation, bool parameters, params int[] inputs) =>
        new(id, OpKind.Dense, "op" + id, id, inputs.ToEquatableArray(), Shape.Flat(units), activation,
            parameters
                ? new[] { new ParameterEntry($"op{id}.weight", $"Op{id}Weight", 0, units, 1, BlockKind.Weight) }.ToEquatableArray()
                : EquatableArray<ParameterEntry>.Empty);

    /// <summary>The loss head reading op <paramref name="input"/>.</summary>
    public static OpNode Loss(int id, int input, LossKind loss = LossKind.MeanSquaredError) =>
        new(id, OpKind.Loss, "loss", 0, new[] { input }.ToEquatableArray(), Shape.Flat(1), ActivationKind.Identity, EquatableArray<ParameterEntry>.Empty)
        {
            Loss = loss,
        };

    /// <summary>The consumers of op <paramref name="id"/> as (consumer, slot) pairs.</summary>
    public static (int Consumer, int Slot)[] Uses(OpGraph graph, int id) => graph.Consumers(id).Select(u => (u.Consumer, u.Slot)).ToArray();
}
