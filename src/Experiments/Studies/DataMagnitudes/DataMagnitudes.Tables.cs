using System.Collections.Generic;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

public sealed partial class DataMagnitudes
{
    /// <summary>
    /// Writes the data of record: every profile point (in the order the profiles were taken), the per-group parts, the
    /// steps and shares, the power-law fits, their finite-range predictions with the model curves, the reshuffled
    /// exponents and the one-example profiles, the linear controls and the student's training curve.
    /// </summary>
    private static void WriteTables(ExperimentContext context, DataMagnitudesResults results)
    {
        ResultTable growth = context.Table("growth", "case", "seed", "t", "delta", "exponent", "quadratic");
        ResultTable groupGrowth = context.Table("two_groups_by_group", "seed", "t", "group", "magnitude", "delta_part");
        ResultTable steps = context.Table("steps", "case", "seed", "step", "start", "end", "from", "to", "half_growth_t");
        ResultTable shares = context.Table("two_groups_step_shares", "seed", "step", "from", "to", "group", "magnitude", "share");
        ResultTable fits = context.Table("power_law_fits", "seed", "beta", "c", "c_exit", "r_min", "r_max", "window_lo", "window_hi",
                                         "exponent", "lower", "upper", "points", "exponent_sampled_extremes", "saturated_exponent", "saturated_lower", "saturated_upper");
        ResultTable linearControl = context.Table("linear_control", "data", "seed", "max_abs_exponent_minus_2");
        ResultTable predictions = context.Table("finite_range_predictions", "seed", "beta", "window_lo", "window_hi", "exponent", "predicted_exponent", "difference",
                                                "caricature_exponent", "kappa", "plateau", "caricature_knee", "reshuffles", "reshuffled_mean", "reshuffled_sd",
                                                "reshuffled_within_tolerance");
        ResultTable models = context.Table("finite_range_model", "seed", "beta", "t", "delta", "delta_model", "delta_caricature");
        ResultTable reshuffled = context.Table("reshuffled_exponents", "seed", "beta", "draw", "exponent");
        ResultTable unitProfile = context.Table("one_example_profile", "seed", "s", "loss");

        foreach (SeedResults s in results.Seeds)
        {
            int seed = s.Seed;
            SingleScaleCase single = s.SingleScale;
            AddProfile(growth, single.Teacher.Result);
            AddProfile(growth, single.Control.Result);
            AddSteps(steps, "single-scale", seed, single.Steps);
            linearControl.Add(single.Control.Data, seed, single.Control.Deviation);

            TwoGroupsCase two = s.TwoGroups;
            AddProfile(growth, two.Teacher.Result);
            AddSteps(steps, "two-groups", seed, two.Steps);
            double[] t = two.Teacher.Result.T;
            for (int k = 0; k < t.Length; k++)
                for (int g = 0; g < two.Magnitudes.Length; g++)
                    groupGrowth.Add(seed, t[k], g, two.Magnitudes[g], two.Parts[g][k]);
            foreach (GroupShare share in two.Shares)
                shares.Add(seed, share.Step, share.From, share.To, share.Group, share.Magnitude, share.Share);
            AddProfile(growth, two.Control.Result);
            linearControl.Add(two.Control.Data, seed, two.Control.Deviation);

            foreach (PowerLawCase p in s.PowerLaws)
            {
                AddProfile(growth, p.Teacher.Result);
                AddProfile(growth, p.Saturated);
                fits.Add(seed, p.Beta, p.C, p.CExit, p.RMin, p.RMax, p.Lo, p.Hi, p.Fit.Exponent, p.Fit.Lower, p.Fit.Upper, p.Fit.Points, p.SampledFit.Exponent,
                         p.SaturatedFit.Exponent, p.SaturatedFit.Lower, p.SaturatedFit.Upper);
                AddProfile(growth, p.Control.Result);
                linearControl.Add(p.Control.Data, seed, p.Control.Deviation);

                FiniteRangePrediction f = p.Prediction;
                OneExampleProfile unit = s.Unit;
                predictions.Add(seed, p.Beta, p.Lo, p.Hi, p.Fit.Exponent, f.Fit.Exponent, p.Fit.Exponent - f.Fit.Exponent, f.CaricatureFit.Exponent,
                                unit.Kappa, unit.Plateau, unit.Knee, f.Reshuffled.Length, f.ReshuffledMean, f.ReshuffledSd, f.ReshuffledWithin);
                double[] pt = p.Teacher.Result.T, delta = p.Teacher.Result.Delta;
                for (int k = 0; k < pt.Length; k++) models.Add(seed, p.Beta, pt[k], delta[k], f.Model[k], f.CaricatureModel[k]);
                for (int d = 0; d < f.Reshuffled.Length; d++) reshuffled.Add(seed, p.Beta, d, f.Reshuffled[d]);
            }
            for (int k = 0; k < s.Unit.S.Length; k++) unitProfile.Add(seed, s.Unit.S[k], s.Unit.Loss[k]);
        }

        StudentResult student = results.Student;
        ResultTable training = context.Table("student_training", "step", "loss", "gradient_norm");
        for (int k = 0; k < student.Trajectory.Count; k++) training.Add(student.Trajectory.Step[k], student.Trajectory.Loss[k], student.Trajectory.GradientNorm[k]);
        AddProfile(growth, student.Result);
    }

    /// <summary>Every point of a profile, both signs (ΔL is NaN where it underflowed).</summary>
    private static void AddProfile(ResultTable growth, ProbeResult result)
    {
        GrowthProfile profile = result.Profile;
        for (int k = 0; k < profile.T.Length; k++)
            growth.Add(result.Case, result.Seed, profile.T[k], profile.Underflow[k] ? double.NaN : profile.Delta[k], profile.LocalExponent[k], profile.Quadratic[k]);
    }

    private static void AddSteps(ResultTable table, string caseName, int seed, IReadOnlyList<GrowthStep> steps)
    {
        for (int k = 0; k < steps.Count; k++)
            table.Add(caseName, seed, k + 1, steps[k].Start, steps[k].End, steps[k].From, steps[k].To, steps[k].HalfGrowth);
    }
}
