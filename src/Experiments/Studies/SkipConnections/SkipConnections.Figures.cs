using System;
using System.Collections.Generic;
using System.Linq;
using Landscape.Probes;

using static Landscape.Experiments.Studies.StudyText;

namespace Landscape.Experiments.Studies;

public sealed partial class SkipConnections
{
    /// <summary>Contour lines over each 2-D surface: enough to show the shape of the basin, few enough to stay legible.</summary>
    private const int SurfaceContours = 12;

    /// <summary>
    /// Per depth: the 2-D surfaces of the residual and the plain network side by side (the first seed), the 1-D overlay
    /// (every seed), the |λmin/λmax| maps side by side when measured, growth along v₁; then the training curves.
    /// </summary>
    private static void DrawFigures(ExperimentContext context, SkipConnectionsPlan plan, IReadOnlyList<NetworkLandscape> results)
    {
        foreach (SkipNetworks.Pair pair in plan.Pairs)
        {
            NetworkLandscape[] depth = results.Where(r => r.Depth == pair.Depth).ToArray();
            int firstSeed = depth[0].Seed;
            foreach (NetworkLandscape r in depth.Where(r => r.Seed == firstSeed))
            {
                double[,] log = new double[r.Plane.Y.Length, r.Plane.X.Length];
                for (int i = 0; i < r.Plane.X.Length; i++)
                    for (int j = 0; j < r.Plane.Y.Length; j++) log[j, i] = Math.Log10(r.Plane.Loss[i, j]);
                Figure surface = context.Plot($"surface-{r.Name}", Invariant($"{r.Name} (seed {r.Seed}): 2-D loss surface around θ*"))
                    .Axes("x (along d₁, filter-normalized)", "y (along d₂, filter-normalized)")
                    .HeatmapOf("log₁₀ L(θ* + x·d₁ + y·d₂)", r.Plane.X, r.Plane.Y, log)
                    .Contours(SurfaceContours)
                    .SideBySide(Invariant($"surfaces-depth{pair.Depth}"));
                surface.Caption = Invariant($"{(r.Residual ? "With" : "Without")} shortcuts. log₁₀ of the training loss on the plane of two filter-normalized ")
                                + Invariant($"random directions (the same draws for both networks), {SurfaceContours} contour lines evenly spaced in log₁₀ L; ")
                                + Invariant($"each panel has its own colour bar. Fraction of the plane that is not locally convex: {ExperimentContext.Format(r.SurfaceNonconvexity)}.");
            }

            Figure overlay = context.Plot($"surface-1d-depth{pair.Depth}", Invariant($"1-D loss surface along d₁, {pair.Residual.Name} vs {pair.Plain.Name}"))
                .Axes("t (along d₁, filter-normalized)", "L(θ* + t·d₁)", AxisScale.Linear, AxisScale.Log);
            foreach (NetworkLandscape r in depth) overlay.Line(Invariant($"{r.Name}, seed {r.Seed}"), r.Line.T, r.Line.Loss, dashed: !r.Residual);
            overlay.Caption = "The training loss along the first filter-normalized direction through each minimum, residual solid and plain dashed, one "
                            + "curve per seed; a sharper minimum rises faster away from t = 0.";

            if (depth.Any(r => r.Map.Length > 0))
            {
                foreach (NetworkLandscape r in depth.Where(r => r.Map.Length > 0))
                {
                    double[] coarse = Grid(plan.CurvatureGrid, plan.SurfaceRadius);
                    var ratio = new double[coarse.Length, coarse.Length];
                    foreach ((CurvaturePoint c, int k) in r.Map.Select((c, k) => (c, k))) ratio[k % coarse.Length, k / coarse.Length] = c.Ratio;
                    Figure map = context.Plot($"curvature-map-{r.Name}", Invariant($"{r.Name} (seed {r.Seed}): |λmin/λmax| of the Hessian on the plane"))
                        .Axes("x (along d₁, filter-normalized)", "y (along d₂, filter-normalized)")
                        .HeatmapOf("|λmin / λmax|", coarse, coarse, ratio)
                        .SideBySide(Invariant($"curvature-depth{pair.Depth}"));
                    map.Caption = Invariant($"Li et al.'s convexity map on a {plan.CurvatureGrid}×{plan.CurvatureGrid} grid of the surface's plane: λmax and λmin of the full ")
                                + "Hessian by Lanczos at each point; 0 where λmin ≥ 0 (locally convex), larger where the surface bends down in some direction.";
                }
            }

            Figure growth = context.Plot($"growth-v1-depth{pair.Depth}", Invariant($"Loss growth along the top Hessian eigenvector, depth {pair.Depth}"))
                .Axes("|t| (distance from θ*)", "ΔL(t) = L(θ* + t·v₁) − L(θ*)", AxisScale.Log, AxisScale.Log);
            foreach (NetworkLandscape r in depth.Where(r => r.Seed == firstSeed))
            {
                int m = r.Growth.T.Length / 2;
                double[] t = r.Growth.T[m..], delta = r.Growth.Delta[m..], quadratic = r.Growth.Quadratic[m..];
                growth.Line(Invariant($"ΔL, {r.Name}"), t, delta, dashed: !r.Residual)
                      .Line(Invariant($"½λmax t², {r.Name}"), t, quadratic, dashed: true);
            }
            growth.Caption = "ΔL along v₁ (t > 0; both signs are in growth_v1.csv) with its quadratic model: slope 2 on log–log axes near θ*, "
                           + "bending away from the model further out.";
        }

        Figure loss = context.Plot("training-loss", "Training loss (full-batch Adam, cosine-annealed)")
            .Axes("step", "training loss L(θ)", AxisScale.Linear, AxisScale.Log);
        foreach (NetworkLandscape r in results)
            loss.Line(Invariant($"{r.Name}, seed {r.Seed}"), r.Trained.Trajectory.Step.Select(s => (double)s).ToArray(), r.Trained.Trajectory.Loss, dashed: !r.Residual);
        loss.HorizontalLine("near-zero threshold", plan.LossThreshold);
        loss.Caption = "One-hot MSE on the MNIST subset, residual networks solid and plain networks dashed; both start from the same weights per seed.";
    }
}
