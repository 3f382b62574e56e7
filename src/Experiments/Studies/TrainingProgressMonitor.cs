using System;
using System.Collections.Generic;
using Landscape.Optimization;

namespace Landscape.Experiments.Studies;

/// <summary>A column-less training monitor that advances a progress task by one unit per step (it has no state to checkpoint).</summary>
internal sealed class TrainingProgressMonitor(IProgressTask task) : ITrainingMonitor
{
    private readonly IProgressTask _task = task ?? throw new ArgumentNullException(nameof(task));

    public IReadOnlyList<string> Columns => [];

    public void Observe(TrainingContext context, Span<double> values) => _task.Increment();
}
