using System;

namespace Landscape.Distributed;

/// <summary>
/// The message layer under a <see cref="Communicator"/>: Open MPI (<see cref="MpiTransport"/>), a single process
/// (<see cref="LocalTransport"/>), or ranks simulated by threads in tests. Calls arrive serialized (the communicator
/// holds a lock), and every collective is entered by every rank in the same order.
/// </summary>
internal abstract class Transport
{
    /// <summary>This process's rank, 0 ≤ Rank &lt; Size.</summary>
    public abstract int Rank { get; }

    /// <summary>The number of ranks.</summary>
    public abstract int Size { get; }

    /// <summary>Waits until every rank has entered the barrier.</summary>
    public abstract void Barrier();

    /// <summary>Copies <paramref name="buffer"/> of rank <paramref name="root"/> into every rank's buffer (same length everywhere).</summary>
    public abstract void Broadcast(Span<double> buffer, int root);

    /// <summary>Copies the bytes of rank <paramref name="root"/> into every rank's buffer (same length everywhere).</summary>
    public abstract void Broadcast(Span<byte> buffer, int root);

    /// <summary>Sends <paramref name="buffer"/> to rank <paramref name="destination"/> (blocking until the buffer can be reused).</summary>
    public abstract void Send(ReadOnlySpan<double> buffer, int destination, int tag);

    /// <summary>Receives exactly <c>buffer.Length</c> values from rank <paramref name="source"/>.</summary>
    public abstract void Receive(Span<double> buffer, int source, int tag);

    /// <summary>Replaces <paramref name="buffer"/> on every rank by the elementwise sum over ranks (MPI's association, not ours).</summary>
    public abstract void AllreduceSum(Span<double> buffer);

    /// <summary>Every rank's <paramref name="mine"/> (same length everywhere), concatenated in rank order into <paramref name="all"/>.</summary>
    public abstract void Allgather(ReadOnlySpan<long> mine, Span<long> all);

    /// <summary>
    /// Concatenates every rank's <paramref name="mine"/> in rank order into <paramref name="all"/> on rank
    /// <paramref name="root"/>; <paramref name="counts"/> (known on every rank) gives each rank's length.
    /// </summary>
    public abstract void Gatherv(ReadOnlySpan<double> mine, Span<double> all, ReadOnlySpan<int> counts, int root);

    /// <summary>Ends every rank of the job with <paramref name="exitCode"/>; does not return.</summary>
    public abstract void Abort(int exitCode);
}
