using System;

namespace Landscape.Experiments.Studies;

/// <summary>
/// The 1-D two-scale objective f(x) = A·φ(x/s₁) + B·φ(x/s₂), φ(u) = √(1 + u²) − 1 (PAPER.md §4.3): a wide coarse basin
/// of curvature A/s₁² and extent s₁ with a narrow fine well of curvature B/s₂² and width s₂ at its bottom. φ grows
/// like |u| far out, so the gradient is bounded by A/s₁ + B/s₂ and GD's coarse progress per step is ∝ η.
/// </summary>
/// <param name="A">Height scale of the coarse term.</param>
/// <param name="S1">Width of the coarse term.</param>
/// <param name="B">Height scale of the fine term.</param>
/// <param name="S2">Width of the fine term (s₂ ≪ s₁).</param>
/// <param name="X0">The starting point, far out on the coarse scale.</param>
public sealed partial record TwoScaleWell(double A, double S1, double B, double S2, double X0)
{
    /// <summary>f(x).</summary>
    [Objective]
    public double Value(double x) =>
        A * (Math.Sqrt(1 + (x / S1) * (x / S1)) - 1) + B * (Math.Sqrt(1 + (x / S2) * (x / S2)) - 1);

    /// <summary>The start of every run: x = <see cref="X0"/>.</summary>
    public double[] InitialPoint() => [X0];

    /// <summary>Curvature of the coarse term at the minimum, A/s₁².</summary>
    public double CoarseCurvature => A / (S1 * S1);

    /// <summary>Curvature of the fine term at the minimum, B/s₂².</summary>
    public double FineCurvature => B / (S2 * S2);

    /// <summary>The height of the fine term alone at x: B·φ(x/s₂).</summary>
    public double FineHeight(double x) => B * (Math.Sqrt(1 + (x / S2) * (x / S2)) - 1);
}
