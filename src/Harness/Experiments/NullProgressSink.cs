namespace Landscape.Experiments;

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
