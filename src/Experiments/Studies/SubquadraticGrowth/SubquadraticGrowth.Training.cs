using System;
using System.IO;
using System.Numerics.Tensors;
using Landscape.Optimization;

using static Landscape.Experiments.Studies.StudyText;

namespace Landscape.Experiments.Studies;

/// <summary>A network trained to a minimum θ*, with its training record.</summary>
/// <remarks><see cref="Model"/> and <see cref="Data"/> are what the context distributed: under MPI a data-parallel model and
/// this rank's shard; <see cref="ExampleCount"/> is the whole dataset's size.</remarks>
internal sealed record TrainedNetwork(GrowthNetworks.Choice Network, IModel Model, Dataset Data, double[] Minimum, Trajectory Trajectory,
                                      double FinalLoss, double FinalGradientNorm, double InitialLoss, int ExampleCount);

public sealed partial class SubquadraticGrowth
{
    /// <summary>
    /// Trains <paramref name="network"/> from a seeded initialization with full-batch Adam and a cosine schedule annealed to
    /// zero, checkpointing every few hundred steps (and resuming from the checkpoint under <c>--resume</c>). Returns null
    /// when the run was cancelled.
    /// </summary>
    private static TrainedNetwork? Train(ExperimentContext context, GrowthNetworks.Choice network, Dataset all, SubquadraticGrowthPlan plan)
    {
        (IModel model, Dataset data) = context.Distribute(network.Create(), all);
        var theta = new double[model.ParameterCount];
        model.Initialize(theta, context.Seed);
        double initialLoss = model.Loss(theta, data);

        int steps = plan.StepsOf(network);
        using IProgressTask progress = context.Progress($"train {network.Name}", steps);
        var trainer = new Trainer(model, data, new Adam(), Optimization.LearningRate.Cosine(plan.LearningRate, steps))
        {
            CheckpointPath = context.CheckpointPath("train-" + network.Name),
            CheckpointEvery = 250,
        };
        trainer.Monitors.Add(new TrainingProgressMonitor(progress));

        bool resume = context.CanResumeFrom(trainer.CheckpointPath);
        if (resume) context.Log.WriteLine($"  {network.Name}: resuming from {trainer.CheckpointPath}");
        Trajectory trajectory = resume
            ? trainer.Resume(trainer.CheckpointPath, theta, steps, context.Cancellation)
            : trainer.Run(theta, steps, context.Cancellation);
        if (trajectory.Status == RunStatus.Cancelled) return null;
        if (trajectory.Status == RunStatus.Diverged)
            throw new InvalidOperationException(Invariant($"Training {network.Name} diverged at step {trajectory.DivergedAt}; lower LearningRate (now {plan.LearningRate})."));

        // The trajectory's last row is the loss before the last update; measure θ* itself.
        var gradient = new double[model.ParameterCount];
        double finalLoss = model.Gradient(theta, data, gradient);
        double gradientNorm = TensorPrimitives.Norm<double>(gradient);
        context.Log.WriteLine($"  {network.Name}: loss {ExperimentContext.Format(initialLoss)} → {ExperimentContext.Format(finalLoss)}, ‖∇L(θ*)‖ = {ExperimentContext.Format(gradientNorm)}");
        return new TrainedNetwork(network, model, data, theta, trajectory, finalLoss, gradientNorm, initialLoss, all.Count);
    }
}
