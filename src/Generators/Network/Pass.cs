namespace Landscape.Generators.Network;

/// <summary>What a block pass computes: values only (loss), values and first derivatives (gradient), or also the R-operator (HVP).</summary>
internal enum Pass
{
    /// <summary>Forward values and per-example losses (Loss, ExampleLosses, Predict).</summary>
    Values,

    /// <summary>Also σ′ and the deltas g = ∂L/∂z (Gradient).</summary>
    Gradient,

    /// <summary>Also the R-images R a, R σ′, R g of Pearlmutter's R-operator (HessianVectorProduct).</summary>
    Hessian,
}
