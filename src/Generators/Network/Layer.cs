using Landscape.Generators.Network.Model;

namespace Landscape.Generators.Network;

/// <summary>A layer with its parameter blocks resolved.</summary>
internal sealed record Layer(int Index, LayerSpec Spec, ParameterEntry Weight, ParameterEntry? Bias)
{
    /// <summary>Elements of the weight matrix.</summary>
    public int WeightLength => Spec.Units * Spec.FanIn;

    /// <summary>"dense1 (200 → 10, tanh)".</summary>
    public string Describe() => $"dense{Index} ({Spec.FanIn} → {Spec.Units}, {Spec.Activation.ToString().ToLowerInvariant()})";
}
