using System;

namespace Landscape.Optimization;

/// <summary>
/// What a <see cref="ITrainingMonitor"/> sees at one step: the parameters θ before the update, the (minibatch) loss and
/// gradient at θ, the learning rate η about to be used, and the model, data and optimizer of the run. The spans are only
/// valid during the call.
/// </summary>
public readonly ref struct TrainingContext
{
    /// <summary>Creates a context (the <see cref="Trainer"/> does this; tests may too).</summary>
    public TrainingContext(long step, ReadOnlySpan<double> parameters, ReadOnlySpan<double> gradient, double loss, double learningRate,
                           IModel model, Dataset data, Dataset batch, IOptimizer optimizer)
    {
        Step = step;
        Parameters = parameters;
        Gradient = gradient;
        Loss = loss;
        LearningRate = learningRate;
        Model = model;
        Data = data;
        Batch = batch;
        Optimizer = optimizer;
    }

    /// <summary>The 0-based step number.</summary>
    public long Step { get; }

    /// <summary>θ at this step, before the optimizer's update.</summary>
    public ReadOnlySpan<double> Parameters { get; }

    /// <summary>∇L(θ) on <see cref="Batch"/>.</summary>
    public ReadOnlySpan<double> Gradient { get; }

    /// <summary>L(θ) on <see cref="Batch"/>.</summary>
    public double Loss { get; }

    /// <summary>The learning rate η of this step (the schedule's value at <see cref="Step"/>).</summary>
    public double LearningRate { get; }

    /// <summary>The model being trained.</summary>
    public IModel Model { get; }

    /// <summary>The full training set.</summary>
    public Dataset Data { get; }

    /// <summary>The examples of this step: <see cref="Data"/> itself for full-batch training, otherwise the minibatch.</summary>
    public Dataset Batch { get; }

    /// <summary>True when <see cref="Batch"/> is the full training set (so <see cref="Loss"/> is the full-data loss).</summary>
    public bool IsFullBatch => ReferenceEquals(Batch, Data);

    /// <summary>The optimizer of the run.</summary>
    public IOptimizer Optimizer { get; }
}
