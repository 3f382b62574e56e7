using System;
using System.IO;
using System.Linq;
using Landscape.Optimization;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

/// <summary>The trained student: its training run, where it ended, and its growth along a first-layer direction.</summary>
/// <param name="Beta">The β of the power-law data it was trained on (the one closest to 1).</param>
/// <param name="Label">β as the case names write it.</param>
/// <param name="Trajectory">The full-batch Adam run.</param>
/// <param name="FinalLoss">The training loss at the point reached.</param>
/// <param name="MaxPreactivation">max |wⱼ·xᵢ| at the point reached.</param>
/// <param name="Result">The growth profile at the point reached.</param>
/// <param name="Lo">The lower end of the teacher's fit window on the same data (first seed).</param>
/// <param name="Hi">Its upper end.</param>
/// <param name="Fit">The exponent of the student's ΔL over [Lo, Hi].</param>
internal sealed record StudentResult(double Beta, string Label, Trajectory Trajectory, double FinalLoss, double MaxPreactivation, ProbeResult Result,
                                     double Lo, double Hi, ExponentFit Fit);

public sealed partial class DataMagnitudes
{
    /// <summary>
    /// The trained-student variant (a measurement, no verdict): a student from the default random initialization is
    /// trained with full-batch Adam on the first seed's power-law data whose β is closest to 1 (teacher labels), then
    /// profiled at the point reached along a random first-layer direction and fitted over that data set's window. Null
    /// when cancelled.
    /// </summary>
    private static StudentResult? TrainStudent(ExperimentContext context, DataMagnitudesPlan plan, MagnitudeModels models, SeedResults firstSeed)
    {
        int seed = firstSeed.Seed;
        double beta = plan.Betas[0];
        foreach (double candidate in plan.Betas)
            if (Math.Abs(candidate - 1) < Math.Abs(beta - 1)) beta = candidate;
        int index = Array.IndexOf(plan.Betas, beta);
        string label = BetaLabel(beta);

        double[] directions = MagnitudeData.SphereDirections(plan.Samples, InputDimension, seed);
        double[] magnitudes = MagnitudeData.PowerLaw(plan.Samples, beta, PowerLawMinimum, plan.MaxMagnitude, MagnitudeSeed(plan, seed, index));
        double[] inputs = MagnitudeData.Inputs(directions, magnitudes, InputDimension);
        (Dataset data, _) = TeacherData(models, inputs, seed, plan.TeacherWeightScale);

        MagnitudeTanhNetwork tanh = models.Tanh;
        var student = new double[tanh.ParameterCount];
        tanh.Initialize(student, seed);
        var trainer = new Trainer(tanh, data, new Adam(), LearningRate.Constant(plan.StudentLearningRate))
        {
            Seed = seed,
            CheckpointPath = context.CheckpointPath("student"),
            CheckpointEvery = Math.Max(1, plan.StudentSteps / 10),
        };
        Trajectory trajectory = context.CanResumeFrom(trainer.CheckpointPath)
            ? trainer.Resume(trainer.CheckpointPath, student, plan.StudentSteps, context.Cancellation)
            : trainer.Run(student, plan.StudentSteps, context.Cancellation);
        if (trajectory.Status == RunStatus.Cancelled) return null;
        double finalLoss = tanh.Loss(student, data);

        double[] direction = MagnitudeProbe.FirstLayerDirection(tanh, seed);
        ProbeResult result = Probe(plan, "student-beta-" + label, seed, tanh, student, data, direction);
        // The window of the first seed's data set with this β (the last such data set, should β be listed twice).
        PowerLawCase teacherCase = firstSeed.PowerLaws.Last(p => p.Beta == beta);
        ExponentFit fit = FitOrNaN(result.Profile, teacherCase.Lo, teacherCase.Hi);
        double maxPreactivation = MagnitudeProbe.MaxPreactivation(tanh, student, data);
        return new StudentResult(beta, label, trajectory, finalLoss, maxPreactivation, result, teacherCase.Lo, teacherCase.Hi, fit);
    }
}
