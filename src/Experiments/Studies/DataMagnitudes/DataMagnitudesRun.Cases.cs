using System;
using System.Collections.Generic;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

internal sealed partial class DataMagnitudesRun
{
    /// <summary>(a) r ≡ 1: one magnitude, one scale.</summary>
    private void SingleScale(int seed, double[] directions, bool drawFigures)
    {
        double[] magnitudes = MagnitudeData.Groups(_plan.Samples, [1.0], out _);
        double[] inputs = MagnitudeData.Inputs(directions, magnitudes, DataMagnitudes.InputDimension);
        (_, _, _, ProbeResult result) = ProbeLinearRegimeTeacher("single-scale", seed, inputs);

        List<(double Start, double End)> runs = ExponentCurve.RunsAbove(result.T, result.Exponent, DataMagnitudes.StepLevel, 2);
        RecordSteps("single-scale", seed, result, runs);
        double leaves = ExponentCurve.FirstCrossingBelow(result.T, result.Exponent, 2 - Growth.QuadraticBand);
        double knee = ExponentCurve.FirstCrossingBelow(result.T, result.Exponent, DataMagnitudes.SaturationLevel);
        double flat = ExponentCurve.FirstCrossingBelow(result.T, result.Exponent, DataMagnitudes.StepLevel);
        _singleScaleSteps.Add(runs.Count);
        _singleScaleFirstExponent.Add(result.FirstExponent);
        _singleScaleTransition.Add(Math.Log10(flat / leaves));
        _context.Measure(Invariant($"r ≡ 1, seed {seed}: |t| where p(t) falls below 0.5 (≈ c, the saturation |t|·r, for r = 1)"), knee);
        _context.Measure(Invariant($"r ≡ 1, seed {seed}: |t| where p(t) leaves 2 ± 0.1"), leaves);
        LinearControl("single-scale", seed, inputs);

        if (!drawFigures) return;
        _firstSeedExponents.Add(("r ≡ 1", result.T, result.Exponent));
        _context.Plot("single-scale", "r ≡ 1: one magnitude, one scale")
            .Axes("|t| (unit first-layer direction)", "ΔL(t) = L(θ* + t·d) − L(θ*)", AxisScale.Log, AxisScale.Log)
            .Line("ΔL(t)", result.T, Positive(result.Delta))
            .Line("quadratic ½ dᵀHd t²", result.T, QuadraticOf(result), dashed: true)
            .VerticalLine("p leaves 2 ± 0.1", leaves)
            .VerticalLine("p = 0.5 (≈ c for r = 1)", knee)
            .VerticalLine("p = 0.15 (saturated)", flat)
            .Caption = "Look for: ΔL follows the quadratic (slope 2) up to |t| ≈ c, then bends over to a plateau within about one decade — a single scale.";
    }

    /// <summary>(b) two equal groups r ∈ {r₁, r₂}: two separated steps; (e) the per-group decomposition of each step.</summary>
    private void TwoGroups(int seed, double[] directions, bool drawFigures)
    {
        double[] values = _plan.GroupMagnitudes;
        double[] magnitudes = MagnitudeData.Groups(_plan.Samples, values, out int[] groupOf);
        double[] inputs = MagnitudeData.Inputs(directions, magnitudes, DataMagnitudes.InputDimension);
        (Dataset data, double[] teacher, double[] direction, ProbeResult result) = ProbeLinearRegimeTeacher("two-groups", seed, inputs);

        List<(double Start, double End)> runs = ExponentCurve.RunsAbove(result.T, result.Exponent, DataMagnitudes.StepLevel, 2);
        double[] halves = RecordSteps("two-groups", seed, result, runs);
        _twoGroupSteps.Add(runs.Count);
        _twoGroupSeparation.Add(runs.Count == 2 ? Math.Log10(halves[1] / halves[0]) : double.NaN);

        // (e) Each group's part of ΔL(t) = (1/n) Σ_{i ∈ g} ΔLᵢ(t); the parts add up to ΔL.
        double[][] exampleDeltas = MagnitudeProbe.ExampleDeltas(_tanh, teacher, data, direction, result.T);
        double[][] parts = MagnitudeProbe.GroupContributions(exampleDeltas, groupOf, values.Length);
        for (int k = 0; k < result.T.Length; k++)
            for (int g = 0; g < values.Length; g++)
                _groupGrowth.Add(seed, result.T[k], g, values[g], parts[g][k]);

        // Step 1 is the growth from the smallest |t| to the plateau between the steps (the |t| of least local exponent
        // between them), step 2 the growth from that plateau to the largest |t|. A group's share of a step is its part
        // of the growth of ΔL over the step's interval.
        double firstShare = double.NaN, secondShare = double.NaN;
        if (runs.Count == 2)
        {
            double plateau = StepBoundaries(result, runs)[1];
            double[] total = new double[result.T.Length];
            for (int k = 0; k < total.Length; k++)
                for (int g = 0; g < values.Length; g++) total[k] += parts[g][k];
            (double From, double To)[] intervals = [(result.T[0], plateau), (plateau, result.T[^1])];
            for (int step = 0; step < 2; step++)
            {
                (double from, double to) = intervals[step];
                double growth = ExponentCurve.At(result.T, total, to) - ExponentCurve.At(result.T, total, from);
                for (int g = 0; g < values.Length; g++)
                {
                    double share = (ExponentCurve.At(result.T, parts[g], to) - ExponentCurve.At(result.T, parts[g], from)) / growth;
                    _shares.Add(seed, step + 1, from, to, g, values[g], share);
                    if (step == 0 && g == values.Length - 1) firstShare = share; // the largest magnitude
                    if (step == 1 && g == 0) secondShare = share; // the smallest magnitude
                }
            }
        }
        _firstStepShare.Add(firstShare);
        _secondStepShare.Add(secondShare);
        LinearControl("two-groups", seed, inputs);

        if (!drawFigures) return;
        _firstSeedExponents.Add(("two groups", result.T, result.Exponent));
        Figure figure = _context.Plot("two-groups", Invariant($"r ∈ {{{values[0]:G3}, {values[1]:G3}}}: two separated steps, each owned by one group"))
            .Axes("|t| (unit first-layer direction)", "ΔL(t) and each group's part", AxisScale.Log, AxisScale.Log)
            .Line("ΔL(t)", result.T, Positive(result.Delta));
        for (int g = 0; g < values.Length; g++)
            figure.Line(Invariant($"group r = {values[g]:G3}"), result.T, Positive(parts[g]), dashed: true);
        for (int k = 0; k < runs.Count; k++)
            figure.VerticalLine($"step {k + 1}: half growth", halves[k]);
        figure.Caption = "Look for: two steps separated by a plateau, about log10(r₂/r₁) decades apart; the large-magnitude group's part makes the first step, the small-magnitude group's part the second.";
    }

    /// <summary>The |t| of least local exponent between two steps (the plateau), or the midpoint in ln t if none is defined.</summary>
    private static double PlateauBetween(ProbeResult result, double from, double to)
    {
        double best = double.PositiveInfinity, at = Math.Sqrt(from * to);
        for (int k = 0; k < result.T.Length; k++)
        {
            if (result.T[k] < from || result.T[k] > to || double.IsNaN(result.Exponent[k])) continue;
            if (result.Exponent[k] < best) { best = result.Exponent[k]; at = result.T[k]; }
        }
        return at;
    }

    private static double[] Positive(double[] values)
    {
        var result = new double[values.Length];
        for (int k = 0; k < values.Length; k++) result[k] = values[k] > 0 ? values[k] : double.NaN;
        return result;
    }

    private static double[] QuadraticOf(ProbeResult result)
    {
        var q = new double[result.T.Length];
        for (int k = 0; k < q.Length; k++) q[k] = 0.5 * result.Profile.Curvature * result.T[k] * result.T[k];
        return q;
    }
}
