using Landscape.Generators.Common;
using Landscape.Generators.Network.Model;

namespace Landscape.Generators.Network.Graph;

/// <summary>
/// One op of a network graph. It reads the values of its <see cref="Inputs"/> (earlier ops) and produces one value of
/// <see cref="Shape"/>; its parameter blocks and activation are part of the op (a dense op is z = a Wᵀ + b, a = σ(z)).
/// </summary>
/// <param name="Id">The op's position in the graph, which is topological: every input has a smaller id.</param>
/// <param name="Kind">What the op computes; selects its rules.</param>
/// <param name="Name">The op's name in the parameter layout and in comments: <c>dense1</c>, <c>input</c>, <c>loss</c>.</param>
/// <param name="Index">The op's number among ops of its kind (the 1 of <c>dense1</c>; the stream of its initialization).</param>
/// <param name="Inputs">Ids of the ops whose values this op reads, in argument order.</param>
/// <param name="Shape">The shape of the value the op produces, per example.</param>
/// <param name="Activation">The activation applied to the op's value (identity for ops without one).</param>
/// <param name="Parameters">The op's parameter blocks in layout order (a dense op: weight, then bias if declared).</param>
internal sealed record OpNode(
    int Id,
    OpKind Kind,
    string Name,
    int Index,
    EquatableArray<int> Inputs,
    Shape Shape,
    ActivationKind Activation,
    EquatableArray<ParameterEntry> Parameters)
{
    /// <summary>The weight initialization scheme (ops with a weight).</summary>
    public InitKind Init { get; init; }

    /// <summary>The factor on the initialization's standard deviation (ops with a weight).</summary>
    public double InitScale { get; init; } = 1.0;

    /// <summary>
    /// The initialization stream of the op's weight: its number among the ops with a weight, in layout order (so a
    /// network of dense layers draws dense l from stream l, and no two weights share a stream).
    /// </summary>
    public int Stream { get; init; }

    /// <summary>A convolution's kernel side or a pooling window's side (1 for a residual projection).</summary>
    public int Kernel { get; init; }

    /// <summary>A convolution's or pooling's stride; a spatial residual projection's stride.</summary>
    public int Stride { get; init; } = 1;

    /// <summary>A convolution's or pooling's padding on every side.</summary>
    public int Padding { get; init; }

    /// <summary>The loss function (the loss head).</summary>
    public LossKind Loss { get; init; }

    /// <summary>The weight block, or null.</summary>
    public ParameterEntry? Weight => Find(BlockKind.Weight);

    /// <summary>The bias block, or null (no bias declared, or an op without parameters).</summary>
    public ParameterEntry? Bias => Find(BlockKind.Bias);

    /// <summary>The op's first block of <paramref name="kind"/>, or null.</summary>
    private ParameterEntry? Find(BlockKind kind)
    {
        foreach (ParameterEntry entry in Parameters)
            if (entry.Kind == kind) return entry;
        return null;
    }
}
