using System.IO;
using System.Threading;
using Landscape.Distributed;

namespace Landscape.Experiments;

/// <summary>How <see cref="ExperimentRunner"/> runs one experiment.</summary>
public sealed record ExperimentRunOptions
{
    /// <summary>The run directory itself (tables, figures, manifest and report go directly into it).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The profile (default <see cref="Profile.Full"/>).</summary>
    public Profile Profile { get; init; } = Profile.Full;

    /// <summary>The master seed.</summary>
    public int Seed { get; init; }

    /// <summary>Continue from the checkpoints already in <see cref="OutputDirectory"/>.</summary>
    public bool Resume { get; init; }

    /// <summary>
    /// The thread limit for the run (<see cref="Parallelism.MaxThreads"/> is set for the run and restored afterwards);
    /// null keeps the current limit.
    /// </summary>
    public int? Threads { get; init; }

    /// <summary>Where the experiment's log lines go.</summary>
    public TextWriter Log { get; init; } = TextWriter.Null;

    /// <summary>Where progress goes.</summary>
    public IProgressSink ProgressSink { get; init; } = NullProgressSink.Instance;

    /// <summary>Cancels the run.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// The ranks running the experiment together (default <see cref="Communicator.World"/>: the MPI job under
    /// <c>mpirun</c>, this process alone otherwise). Rank 0 writes the results; a failure on any rank ends the job.
    /// </summary>
    public Communicator? Communicator { get; init; }
}
