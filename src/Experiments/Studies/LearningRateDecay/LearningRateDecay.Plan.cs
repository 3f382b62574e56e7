using System;

namespace Landscape.Experiments.Studies;

public sealed partial class LearningRateDecay
{
    /// <summary>
    /// In the full profile the constant-η_small network run lasts this many times the other runs, so its steps to the
    /// target are measured instead of bounded by the run length.
    /// </summary>
    internal const int SmallRunExtensionFull = 15;

    /// <summary>
    /// The plan step: resolves the settings against the profile, validates them, and writes the resolved values back to
    /// the profile-dependent settings, so the manifest and the report record the values the run used (not 0).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it); no setting is changed.</exception>
    internal LearningRateDecayPlan Plan(ExperimentContext context)
    {
        LearningRateDecayPlan plan = LearningRateDecayPlan.Resolve(this, context);
        ObjectiveSteps = plan.ObjectiveSteps;
        NetworkSteps = plan.NetworkSteps;
        NetworkReplicates = plan.NetworkReplicates;
        return plan;
    }
}

/// <summary>The study's settings resolved against the profile and validated, with the decay steps they imply.</summary>
/// <param name="LargeLearningRate">η_big of the objective runs.</param>
/// <param name="DecayFactor">η_small = factor·η_big (also the step decay's factor).</param>
/// <param name="TargetLoss">The target loss of the objective runs.</param>
/// <param name="ObjectiveSteps">Steps of each objective run.</param>
/// <param name="ObjectiveDecayStep">The objective runs' decay step (see <see cref="DecayStepOf"/>).</param>
/// <param name="NetworkSteps">Steps of each network run (the constant-η_small run may last longer).</param>
/// <param name="NetworkDecayStep">The network runs' decay step: half the run.</param>
/// <param name="SmallRunSteps">Steps of the constant-η_small network run.</param>
/// <param name="NetworkExamples">Examples of the two-magnitude data set.</param>
/// <param name="LargeMagnitude">Input norm of the large-magnitude group.</param>
/// <param name="NetworkInstability">κ in η_big = κ·2/λ_fine.</param>
/// <param name="NetworkReplicates">Extra network seeds.</param>
internal sealed record LearningRateDecayPlan(
    double LargeLearningRate,
    double DecayFactor,
    double TargetLoss,
    int ObjectiveSteps,
    int ObjectiveDecayStep,
    int NetworkSteps,
    int NetworkDecayStep,
    int SmallRunSteps,
    int NetworkExamples,
    double LargeMagnitude,
    double NetworkInstability,
    int NetworkReplicates)
{
    /// <summary>Checks every setting, resolves the zero ones to the profile's values, and derives the decay steps.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it).</exception>
    public static LearningRateDecayPlan Resolve(LearningRateDecay settings, ExperimentContext context)
    {
        CheckSettings(settings);
        int objectiveSteps = settings.ObjectiveSteps > 0 ? settings.ObjectiveSteps : context.ByProfile(1500, 1500, 3000);
        int networkSteps = settings.NetworkSteps > 0 ? settings.NetworkSteps : context.ByProfile(2000, 2000, 2000);
        int replicates = settings.NetworkReplicates > 0 ? settings.NetworkReplicates : context.ByProfile(0, 1, 4);
        int smallRunSteps = networkSteps * context.ByProfile(1, 1, LearningRateDecay.SmallRunExtensionFull);

        TwoScaleWell well = LearningRateDecay.Well;
        int decayStep = DecayStepOf(well.X0, well.S1, well.A, settings.LargeLearningRate);
        if (decayStep + LearningRateDecay.ObjectiveDropWindow >= objectiveSteps)
            throw new ArgumentOutOfRangeException(nameof(LearningRateDecay.ObjectiveSteps), objectiveSteps, $"The objective runs must outlast the decay at step {decayStep} by more than {LearningRateDecay.ObjectiveDropWindow} steps.");

        return new LearningRateDecayPlan(settings.LargeLearningRate, settings.DecayFactor, settings.TargetLoss, objectiveSteps, decayStep,
            networkSteps, NetworkDecayStep: networkSteps / 2, smallRunSteps, settings.NetworkExamples, settings.LargeMagnitude,
            settings.NetworkInstability, replicates);
    }

    /// <summary>
    /// The objective runs' decay step: with φ' bounded by 1, GD at η_big crosses the coarse basin from x₀ in about
    /// K = x₀·s₁/(A·η_big) steps; the decay comes at 1.5·K, after the coarse phase has finished.
    /// </summary>
    internal static int DecayStepOf(double x0, double s1, double a, double etaBig) =>
        (int)Math.Ceiling(1.5 * Math.Ceiling(x0 * s1 / (a * etaBig)));

    private static void CheckSettings(LearningRateDecay s)
    {
        if (!(s.LargeLearningRate > 0 && double.IsFinite(s.LargeLearningRate))) throw new ArgumentOutOfRangeException(nameof(s.LargeLearningRate), s.LargeLearningRate, "Must be positive and finite.");
        if (!(s.DecayFactor > 0 && s.DecayFactor < 1)) throw new ArgumentOutOfRangeException(nameof(s.DecayFactor), s.DecayFactor, "Must lie in (0, 1).");
        if (!(s.TargetLoss > 0 && double.IsFinite(s.TargetLoss))) throw new ArgumentOutOfRangeException(nameof(s.TargetLoss), s.TargetLoss, "Must be positive and finite.");
        if (s.ObjectiveSteps < 0) throw new ArgumentOutOfRangeException(nameof(s.ObjectiveSteps), s.ObjectiveSteps, "Must be ≥ 0 (0 = profile default).");
        if (s.NetworkSteps < 0 || (s.NetworkSteps > 0 && s.NetworkSteps < 200)) throw new ArgumentOutOfRangeException(nameof(s.NetworkSteps), s.NetworkSteps, "Must be 0 (profile default) or ≥ 200.");
        if (s.NetworkExamples < 4 || s.NetworkExamples % 2 != 0) throw new ArgumentOutOfRangeException(nameof(s.NetworkExamples), s.NetworkExamples, "Must be even and ≥ 4.");
        if (!(s.LargeMagnitude > 1 && double.IsFinite(s.LargeMagnitude))) throw new ArgumentOutOfRangeException(nameof(s.LargeMagnitude), s.LargeMagnitude, "Must be finite and above 1.");
        if (!(s.NetworkInstability > 1 && double.IsFinite(s.NetworkInstability))) throw new ArgumentOutOfRangeException(nameof(s.NetworkInstability), s.NetworkInstability, "Must be finite and above 1 (η_big must be unstable on the fine scale).");
        if (s.NetworkReplicates < 0) throw new ArgumentOutOfRangeException(nameof(s.NetworkReplicates), s.NetworkReplicates, "Must be ≥ 0 (0 = profile default).");
    }
}
