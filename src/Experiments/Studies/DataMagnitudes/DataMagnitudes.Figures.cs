using System;
using Landscape.Optimization;
using Landscape.Probes;

using static Landscape.Experiments.Studies.StudyText;

namespace Landscape.Experiments.Studies;

public sealed partial class DataMagnitudes
{
    /// <summary>The first seed's cases (one scale, two groups, the power laws with their local exponents and the saturated teacher), then the student.</summary>
    private static void DrawFigures(ExperimentContext context, DataMagnitudesResults results)
    {
        SeedResults first = results.Seeds[0];
        DrawSingleScaleFigure(context, first.SingleScale);
        DrawTwoGroupsFigure(context, first.TwoGroups);
        DrawPowerLawFigures(context, first);
        DrawFiniteRangeFigure(context, first);
        DrawStudentFigures(context, results.Student);
    }

    private static void DrawSingleScaleFigure(ExperimentContext context, SingleScaleCase single)
    {
        ProbeResult result = single.Teacher.Result;
        context.Plot("single-scale", "r ≡ 1: one magnitude, one scale")
            .Axes("|t| (unit first-layer direction)", "ΔL(t) = L(θ* + t·d) − L(θ*)", AxisScale.Log, AxisScale.Log)
            .Line("ΔL(t)", result.T, Positive(result.Delta))
            .Line("quadratic ½ dᵀHd t²", result.T, QuadraticOf(result), dashed: true)
            .VerticalLine("p leaves 2 ± 0.1", single.Leaves)
            .VerticalLine("p = 0.5 (≈ c for r = 1)", single.Knee)
            .VerticalLine("p = 0.15 (saturated)", single.Flat)
            .Caption = "Look for: ΔL follows the quadratic (slope 2) up to |t| ≈ c, then bends over to a plateau within about one decade — a single scale.";
    }

    private static void DrawTwoGroupsFigure(ExperimentContext context, TwoGroupsCase two)
    {
        double[] values = two.Magnitudes;
        ProbeResult result = two.Teacher.Result;
        Figure figure = context.Plot("two-groups", Invariant($"r ∈ {{{values[0]:G3}, {values[1]:G3}}}: two separated steps, each owned by one group"))
            .Axes("|t| (unit first-layer direction)", "ΔL(t) and each group's part", AxisScale.Log, AxisScale.Log)
            .Line("ΔL(t)", result.T, Positive(result.Delta));
        for (int g = 0; g < values.Length; g++)
            figure.Line(Invariant($"group r = {values[g]:G3}"), result.T, Positive(two.Parts[g]), dashed: true);
        for (int k = 0; k < two.Steps.Count; k++)
            figure.VerticalLine($"step {k + 1}: half growth", two.Steps[k].HalfGrowth);
        figure.Caption = "Look for: two steps separated by a plateau, about log10(r₂/r₁) decades apart; the large-magnitude group's part makes the first step, the small-magnitude group's part the second.";
    }

    /// <summary>ΔL per β with its fit and window; p(t) per β with the other cases' exponents; the saturated teacher per β.</summary>
    private static void DrawPowerLawFigures(ExperimentContext context, SeedResults first)
    {
        Figure growthFigure = context.Plot("power-law", "Power-law magnitudes ρ(r) ∝ r^(−1−β): ΔL ∝ |t|^β between the saturation ends")
            .Axes("|t| (unit first-layer direction)", "ΔL(t)", AxisScale.Log, AxisScale.Log);
        growthFigure.Caption = "Look for: a straight stretch of slope ≈ β (dashed: least-squares fit over the window a decade inside [c/r_max, c/r_min], marked by vertical lines) between the quadratic core at small |t| and the plateau at large |t|.";
        Figure exponentFigure = context.Plot("local-exponent", "Local exponent p(t) = d ln ΔL / d ln |t| per case")
            .Axes("|t| (unit first-layer direction)", "p(t)", AxisScale.Log, AxisScale.Linear)
            .HorizontalLine("quadratic (2)", 2);
        exponentFigure.Caption = "Look for: the linear control at 2 everywhere; r ≡ 1 dropping from 2 to 0 once; two groups dropping twice; each power law flattening near its β (horizontal lines) over a range of decades.";
        Figure saturatedFigure = context.Plot("saturated-teacher", "Saturated teacher (first-layer weights of order 1): no |t|^β law")
            .Axes("|t| (unit first-layer direction)", "ΔL(t)", AxisScale.Log, AxisScale.Log);
        saturatedFigure.Caption = "Look for: slopes near min(1 + β, 2) rather than β — the exponent ≈ β belongs to the linear-regime teacher (PAPER.md, simulation check).";

        foreach (PowerLawCase p in first.PowerLaws)
        {
            ProbeResult result = p.Teacher.Result;
            string label = p.Label;
            double lo = p.Lo, hi = p.Hi;
            ExponentFit fit = p.Fit, saturatedFit = p.SaturatedFit;
            growthFigure.Line($"β = {label}", result.T, Positive(result.Delta));
            if (double.IsFinite(fit.Exponent))
                growthFigure.Line(Invariant($"fit β = {label}: slope {fit.Exponent:0.00}"), [lo, hi], [Math.Exp(fit.Intercept) * Math.Pow(lo, fit.Exponent), Math.Exp(fit.Intercept) * Math.Pow(hi, fit.Exponent)], dashed: true);
            growthFigure.VerticalLine($"window β = {label}: 10c/r_max", lo).VerticalLine($"window β = {label}: c/(10 r_min)", hi);
            exponentFigure.Line($"power law β = {label}", result.T, result.Exponent).HorizontalLine($"β = {label}", p.Beta);
            saturatedFigure.Line($"saturated β = {label}", p.Saturated.T, Positive(p.Saturated.Delta));
            if (double.IsFinite(saturatedFit.Exponent))
                saturatedFigure.Line(Invariant($"fit β = {label}: slope {saturatedFit.Exponent:0.00}"), [lo, hi], [Math.Exp(saturatedFit.Intercept) * Math.Pow(lo, saturatedFit.Exponent), Math.Exp(saturatedFit.Intercept) * Math.Pow(hi, saturatedFit.Exponent)], dashed: true);
        }

        // The other cases' exponents on the same axes: one scale, two groups, and the linear control on the first power law's data.
        ProbeResult single = first.SingleScale.Teacher.Result, two = first.TwoGroups.Teacher.Result;
        exponentFigure.Line("r ≡ 1", single.T, single.Exponent);
        exponentFigure.Line("two groups", two.T, two.Exponent);
        PowerLawCase firstPowerLaw = first.PowerLaws[0];
        exponentFigure.Line($"linear control (β = {firstPowerLaw.Label} data)", firstPowerLaw.Control.Result.T, firstPowerLaw.Control.Result.Exponent);
    }

    /// <summary>Per β, the measured local exponent against the finite-range model's, with the fit window and β.</summary>
    private static void DrawFiniteRangeFigure(ExperimentContext context, SeedResults first)
    {
        Figure figure = context.Plot("finite-range-model", "Local exponent: measured ΔL vs the finite-range model (1/n) Σᵢ ℓ(rᵢ|t|)")
            .Axes("|t| (unit first-layer direction)", "p(t) = d ln ΔL / d ln |t|", AxisScale.Log, AxisScale.Linear);
        foreach (PowerLawCase p in first.PowerLaws)
        {
            ProbeResult result = p.Teacher.Result;
            FiniteRangePrediction f = p.Prediction;
            figure.Line(Invariant($"measured β = {p.Label} (fit {p.Fit.Exponent:0.00})"), result.T, result.Exponent)
                  .Line(Invariant($"model β = {p.Label} (fit {f.Fit.Exponent:0.00})"), result.T, ExponentCurve.LocalExponents(result.T, f.Model), dashed: true)
                  .HorizontalLine($"β = {p.Label}", p.Beta);
        }
        PowerLawCase widest = first.PowerLaws[0];
        figure.VerticalLine("window: 10c/r_max", widest.Lo).VerticalLine("window: c/(10 r_min)", widest.Hi);
        figure.Caption = "Look for: the model (dashed; the seed's one-example profile ℓ(s), measured on the r ≡ 1 data, averaged over the sample's magnitudes) bends "
                       + "away from β at both ends of the window just as the measurement does; inside the window the measured curve wobbles around it, "
                       + "most at the low end for large β, where a handful of the largest magnitudes — and the directions they happen to get — own ΔL.";
    }

    /// <summary>The student's training loss and its growth with the teacher's window and the fit.</summary>
    private static void DrawStudentFigures(ExperimentContext context, StudentResult student)
    {
        Trajectory trajectory = student.Trajectory;
        string label = student.Label;
        double lo = student.Lo, hi = student.Hi;
        ExponentFit fit = student.Fit;
        ProbeResult result = student.Result;
        var steps = new double[trajectory.Count];
        for (int k = 0; k < steps.Length; k++) steps[k] = trajectory.Step[k] + 1;
        context.Plot("student-training", $"Trained student on power-law data (β = {label}): training loss")
            .Axes("Adam step + 1", "training loss", AxisScale.Log, AxisScale.Log)
            .Line("loss", steps, Positive(trajectory.Loss))
            .Caption = "The student's full-batch Adam run from a random initialization; its endpoint is where the student's growth profile is measured.";
        Figure growth = context.Plot("student-growth", $"Trained student (β = {label}): ΔL along a first-layer direction")
            .Axes("|t| (unit first-layer direction)", "ΔL(t)", AxisScale.Log, AxisScale.Log)
            .Line("ΔL(t) at the student", result.T, Positive(result.Delta))
            .VerticalLine("teacher window: 10c/r_max", lo)
            .VerticalLine("teacher window: c/(10 r_min)", hi);
        if (double.IsFinite(fit.Exponent))
            growth.Line(Invariant($"fit: slope {fit.Exponent:0.00}"), [lo, hi], [Math.Exp(fit.Intercept) * Math.Pow(lo, fit.Exponent), Math.Exp(fit.Intercept) * Math.Pow(hi, fit.Exponent)], dashed: true);
        growth.Caption = "A measurement without a verdict: the student is not an exact minimum and its first layer need not be in tanh's linear regime, so the teacher's |t|^β law need not hold here.";
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
