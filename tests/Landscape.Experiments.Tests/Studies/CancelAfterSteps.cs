using System;
using System.Threading;

namespace Landscape.Experiments.Tests.Studies;

/// <summary>
/// A progress sink that cancels the run once the progress tasks whose description starts with
/// <paramref name="prefix"/> have advanced by <paramref name="steps"/> units (one per training step): a simulated kill
/// at a known step, for the studies' resume tests.
/// </summary>
internal sealed class CancelAfterSteps(CancellationTokenSource cancellation, int steps, string prefix) : IProgressSink
{
    private int _seen;

    public IProgressTask Start(string description, double total) => new Task(this, description.StartsWith(prefix, StringComparison.Ordinal));

    private void Step()
    {
        if (++_seen == steps) cancellation.Cancel();
    }

    private sealed class Task(CancelAfterSteps owner, bool counted) : IProgressTask
    {
        public void Increment(double amount = 1)
        {
            if (counted) owner.Step();
        }

        public void Dispose() { }
    }
}
