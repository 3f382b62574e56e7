using System;

namespace Landscape.Distributed;

/// <summary>One process, rank 0 of 1: collectives are copies or nothing, and there is no peer to send to.</summary>
internal sealed class LocalTransport : Transport
{
    public static LocalTransport Instance { get; } = new();

    public override int Rank => 0;

    public override int Size => 1;

    public override void Barrier()
    {
    }

    public override void Broadcast(Span<double> buffer, int root)
    {
    }

    public override void Broadcast(Span<byte> buffer, int root)
    {
    }

    public override void Send(ReadOnlySpan<double> buffer, int destination, int tag) =>
        throw new InvalidOperationException($"A local communicator has no rank {destination} to send to.");

    public override void Receive(Span<double> buffer, int source, int tag) =>
        throw new InvalidOperationException($"A local communicator has no rank {source} to receive from.");

    public override void AllreduceSum(Span<double> buffer)
    {
    }

    public override void Allgather(ReadOnlySpan<long> mine, Span<long> all) => mine.CopyTo(all);

    public override void Gatherv(ReadOnlySpan<double> mine, Span<double> all, ReadOnlySpan<int> counts, int root) => mine.CopyTo(all);

    public override void Abort(int exitCode) => Environment.Exit(exitCode);
}
