using System;
using System.Collections.Generic;
using System.Globalization;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

/// <summary>(c) One power law on one seed: the teacher's growth, the fit over the window derived from the data, the saturated teacher and the linear control.</summary>
/// <param name="Beta">The tail exponent β of ρ(r) ∝ r^(−1−β).</param>
/// <param name="Label">β as the case names write it (e.g. "1.0").</param>
/// <param name="Teacher">The linear-regime teacher's profile.</param>
/// <param name="C">c = median rᵢ·tᵢ, tᵢ where example i's own exponent falls below <see cref="DataMagnitudes.SaturationLevel"/>.</param>
/// <param name="CExit">The same median with tᵢ where example i's exponent leaves 2 ± 0.1.</param>
/// <param name="RMin">The smallest sampled magnitude.</param>
/// <param name="RMax">The largest sampled magnitude.</param>
/// <param name="Lo">The fit window's lower end, 10c/r_max (r_max of the density).</param>
/// <param name="Hi">The fit window's upper end, c/10.</param>
/// <param name="Fit">The exponent of ΔL over [Lo, Hi].</param>
/// <param name="SampledFit">The exponent over the window from the sampled extremes instead of the density's range (a measurement).</param>
/// <param name="Saturated">The saturated teacher's profile on the same inputs and direction.</param>
/// <param name="SaturatedFit">The saturated teacher's exponent over [Lo, Hi].</param>
/// <param name="Control">The linear control on the same inputs.</param>
/// <param name="Prediction">The finite-range prediction of <paramref name="Fit"/> over the same window, and the reshuffled exponents.</param>
internal sealed record PowerLawCase(double Beta, string Label, TeacherProbe Teacher, double C, double CExit, double RMin, double RMax, double Lo, double Hi,
                                    ExponentFit Fit, ExponentFit SampledFit, ProbeResult Saturated, ExponentFit SaturatedFit, ControlProbe Control,
                                    FiniteRangePrediction Prediction);

public sealed partial class DataMagnitudes
{
    /// <summary>The smallest magnitude of the power laws (the largest is <see cref="MaxMagnitude"/>).</summary>
    internal const double PowerLawMinimum = 1.0;

    /// <summary>
    /// (c) power-law magnitudes, with the finite-range prediction from the seed's one-example profile
    /// <paramref name="unit"/>, the saturated-teacher variant and the linear control on the same inputs. Null when cancelled.
    /// </summary>
    private static List<PowerLawCase>? PowerLaws(ExperimentContext context, DataMagnitudesPlan plan, MagnitudeModels models, int seed, double[] directions,
                                                 OneExampleProfile unit, IProgressTask progress)
    {
        var cases = new List<PowerLawCase>();
        for (int b = 0; b < plan.Betas.Length; b++)
        {
            if (context.Cancellation.IsCancellationRequested) return null;
            double beta = plan.Betas[b];
            string label = BetaLabel(beta);
            double[] magnitudes = MagnitudeData.PowerLaw(plan.Samples, beta, PowerLawMinimum, plan.MaxMagnitude, MagnitudeSeed(plan, seed, b));
            double[] inputs = MagnitudeData.Inputs(directions, magnitudes, InputDimension);
            TeacherProbe teacher = ProbeLinearRegimeTeacher(plan, models, "power-law-beta-" + label, seed, inputs);
            ProbeResult result = teacher.Result;

            // The window, from the data: each example's own saturation |t| (where its local exponent falls below 0.5)
            // times its magnitude gives cᵢ; with c = median cᵢ, magnitude r saturates at |t| ≈ c/r, so the saturation
            // range of the magnitude density on [1, r_max] is [c/r_max, c/1], and the fit runs a decade inside both ends.
            double[][] exampleDeltas = MagnitudeProbe.ExampleDeltas(models.Tanh, teacher.Teacher, teacher.Data, teacher.Direction, result.T);
            double c = MedianScaledKnee(result.T, exampleDeltas, magnitudes, SaturationLevel);
            double cExit = MedianScaledKnee(result.T, exampleDeltas, magnitudes, 2 - Growth.QuadraticBand);
            double rMin = double.PositiveInfinity, rMax = 0;
            foreach (double r in magnitudes) { rMin = Math.Min(rMin, r); rMax = Math.Max(rMax, r); }
            double lo = 10 * c / plan.MaxMagnitude, hi = c / 10;
            ExponentFit fit = FitOrNaN(result.Profile, lo, hi);
            // For comparison (a measurement): the same rule with the sampled extremes instead of the density's range.
            ExponentFit sampledFit = FitOrNaN(result.Profile, 10 * c / rMax, c / (10 * rMin));
            FiniteRangePrediction prediction = PredictFiniteRange(plan, models, seed, b, magnitudes, directions, teacher, unit, lo, hi);
            progress.Increment();

            // Saturated teacher on the same inputs and direction, fitted over the same window (a measurement only).
            (Dataset saturatedData, double[] saturatedTeacher) = TeacherData(models, inputs, seed, plan.SaturatedWeightScale);
            ProbeResult saturated = Probe(plan, "saturated-beta-" + label, seed, models.Tanh, saturatedTeacher, saturatedData, teacher.Direction);
            ExponentFit saturatedFit = FitOrNaN(saturated.Profile, lo, hi);
            progress.Increment();

            ControlProbe control = LinearControl(plan, models, "power-law-beta-" + label, seed, inputs);
            cases.Add(new PowerLawCase(beta, label, teacher, c, cExit, rMin, rMax, lo, hi, fit, sampledFit, saturated, saturatedFit, control, prediction));
            progress.Increment();
        }
        return cases;
    }

    /// <summary>β as case names and labels write it.</summary>
    private static string BetaLabel(double beta) => beta.ToString("0.0##", CultureInfo.InvariantCulture);

    /// <summary>The seed of the β-th power-law magnitudes, or null for the deterministic quantiles.</summary>
    private static int? MagnitudeSeed(DataMagnitudesPlan plan, int seed, int betaIndex) => plan.QuantileMagnitudes ? null : unchecked(seed * 31 + betaIndex + 1);

    /// <summary>The median over examples of rᵢ·tᵢ, tᵢ the first |t| at which example i's own local exponent falls below <paramref name="level"/>.</summary>
    private static double MedianScaledKnee(double[] ts, double[][] exampleDeltas, double[] magnitudes, double level)
    {
        double[] knees = MagnitudeProbe.ExampleKnees(ts, exampleDeltas, level);
        for (int i = 0; i < knees.Length; i++) knees[i] *= magnitudes[i];
        return ExponentCurve.Median(knees);
    }
}
