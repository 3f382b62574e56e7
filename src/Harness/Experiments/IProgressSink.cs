using System;

namespace Landscape.Experiments;

/// <summary>Where an experiment's progress goes: the CLI shows bars (Spectre.Console) or plain lines; tests discard it.</summary>
public interface IProgressSink
{
    /// <summary>Starts a task of <paramref name="total"/> units of work.</summary>
    IProgressTask Start(string description, double total);
}

/// <summary>A running task: advance it as work completes; dispose it when done.</summary>
public interface IProgressTask : IDisposable
{
    /// <summary>Advances the task by <paramref name="amount"/> units.</summary>
    void Increment(double amount = 1);
}

/// <summary>A sink that shows nothing.</summary>
public sealed class NullProgressSink : IProgressSink
{
    /// <summary>The shared instance.</summary>
    public static NullProgressSink Instance { get; } = new();

    private NullProgressSink() { }

    /// <inheritdoc/>
    public IProgressTask Start(string description, double total) => NullTask.Instance;

    private sealed class NullTask : IProgressTask
    {
        public static NullTask Instance { get; } = new();

        public void Increment(double amount = 1) { }

        public void Dispose() { }
    }
}
