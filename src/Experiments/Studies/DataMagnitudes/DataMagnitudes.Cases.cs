using System;
using System.Collections.Generic;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

/// <summary>(a) r ≡ 1 on one seed: the teacher's growth curve, its steps and where p(t) crosses its levels, and the linear control.</summary>
/// <param name="Teacher">The linear-regime teacher's profile.</param>
/// <param name="Steps">The steps of ΔL(t) (one expected).</param>
/// <param name="Leaves">The |t| where p(t) leaves 2 ± 0.1.</param>
/// <param name="Knee">The |t| where p(t) falls below <see cref="DataMagnitudes.SaturationLevel"/> (≈ c for r = 1).</param>
/// <param name="Flat">The |t| where p(t) falls below <see cref="DataMagnitudes.StepLevel"/> (saturated).</param>
/// <param name="Transition">Decades from <paramref name="Leaves"/> to <paramref name="Flat"/>.</param>
/// <param name="Control">The linear control on the same inputs.</param>
internal sealed record SingleScaleCase(TeacherProbe Teacher, IReadOnlyList<GrowthStep> Steps, double Leaves, double Knee, double Flat, double Transition,
                                       ControlProbe Control);

/// <summary>One group's share of the growth of ΔL over one step's interval.</summary>
internal sealed record GroupShare(int Step, double From, double To, int Group, double Magnitude, double Share);

/// <summary>(b) two groups on one seed, with (e) each group's part of ΔL(t) and its share of each step, and the linear control.</summary>
/// <param name="Magnitudes">The two magnitudes r₁ &lt; r₂.</param>
/// <param name="Teacher">The linear-regime teacher's profile.</param>
/// <param name="Steps">The steps of ΔL(t) (two expected).</param>
/// <param name="Separation">log₁₀ of the ratio of the two steps' half-growth |t| (NaN unless there are two steps).</param>
/// <param name="Parts">Each group's part of ΔL at every positive t: element [g][k].</param>
/// <param name="Shares">Each group's share of each step (empty unless there are two steps).</param>
/// <param name="FirstShare">The largest magnitude's share of step 1 (NaN unless there are two steps).</param>
/// <param name="SecondShare">The smallest magnitude's share of step 2 (NaN unless there are two steps).</param>
/// <param name="Control">The linear control on the same inputs.</param>
internal sealed record TwoGroupsCase(double[] Magnitudes, TeacherProbe Teacher, IReadOnlyList<GrowthStep> Steps, double Separation, double[][] Parts,
                                     IReadOnlyList<GroupShare> Shares, double FirstShare, double SecondShare, ControlProbe Control);

public sealed partial class DataMagnitudes
{
    /// <summary>(a) r ≡ 1: one magnitude, one scale.</summary>
    private static SingleScaleCase SingleScale(DataMagnitudesPlan plan, MagnitudeModels models, int seed, double[] directions)
    {
        double[] magnitudes = MagnitudeData.Groups(plan.Samples, [1.0], out _);
        double[] inputs = MagnitudeData.Inputs(directions, magnitudes, InputDimension);
        TeacherProbe teacher = ProbeLinearRegimeTeacher(plan, models, "single-scale", seed, inputs);
        ProbeResult result = teacher.Result;

        List<(double Start, double End)> runs = ExponentCurve.RunsAbove(result.T, result.Exponent, StepLevel, 2);
        List<GrowthStep> steps = FindSteps(result, runs);
        double leaves = ExponentCurve.FirstCrossingBelow(result.T, result.Exponent, 2 - Growth.QuadraticBand);
        double knee = ExponentCurve.FirstCrossingBelow(result.T, result.Exponent, SaturationLevel);
        double flat = ExponentCurve.FirstCrossingBelow(result.T, result.Exponent, StepLevel);
        ControlProbe control = LinearControl(plan, models, "single-scale", seed, inputs);
        return new SingleScaleCase(teacher, steps, leaves, knee, flat, Math.Log10(flat / leaves), control);
    }

    /// <summary>(b) two equal groups r ∈ {r₁, r₂}: two separated steps; (e) the per-group decomposition of each step.</summary>
    private static TwoGroupsCase TwoGroups(DataMagnitudesPlan plan, MagnitudeModels models, int seed, double[] directions)
    {
        double[] values = plan.GroupMagnitudes;
        double[] magnitudes = MagnitudeData.Groups(plan.Samples, values, out int[] groupOf);
        double[] inputs = MagnitudeData.Inputs(directions, magnitudes, InputDimension);
        TeacherProbe teacher = ProbeLinearRegimeTeacher(plan, models, "two-groups", seed, inputs);
        ProbeResult result = teacher.Result;

        List<(double Start, double End)> runs = ExponentCurve.RunsAbove(result.T, result.Exponent, StepLevel, 2);
        List<GrowthStep> steps = FindSteps(result, runs);
        double separation = runs.Count == 2 ? Math.Log10(steps[1].HalfGrowth / steps[0].HalfGrowth) : double.NaN;

        // (e) Each group's part of ΔL(t) = (1/n) Σ_{i ∈ g} ΔLᵢ(t); the parts add up to ΔL.
        double[][] exampleDeltas = MagnitudeProbe.ExampleDeltas(models.Tanh, teacher.Teacher, teacher.Data, teacher.Direction, result.T);
        double[][] parts = MagnitudeProbe.GroupContributions(exampleDeltas, groupOf, values.Length);

        // Step 1 is the growth from the smallest |t| to the plateau between the steps (the |t| of least local exponent
        // between them), step 2 the growth from that plateau to the largest |t|. A group's share of a step is its part
        // of the growth of ΔL over the step's interval.
        var shares = new List<GroupShare>();
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
                    shares.Add(new GroupShare(step + 1, from, to, g, values[g], share));
                    if (step == 0 && g == values.Length - 1) firstShare = share; // the largest magnitude
                    if (step == 1 && g == 0) secondShare = share; // the smallest magnitude
                }
            }
        }
        ControlProbe control = LinearControl(plan, models, "two-groups", seed, inputs);
        return new TwoGroupsCase(values, teacher, steps, separation, parts, shares, firstShare, secondShare, control);
    }
}
