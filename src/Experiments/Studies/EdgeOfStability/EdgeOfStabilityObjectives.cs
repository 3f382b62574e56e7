using System;
using Landscape;

namespace Landscape.Experiments.Studies.EdgeOfStabilityModels;

/// <summary>
/// The subquadratic well f(x) = √(1 + A·x²) − 1 (PAPER.md §4.2): curvature A at the minimum, f'(x)/x = A/√(1 + A·x²)
/// decreasing in |x|, so GD with A·η &gt; 2 settles on the 2-cycle ±x* with f'(x*)/x* = 2/η.
/// </summary>
public sealed partial record SqrtWell(double A)
{
    /// <summary>f(x).</summary>
    [Objective] public double Value(double x) => Math.Sqrt(1 + A * x * x) - 1;
}

/// <summary>The quadratic ½·A·x² with the same curvature at the minimum as <see cref="SqrtWell"/>: GD diverges when A·η &gt; 2.</summary>
public sealed partial record QuadraticWell(double A)
{
    /// <summary>f(x).</summary>
    [Objective] public double Value(double x) => 0.5 * A * x * x;
}

/// <summary>
/// Smoothed |x|^P: f(x) = (x² + ε²)^{P/2} − ε^P, with ε = <see cref="Epsilon"/>. For |x| ≫ ε it is |x|^P, whose GD
/// 2-cycle has amplitude x* = (Pη/2)^{1/(2−P)} and loss level (Pη/2)^{P/(2−P)}.
/// </summary>
public sealed partial record SmoothedPower(double P, double Epsilon)
{
    /// <summary>f(x).</summary>
    [Objective] public double Value(double x) => Math.Pow(x * x + Epsilon * Epsilon, P / 2) - Math.Pow(Epsilon, P);
}

/// <summary>
/// A curved valley L(x, y) = A₀·e^{K·y}·ψ(x − M·y) − C·y with ψ(u) = √(1 + u²) − 1 (ψ''(0) = 1). The valley floor is the
/// line x = M·y; along it the loss falls (−C·y) while the sharpness A₀·e^{K·y} rises — progressive sharpening, the 2-D
/// model of PAPER.md §4.2. The tilt M keeps the off-floor coordinate from decaying to exactly zero while GD is stable,
/// as curvature and noise do in a network.
/// </summary>
public sealed partial record SharpeningValley(double A0, double K, double M, double C)
{
    /// <summary>L(x, y).</summary>
    [Objective]
    public double Value(double x, double y)
    {
        var u = x - M * y;
        return A0 * Math.Exp(K * y) * (Math.Sqrt(1 + u * u) - 1) - C * y;
    }
}
