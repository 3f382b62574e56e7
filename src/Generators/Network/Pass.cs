namespace Landscape.Generators.Network;

/// <summary>
/// What a block pass computes: values only (loss), values and first derivatives (gradient), also the R-operator (HVP), or
/// the two halves of the HVP that a Hessian operator at a fixed point splits it into (fixed point, then R-steps per product).
/// </summary>
internal enum Pass
{
    /// <summary>Forward values and per-example losses (Loss, ExampleLosses, Predict).</summary>
    Values,

    /// <summary>Also σ′ and the deltas g = ∂L/∂z (Gradient).</summary>
    Gradient,

    /// <summary>Also the R-images R a, R σ′, R g of Pearlmutter's R-operator (HessianVectorProduct).</summary>
    Hessian,

    /// <summary>
    /// The fixed point of a Hessian operator: the gradient pass's values, σ′ and deltas, plus σ″ and the upstream deltas
    /// ∂L/∂a, kept per chunk in the operator's cache (everything of the HVP that does not depend on the direction).
    /// </summary>
    FixedPoint,

    /// <summary>One product of a Hessian operator: only the R-forward, the R-backward and the H·v weight terms, reading the cache.</summary>
    Operator,
}
