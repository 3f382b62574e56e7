namespace Landscape.Generators.Network.Model;

/// <summary>One dense layer: z = W a + b (W is [Units × FanIn]), then the activation.</summary>
internal sealed record LayerSpec(int Units, int FanIn, ActivationKind Activation, bool Bias, InitKind Init, double InitScale);
