using System;
using System.Collections.Generic;
using System.Linq;

using static Landscape.Experiments.Studies.StudyText;

namespace Landscape.Experiments.Studies;

public sealed partial class SkipConnections
{
    /// <summary>
    /// v₁ is an eigenvector when ‖Hv₁ − λv₁‖ ≤ 1e-6·λmax: Lanczos stops at 1e-8 by its own estimate; the true residual,
    /// from one extra HVP, may exceed the estimate by rounding in the HVP (~1e-12 relative here) but not by two decades.
    /// </summary>
    private const double EigenvectorResidual = 1e-6;

    /// <summary>Inside the quadratic regime p(t) is 2 up to the band the probes use for the quadratic radius (|p − 2| ≤ 0.1).</summary>
    private const double QuadraticExponentLow = 2 - Probes.Growth.QuadraticBand, QuadraticExponentHigh = 2 + Probes.Growth.QuadraticBand;

    /// <summary>
    /// States the claims that hold by construction of a good measurement (near-zero loss, v₁ an eigenvector, p ≈ 2 near θ*)
    /// per network and seed, and Li et al.'s hypotheses per depth: each is a claim when it holds on every seed run and a
    /// measurement otherwise, with the per-seed numbers always reported.
    /// </summary>
    private static void StateClaims(ExperimentContext context, SkipConnectionsPlan plan, IReadOnlyList<NetworkLandscape> results)
    {
        foreach (NetworkLandscape r in results)
        {
            string n = Invariant($"{r.Name}, seed {r.Seed}");
            context.Measure($"{n}: λmax at θ*", r.Max.Value);
            context.Measure($"{n}: λmin at θ* (smallest Ritz value after {r.Min.Hvps} HVPs)", r.Min.Value);
            context.Measure($"{n}: λmin relative residual ‖Hv − λmin v‖ / λmax", r.Min.Residual / r.Max.Value);
            context.Measure($"{n}: |λmin/λmax| at θ*", r.Ratio);
            context.Measure($"{n}: rise of the 1-D surface at half the radius, L(θ* ± R/2·d₁) − L(θ*)", r.HalfRadiusRise);
            context.Measure($"{n}: fraction of the 2-D surface that is not locally convex", r.SurfaceNonconvexity);
            context.Measure($"{n}: median p(t) over the last decade of |t| along v₁", r.LargeExponent);
            if (r.Map.Length > 0)
                context.Measure($"{n}: mean |λmin/λmax| over the {plan.CurvatureGrid}×{plan.CurvatureGrid} map", r.Map.Average(c => c.Ratio));

            context.Claim($"{n}: training reached near-zero loss (final L(θ*))", r.Trained.FinalLoss,
                          $"< {ExperimentContext.Format(plan.LossThreshold)}", r.Trained.FinalLoss < plan.LossThreshold);
            double relative = r.Max.Residual / r.Max.Value;
            context.Claim($"{n}: v₁ is an eigenvector of the Hessian at θ* (‖Hv₁ − λmax v₁‖ / λmax)", relative,
                          $"≤ {ExperimentContext.Format(EigenvectorResidual)}", relative <= EigenvectorResidual);
            context.ClaimWithin($"{n}: p(t) ≈ 2 over the first decade of |t| along v₁ (median)", r.SmallExponent, QuadraticExponentLow, QuadraticExponentHigh);
        }

        foreach (SkipNetworks.Pair pair in plan.Pairs)
        {
            (NetworkLandscape Residual, NetworkLandscape Plain)[] seeds = Pairs(results, pair.Depth);
            string d = Invariant($"depth {pair.Depth} ({pair.Plain.Name} vs {pair.Residual.Name})");
            Hypothesis(context, $"{d}: the plain minimum is sharper, λmax(plain) / λmax(residual)",
                       seeds.Select(s => s.Plain.Max.Value / s.Residual.Max.Value).ToArray(), seeds);
            Hypothesis(context, $"{d}: the plain 1-D surface rises faster, rise(plain) / rise(residual) at R/2",
                       seeds.Select(s => s.Plain.HalfRadiusRise / s.Residual.HalfRadiusRise).ToArray(), seeds);
            Hypothesis(context, $"{d}: the plain minimum is less convex, |λmin/λmax|(plain) − |λmin/λmax|(residual)",
                       seeds.Select(s => s.Plain.Ratio - s.Residual.Ratio).ToArray(), seeds, threshold: 0);
            Hypothesis(context, $"{d}: more of the plain 2-D surface is non-convex, fraction(plain) − fraction(residual)",
                       seeds.Select(s => s.Plain.SurfaceNonconvexity - s.Residual.SurfaceNonconvexity).ToArray(), seeds, threshold: 0);
            var mapped = seeds.Where(s => s.Residual.Map.Length > 0).ToArray();
            if (mapped.Length > 0)
            {
                Hypothesis(context, $"{d}: the plain |λmin/λmax| map is higher on average, mean(plain) − mean(residual)",
                           mapped.Select(s => s.Plain.Map.Average(c => c.Ratio) - s.Residual.Map.Average(c => c.Ratio)).ToArray(), mapped, threshold: 0);
            }
        }

        for (int k = 1; k < plan.Pairs.Count; k++)
        {
            SkipNetworks.Pair shallow = plan.Pairs[k - 1], deep = plan.Pairs[k];
            var shallowSeeds = Pairs(results, shallow.Depth);
            var deepSeeds = Pairs(results, deep.Depth);
            double[] growth = shallowSeeds.Zip(deepSeeds, (s, t) =>
                (t.Plain.Max.Value / t.Residual.Max.Value) / (s.Plain.Max.Value / s.Residual.Max.Value)).ToArray();
            Hypothesis(context, Invariant($"depth {deep.Depth} vs {shallow.Depth}: the plain/residual λmax ratio grows with depth, ratio(depth {deep.Depth}) / ratio(depth {shallow.Depth})"),
                       growth, deepSeeds);
        }
    }

    /// <summary>The residual and plain results of one depth, matched by seed, in seed order.</summary>
    private static (NetworkLandscape Residual, NetworkLandscape Plain)[] Pairs(IReadOnlyList<NetworkLandscape> results, int depth) =>
        results.Where(r => r.Depth == depth && r.Residual)
               .Select(r => (r, results.Single(p => p.Depth == depth && !p.Residual && p.Seed == r.Seed)))
               .ToArray();

    /// <summary>
    /// One of Li et al.'s hypotheses: the per-seed values are always reported; the hypothesis is a claim (on the smallest
    /// value over the seeds) when every seed's value exceeds <paramref name="threshold"/> (1 for a ratio, 0 for a
    /// difference) and a measurement named "not on every seed" otherwise.
    /// </summary>
    private static void Hypothesis(ExperimentContext context, string text, double[] values, (NetworkLandscape Residual, NetworkLandscape Plain)[] seeds,
                                   double threshold = 1)
    {
        for (int k = 0; k < values.Length; k++) context.Measure(Invariant($"{text}, seed {seeds[k].Residual.Seed}"), values[k]);
        double smallest = values.Min();
        if (values.All(v => v > threshold))
            context.Claim($"{text}: smallest over {values.Length} seed(s)", smallest, $"> {ExperimentContext.Format(threshold)}", smallest > threshold);
        else
            context.Measure($"{text}: not > {ExperimentContext.Format(threshold)} on every seed; smallest over {values.Length} seed(s)", smallest);
    }
}
