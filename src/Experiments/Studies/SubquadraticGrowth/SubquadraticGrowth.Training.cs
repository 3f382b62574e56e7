namespace Landscape.Experiments.Studies;

public sealed partial class SubquadraticGrowth
{
    /// <summary>
    /// Trains <paramref name="network"/> from the run's seed with full-batch Adam and a cosine schedule annealed to zero
    /// (<see cref="StudyTraining.AdamCosine"/>, checkpoint <c>train-&lt;network&gt;</c>). Returns null when the run was cancelled.
    /// </summary>
    private static TrainedNetwork? Train(ExperimentContext context, GrowthNetworks.Choice network, Dataset all, SubquadraticGrowthPlan plan) =>
        StudyTraining.AdamCosine(context, network.Name, network.Architecture, network.Create, all, plan.StepsOf(network), plan.LearningRate, context.Seed,
                                 "train-" + network.Name);
}
