using System;
using System.Collections.Generic;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

/// <summary>
/// The one-example loss profile of the data-magnitude construction, ℓ̄(s): the mean loss change of unit-magnitude
/// inputs uₖ (the seed's own directions) at the teacher, along the probe direction, at distance s, tabulated on a fine
/// log grid of s.
/// </summary>
/// <remarks>
/// With the teacher's first-layer weights in tanh's linear regime, moving them by t·d changes example i's
/// pre-activations by t·rᵢ·(dⱼ·uᵢ), so its loss change is φ(rᵢ|t|; uᵢ) with φ(s; u) = ½(Σⱼ aⱼ tanh(s·dⱼ·u))² up to the
/// teacher's own pre-activations (≤ 0.01, claimed). ℓ̄(s) is φ averaged over the sample's directions, which is exactly
/// the r ≡ 1 growth curve on the same directions, teacher and probe direction. It rises as ½·dᵀHd·s² (dᵀHd of the
/// r ≡ 1 data) and saturates at the plateau ½ E(Σⱼ aⱼ sign(dⱼ·u))², the per-example saturation constant.
/// </remarks>
internal sealed class OneExampleProfile
{
    private readonly double[] _logS;
    private readonly double[] _logLoss;

    /// <summary>A profile from its table: <paramref name="s"/> positive and strictly ascending, <paramref name="loss"/> positive and finite.</summary>
    /// <param name="s">The distances s of the table.</param>
    /// <param name="loss">ℓ̄ at each s.</param>
    /// <param name="curvature">dᵀHd of the unit-magnitude data: ℓ̄(s) ≈ ½·curvature·s² at small s.</param>
    /// <exception cref="ArgumentException">The table has fewer than two points, s is not positive and strictly ascending, or a loss is not positive and finite.</exception>
    public OneExampleProfile(double[] s, double[] loss, double curvature)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(loss);
        if (s.Length != loss.Length) throw new ArgumentException($"s has {s.Length} values and loss {loss.Length}; expected equal lengths.", nameof(loss));
        if (s.Length < 2) throw new ArgumentException("Expected at least two points in the one-example profile.", nameof(s));
        if (!(curvature > 0) || !double.IsFinite(curvature)) throw new ArgumentOutOfRangeException(nameof(curvature), curvature, "Expected a positive, finite curvature.");
        _logS = new double[s.Length];
        _logLoss = new double[s.Length];
        for (int k = 0; k < s.Length; k++)
        {
            if (!(s[k] > 0) || !double.IsFinite(s[k]) || (k > 0 && !(s[k] > s[k - 1])))
                throw new ArgumentException("Expected positive, finite and strictly ascending distances s.", nameof(s));
            if (!(loss[k] > 0) || !double.IsFinite(loss[k]))
                throw new ArgumentException($"Expected a positive, finite loss at every s; got {loss[k]} at s = {s[k]}.", nameof(loss));
            _logS[k] = Math.Log(s[k]);
            _logLoss[k] = Math.Log(loss[k]);
        }
        S = (double[])s.Clone();
        Loss = (double[])loss.Clone();
        Curvature = curvature;
    }

    /// <summary>The distances of the table, ascending.</summary>
    public double[] S { get; }

    /// <summary>ℓ̄ at <see cref="S"/>.</summary>
    public double[] Loss { get; }

    /// <summary>dᵀHd of the unit-magnitude data: ℓ̄(s) ≈ ½·<see cref="Curvature"/>·s² for s below the knee.</summary>
    public double Curvature { get; }

    /// <summary>κ = ½·dᵀHd, the quadratic coefficient of the min(κs², C) caricature.</summary>
    public double Kappa => 0.5 * Curvature;

    /// <summary>C, the saturation constant: ℓ̄ at the largest tabulated s, where every tanh is saturated.</summary>
    public double Plateau => Loss[^1];

    /// <summary>Where the caricature's two branches meet, √(C/κ).</summary>
    public double Knee => Math.Sqrt(Plateau / Kappa);

    /// <summary>
    /// ℓ̄(s), interpolated linearly in (ln s, ln ℓ̄); below the table it continues the first point as ∝ s², above it
    /// stays at <see cref="Plateau"/>; 0 at s = 0.
    /// </summary>
    public double At(double s)
    {
        s = Math.Abs(s);
        if (s == 0) return 0;
        if (s <= S[0]) return Loss[0] * (s / S[0]) * (s / S[0]);
        if (s >= S[^1]) return Loss[^1];
        double x = Math.Log(s);
        int k = Array.BinarySearch(_logS, x);
        if (k >= 0) return Loss[k];
        int hi = ~k, lo = hi - 1;
        double w = (x - _logS[lo]) / (_logS[hi] - _logS[lo]);
        return Math.Exp(_logLoss[lo] + w * (_logLoss[hi] - _logLoss[lo]));
    }

    /// <summary>
    /// Measures ℓ̄ along <paramref name="direction"/> at <paramref name="parameters"/> on unit-magnitude
    /// <paramref name="data"/>: the positive side of the growth profile over [<paramref name="minS"/>, <paramref name="maxS"/>]
    /// at <paramref name="pointsPerDecade"/> (points where ΔL is rounding-dominated or not positive are left out).
    /// </summary>
    /// <exception cref="InvalidOperationException">Fewer than two points of the profile are positive.</exception>
    public static OneExampleProfile Measure(IModel model, double[] parameters, Dataset data, double[] direction, double minS, double maxS, int pointsPerDecade)
    {
        GrowthProfile profile = Growth.Profile(model, parameters, data, direction, minS, maxS, pointsPerDecade);
        var s = new List<double>(profile.T.Length / 2);
        var loss = new List<double>(profile.T.Length / 2);
        for (int k = 0; k < profile.T.Length; k++)
        {
            if (!(profile.T[k] > 0) || profile.Underflow[k] || !(profile.Delta[k] > 0) || !double.IsFinite(profile.Delta[k])) continue;
            s.Add(profile.T[k]);
            loss.Add(profile.Delta[k]);
        }
        if (s.Count < 2) throw new InvalidOperationException("The one-example profile has fewer than two positive points; the unit-magnitude loss does not grow along the direction.");
        return new OneExampleProfile(s.ToArray(), loss.ToArray(), profile.Curvature);
    }
}
