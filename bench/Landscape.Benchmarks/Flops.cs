using System;

namespace Landscape.Benchmarks;

/// <summary>Analytic FLOPs of one call of the three basic operations of a problem (GEMMs or their equivalent only).</summary>
/// <param name="Loss">L(θ).</param>
/// <param name="Gradient">L(θ) and ∇L(θ).</param>
/// <param name="Hvp">H(θ)·v.</param>
/// <param name="Formula">How the counts were derived, for the report.</param>
public sealed record OperationFlops(double Loss, double Gradient, double Hvp, string Formula);

/// <summary>
/// Analytic floating-point operation counts. Every problem carries its own <see cref="OperationFlops"/>; the composite
/// operations are derived from them: Lanczos = <see cref="Problem.LanczosHvps"/> HVPs (the O(k·P) reorthogonalization
/// is left out), plane slice = grid² losses. The same count is credited to both sides.
/// </summary>
public static class Flops
{
    /// <summary>
    /// A dense network (GEMMs only; the O(n·units) activation, loss and bias work is left out). With
    /// G_l = 2·n·u_l·f_l the GEMM of dense layer l (n examples, u_l units, f_l fan-in), G₁ the first layer and
    /// S = Σ_{l≥2} G_l: loss = forward = G₁ + S; loss + gradient = forward (G₁ + S) + backward to the deltas (S; the
    /// inputs need no delta) + weight gradients (G₁ + S) = 2G₁ + 3S; HVP = forward (G₁ + S) + R-forward (G₁ + 2S:
    /// R z = R a Wᵀ + a Vᵀ) + backward (S) + R-backward (2S: R g W + g V) + weight terms of H·v (G₁ + 2S:
    /// R gᵀ a + gᵀ R a) = 3G₁ + 8S.
    /// </summary>
    public static OperationFlops Dense(int[] widths, int n)
    {
        ArgumentNullException.ThrowIfNull(widths);
        double g1 = 2.0 * n * widths[1] * widths[0];
        double s = 0;
        for (int l = 2; l < widths.Length; l++) s += 2.0 * n * widths[l] * widths[l - 1];
        return new OperationFlops(g1 + s, 2 * g1 + 3 * s, 3 * g1 + 8 * s,
            "dense layers, GEMMs only: with G_l = 2·n·u_l·f_l the GEMM of dense layer l (n examples, u_l units, f_l fan-in), " +
            "G₁ the first layer and S = Σ_{l≥2} G_l: loss = G₁ + S; loss + gradient = forward + backward to the deltas + " +
            "weight gradients = 2G₁ + 3S; HVP = forward (G₁ + S) + R-forward (G₁ + 2S) + backward (S) + R-backward (2S) + " +
            "H·v weight terms (G₁ + 2S) = 3G₁ + 8S; activations and the loss head are not counted");
    }

    /// <summary>The analytic count of <paramref name="operation"/> (Loss, Gradient, HVP, Lanczos or Plane) on <paramref name="problem"/>.</summary>
    public static double Of(Problem problem, string operation)
    {
        ArgumentNullException.ThrowIfNull(problem);
        OperationFlops f = problem.Flops;
        return operation switch
        {
            "Loss" => f.Loss,
            "Gradient" => f.Gradient,
            "HVP" => f.Hvp,
            "Lanczos" => Problem.LanczosHvps * f.Hvp,
            "Plane" => (double)problem.PlaneGrid * problem.PlaneGrid * f.Loss,
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Expected Loss, Gradient, HVP, Lanczos or Plane."),
        };
    }
}
