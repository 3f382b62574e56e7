using System;
using System.Collections.Generic;
using System.Linq;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

public sealed partial class SubquadraticGrowth
{
    /// <summary>Per network: ΔL along the top eigenvector and along the random directions, p(t), and the training curves.</summary>
    private static void DrawFigures(ExperimentContext context, SubquadraticGrowthPlan plan, IReadOnlyList<NetworkGrowth> results)
    {
        foreach (NetworkGrowth r in results)
        {
            GrowthDirection top = r.Top;
            (double[] tPos, double[] dPos, double[] qPos) = Side(top.Profile, positive: true);
            (double[] tNeg, double[] dNeg, _) = Side(top.Profile, positive: false);
            Figure topFigure = context.Plot($"growth-top-{r.Name}", $"{r.Name}: loss growth along the top Hessian eigenvector")
                .Axes("|t| (distance from θ*)", "ΔL(t) = L(θ* + t·v₁) − L(θ*)", AxisScale.Log, AxisScale.Log)
                .Line("ΔL, t > 0", tPos, dPos)
                .Line("ΔL, t < 0", tNeg, dNeg)
                .Line("½λ₁t² (quadratic model)", tPos, qPos, dashed: true);
            if (double.IsFinite(top.Profile.QuadraticRadius)) topFigure.VerticalLine("quadratic radius", top.Profile.QuadraticRadius);
            topFigure.Caption = $"Log–log growth of the loss along v₁ (λ₁ = {ExperimentContext.Format(r.Eigenpairs.Values[0])}). The curves follow the dashed "
                              + "parabola (slope 2) only up to the quadratic radius (vertical line) and bend below it beyond: the quadratic model "
                              + $"overshoots ΔL by ×{ExperimentContext.Format(top.Overshoot)} at |t| = {ExperimentContext.Format(top.MaxT)}.";

            RandomFigure(context, r, GrowthDirectionKind.RandomHidden, "hidden",
                "Growth along unit-norm, filter-normalized random directions in the hidden layers (readout fixed; t > 0, both signs are in "
                + "growth.csv). Each solid curve leaves its dashed parabola at its quadratic radius and grows more slowly than t² beyond it: "
                + "the tanh units saturate, so ΔL levels off.");
            RandomFigure(context, r, GrowthDirectionKind.RandomAll, "all",
                "Control: filter-normalized random directions that also move the linear readout. The loss is exactly quadratic in the "
                + "readout weights (MSE), so this term keeps ΔL near (or above) its parabola; compare with the hidden-layer directions.");

            Figure exponent = context.Plot($"exponent-{r.Name}", $"{r.Name}: local growth exponent p(t)")
                .Axes("|t| (distance from θ*)", "p(t) = d log ΔL / d log |t|", AxisScale.Log, AxisScale.Linear);
            foreach (GrowthDirection d in r.Directions.Where(d => d.Kind != GrowthDirectionKind.RandomAll))
            {
                foreach (bool positive in new[] { true, false })
                {
                    (double[] t, double[] p) = Exponents(d.Profile, positive);
                    exponent.Line($"{d.Name}, t {(positive ? ">" : "<")} 0", t, p);
                }
            }
            exponent.HorizontalLine("p = 2 (quadratic)", 2);
            exponent.Caption = "Along v₁ and the hidden-layer random directions the local exponent is 2 at small |t| (the quadratic regime) "
                             + "and falls below 2 beyond the quadratic radius: subquadratic growth. Each direction's grid starts where the "
                             + "gradient's linear term is negligible; missing points are rounding-dominated differences.";
        }

        Figure loss = context.Plot("training-loss", "Training loss (full-batch Adam, cosine-annealed)")
            .Axes("step", "training loss L(θ)", AxisScale.Linear, AxisScale.Log);
        foreach (NetworkGrowth r in results)
        {
            long[] steps = r.Trained.Trajectory.Step;
            loss.Line(r.Name, steps.Select(s => (double)s).ToArray(), r.Trained.Trajectory.Loss);
        }
        loss.HorizontalLine("near-zero threshold", plan.LossThreshold);
        loss.Caption = "One-hot MSE on the MNIST subset; the final loss lies below the near-zero threshold (dashed), so θ* is a near-zero-loss minimum.";
    }

    private static void RandomFigure(ExperimentContext context, NetworkGrowth r, GrowthDirectionKind kind, string suffix, string caption)
    {
        Figure figure = context.Plot($"growth-random-{suffix}-{r.Name}", $"{r.Name}: loss growth along filter-normalized random directions ({suffix} layers)")
            .Axes("|t| (distance from θ*)", "ΔL(t) = L(θ* + t·d) − L(θ*)", AxisScale.Log, AxisScale.Log);
        foreach (GrowthDirection d in r.Of(kind))
        {
            (double[] t, double[] delta, double[] quadratic) = Side(d.Profile, positive: true);
            figure.Line($"ΔL, {d.Name}", t, delta).Line($"½ dᵀHd t², {d.Name}", t, quadratic, dashed: true);
        }
        double radius = StudyGrowth.Median(r.Of(kind).Select(d => d.BothSidesRadius));
        if (double.IsFinite(radius)) figure.VerticalLine("median quadratic radius", radius);
        figure.Caption = caption;
    }

    /// <summary>|t|, ΔL and the quadratic prediction on one side, ordered by |t|.</summary>
    private static (double[] T, double[] Delta, double[] Quadratic) Side(GrowthProfile profile, bool positive)
    {
        int[] indices = SideIndices(profile, positive);
        return (indices.Select(k => Math.Abs(profile.T[k])).ToArray(), indices.Select(k => profile.Delta[k]).ToArray(),
                indices.Select(k => profile.Quadratic[k]).ToArray());
    }

    /// <summary>|t| and p(t) on one side, ordered by |t|.</summary>
    private static (double[] T, double[] P) Exponents(GrowthProfile profile, bool positive)
    {
        int[] indices = SideIndices(profile, positive);
        return (indices.Select(k => Math.Abs(profile.T[k])).ToArray(), indices.Select(k => profile.LocalExponent[k]).ToArray());
    }

    private static int[] SideIndices(GrowthProfile profile, bool positive)
    {
        int m = profile.T.Length / 2;
        return positive ? Enumerable.Range(m, m).ToArray() : Enumerable.Range(0, m).Reverse().ToArray();
    }
}
