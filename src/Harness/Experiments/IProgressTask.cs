using System;

namespace Landscape.Experiments;

/// <summary>A running task: advance it as work completes; dispose it when done.</summary>
public interface IProgressTask : IDisposable
{
    /// <summary>Advances the task by <paramref name="amount"/> units.</summary>
    void Increment(double amount = 1);
}
