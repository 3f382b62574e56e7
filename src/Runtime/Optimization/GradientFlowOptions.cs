using System;
using Landscape.Probes;

namespace Landscape.Optimization;

/// <summary>
/// Settings for <see cref="GradientFlow.Rk4"/>. By default the step is h = min(<see cref="Alpha"/>/λ_max,
/// <see cref="MaxStep"/>) with λ_max the sharpness, as in Cohen et al.'s (2021) gradient-flow reference; setting
/// <see cref="FixedStep"/> uses a constant h and measures no sharpness.
/// </summary>
public sealed record GradientFlowOptions
{
    /// <summary>
    /// The step in units of the curvature time scale 1/λ_max: h = Alpha/λ_max. Default 1, the reference's default.
    /// RK4 on the linear mode θ' = −λθ multiplies θ by R(−hλ) = Σ_{j≤4} (−hλ)ʲ/j!, stable for hλ ≤ 2.785 and with local
    /// relative error (hλ)⁵/120 ≈ 8e-3 at hλ = 1 on the stiffest mode (much less on the others); lower Alpha for a
    /// more accurate path.
    /// </summary>
    public double Alpha { get; init; } = 1.0;

    /// <summary>The largest step, used when the sharpness is small or non-positive. Default 999, the reference's default.</summary>
    public double MaxStep { get; init; } = 999.0;

    /// <summary>A constant step h; when set, <see cref="Alpha"/>, <see cref="MaxStep"/> and the sharpness are not used. Default null.</summary>
    public double? FixedStep { get; init; }

    /// <summary>Recompute the sharpness every this many RK4 steps (1 = every step); in between the last value is reused. Default 1.</summary>
    public int SharpnessEvery { get; init; } = 1;

    /// <summary>Start each sharpness computation from the previous top eigenvector (Lanczos warm start). Default true.</summary>
    public bool WarmStart { get; init; } = true;

    /// <summary>Lanczos settings for the sharpness (its <see cref="LanczosOptions.WarmStart"/> is replaced when <see cref="WarmStart"/> is on). Default: <see cref="LanczosOptions"/> defaults.</summary>
    public LanczosOptions? Lanczos { get; init; }

    /// <summary>The most RK4 steps allowed before the integration is abandoned with an exception (a guard against a vanishing step). Default 10,000,000.</summary>
    public int MaxSteps { get; init; } = 10_000_000;

    internal void Validate()
    {
        Hyperparameters.Positive(Alpha, nameof(Alpha));
        Hyperparameters.Positive(MaxStep, nameof(MaxStep));
        if (FixedStep is double h) Hyperparameters.Positive(h, nameof(FixedStep));
        ArgumentOutOfRangeException.ThrowIfLessThan(SharpnessEvery, 1, nameof(SharpnessEvery));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSteps, 1, nameof(MaxSteps));
    }
}
