using System;
using System.Collections.Generic;

namespace Landscape.Probes;

/// <summary>Settings for <see cref="Hessian.TopEigenpairs(IModel, System.ReadOnlySpan{double}, Dataset, int, LanczosOptions?)"/>; every property has a usable default.</summary>
public sealed record LanczosOptions
{
    /// <summary>
    /// Relative residual tolerance: a Ritz pair (λ, v) is accepted when ‖Hv − λv‖ ≤ Tolerance · max(|λ|, 16 ε ‖T‖)
    /// (ε = machine epsilon, ‖T‖ the largest |Ritz value|, a floor that keeps eigenvalues near zero reachable).
    /// Default 1e-10.
    /// </summary>
    public double Tolerance { get; init; } = 1e-10;

    /// <summary>
    /// The maximum number of Lanczos steps (HVPs before the final residual check), and so the largest Krylov basis
    /// kept in memory (MaxIterations vectors of the parameter length). Capped at the parameter count. Default 200.
    /// </summary>
    public int MaxIterations { get; init; } = 200;

    /// <summary>The seed of the Gaussian start vector and of any restart vector (counter-based, thread-independent). Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Which end of the spectrum to compute. Default <see cref="EigenvalueSelection.Largest"/>.</summary>
    public EigenvalueSelection Which { get; init; } = EigenvalueSelection.Largest;

    /// <summary>
    /// Optional eigenvectors from an earlier, nearby problem (for example the previous training step). When given, the
    /// start vector is the sum of the normalized warm-start vectors plus a seeded Gaussian vector scaled to
    /// <see cref="WarmStartNoise"/> times the norm of that sum; the random part keeps every eigendirection present in
    /// the Krylov space. Vectors must have the parameter length; zero vectors are skipped.
    /// </summary>
    public IReadOnlyList<double[]>? WarmStart { get; init; }

    /// <summary>The relative size of the random part of a warm start vector (see <see cref="WarmStart"/>). Default 1e-3.</summary>
    public double WarmStartNoise { get; init; } = 1e-3;

    internal void Validate()
    {
        if (!(Tolerance > 0) || !double.IsFinite(Tolerance))
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "Tolerance must be positive and finite.");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIterations, 1, nameof(MaxIterations));
        if (!(WarmStartNoise >= 0) || !double.IsFinite(WarmStartNoise))
            throw new ArgumentOutOfRangeException(nameof(WarmStartNoise), WarmStartNoise, "WarmStartNoise must be non-negative and finite.");
    }
}
