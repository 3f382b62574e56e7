using System;
using System.Collections.Generic;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

/// <summary>The two networks of one run: the tanh teacher/student network and the linear control.</summary>
internal sealed class MagnitudeModels
{
    /// <summary>f(x) = Σⱼ aⱼ tanh(wⱼ·x).</summary>
    public MagnitudeTanhNetwork Tanh { get; } = new();

    /// <summary>f(x) = w·x.</summary>
    public MagnitudeLinearModel Linear { get; } = new();
}

/// <summary>The linear-regime teacher on one data set, the probe direction, and the growth profile at the teacher along it.</summary>
/// <param name="Data">The inputs labelled by the teacher (L(θ*) = 0).</param>
/// <param name="Teacher">The teacher's parameters θ*.</param>
/// <param name="Direction">The seeded unit first-layer direction.</param>
/// <param name="Result">The growth profile.</param>
/// <param name="MaxPreactivation">max |wⱼ·xᵢ| of the teacher: how far it is from tanh's linear regime.</param>
internal sealed record TeacherProbe(Dataset Data, double[] Teacher, double[] Direction, ProbeResult Result, double MaxPreactivation);

/// <summary>The linear control on one data set: ΔL must be exactly quadratic at every t.</summary>
/// <param name="Data">The data set's name, e.g. "single-scale".</param>
/// <param name="Result">The growth profile of the linear model (case "linear-" + data).</param>
/// <param name="Deviation">max |p(t) − 2| over both signs.</param>
internal sealed record ControlProbe(string Data, ProbeResult Result, double Deviation);

/// <summary>
/// One step of a growth curve: a run of |t| where the local exponent exceeds <see cref="DataMagnitudes.StepLevel"/>, the
/// plateaus before and after it, and its half-growth |t|.
/// </summary>
/// <param name="Start">The run's first |t|.</param>
/// <param name="End">The run's last |t|.</param>
/// <param name="From">The plateau before the step (the smallest |t| for the first step).</param>
/// <param name="To">The plateau after the step (the largest |t| for the last step).</param>
/// <param name="HalfGrowth">Where ΔL first reaches the midpoint of its levels at <paramref name="From"/> and <paramref name="To"/>.</param>
internal sealed record GrowthStep(double Start, double End, double From, double To, double HalfGrowth);

/// <summary>Every case measured on one seed's data, teacher and direction.</summary>
/// <param name="Seed">The seed of the data, the teachers and the direction.</param>
/// <param name="SingleScale">(a) r ≡ 1.</param>
/// <param name="TwoGroups">(b) two groups, with (e) the per-group decomposition.</param>
/// <param name="PowerLaws">(c) one case per β, with the finite-range prediction, the saturated teacher and (d) the linear control.</param>
/// <param name="Unit">The one-example profile ℓ̄(s) on the seed's directions (the finite-range predictions' per-example loss).</param>
internal sealed record SeedResults(int Seed, SingleScaleCase SingleScale, TwoGroupsCase TwoGroups, IReadOnlyList<PowerLawCase> PowerLaws, OneExampleProfile Unit);

/// <summary>The pieces every case shares: profiling a model along a direction, the teachers, the linear control, and the steps of a growth curve.</summary>
public sealed partial class DataMagnitudes
{
    /// <summary>
    /// The teacher cases for every seed: (a) one magnitude, (b) two groups with (e) their decomposition, (c) the power
    /// laws with the saturated teacher, and (d) the linear control on each data set. Null when cancelled.
    /// </summary>
    private static List<SeedResults>? ProbeTeachers(ExperimentContext context, DataMagnitudesPlan plan, MagnitudeModels models, IProgressTask progress)
    {
        var seeds = new List<SeedResults>();
        for (int s = 0; s < plan.Seeds; s++)
        {
            if (context.Cancellation.IsCancellationRequested) return null;
            int seed = SeedOf(context.Seed, s);
            double[] directions = MagnitudeData.SphereDirections(plan.Samples, InputDimension, seed);
            SingleScaleCase singleScale = SingleScale(plan, models, seed, directions);
            progress.Increment(2);
            TwoGroupsCase twoGroups = TwoGroups(plan, models, seed, directions);
            progress.Increment(2);
            OneExampleProfile unit = MeasureOneExampleProfile(plan, models, singleScale.Teacher);
            List<PowerLawCase>? powerLaws = PowerLaws(context, plan, models, seed, directions, unit, progress);
            if (powerLaws is null) return null;
            seeds.Add(new SeedResults(seed, singleScale, twoGroups, powerLaws, unit));
        }
        if (context.Cancellation.IsCancellationRequested) return null;
        return seeds;
    }

    /// <summary>The seed of the <paramref name="index"/>-th seed's data, teachers and direction.</summary>
    private static int SeedOf(int runSeed, int index) => unchecked(runSeed * 7919 + index * 104729 + 1);

    /// <summary>Profiles the model along the direction (the growth table lists every point under <paramref name="caseName"/>).</summary>
    private static ProbeResult Probe(DataMagnitudesPlan plan, string caseName, int seed, IModel model, double[] theta, Dataset data, double[] direction)
    {
        GrowthProfile profile = Growth.Profile(model, theta, data, direction, plan.MinT, plan.MaxT, plan.PointsPerDecade);
        return new ProbeResult(caseName, seed, profile);
    }

    /// <summary>A data set labelled by the linear-regime (or saturated) tanh teacher: targets are its exact outputs, so L(θ*) = 0.</summary>
    private static (Dataset Data, double[] Teacher) TeacherData(MagnitudeModels models, double[] inputs, int seed, double weightScale)
    {
        double[] teacher = MagnitudeProbe.Teacher(models.Tanh, seed, weightScale);
        var targets = new double[inputs.Length / InputDimension];
        models.Tanh.Predict(teacher, inputs, targets);
        return (new Dataset(inputs, targets, targets.Length), teacher);
    }

    /// <summary>
    /// The linear-regime teacher on <paramref name="inputs"/> (with its largest pre-activation, for the linear-regime
    /// claim), the seeded unit first-layer direction, and the growth profile at the teacher along it.
    /// </summary>
    private static TeacherProbe ProbeLinearRegimeTeacher(DataMagnitudesPlan plan, MagnitudeModels models, string dataName, int seed, double[] inputs)
    {
        (Dataset data, double[] teacher) = TeacherData(models, inputs, seed, plan.TeacherWeightScale);
        double maxPreactivation = MagnitudeProbe.MaxPreactivation(models.Tanh, teacher, data);
        double[] direction = MagnitudeProbe.FirstLayerDirection(models.Tanh, seed);
        return new TeacherProbe(data, teacher, direction, Probe(plan, dataName, seed, models.Tanh, teacher, data, direction), maxPreactivation);
    }

    /// <summary>The linear control on the same inputs: ΔL must be exactly quadratic at every t.</summary>
    private static ControlProbe LinearControl(DataMagnitudesPlan plan, MagnitudeModels models, string dataName, int seed, double[] inputs)
    {
        double[] teacher = MagnitudeProbe.Teacher(models.Linear, seed, 1.0);
        var targets = new double[inputs.Length / InputDimension];
        models.Linear.Predict(teacher, inputs, targets);
        var data = new Dataset(inputs, targets, targets.Length);
        double[] direction = MagnitudeProbe.FirstLayerDirection(models.Linear, seed);
        ProbeResult result = Probe(plan, "linear-" + dataName, seed, models.Linear, teacher, data, direction);
        return new ControlProbe(dataName, result, result.MaxDeviationFromQuadratic());
    }

    /// <summary>
    /// The steps of a growth curve with each step's half-growth |t|. Step k runs from the plateau before it (the |t| of
    /// least local exponent between runs; the smallest |t| for the first step) to the plateau after it (the largest |t|
    /// for the last); its half-growth |t| is where ΔL first reaches the midpoint of the levels at those two boundaries —
    /// a location that does not depend on how tall the step's exponent bump is.
    /// </summary>
    private static List<GrowthStep> FindSteps(ProbeResult result, List<(double Start, double End)> runs)
    {
        double[] boundaries = StepBoundaries(result, runs);
        var steps = new List<GrowthStep>(runs.Count);
        for (int k = 0; k < runs.Count; k++)
        {
            double below = k == 0 ? 0 : ExponentCurve.At(result.T, result.Delta, boundaries[k]);
            double above = ExponentCurve.At(result.T, result.Delta, boundaries[k + 1]);
            double half = ExponentCurve.FirstReaching(result.T, result.Delta, 0.5 * (below + above), boundaries[k]);
            steps.Add(new GrowthStep(runs[k].Start, runs[k].End, boundaries[k], boundaries[k + 1], half));
        }
        return steps;
    }

    /// <summary>The smallest |t|, the plateau between each pair of consecutive runs, and the largest |t|.</summary>
    private static double[] StepBoundaries(ProbeResult result, List<(double Start, double End)> runs)
    {
        var boundaries = new double[runs.Count + 1];
        boundaries[0] = result.T[0];
        for (int k = 1; k < runs.Count; k++) boundaries[k] = PlateauBetween(result, runs[k - 1].End, runs[k].Start);
        boundaries[runs.Count] = result.T[^1];
        return boundaries;
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

    /// <summary>The least-squares exponent over [lo, hi], or NaN values when the window is empty.</summary>
    private static ExponentFit FitOrNaN(GrowthProfile profile, double lo, double hi) =>
        lo < hi ? Growth.FitExponent(profile, lo, hi) : NoFit;

    /// <summary>The least-squares exponent of <paramref name="deltas"/> at <paramref name="ts"/> over [lo, hi], or NaN values when the window is empty.</summary>
    private static ExponentFit FitOrNaN(double[] ts, double[] deltas, double lo, double hi) =>
        lo < hi && ts.Length > 0 ? Growth.FitExponent(ts, deltas, lo, hi) : NoFit;

    private static ExponentFit NoFit => new(double.NaN, double.NaN, double.NaN, 0, double.NaN);
}
