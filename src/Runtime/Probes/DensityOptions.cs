using System;

namespace Landscape.Probes;

/// <summary>Settings for <see cref="Hessian.Density(IModel, System.ReadOnlySpan{double}, Dataset, DensityOptions?)"/> (stochastic Lanczos quadrature); every property has a usable default.</summary>
public sealed record DensityOptions
{
    /// <summary>The number of random start vectors (Rademacher, normalized). Default 10.</summary>
    public int Probes { get; init; } = 10;

    /// <summary>Lanczos steps per probe, i.e. quadrature nodes per probe (capped at the parameter count). Default 40.</summary>
    public int Steps { get; init; } = 40;

    /// <summary>The seed of the probe vectors (counter-based, thread-independent). Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// The standard deviation of the Gaussian kernel that smooths the quadrature into a density, in the units of the
    /// grid axis (λ, or decades of |λ| when <see cref="LogScale"/> is set). NaN (the default) means
    /// <see cref="RelativeSigma"/> times the span of the nodes on that axis.
    /// </summary>
    public double Sigma { get; init; } = double.NaN;

    /// <summary>The default kernel width as a fraction of the node span, used when <see cref="Sigma"/> is NaN. Default 0.01.</summary>
    public double RelativeSigma { get; init; } = 0.01;

    /// <summary>The number of grid points of the smoothed density (at least 2). Default 1001.</summary>
    public int GridPoints { get; init; } = 1001;

    /// <summary>
    /// When true the grid is over u = log₁₀|λ| and the density is per decade. Negative eigenvalues are folded onto
    /// their magnitude (their total weight is reported in <see cref="SpectralDensity.NegativeWeight"/>); nodes with
    /// |λ| below <see cref="LogFloor"/> times the largest |node| are placed at that floor. Default false.
    /// </summary>
    public bool LogScale { get; init; }

    /// <summary>The smallest |λ| resolved on a log-scale grid, relative to the largest |node|. Default 1e-12.</summary>
    public double LogFloor { get; init; } = 1e-12;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Probes, 1, nameof(Probes));
        ArgumentOutOfRangeException.ThrowIfLessThan(Steps, 1, nameof(Steps));
        ArgumentOutOfRangeException.ThrowIfLessThan(GridPoints, 2, nameof(GridPoints));
        if (!double.IsNaN(Sigma) && !(Sigma > 0 && double.IsFinite(Sigma)))
            throw new ArgumentOutOfRangeException(nameof(Sigma), Sigma, "Sigma must be NaN (automatic) or positive and finite.");
        if (!(RelativeSigma > 0) || !double.IsFinite(RelativeSigma))
            throw new ArgumentOutOfRangeException(nameof(RelativeSigma), RelativeSigma, "RelativeSigma must be positive and finite.");
        if (!(LogFloor > 0 && LogFloor < 1))
            throw new ArgumentOutOfRangeException(nameof(LogFloor), LogFloor, "LogFloor must lie in (0, 1).");
    }
}
