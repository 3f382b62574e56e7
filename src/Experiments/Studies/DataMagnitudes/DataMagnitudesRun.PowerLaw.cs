using System;
using System.Collections.Generic;
using System.Globalization;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

internal sealed partial class DataMagnitudesRun
{
    /// <summary>The fit window of each β on the first seed, reused by the trained student on the same data.</summary>
    private readonly Dictionary<double, (double Lo, double Hi)> _firstSeedWindows = [];

    /// <summary>Local-exponent curves of the first seed's other cases, drawn with the power laws.</summary>
    private readonly List<(string Label, double[] T, double[] Exponent)> _firstSeedExponents = [];

    /// <summary>(c) power-law magnitudes, with the saturated-teacher variant and the linear control on the same inputs.</summary>
    private void PowerLaws(int seed, double[] directions, bool drawFigures, IProgressTask progress)
    {
        Figure? growthFigure = null, saturatedFigure = null, exponentFigure = null;
        if (drawFigures)
        {
            growthFigure = _context.Plot("power-law", "Power-law magnitudes ρ(r) ∝ r^(−1−β): ΔL ∝ |t|^β between the saturation ends")
                .Axes("|t| (unit first-layer direction)", "ΔL(t)", AxisScale.Log, AxisScale.Log);
            growthFigure.Caption = "Look for: a straight stretch of slope ≈ β (dashed: least-squares fit over the window a decade inside [c/r_max, c/r_min], marked by vertical lines) between the quadratic core at small |t| and the plateau at large |t|.";
            exponentFigure = _context.Plot("local-exponent", "Local exponent p(t) = d ln ΔL / d ln |t| per case")
                .Axes("|t| (unit first-layer direction)", "p(t)", AxisScale.Log, AxisScale.Linear)
                .HorizontalLine("quadratic (2)", 2);
            exponentFigure.Caption = "Look for: the linear control at 2 everywhere; r ≡ 1 dropping from 2 to 0 once; two groups dropping twice; each power law flattening near its β (horizontal lines) over a range of decades.";
            saturatedFigure = _context.Plot("saturated-teacher", "Saturated teacher (first-layer weights of order 1): no |t|^β law")
                .Axes("|t| (unit first-layer direction)", "ΔL(t)", AxisScale.Log, AxisScale.Log);
            saturatedFigure.Caption = "Look for: slopes near min(1 + β, 2) rather than β — the exponent ≈ β belongs to the linear-regime teacher (PAPER.md, simulation check).";
        }

        for (int b = 0; b < _plan.Betas.Length; b++)
        {
            if (_context.Cancellation.IsCancellationRequested) return;
            double beta = _plan.Betas[b];
            string label = beta.ToString("0.0##", CultureInfo.InvariantCulture);
            double[] magnitudes = MagnitudeData.PowerLaw(_plan.Samples, beta, 1.0, _plan.MaxMagnitude, MagnitudeSeed(seed, b));
            double[] inputs = MagnitudeData.Inputs(directions, magnitudes, DataMagnitudes.InputDimension);
            (Dataset data, double[] teacher, double[] direction, ProbeResult result) = ProbeLinearRegimeTeacher("power-law-beta-" + label, seed, inputs);

            // The window, from the data: each example's own saturation |t| (where its local exponent falls below 0.5)
            // times its magnitude gives cᵢ; with c = median cᵢ, magnitude r saturates at |t| ≈ c/r, so the saturation
            // range of the magnitude density on [1, r_max] is [c/r_max, c/1], and the fit runs a decade inside both ends.
            double[][] exampleDeltas = MagnitudeProbe.ExampleDeltas(_tanh, teacher, data, direction, result.T);
            double c = MedianScaledKnee(result.T, exampleDeltas, magnitudes, DataMagnitudes.SaturationLevel);
            double cExit = MedianScaledKnee(result.T, exampleDeltas, magnitudes, 2 - Growth.QuadraticBand);
            double rMin = double.PositiveInfinity, rMax = 0;
            foreach (double r in magnitudes) { rMin = Math.Min(rMin, r); rMax = Math.Max(rMax, r); }
            double lo = 10 * c / _plan.MaxMagnitude, hi = c / 10;
            ExponentFit fit = FitOrNaN(result.Profile, lo, hi);
            // For comparison (a measurement): the same rule with the sampled extremes instead of the density's range.
            ExponentFit sampledFit = FitOrNaN(result.Profile, 10 * c / rMax, c / (10 * rMin));
            if (drawFigures) _firstSeedWindows[beta] = (lo, hi);
            progress.Increment();

            _context.ClaimWithin(Invariant($"power law β = {label}, seed {seed}: ΔL exponent over [10c/r_max, c/(10 r_min)] (r ∈ [1, r_max]) within 0.25 of β"),
                                 fit.Exponent, beta - 0.25, beta + 0.25);
            _context.Measure(Invariant($"power law β = {label}, seed {seed}: bootstrap 95% interval, lower"), fit.Lower);
            _context.Measure(Invariant($"power law β = {label}, seed {seed}: bootstrap 95% interval, upper"), fit.Upper);
            _context.Measure(Invariant($"power law β = {label}, seed {seed}: c = median rᵢ·tᵢ (tᵢ: where example i's exponent falls below 0.5)"), c);
            _context.Measure(Invariant($"power law β = {label}, seed {seed}: exponent over [10c/max rᵢ, c/(10 min rᵢ)] (sampled extremes; NaN if empty)"), sampledFit.Exponent);

            // Saturated teacher on the same inputs and direction, fitted over the same window (a measurement only).
            (Dataset saturatedData, double[] saturatedTeacher) = TeacherData(inputs, seed, _plan.SaturatedWeightScale);
            ProbeResult saturated = Probe("saturated-beta-" + label, seed, _tanh, saturatedTeacher, saturatedData, direction);
            ExponentFit saturatedFit = FitOrNaN(saturated.Profile, lo, hi);
            _context.Measure(Invariant($"saturated teacher β = {label}, seed {seed}: ΔL exponent over the same window (PAPER.md predicts min(1 + β, 2) = {Math.Min(1 + beta, 2):0.0##})"), saturatedFit.Exponent);
            progress.Increment();

            _fits.Add(seed, beta, c, cExit, rMin, rMax, lo, hi, fit.Exponent, fit.Lower, fit.Upper, fit.Points, sampledFit.Exponent,
                      saturatedFit.Exponent, saturatedFit.Lower, saturatedFit.Upper);
            ProbeResult control = LinearControl("power-law-beta-" + label, seed, inputs);
            if (drawFigures && b == 0) _firstSeedExponents.Add(($"linear control (β = {label} data)", control.T, control.Exponent));
            progress.Increment();

            if (!drawFigures) continue;
            growthFigure!.Line($"β = {label}", result.T, Positive(result.Delta));
            if (double.IsFinite(fit.Exponent))
                growthFigure.Line(Invariant($"fit β = {label}: slope {fit.Exponent:0.00}"), [lo, hi], [Math.Exp(fit.Intercept) * Math.Pow(lo, fit.Exponent), Math.Exp(fit.Intercept) * Math.Pow(hi, fit.Exponent)], dashed: true);
            growthFigure.VerticalLine($"window β = {label}: 10c/r_max", lo).VerticalLine($"window β = {label}: c/(10 r_min)", hi);
            exponentFigure!.Line($"power law β = {label}", result.T, result.Exponent).HorizontalLine($"β = {label}", beta);
            saturatedFigure!.Line($"saturated β = {label}", saturated.T, Positive(saturated.Delta));
            if (double.IsFinite(saturatedFit.Exponent))
                saturatedFigure.Line(Invariant($"fit β = {label}: slope {saturatedFit.Exponent:0.00}"), [lo, hi], [Math.Exp(saturatedFit.Intercept) * Math.Pow(lo, saturatedFit.Exponent), Math.Exp(saturatedFit.Intercept) * Math.Pow(hi, saturatedFit.Exponent)], dashed: true);
        }

        if (drawFigures) AddOtherExponents(exponentFigure!);
    }

    /// <summary>The seed of the β-th power-law magnitudes, or null for the deterministic quantiles.</summary>
    private int? MagnitudeSeed(int seed, int betaIndex) => _plan.QuantileMagnitudes ? null : unchecked(seed * 31 + betaIndex + 1);

    /// <summary>The median over examples of rᵢ·tᵢ, tᵢ the first |t| at which example i's own local exponent falls below <paramref name="level"/>.</summary>
    private static double MedianScaledKnee(double[] ts, double[][] exampleDeltas, double[] magnitudes, double level)
    {
        double[] knees = MagnitudeProbe.ExampleKnees(ts, exampleDeltas, level);
        for (int i = 0; i < knees.Length; i++) knees[i] *= magnitudes[i];
        return ExponentCurve.Median(knees);
    }

    /// <summary>The least-squares exponent over [lo, hi], or NaN values when the window is empty.</summary>
    private static ExponentFit FitOrNaN(GrowthProfile profile, double lo, double hi) =>
        lo < hi ? Growth.FitExponent(profile, lo, hi) : new ExponentFit(double.NaN, double.NaN, double.NaN, 0, double.NaN);

    /// <summary>Adds the first seed's single-scale, two-group and linear-control exponents to the exponent figure.</summary>
    private void AddOtherExponents(Figure figure)
    {
        foreach ((string label, double[] t, double[] p) in _firstSeedExponents) figure.Line(label, t, p);
    }
}
