using System;
using System.Collections.Generic;
using System.Globalization;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

/// <summary>One run of <see cref="DataMagnitudes"/>: every case for every seed, then the claims over all seeds.</summary>
internal sealed partial class DataMagnitudesRun
{
    private readonly ExperimentContext _context;
    private readonly StudyPlan _plan;
    private readonly MagnitudeTanhNetwork _tanh = new();
    private readonly MagnitudeLinearModel _linear = new();

    private readonly ResultTable _growth;
    private readonly ResultTable _groupGrowth;
    private readonly ResultTable _steps;
    private readonly ResultTable _shares;
    private readonly ResultTable _fits;
    private readonly ResultTable _linearControl;

    // Per-seed measurements behind the claims, collected over all seeds.
    private readonly List<double> _singleScaleSteps = [];
    private readonly List<double> _singleScaleFirstExponent = [];
    private readonly List<double> _singleScaleTransition = [];
    private readonly List<double> _twoGroupSteps = [];
    private readonly List<double> _twoGroupSeparation = [];
    private readonly List<double> _firstStepShare = [];
    private readonly List<double> _secondStepShare = [];
    private readonly List<double> _linearDeviation = [];
    private readonly List<double> _maxPreactivation = [];

    public DataMagnitudesRun(ExperimentContext context, StudyPlan plan)
    {
        _context = context;
        _plan = plan;
        _growth = context.Table("growth", "case", "seed", "t", "delta", "exponent", "quadratic");
        _groupGrowth = context.Table("two_groups_by_group", "seed", "t", "group", "magnitude", "delta_part");
        _steps = context.Table("steps", "case", "seed", "step", "start", "end", "from", "to", "half_growth_t");
        _shares = context.Table("two_groups_step_shares", "seed", "step", "from", "to", "group", "magnitude", "share");
        _fits = context.Table("power_law_fits", "seed", "beta", "c", "c_exit", "r_min", "r_max", "window_lo", "window_hi",
                              "exponent", "lower", "upper", "points", "exponent_sampled_extremes", "saturated_exponent", "saturated_lower", "saturated_upper");
        _linearControl = context.Table("linear_control", "data", "seed", "max_abs_exponent_minus_2");
    }

    public void Execute()
    {
        int perSeed = 4 + 3 * _plan.Betas.Length;
        using IProgressTask progress = _context.Progress("data-magnitudes: growth profiles", _plan.Seeds * perSeed + 1);
        for (int s = 0; s < _plan.Seeds; s++)
        {
            if (_context.Cancellation.IsCancellationRequested) return; // Result() reports the run as cancelled
            int seed = SeedOf(s);
            bool drawFigures = s == 0;
            double[] directions = MagnitudeData.SphereDirections(_plan.Samples, DataMagnitudes.InputDimension, seed);
            SingleScale(seed, directions, drawFigures);
            progress.Increment(2);
            TwoGroups(seed, directions, drawFigures);
            progress.Increment(2);
            PowerLaws(seed, directions, drawFigures, progress);
        }
        if (_context.Cancellation.IsCancellationRequested) return;
        TrainedStudent(SeedOf(0));
        progress.Increment();
        if (_context.Cancellation.IsCancellationRequested) return;
        StateClaims();
    }

    private int SeedOf(int index) => unchecked(_context.Seed * 7919 + index * 104729 + 1);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Profiles the model along the direction and records every point in the growth table.</summary>
    private ProbeResult Probe(string caseName, int seed, IModel model, double[] theta, Dataset data, double[] direction)
    {
        GrowthProfile profile = Growth.Profile(model, theta, data, direction, _plan.MinT, _plan.MaxT, _plan.PointsPerDecade);
        for (int k = 0; k < profile.T.Length; k++)
            _growth.Add(caseName, seed, profile.T[k], profile.Underflow[k] ? double.NaN : profile.Delta[k], profile.LocalExponent[k], profile.Quadratic[k]);
        return new ProbeResult(profile);
    }

    /// <summary>A data set labelled by the linear-regime (or saturated) tanh teacher: targets are its exact outputs, so L(θ*) = 0.</summary>
    private (Dataset Data, double[] Teacher) TeacherData(double[] inputs, int seed, double weightScale)
    {
        double[] teacher = MagnitudeProbe.Teacher(_tanh, seed, weightScale);
        var targets = new double[inputs.Length / DataMagnitudes.InputDimension];
        _tanh.Predict(teacher, inputs, targets);
        return (new Dataset(inputs, targets, targets.Length), teacher);
    }

    /// <summary>
    /// The linear-regime teacher on <paramref name="inputs"/> (recording its largest pre-activation for the linear-regime
    /// claim), the seeded unit first-layer direction, and the growth profile at the teacher along it.
    /// </summary>
    private (Dataset Data, double[] Teacher, double[] Direction, ProbeResult Result) ProbeLinearRegimeTeacher(string dataName, int seed, double[] inputs)
    {
        (Dataset data, double[] teacher) = TeacherData(inputs, seed, _plan.TeacherWeightScale);
        _maxPreactivation.Add(MagnitudeProbe.MaxPreactivation(_tanh, teacher, data));
        double[] direction = MagnitudeProbe.FirstLayerDirection(_tanh, seed);
        return (data, teacher, direction, Probe(dataName, seed, _tanh, teacher, data, direction));
    }

    /// <summary>The linear control on the same inputs: ΔL must be exactly quadratic at every t.</summary>
    private ProbeResult LinearControl(string dataName, int seed, double[] inputs)
    {
        double[] teacher = MagnitudeProbe.Teacher(_linear, seed, 1.0);
        var targets = new double[inputs.Length / DataMagnitudes.InputDimension];
        _linear.Predict(teacher, inputs, targets);
        var data = new Dataset(inputs, targets, targets.Length);
        double[] direction = MagnitudeProbe.FirstLayerDirection(_linear, seed);
        ProbeResult result = Probe("linear-" + dataName, seed, _linear, teacher, data, direction);
        double deviation = result.MaxDeviationFromQuadratic();
        _linearDeviation.Add(deviation);
        _linearControl.Add(dataName, seed, deviation);
        return result;
    }

    /// <summary>
    /// Records the steps of a growth curve and returns each step's half-growth |t|. Step k runs from the plateau before
    /// it (the |t| of least local exponent between runs; the smallest |t| for the first step) to the plateau after it
    /// (the largest |t| for the last); its half-growth |t| is where ΔL first reaches the midpoint of the levels at
    /// those two boundaries — a location that does not depend on how tall the step's exponent bump is.
    /// </summary>
    private double[] RecordSteps(string caseName, int seed, ProbeResult result, List<(double Start, double End)> runs)
    {
        double[] boundaries = StepBoundaries(result, runs);
        var halves = new double[runs.Count];
        for (int k = 0; k < runs.Count; k++)
        {
            double below = k == 0 ? 0 : ExponentCurve.At(result.T, result.Delta, boundaries[k]);
            double above = ExponentCurve.At(result.T, result.Delta, boundaries[k + 1]);
            halves[k] = ExponentCurve.FirstReaching(result.T, result.Delta, 0.5 * (below + above), boundaries[k]);
            _steps.Add(caseName, seed, k + 1, runs[k].Start, runs[k].End, boundaries[k], boundaries[k + 1], halves[k]);
        }
        return halves;
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
}
