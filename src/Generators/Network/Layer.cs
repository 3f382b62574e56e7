using Landscape.Generators.Network.Model;

namespace Landscape.Generators.Network;

/// <summary>A layer with its parameter blocks resolved.</summary>
/// <param name="Index">The position of the layer, from 0.</param>
/// <param name="Name">The layer's name in the parameter layout: <c>dense{Index}</c> (its blocks are <c>Name.weight</c>, <c>Name.bias</c>).</param>
/// <param name="Spec">The declared layer.</param>
/// <param name="Weight">The weight block.</param>
/// <param name="Bias">The bias block, or null for a layer declared with <c>Bias = false</c>.</param>
internal sealed record Layer(int Index, string Name, LayerSpec Spec, ParameterEntry Weight, ParameterEntry? Bias)
{
    /// <summary>Elements of the weight matrix.</summary>
    public int WeightLength => Spec.Units * Spec.FanIn;

    /// <summary>"dense1 (200 → 10, tanh)".</summary>
    public string Describe() => $"{Name} ({Spec.FanIn} → {Spec.Units}, {NetworkShape.ActivationName(Spec.Activation)})";
}
