using System;
using System.Collections.Generic;
using System.Numerics.Tensors;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

/// <summary>
/// The finite-range prediction for one power law on one seed: the exponent that ΔL_model(t) = (1/n) Σᵢ ℓ(rᵢ|t|)
/// has over the measured fit's window, with ℓ the one-example profile and with the min(κs², C) caricature, and the
/// spread of the measured exponent over reshufflings of which magnitude goes with which direction.
/// </summary>
/// <param name="Model">ΔL_model at the positive t of the teacher's profile, ℓ = the one-example profile ℓ̄.</param>
/// <param name="CaricatureModel">ΔL_model at the same t with ℓ = min(κs², C), κ and C of ℓ̄.</param>
/// <param name="Fit">The exponent of <paramref name="Model"/> over the window (the prediction).</param>
/// <param name="CaricatureFit">The exponent of <paramref name="CaricatureModel"/> over the window.</param>
/// <param name="Reshuffled">The exponent over the window of the measured ΔL with the magnitudes permuted among the examples, one per reshuffling.</param>
/// <param name="ReshuffledMean">The mean of <paramref name="Reshuffled"/>.</param>
/// <param name="ReshuffledSd">Their sample standard deviation: how far the pairing alone moves the exponent.</param>
/// <param name="ReshuffledWithin">The fraction of reshufflings whose exponent lies within <see cref="DataMagnitudes.PredictionTolerance"/> of the prediction.</param>
internal sealed record FiniteRangePrediction(double[] Model, double[] CaricatureModel, ExponentFit Fit, ExponentFit CaricatureFit, double[] Reshuffled,
                                             double ReshuffledMean, double ReshuffledSd, double ReshuffledWithin);

public sealed partial class DataMagnitudes
{
    /// <summary>
    /// Points per decade of s at which the one-example profile ℓ̄ is tabulated. Between points it is interpolated
    /// linearly in (ln s, ln ℓ̄); the error is at most h²/8 · |d² ln ℓ̄ / d(ln s)²| with h = ln 10 / 40 ≈ 0.058, i.e.
    /// ≈ 5·10⁻⁴ relative at the knee of a single tanh² (the worst midpoint; the test checks it), far below what moves
    /// a fitted exponent by 10⁻³.
    /// </summary>
    internal const int ProfilePointsPerDecade = 40;

    /// <summary>The hypothesis of issue 14 item 4: the fitted exponent within ±0.05 of the finite-range prediction.</summary>
    internal const double PredictionTolerance = 0.05;

    /// <summary>
    /// The ±<see cref="PredictionTolerance"/> hypothesis is claimed for β up to this value. Over twelve probed seeds (the
    /// full profile's three at run seed 0, the quick profile's one at run seeds 0, 3 and 5–9, the test profile's one at
    /// run seeds 0 and 4) it held for β = 0.5 on every one (differences −0.033 to +0.042, reshuffled exponents spreading by 0.012–0.033)
    /// and failed for β = 1 in 7 and for β = 1.5 in 11 of them (differences −0.099 to +0.065 and −0.146 to +0.173),
    /// where the pairing spread alone (0.045–0.103 and 0.080–0.158) is as large as the tolerance; for those β the
    /// differences are measurements.
    /// </summary>
    internal const double PredictionClaimMaxBeta = 0.5;

    /// <summary>
    /// The one-example profile ℓ̄(s) of one seed, measured on the r ≡ 1 data (the seed's directions, teacher and probe
    /// direction) over s ∈ [MinT·r_min, MaxT·r_max] of the power laws, so ℓ̄(rᵢ|t|) is tabulated for every rᵢ and grid t.
    /// </summary>
    private static OneExampleProfile MeasureOneExampleProfile(DataMagnitudesPlan plan, MagnitudeModels models, TeacherProbe unitMagnitudes) =>
        OneExampleProfile.Measure(models.Tanh, unitMagnitudes.Teacher, unitMagnitudes.Data, unitMagnitudes.Direction,
                                  plan.MinT * PowerLawMinimum, plan.MaxT * plan.MaxMagnitude, ProfilePointsPerDecade);

    /// <summary>
    /// The finite-range prediction for the power law with <paramref name="magnitudes"/> (example i has rᵢ and direction
    /// row i of <paramref name="directions"/>), fitted with the measured fit's code over its window [lo, hi] on the same
    /// t (both signs), and the reshuffled exponents.
    /// </summary>
    /// <remarks>
    /// ΔL_model(t) = (1/n) Σᵢ ℓ̄(rᵢ|t|) is the average of the measured ΔL over every pairing of the magnitudes with the
    /// sample's directions (ℓ̄ averages φ(s; uₖ) over the same directions), up to the teacher's own pre-activations
    /// (≤ 0.01) and the table's interpolation; so the measured exponent differs from the prediction by which directions
    /// the magnitudes happen to get — most of all the few largest, which own the window's low end. Each reshuffling draws a seeded permutation π and measures ΔL with example i at rπ(i)
    /// (teacher labels recomputed), at the window's t only.
    /// </remarks>
    private static FiniteRangePrediction PredictFiniteRange(DataMagnitudesPlan plan, MagnitudeModels models, int seed, int betaIndex, double[] magnitudes,
                                                            double[] directions, TeacherProbe teacher, OneExampleProfile unit, double lo, double hi)
    {
        GrowthProfile profile = teacher.Result.Profile;
        Func<double, double> caricature = FiniteRangeModel.Caricature(unit.Kappa, unit.Plateau);
        ExponentFit fit = FitOrNaN(profile.T, FiniteRangeModel.Mean(unit.At, magnitudes, profile.T), lo, hi);
        ExponentFit caricatureFit = FitOrNaN(profile.T, FiniteRangeModel.Mean(caricature, magnitudes, profile.T), lo, hi);
        double[] positive = teacher.Result.T;
        double[] model = FiniteRangeModel.Mean(unit.At, magnitudes, positive);
        double[] caricatureModel = FiniteRangeModel.Mean(caricature, magnitudes, positive);

        var window = new List<double>();
        foreach (double t in profile.T)
            if (Math.Abs(t) >= lo && Math.Abs(t) <= hi) window.Add(t);
        double[] ts = window.ToArray();
        var reshuffled = new double[plan.Reshuffles];
        var shuffled = new double[magnitudes.Length];
        var deltas = new double[ts.Length];
        int within = 0;
        for (int draw = 0; draw < reshuffled.Length; draw++)
        {
            int[] permutation = FiniteRangeModel.Permutation(magnitudes.Length, ReshuffleSeed(seed, betaIndex), draw);
            for (int i = 0; i < shuffled.Length; i++) shuffled[i] = magnitudes[permutation[i]];
            (Dataset data, double[] parameters) = TeacherData(models, MagnitudeData.Inputs(directions, shuffled, InputDimension), seed, plan.TeacherWeightScale);
            double[][] rows = MagnitudeProbe.ExampleDeltas(models.Tanh, parameters, data, teacher.Direction, ts);
            for (int k = 0; k < ts.Length; k++) deltas[k] = TensorPrimitives.Sum<double>(rows[k]) / data.Count;
            reshuffled[draw] = FitOrNaN(ts, deltas, lo, hi).Exponent;
            if (Math.Abs(reshuffled[draw] - fit.Exponent) <= PredictionTolerance) within++;
        }
        (double mean, double sd) = MeanAndSd(reshuffled);
        return new FiniteRangePrediction(model, caricatureModel, fit, caricatureFit, reshuffled, mean, sd,
                                         reshuffled.Length == 0 ? double.NaN : within / (double)reshuffled.Length);
    }

    /// <summary>The seed of the β-th power law's reshufflings.</summary>
    private static int ReshuffleSeed(int seed, int betaIndex) => unchecked(seed * 31 + betaIndex + 1);

    /// <summary>The mean and the sample standard deviation (NaN for fewer than two values).</summary>
    private static (double Mean, double Sd) MeanAndSd(double[] values)
    {
        if (values.Length == 0) return (double.NaN, double.NaN);
        double mean = 0;
        foreach (double v in values) mean += v;
        mean /= values.Length;
        if (values.Length < 2) return (mean, double.NaN);
        double squares = 0;
        foreach (double v in values) squares += (v - mean) * (v - mean);
        return (mean, Math.Sqrt(squares / (values.Length - 1)));
    }
}
