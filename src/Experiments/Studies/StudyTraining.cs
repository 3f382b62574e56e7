using System;
using System.Numerics.Tensors;
using Landscape.Optimization;

using static Landscape.Experiments.Studies.StudyText;

namespace Landscape.Experiments.Studies;

/// <summary>A network trained to a minimum θ*, with its training record.</summary>
/// <param name="Name">The network's name in tables, figures and claims.</param>
/// <param name="Architecture">The generated architecture description.</param>
/// <param name="Model">The model the context distributed (under MPI a data-parallel model).</param>
/// <param name="Data">This rank's shard of the training data (the whole set on one process).</param>
/// <param name="Minimum">θ*, the parameters after the last step.</param>
/// <param name="Trajectory">The training record.</param>
/// <param name="FinalLoss">L(θ*), measured at θ* itself.</param>
/// <param name="FinalGradientNorm">‖∇L(θ*)‖.</param>
/// <param name="InitialLoss">The loss at the seeded initialization.</param>
/// <param name="ExampleCount">The whole dataset's size.</param>
internal sealed record TrainedNetwork(string Name, string Architecture, IModel Model, Dataset Data, double[] Minimum, Trajectory Trajectory,
                                      double FinalLoss, double FinalGradientNorm, double InitialLoss, int ExampleCount);

/// <summary>The studies' shared training run: full-batch Adam, cosine-annealed to zero, checkpointed and resumable.</summary>
internal static class StudyTraining
{
    /// <summary>Steps between checkpoints of a training run.</summary>
    public const int CheckpointEvery = 250;

    /// <summary>
    /// Trains a network from a seeded initialization with full-batch Adam and a cosine schedule annealed to zero,
    /// checkpointing every <see cref="CheckpointEvery"/> steps to <c>checkpoints/&lt;checkpoint&gt;.ckpt</c> (and resuming
    /// from it under <c>--resume</c>). Returns null when the run was cancelled.
    /// </summary>
    /// <param name="context">The run's context (distribution, progress, checkpoints, cancellation, log).</param>
    /// <param name="name">The network's name (progress, log, messages).</param>
    /// <param name="architecture">The generated architecture description, carried into the result.</param>
    /// <param name="create">Creates the untrained model.</param>
    /// <param name="all">The whole training set.</param>
    /// <param name="steps">Adam steps.</param>
    /// <param name="learningRate">The initial step size, annealed to zero over <paramref name="steps"/>.</param>
    /// <param name="seed">The initialization seed.</param>
    /// <param name="checkpoint">The checkpoint's name (unique within the run).</param>
    /// <exception cref="InvalidOperationException">Training diverged (the message names the learning rate).</exception>
    public static TrainedNetwork? AdamCosine(ExperimentContext context, string name, string architecture, Func<IModel> create, Dataset all,
                                             int steps, double learningRate, int seed, string checkpoint)
    {
        (IModel model, Dataset data) = context.Distribute(create(), all);
        var theta = new double[model.ParameterCount];
        model.Initialize(theta, seed);
        double initialLoss = model.Loss(theta, data);

        using IProgressTask progress = context.Progress($"train {name}", steps);
        var trainer = new Trainer(model, data, new Adam(), LearningRate.Cosine(learningRate, steps))
        {
            CheckpointPath = context.CheckpointPath(checkpoint),
            CheckpointEvery = CheckpointEvery,
        };
        trainer.Monitors.Add(new TrainingProgressMonitor(progress));

        bool resume = context.CanResumeFrom(trainer.CheckpointPath);
        if (resume) context.Log.WriteLine($"  {name}: resuming from {trainer.CheckpointPath}");
        Trajectory trajectory = resume
            ? trainer.Resume(trainer.CheckpointPath, theta, steps, context.Cancellation)
            : trainer.Run(theta, steps, context.Cancellation);
        if (trajectory.Status == RunStatus.Cancelled) return null;
        if (trajectory.Status == RunStatus.Diverged)
            throw new InvalidOperationException(Invariant($"Training {name} diverged at step {trajectory.DivergedAt}; lower LearningRate (now {learningRate})."));

        // The trajectory's last row is the loss before the last update; measure θ* itself.
        var gradient = new double[model.ParameterCount];
        double finalLoss = model.Gradient(theta, data, gradient);
        double gradientNorm = TensorPrimitives.Norm<double>(gradient);
        context.Log.WriteLine($"  {name}: loss {ExperimentContext.Format(initialLoss)} → {ExperimentContext.Format(finalLoss)}, ‖∇L(θ*)‖ = {ExperimentContext.Format(gradientNorm)}");
        return new TrainedNetwork(name, architecture, model, data, theta, trajectory, finalLoss, gradientNorm, initialLoss, all.Count);
    }
}
