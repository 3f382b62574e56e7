using System;
using System.Collections.Generic;
using Landscape.Optimization;

namespace Landscape.Experiments.Studies;

/// <summary>
/// Records the loss on each of two example groups at every step (columns <c>loss_small_group</c> and
/// <c>loss_large_group</c>), so the drop after a decay can be attributed to the group that owns the fine scale.
/// Stateless, so checkpoints need nothing from it.
/// </summary>
internal sealed class GroupLossMonitor(Dataset smallGroup, Dataset largeGroup) : ITrainingMonitor
{
    /// <summary>The column of the r = 1 group's loss.</summary>
    public const string SmallGroupColumn = "loss_small_group";

    /// <summary>The column of the r = R group's loss.</summary>
    public const string LargeGroupColumn = "loss_large_group";

    private static readonly string[] ColumnNames = [SmallGroupColumn, LargeGroupColumn];

    public IReadOnlyList<string> Columns => ColumnNames;

    public void Observe(TrainingContext context, Span<double> values)
    {
        values[0] = context.Model.Loss(context.Parameters, smallGroup);
        values[1] = context.Model.Loss(context.Parameters, largeGroup);
    }
}
