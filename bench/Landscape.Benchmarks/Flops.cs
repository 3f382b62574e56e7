using System;

namespace Landscape.Benchmarks;

/// <summary>The composite operations' counts, from a problem's <see cref="OperationFlops"/> (see Flops.Analytic.cs).</summary>
public static partial class Flops
{
    /// <summary>The analytic count of <paramref name="operation"/> (Loss, Gradient, HVP, Operator, Lanczos or Plane) on <paramref name="problem"/>.</summary>
    public static double Of(Problem problem, string operation)
    {
        ArgumentNullException.ThrowIfNull(problem);
        OperationFlops f = problem.Flops;
        return operation switch
        {
            "Loss" => f.Loss,
            "Gradient" => f.Gradient,
            "HVP" => f.Hvp,
            "Operator" => f.Hvp - f.Gradient + f.Loss, // R-forward + R-backward + H·v weight terms: the HVP without forward and backward
            "Lanczos" => Problem.LanczosHvps * f.Hvp,
            "Plane" => (double)problem.PlaneGrid * problem.PlaneGrid * f.Loss,
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Expected Loss, Gradient, HVP, Operator, Lanczos or Plane."),
        };
    }
}
