using System;
using System.Collections.Generic;

namespace Landscape.Optimization;

/// <summary>
/// Records the full training-set loss at every step (column <c>train_loss</c>) and, when a held-out set is given, the
/// held-out loss (column <c>heldout_loss</c>), both at θ before the step's update.
/// </summary>
/// <remarks>
/// Under full-batch training <c>train_loss</c> equals the trajectory's <c>loss</c> column (it is copied, not recomputed);
/// under minibatching it costs one extra full-data loss evaluation per step.
/// </remarks>
public sealed class LossMonitor : ITrainingMonitor
{
    /// <summary>The name of the training-loss column.</summary>
    public const string TrainColumn = "train_loss";

    /// <summary>The name of the held-out-loss column.</summary>
    public const string HeldOutColumn = "heldout_loss";

    private readonly string[] _columns;

    /// <summary>Records the training loss, and the loss on <paramref name="heldOut"/> when it is not null.</summary>
    public LossMonitor(Dataset? heldOut = null)
    {
        HeldOut = heldOut;
        _columns = heldOut is null ? [TrainColumn] : [TrainColumn, HeldOutColumn];
    }

    /// <summary>The held-out set, or null.</summary>
    public Dataset? HeldOut { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> Columns => _columns;

    /// <inheritdoc/>
    public void Observe(TrainingContext context, Span<double> values)
    {
        values[0] = context.IsFullBatch ? context.Loss : context.Model.Loss(context.Parameters, context.Data);
        if (HeldOut is not null) values[1] = context.Model.Loss(context.Parameters, HeldOut);
    }
}
