using System;
using System.Globalization;
using System.IO;
using Landscape.Optimization;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

internal sealed partial class DataMagnitudesRun
{
    /// <summary>
    /// The trained-student variant (a measurement, no verdict): a student from the default random initialization is
    /// trained with full-batch Adam on the power-law data whose β is closest to 1 (teacher labels), then profiled at the
    /// point reached along a random first-layer direction and fitted over that data set's window.
    /// </summary>
    private void TrainedStudent(int seed)
    {
        double beta = _plan.Betas[0];
        foreach (double candidate in _plan.Betas)
            if (Math.Abs(candidate - 1) < Math.Abs(beta - 1)) beta = candidate;
        int index = Array.IndexOf(_plan.Betas, beta);
        string label = beta.ToString("0.0##", CultureInfo.InvariantCulture);

        double[] directions = MagnitudeData.SphereDirections(_plan.Samples, DataMagnitudes.InputDimension, seed);
        double[] magnitudes = MagnitudeData.PowerLaw(_plan.Samples, beta, 1.0, _plan.MaxMagnitude, MagnitudeSeed(seed, index));
        double[] inputs = MagnitudeData.Inputs(directions, magnitudes, DataMagnitudes.InputDimension);
        (Dataset data, _) = TeacherData(inputs, seed, _plan.TeacherWeightScale);

        var student = new double[_tanh.ParameterCount];
        _tanh.Initialize(student, seed);
        var trainer = new Trainer(_tanh, data, new Adam(), LearningRate.Constant(_plan.StudentLearningRate))
        {
            Seed = seed,
            CheckpointPath = _context.CheckpointPath("student"),
            CheckpointEvery = Math.Max(1, _plan.StudentSteps / 10),
        };
        Trajectory trajectory = _context.Resume && File.Exists(trainer.CheckpointPath)
            ? trainer.Resume(trainer.CheckpointPath, student, _plan.StudentSteps, _context.Cancellation)
            : trainer.Run(student, _plan.StudentSteps, _context.Cancellation);
        if (trajectory.Status == RunStatus.Cancelled) return;

        ResultTable table = _context.Table("student_training", "step", "loss", "gradient_norm");
        for (int k = 0; k < trajectory.Count; k++) table.Add(trajectory.Step[k], trajectory.Loss[k], trajectory.GradientNorm[k]);
        double finalLoss = _tanh.Loss(student, data);

        double[] direction = MagnitudeProbe.FirstLayerDirection(_tanh, seed);
        ProbeResult result = Probe("student-beta-" + label, seed, _tanh, student, data, direction);
        (double lo, double hi) = _firstSeedWindows[beta];
        ExponentFit fit = FitOrNaN(result.Profile, lo, hi);

        _context.Measure(Invariant($"trained student (β = {label}, {trajectory.Count} Adam steps): final training loss"), finalLoss);
        _context.Measure(Invariant($"trained student (β = {label}): max |pre-activation|"), MagnitudeProbe.MaxPreactivation(_tanh, student, data));
        _context.Measure(Invariant($"trained student (β = {label}): ΔL exponent over the teacher's window"), fit.Exponent);
        _context.Measure(Invariant($"trained student (β = {label}): bootstrap 95% interval, lower"), fit.Lower);
        _context.Measure(Invariant($"trained student (β = {label}): bootstrap 95% interval, upper"), fit.Upper);

        var steps = new double[trajectory.Count];
        for (int k = 0; k < steps.Length; k++) steps[k] = trajectory.Step[k] + 1;
        _context.Plot("student-training", $"Trained student on power-law data (β = {label}): training loss")
            .Axes("Adam step + 1", "training loss", AxisScale.Log, AxisScale.Log)
            .Line("loss", steps, Positive(trajectory.Loss))
            .Caption = "The student's full-batch Adam run from a random initialization; its endpoint is where the student's growth profile is measured.";
        Figure growth = _context.Plot("student-growth", $"Trained student (β = {label}): ΔL along a first-layer direction")
            .Axes("|t| (unit first-layer direction)", "ΔL(t)", AxisScale.Log, AxisScale.Log)
            .Line("ΔL(t) at the student", result.T, Positive(result.Delta))
            .VerticalLine("teacher window: 10c/r_max", lo)
            .VerticalLine("teacher window: c/(10 r_min)", hi);
        if (double.IsFinite(fit.Exponent))
            growth.Line(Invariant($"fit: slope {fit.Exponent:0.00}"), [lo, hi], [Math.Exp(fit.Intercept) * Math.Pow(lo, fit.Exponent), Math.Exp(fit.Intercept) * Math.Pow(hi, fit.Exponent)], dashed: true);
        growth.Caption = "A measurement without a verdict: the student is not an exact minimum and its first layer need not be in tanh's linear regime, so the teacher's |t|^β law need not hold here.";
    }
}
