using System;

namespace Landscape.Experiments.Studies;

/// <summary>
/// A 2-D two-scale objective with a curved fine valley:
/// f(x, y) = A·φ(x/s₁) + B·φ((y − c·s₁·tanh(x/s₁))/s₂), φ(u) = √(1 + u²) − 1.
/// The coarse term pulls x to 0 over the scale s₁; the fine term is a narrow valley of width s₂ whose floor
/// y = c·s₁·tanh(x/s₁) bends near the minimum, so the sharp direction (across the valley) rotates with x and the
/// coordinates are coupled. At the minimum the Hessian is [[A/s₁² + c²B/s₂², −cB/s₂²], [−cB/s₂², B/s₂²]]: one sharp
/// (fine) and one flat (coarse) eigen-direction, neither along an axis.
/// </summary>
/// <param name="A">Height scale of the coarse term.</param>
/// <param name="S1">Width of the coarse term.</param>
/// <param name="B">Height scale of the fine term.</param>
/// <param name="S2">Width of the fine valley (s₂ ≪ s₁).</param>
/// <param name="C">Bend of the valley floor (its slope at x = 0).</param>
/// <param name="X0">The starting x, far out on the coarse scale; the start lies on the valley floor.</param>
public sealed partial record TwoScaleValley(double A, double S1, double B, double S2, double C, double X0)
{
    /// <summary>f(x, y).</summary>
    [Objective]
    public double Value(double x, double y)
    {
        double u = x / S1;
        double v = (y - C * S1 * Math.Tanh(u)) / S2;
        return A * (Math.Sqrt(1 + u * u) - 1) + B * (Math.Sqrt(1 + v * v) - 1);
    }

    /// <summary>The start of every run: (X0, c·s₁·tanh(X0/s₁)), on the floor of the fine valley.</summary>
    public double[] InitialPoint() => [X0, C * S1 * Math.Tanh(X0 / S1)];

    /// <summary>The height of the fine term alone at (x, y): B·φ((y − c·s₁·tanh(x/s₁))/s₂).</summary>
    public double FineHeight(double x, double y)
    {
        double v = (y - C * S1 * Math.Tanh(x / S1)) / S2;
        return B * (Math.Sqrt(1 + v * v) - 1);
    }
}
