using System;

namespace Landscape.Benchmarks;

/// <summary>
/// Analytic floating-point operation counts (GEMMs only; the O(n·units) activation, loss and bias work is left out).
/// With G_l = 2·n·u_l·f_l the GEMM of dense layer l (n examples, u_l units, f_l fan-in), G₁ the first layer and
/// S = Σ_{l≥2} G_l:
/// <list type="bullet">
/// <item>Loss = forward = G₁ + S.</item>
/// <item>Gradient (loss + gradient) = forward (G₁ + S) + backward to the deltas (S; the inputs need no delta) +
/// weight gradients (G₁ + S) = 2G₁ + 3S.</item>
/// <item>HVP = forward (G₁ + S) + R-forward (G₁ + 2S: R z = R a W ᵀ + a Vᵀ) + backward (S) + R-backward (2S:
/// R g W + g V) + weight terms of H·v (G₁ + 2S: R gᵀ a + gᵀ R a) = 3G₁ + 8S.</item>
/// <item>Lanczos = 20 HVPs (the O(k·P) reorthogonalization is left out); plane slice = grid² losses.</item>
/// </list>
/// </summary>
public static class Flops
{
    /// <summary>(G₁, S) for a network with the given widths on n examples.</summary>
    public static (double First, double Others) LayerGemms(int[] widths, int n)
    {
        ArgumentNullException.ThrowIfNull(widths);
        double first = 2.0 * n * widths[1] * widths[0];
        double rest = 0;
        for (int l = 2; l < widths.Length; l++) rest += 2.0 * n * widths[l] * widths[l - 1];
        return (first, rest);
    }

    /// <summary>The analytic count of <paramref name="operation"/> on <paramref name="problem"/>.</summary>
    public static double Of(Problem problem, string operation)
    {
        ArgumentNullException.ThrowIfNull(problem);
        (double g1, double s) = LayerGemms(problem.Widths, problem.Data.Count);
        return operation switch
        {
            "Loss" => g1 + s,
            "Gradient" => 2 * g1 + 3 * s,
            "HVP" => 3 * g1 + 8 * s,
            "Lanczos" => Problem.LanczosHvps * (3 * g1 + 8 * s),
            "Plane" => (double)problem.PlaneGrid * problem.PlaneGrid * (g1 + s),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Expected Loss, Gradient, HVP, Lanczos or Plane."),
        };
    }
}
