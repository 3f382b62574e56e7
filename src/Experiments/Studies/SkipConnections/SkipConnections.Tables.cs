using System.Collections.Generic;
using System.Linq;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

public sealed partial class SkipConnections
{
    /// <summary>Writes the data of record: training curves, the minima and their spectra, the surfaces, growth and the map.</summary>
    private static void WriteTables(ExperimentContext context, IReadOnlyList<NetworkLandscape> results)
    {
        ResultTable training = context.Table("training", "network", "depth", "seed", "step", "learning_rate", "loss", "gradient_norm");
        foreach (NetworkLandscape r in results)
        {
            var trajectory = r.Trained.Trajectory;
            long[] steps = trajectory.Step;
            double[] rates = trajectory.LearningRate, losses = trajectory.Loss, norms = trajectory.GradientNorm;
            for (int i = 0; i < steps.Length; i++) training.Add(r.Name, r.Depth, r.Seed, steps[i], rates[i], losses[i], norms[i]);
        }

        ResultTable minima = context.Table("minima", "network", "architecture", "residual", "depth", "seed", "parameters", "examples", "initial_loss",
                                           "final_loss", "gradient_norm", "lambda_max", "lambda_max_residual", "lambda_max_hvps", "lambda_max_converged",
                                           "lambda_min", "lambda_min_residual", "lambda_min_hvps", "lambda_min_converged", "abs_min_over_max",
                                           "growth_slope", "growth_min_t", "growth_max_t", "exponent_first_decade", "exponent_last_decade",
                                           "d1_norm", "d2_norm", "half_radius_t", "half_radius_rise", "surface_nonconvex_fraction");
        foreach (NetworkLandscape r in results)
        {
            int m = r.Line.T.Length / 2;
            minima.Add(r.Name, r.Trained.Architecture, r.Residual, r.Depth, r.Seed, r.Trained.Model.ParameterCount, r.Trained.ExampleCount,
                       r.Trained.InitialLoss, r.Trained.FinalLoss, r.Trained.FinalGradientNorm, r.Max.Value, r.Max.Residual, r.Max.Hvps, r.Max.Converged,
                       r.Min.Value, r.Min.Residual, r.Min.Hvps, r.Min.Converged, r.Ratio, r.Slope, r.MinT, r.MaxT, r.SmallExponent, r.LargeExponent,
                       r.FilterNorms.First, r.FilterNorms.Second, r.Line.T[m + m / 2], r.HalfRadiusRise, r.SurfaceNonconvexity);
        }

        ResultTable line = context.Table("surface_1d", "network", "depth", "seed", "t", "loss", "slope", "curvature");
        foreach (NetworkLandscape r in results)
            for (int k = 0; k < r.Line.T.Length; k++) line.Add(r.Name, r.Depth, r.Seed, r.Line.T[k], r.Line.Loss[k], r.Line.Slope[k], r.Line.Curvature[k]);

        ResultTable plane = context.Table("surface_2d", "network", "depth", "seed", "x", "y", "loss");
        foreach (NetworkLandscape r in results)
        {
            PlaneSlice p = r.Plane;
            for (int i = 0; i < p.X.Length; i++)
                for (int j = 0; j < p.Y.Length; j++) plane.Add(r.Name, r.Depth, r.Seed, p.X[i], p.Y[j], p.Loss[i, j]);
        }

        ResultTable growth = context.Table("growth_v1", "network", "depth", "seed", "t", "delta", "exponent", "quadratic", "underflow");
        foreach (NetworkLandscape r in results)
        {
            GrowthProfile p = r.Growth;
            for (int k = 0; k < p.T.Length; k++) growth.Add(r.Name, r.Depth, r.Seed, p.T[k], p.Delta[k], p.LocalExponent[k], p.Quadratic[k], p.Underflow[k]);
        }

        if (results.Any(r => r.Map.Length > 0))
        {
            ResultTable map = context.Table("curvature_map", "network", "depth", "seed", "x", "y", "lambda_max", "lambda_max_residual", "lambda_max_hvps",
                                            "lambda_max_converged", "lambda_min", "lambda_min_residual", "lambda_min_hvps", "lambda_min_converged",
                                            "abs_min_over_max");
            foreach (NetworkLandscape r in results)
            {
                foreach (CurvaturePoint c in r.Map)
                    map.Add(r.Name, r.Depth, r.Seed, c.X, c.Y, c.Max.Value, c.Max.Residual, c.Max.Hvps, c.Max.Converged, c.Min.Value, c.Min.Residual, c.Min.Hvps,
                            c.Min.Converged, c.Ratio);
            }
        }
    }
}
