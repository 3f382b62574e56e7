using System;
using System.Globalization;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

/// <summary>
/// E3 <c>learning-rate-decay</c> (PAPER.md §4.3): on landscapes with two separate scales, a large constant step size
/// crosses the coarse scale quickly but cannot enter the fine one and plateaus at its height; a small constant step
/// size enters the fine scale but crosses the coarse one slowly; a step decay gets both. Shown on a 1-D two-scale
/// objective, a 2-D one with a curved fine valley, and a tanh network on data of two input magnitudes.
/// </summary>
[Experiment("learning-rate-decay", Summary = "Large η plateaus at the fine-scale height; a step decay drops the loss and beats both constant rates")]
public sealed partial class LearningRateDecay : IExperiment
{
    /// <summary>Large step size η_big of the objective runs (stable on the coarse scale A/s₁² = 1, unstable on the fine B/s₂² = 10).</summary>
    [Setting("Large learning rate of the 1-D and 2-D objective runs")]
    public double LargeLearningRate { get; set; } = 1.0;

    /// <summary>Factor from η_big to η_small (also the step decay's factor).</summary>
    [Setting("Decay factor: eta_small = factor * eta_big")]
    public double DecayFactor { get; set; } = 0.1;

    /// <summary>Target loss of the objective runs.</summary>
    [Setting("Target loss of the 1-D and 2-D objective runs")]
    public double TargetLoss { get; set; } = 1e-6;

    /// <summary>Steps of each objective run; 0 means the profile default.</summary>
    [Setting("Steps of each 1-D and 2-D run (0 = profile default)")]
    public int ObjectiveSteps { get; set; }

    /// <summary>Steps of each network run; 0 means the profile default. The decay is at half the run.</summary>
    [Setting("Steps of each network run, decay at half (0 = profile default)")]
    public int NetworkSteps { get; set; }

    /// <summary>Examples of the network's data set (half of norm 1, half of norm <see cref="LargeMagnitude"/>).</summary>
    [Setting("Examples of the two-magnitude data set (even)")]
    public int NetworkExamples { get; set; } = 100;

    /// <summary>Input norm of the fine-scale group.</summary>
    [Setting("Input norm of the large-magnitude group")]
    public double LargeMagnitude { get; set; } = 10;

    /// <summary>κ in η_big = κ·2/λ_fine for the network.</summary>
    [Setting("Network eta_big = instability * 2 / lambda_fine (measured at initialization)")]
    public double NetworkInstability { get; set; } = 2.5;

    /// <summary>Extra network seeds run as replicates (reported as measurements); 0 means the profile default.</summary>
    [Setting("Extra network seeds run as replicates (0 = profile default)")]
    public int NetworkReplicates { get; set; }

    /// <summary>
    /// In the full profile the constant-η_small network run lasts this many times the other runs, so its steps to the
    /// target are measured instead of bounded by the run length.
    /// </summary>
    internal const int SmallRunExtensionFull = 15;

    /// <summary>Runs the three parts and states their claims.</summary>
    public ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        CheckSettings();
        int objectiveSteps = ObjectiveSteps > 0 ? ObjectiveSteps : context.ByProfile(1500, 1500, 3000);
        int networkSteps = NetworkSteps > 0 ? NetworkSteps : context.ByProfile(2000, 2000, 2000);
        int replicates = NetworkReplicates > 0 ? NetworkReplicates : context.ByProfile(0, 1, 4);
        int smallRunSteps = networkSteps * context.ByProfile(1, 1, SmallRunExtensionFull);

        // The 1-D and 2-D objectives: curvatures A/s₁² = 1 (coarse) and B/s₂² = 10 (fine), start 100 coarse widths out.
        var well = new TwoScaleWell(A: 1, S1: 1, B: 1e-3, S2: 1e-2, X0: 100);
        var valley = new TwoScaleValley(A: 1, S1: 1, B: 1e-3, S2: 1e-2, C: 0.5, X0: 100);
        int decayStep = ObjectiveDecayStep(well.X0, well.S1, well.A, LargeLearningRate);
        if (decayStep + ObjectiveComparison.DropWindow >= objectiveSteps)
            throw new ArgumentOutOfRangeException(nameof(ObjectiveSteps), objectiveSteps, $"The objective runs must outlast the decay at step {decayStep} by more than {ObjectiveComparison.DropWindow} steps.");

        // 1-D: the coarse curvature is A/s₁²; the sharpness at the minimum is f''(0) = A/s₁² + B/s₂².
        var oneD = new ObjectiveComparison("1-D", "objective-1d", well, p => well.FineHeight(p[0]), SearchRadius: 10 * well.S1,
            CoarseCurvature: well.CoarseCurvature, FineCurvature: well.CoarseCurvature + well.FineCurvature);
        if (!oneD.Run(context, LargeLearningRate, DecayFactor, decayStep, objectiveSteps, TargetLoss)) return context.Result();
        // 2-D: the two eigenvalues of the Hessian at the minimum (flat and sharp directions of the bent valley).
        var (valleyCurvatures, _) = SymmetricEigen.Decompose(Hessian.Dense(valley, new double[2], Dataset.Empty));
        var twoD = new ObjectiveComparison("2-D", "objective-2d", valley, p => valley.FineHeight(p[0], p[1]), SearchRadius: 10 * valley.S1,
            CoarseCurvature: valleyCurvatures[0], FineCurvature: valleyCurvatures[1]);
        if (!twoD.Run(context, LargeLearningRate, DecayFactor, decayStep, objectiveSteps, TargetLoss)) return context.Result();

        int networkDecay = networkSteps / 2;
        NetworkOutcome? main = NetworkComparison.Run(context, context.Seed, NetworkExamples, LargeMagnitude, NetworkInstability, DecayFactor,
            networkSteps, networkDecay, smallRunSteps, report: true);
        if (main is null) return context.Result();
        if (replicates > 0)
        {
            int holding = 0;
            for (int r = 1; r <= replicates; r++)
            {
                NetworkOutcome? replicate = NetworkComparison.Run(context, unchecked(context.Seed + r), NetworkExamples, LargeMagnitude,
                    NetworkInstability, DecayFactor, networkSteps, networkDecay, smallRunSteps, report: false);
                if (replicate is null) return context.Result();
                if (replicate.AllHold) holding++;
                string label = string.Create(CultureInfo.InvariantCulture, $"Network replicate seed {context.Seed}+{r}");
                context.Measure($"{label}: loss drop after the decay", replicate.Drop);
                context.Measure($"{label}: steps-to-target ratio (step decay / constant η_small)", replicate.StepRatio);
                context.Measure($"{label}: late loss ratio (step decay / constant η_big)", replicate.LateLossRatio);
                context.Measure($"{label}: edge-of-stability ratio of constant η_big", replicate.EdgeRatio);
                context.Measure($"{label}: late-window ratio of constant η_big", replicate.LateWindowRatio);
                context.Measure($"{label}: the large group's drop after the decay", replicate.LargeGroupDrop);
            }
            context.Measure(string.Create(CultureInfo.InvariantCulture, $"Network: replicate seeds on which every network relation holds (of {replicates})"), holding);
        }
        return context.Result();
    }

    /// <summary>
    /// The objective runs' decay step: with φ' bounded by 1, GD at η_big crosses the coarse basin from x₀ in about
    /// K = x₀·s₁/(A·η_big) steps; the decay comes at 1.5·K, after the coarse phase has finished.
    /// </summary>
    internal static int ObjectiveDecayStep(double x0, double s1, double a, double etaBig) =>
        (int)Math.Ceiling(1.5 * Math.Ceiling(x0 * s1 / (a * etaBig)));

    private void CheckSettings()
    {
        if (!(LargeLearningRate > 0 && double.IsFinite(LargeLearningRate))) throw new ArgumentOutOfRangeException(nameof(LargeLearningRate), LargeLearningRate, "Must be positive and finite.");
        if (!(DecayFactor > 0 && DecayFactor < 1)) throw new ArgumentOutOfRangeException(nameof(DecayFactor), DecayFactor, "Must lie in (0, 1).");
        if (!(TargetLoss > 0 && double.IsFinite(TargetLoss))) throw new ArgumentOutOfRangeException(nameof(TargetLoss), TargetLoss, "Must be positive and finite.");
        if (ObjectiveSteps < 0) throw new ArgumentOutOfRangeException(nameof(ObjectiveSteps), ObjectiveSteps, "Must be ≥ 0 (0 = profile default).");
        if (NetworkSteps < 0 || (NetworkSteps > 0 && NetworkSteps < 200)) throw new ArgumentOutOfRangeException(nameof(NetworkSteps), NetworkSteps, "Must be 0 (profile default) or ≥ 200.");
        if (NetworkExamples < 4 || NetworkExamples % 2 != 0) throw new ArgumentOutOfRangeException(nameof(NetworkExamples), NetworkExamples, "Must be even and ≥ 4.");
        if (!(LargeMagnitude > 1 && double.IsFinite(LargeMagnitude))) throw new ArgumentOutOfRangeException(nameof(LargeMagnitude), LargeMagnitude, "Must be finite and above 1.");
        if (!(NetworkInstability > 1 && double.IsFinite(NetworkInstability))) throw new ArgumentOutOfRangeException(nameof(NetworkInstability), NetworkInstability, "Must be finite and above 1 (η_big must be unstable on the fine scale).");
        if (NetworkReplicates < 0) throw new ArgumentOutOfRangeException(nameof(NetworkReplicates), NetworkReplicates, "Must be ≥ 0 (0 = profile default).");
    }
}
