using System;
using System.Collections.Generic;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

public sealed partial class SubquadraticGrowth
{
    /// <summary>Writes the data of record: training curves, the minima, the per-direction summaries and every profile point.</summary>
    private static void WriteTables(ExperimentContext context, IReadOnlyList<NetworkGrowth> results)
    {
        ResultTable training = context.Table("training", "network", "step", "learning_rate", "loss", "gradient_norm");
        foreach (NetworkGrowth result in results)
        {
            var trajectory = result.Trained.Trajectory;
            long[] steps = trajectory.Step;
            double[] rates = trajectory.LearningRate, losses = trajectory.Loss, norms = trajectory.GradientNorm;
            for (int i = 0; i < steps.Length; i++) training.Add(result.Name, steps[i], rates[i], losses[i], norms[i]);
        }

        ResultTable minima = context.Table("minima", "network", "family", "architecture", "parameters", "examples", "initial_loss", "final_loss",
                                           "gradient_norm", "minimum_norm", "lambda1", "lambda1_residual", "lanczos_hvps", "lanczos_converged", "top_readout_share");
        foreach (NetworkGrowth r in results)
        {
            minima.Add(r.Name, NetworkArchitectures.Name(r.Family), r.Trained.Architecture, r.Trained.Model.ParameterCount, r.Trained.ExampleCount,
                       r.Trained.InitialLoss, r.Trained.FinalLoss, r.Trained.FinalGradientNorm, r.MinimumNorm, r.Eigenpairs.Values[0], r.Eigenpairs.Residuals[0],
                       r.Eigenpairs.HvpCount, r.Eigenpairs.Converged, r.TopReadoutShare);
        }

        ResultTable directions = context.Table("directions", "network", "direction", "kind", "curvature", "slope", "filter_norm", "min_t", "max_t", "linear_share_at_min_t",
                                               "quadratic_radius_negative", "quadratic_radius_positive", "exponent_first_decade",
                                               "exponent_last_decade", "overshoot_at_max_t", "resolved_decades");
        foreach (NetworkGrowth r in results)
        {
            foreach (GrowthDirection d in r.Directions)
            {
                directions.Add(r.Name, d.Name, KindName(d.Kind), d.Profile.Curvature, d.Slope, d.FilterNorm, d.MinT, d.MaxT, d.LinearShare,
                               d.Profile.QuadraticRadiusNegative, d.Profile.QuadraticRadiusPositive, d.SmallExponent,
                               d.LargeExponent, d.Overshoot, d.Decades);
            }
        }

        ResultTable growth = context.Table("growth", "network", "direction", "sign", "abs_t", "t", "delta", "exponent", "quadratic", "underflow");
        foreach (NetworkGrowth r in results)
        {
            foreach (GrowthDirection d in r.Directions)
            {
                GrowthProfile p = d.Profile;
                for (int k = 0; k < p.T.Length; k++)
                    growth.Add(r.Name, d.Name, Math.Sign(p.T[k]), Math.Abs(p.T[k]), p.T[k], p.Delta[k], p.LocalExponent[k], p.Quadratic[k], p.Underflow[k]);
            }
        }
    }

    /// <summary>The <c>kind</c> column's text for a direction kind.</summary>
    private static string KindName(GrowthDirectionKind kind) => kind switch
    {
        GrowthDirectionKind.TopEigenvector => "top-eigenvector",
        GrowthDirectionKind.RandomHidden => "random-hidden-layers",
        _ => "random-all-layers",
    };
}
