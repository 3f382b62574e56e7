namespace Landscape.Experiments.Studies;

public sealed partial class SkipConnections
{
    /// <summary>
    /// Trains <paramref name="variant"/> from <paramref name="seed"/> with full-batch Adam and a cosine schedule annealed to
    /// zero (<see cref="StudyTraining.AdamCosine"/>, checkpoint <c>train-&lt;network&gt;-seed&lt;seed&gt;</c>); the residual and the
    /// plain network of a pair start from the same weights. Returns null when the run was cancelled.
    /// </summary>
    private static TrainedNetwork? Train(ExperimentContext context, SkipNetworks.Variant variant, Dataset all, SkipConnectionsPlan plan, int seed) =>
        StudyTraining.AdamCosine(context, StudyText.Invariant($"{variant.Name} (seed {seed})"), variant.Architecture, variant.Create, all, plan.Steps, plan.LearningRate, seed,
                                 StudyText.Invariant($"train-{variant.Name}-seed{seed}"));
}
