using System;
using System.Collections.Generic;
using System.Linq;

namespace Landscape.Experiments.Studies;

public sealed partial class SubquadraticGrowth
{
    /// <summary>Inside the quadratic regime p(t) is 2 up to the band the probes use for the quadratic radius (|p − 2| ≤ 0.1).</summary>
    private const double QuadraticExponentLow = 2 - Probes.Growth.QuadraticBand, QuadraticExponentHigh = 2 + Probes.Growth.QuadraticBand;

    /// <summary>
    /// "Clearly below 2" over the last decade: p ≤ 1.5, i.e. ΔL grows at most like |t|^1.5 there. PAPER.md §4.1 expects
    /// 1 &lt; p &lt; 2 beyond the radius (≤ 1 possible at large |t|); 1.5 is halfway between a quadratic and a linear law and
    /// five times the half-width of the quadratic band (2 ± 0.1), so a median below it is no quadratic with noise.
    /// </summary>
    private const double SubquadraticExponentCeiling = 1.5;

    /// <summary>
    /// The quadratic model must overshoot ΔL at the largest |t| by more than 5× (a 400% error). Along v₁ the grid ends at
    /// |t| = 10 ≈ ‖θ*‖, some 25 quadratic radii out, where the measured factor is ~9–13 (test/quick seeds); a decade
    /// (×10) is not reliably reached there, and pushing the grid further out would enter the regime where the readout
    /// component of v₁ (~30% of its mass, reported) makes ΔL grow like t² again. Along hidden-layer random directions ΔL
    /// saturates and the factor is in the thousands.
    /// </summary>
    private const double OvershootFloor = 5;

    /// <summary>
    /// Whether the far-out claims along v₁ (p ≤ 1.5 over the last decade, overshoot > 5) are stated for a family. For the
    /// MLPs they hold on every seed run. For the CNNs v₁ lies 70–94% in the linear readout (measured on quick seeds 0–3
    /// and the full profile), where one-hot MSE is exactly quadratic, and the last decade along v₁ gave p = 1.09–1.83 and
    /// an overshoot of 1.6–17: subquadratic, but not by the margins claimed for the MLPs on every seed. Both are reported as measurements
    /// there (the overshoot is among the measurements of every network); the hidden-layer directions, which exclude the
    /// readout, keep every claim.
    /// </summary>
    internal static bool ClaimsFarOutAlongTop(NetworkArchitecture family) => family == NetworkArchitecture.Mlp;

    /// <summary>States the study's claims per network, each a measured value against its expectation.</summary>
    private static void StateClaims(ExperimentContext context, SubquadraticGrowthPlan plan, IReadOnlyList<NetworkGrowth> results)
    {
        foreach (NetworkGrowth r in results)
        {
            string n = r.Name;
            GrowthDirection top = r.Top;
            GrowthDirection[] hidden = r.Of(GrowthDirectionKind.RandomHidden).ToArray();
            GrowthDirection[] all = r.Of(GrowthDirectionKind.RandomAll).ToArray();
            GrowthDirection[] claimed = [top, .. hidden];

            context.Measure($"{n}: initial training loss", r.Trained.InitialLoss);
            context.Measure($"{n}: ‖∇L(θ*)‖", r.Trained.FinalGradientNorm);
            context.Measure($"{n}: λ₁ (top Hessian eigenvalue at θ*)", r.Eigenpairs.Values[0]);
            context.Measure($"{n}: relative residual ‖Hv₁ − λ₁v₁‖ / λ₁", r.Eigenpairs.Residuals[0] / r.Eigenpairs.Values[0]);
            context.Measure($"{n}: share of v₁ in the readout layer ‖v₁,readout‖²", r.TopReadoutShare);
            context.Measure($"{n}: largest linear-term share 2|g·d| / (dᵀHd·minT) at the smallest |t|", claimed.Max(d => d.LinearShare));
            context.Measure($"{n}: quadratic radius along v₁", top.BothSidesRadius, "|t|");
            context.Measure($"{n}: median quadratic radius, hidden-layer random directions", StudyGrowth.Median(hidden.Select(d => d.BothSidesRadius)), "|t|");
            context.Measure($"{n}: quadratic overshoot ½λ₁t²/ΔL at max |t| along v₁", top.Overshoot, "×");
            context.Measure($"{n}: median quadratic overshoot at max |t|, hidden-layer random directions", StudyGrowth.Median(hidden.Select(d => d.Overshoot)), "×");
            // The all-layer control: reported, not claimed (the readout's exact t² term keeps these profiles near quadratic).
            context.Measure($"{n}: control, all-layer random directions: median p over the first decade", StudyGrowth.Median(all.Select(d => d.SmallExponent)));
            context.Measure($"{n}: control, all-layer random directions: median p over the last decade", StudyGrowth.Median(all.Select(d => d.LargeExponent)));
            context.Measure($"{n}: control, all-layer random directions: median overshoot at max |t|", StudyGrowth.Median(all.Select(d => d.Overshoot)), "×");

            context.Claim($"{n}: training reached near-zero loss (final L(θ*))", r.Trained.FinalLoss,
                          $"< {ExperimentContext.Format(plan.LossThreshold)}", r.Trained.FinalLoss < plan.LossThreshold);

            context.ClaimWithin($"{n}: p(t) ≈ 2 over the first decade of |t| along v₁ (median)", top.SmallExponent, QuadraticExponentLow, QuadraticExponentHigh);
            GrowthDirection furthest = hidden.MaxBy(d => double.IsNaN(d.SmallExponent) ? double.PositiveInfinity : Math.Abs(d.SmallExponent - 2))!;
            context.ClaimWithin($"{n}: p(t) ≈ 2 over the first decade of |t| along every hidden-layer random direction (the median furthest from 2)",
                                furthest.SmallExponent, QuadraticExponentLow, QuadraticExponentHigh);

            bool topClaimed = ClaimsFarOutAlongTop(r.Family);
            if (topClaimed)
            {
                context.Claim($"{n}: p(t) clearly below 2 over the last decade of |t| along v₁ (median)", top.LargeExponent,
                              $"≤ {ExperimentContext.Format(SubquadraticExponentCeiling)}", top.LargeExponent <= SubquadraticExponentCeiling);
            }
            else
            {
                context.Measure($"{n}: p(t) over the last decade of |t| along v₁ (median; hypothesis p ≤ {ExperimentContext.Format(SubquadraticExponentCeiling)}, not claimed for CNNs)", top.LargeExponent);
            }
            double hiddenLarge = StudyGrowth.Median(hidden.Select(d => d.LargeExponent));
            context.Claim($"{n}: p(t) clearly below 2 over the last decade of |t| along hidden-layer random directions (median over directions)", hiddenLarge,
                          $"≤ {ExperimentContext.Format(SubquadraticExponentCeiling)}", hiddenLarge <= SubquadraticExponentCeiling);

            int withRadius = claimed.Count(d => double.IsFinite(d.BothSidesRadius));
            context.Claim($"{n}: a finite quadratic radius on both signs of v₁ and every hidden-layer random direction (directions with one)", withRadius,
                          $"= {claimed.Length}", withRadius == claimed.Length);

            if (topClaimed)
            {
                context.Claim($"{n}: the quadratic model ½λ₁t² overshoots ΔL at max |t| along v₁ (factor)", top.Overshoot,
                              $"> {ExperimentContext.Format(OvershootFloor)}", top.Overshoot > OvershootFloor);
            }
            double hiddenOvershoot = StudyGrowth.Median(hidden.Select(d => d.Overshoot));
            context.Claim($"{n}: the quadratic model overshoots ΔL at max |t| along hidden-layer random directions (median factor)", hiddenOvershoot,
                          $"> {ExperimentContext.Format(OvershootFloor)}", hiddenOvershoot > OvershootFloor);

            double decades = claimed.Min(d => d.Decades);
            context.Claim($"{n}: every profile resolves ≥ {ExperimentContext.Format(SubquadraticGrowthPlan.RequiredDecades)} decades of |t| (fewest)", decades,
                          $"≥ {ExperimentContext.Format(SubquadraticGrowthPlan.RequiredDecades)}", decades >= SubquadraticGrowthPlan.RequiredDecades - 1e-9);
        }
    }
}
