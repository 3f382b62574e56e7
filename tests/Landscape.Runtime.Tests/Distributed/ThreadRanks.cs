using System;
using System.Collections.Concurrent;
using System.Threading;
using Landscape.Distributed;

namespace Landscape.Tests.Distributed;

/// <summary>
/// Ranks simulated by threads of this process, for testing the data-parallel logic on many rank counts quickly (the
/// mpirun tests check the real binding). Sends are synchronous: a send returns only once the receiver took the message,
/// as MPI's rendezvous protocol for large messages does, so an ordering that could deadlock under MPI deadlocks here too
/// (and fails by timeout instead of hanging).
/// </summary>
internal sealed class ThreadRanks
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Barrier _barrier;
    private readonly object?[] _slots;
    private readonly ConcurrentDictionary<(int From, int To, int Tag), BlockingCollection<(double[] Values, ManualResetEventSlim Taken)>> _mail = new();

    private ThreadRanks(int size)
    {
        Size = size;
        _barrier = new Barrier(size);
        _slots = new object?[size];
    }

    public int Size { get; }

    /// <summary>Runs <paramref name="body"/> on <paramref name="size"/> simulated ranks; returns each rank's result or exception.</summary>
    public static (T? Result, Exception? Error)[] Run<T>(int size, Func<Communicator, T> body)
    {
        var ranks = new ThreadRanks(size);
        var results = new (T?, Exception?)[size];
        var threads = new Thread[size];
        for (int r = 0; r < size; r++)
        {
            int rank = r;
            threads[r] = new Thread(() =>
            {
                try
                {
                    results[rank] = (body(new Communicator(new RankTransport(ranks, rank))), null);
                }
                catch (Exception e)
                {
                    results[rank] = (default, e);
                }
            }, 16 << 20);
            threads[r].Start();
        }
        foreach (Thread t in threads)
        {
            if (!t.Join(2 * Timeout)) throw new TimeoutException("A simulated rank did not finish.");
        }
        return results;
    }

    private void Wait()
    {
        if (!_barrier.SignalAndWait(Timeout)) throw new TimeoutException("A collective was not entered by every simulated rank.");
    }

    private BlockingCollection<(double[], ManualResetEventSlim)> Box(int from, int to, int tag) =>
        _mail.GetOrAdd((from, to, tag), _ => new BlockingCollection<(double[], ManualResetEventSlim)>());

    private sealed class RankTransport(ThreadRanks ranks, int rank) : Transport
    {
        public override int Rank => rank;

        public override int Size => ranks.Size;

        public override void Barrier() => ranks.Wait();

        public override void Broadcast(Span<double> buffer, int root)
        {
            if (rank == root) ranks._slots[root] = buffer.ToArray();
            ranks.Wait();
            var values = (double[])ranks._slots[root]!;
            if (values.Length != buffer.Length) throw new InvalidOperationException("Broadcast lengths differ between ranks.");
            values.CopyTo(buffer);
            ranks.Wait();
        }

        public override void Broadcast(Span<byte> buffer, int root)
        {
            if (rank == root) ranks._slots[root] = buffer.ToArray();
            ranks.Wait();
            var values = (byte[])ranks._slots[root]!;
            if (values.Length != buffer.Length) throw new InvalidOperationException("Broadcast lengths differ between ranks.");
            values.CopyTo(buffer);
            ranks.Wait();
        }

        public override void Send(ReadOnlySpan<double> buffer, int destination, int tag)
        {
            var taken = new ManualResetEventSlim();
            ranks.Box(rank, destination, tag).Add((buffer.ToArray(), taken));
            if (!taken.Wait(Timeout)) throw new TimeoutException($"Rank {rank}'s send to {destination} (tag {tag}) was never received.");
        }

        public override void Receive(Span<double> buffer, int source, int tag)
        {
            if (!ranks.Box(source, rank, tag).TryTake(out var message, Timeout))
                throw new TimeoutException($"Rank {rank} waited in vain for rank {source} (tag {tag}).");
            if (message.Item1.Length != buffer.Length) throw new InvalidOperationException("Message length differs from the receive buffer.");
            message.Item1.CopyTo(buffer);
            message.Item2.Set();
        }

        public override void AllreduceSum(Span<double> buffer)
        {
            ranks._slots[rank] = buffer.ToArray();
            ranks.Wait();
            var sum = new double[buffer.Length];
            for (int r = 0; r < ranks.Size; r++)
            {
                var part = (double[])ranks._slots[r]!;
                for (int i = 0; i < sum.Length; i++) sum[i] += part[i];
            }
            ranks.Wait();
            sum.CopyTo(buffer);
        }

        public override void Allgather(ReadOnlySpan<long> mine, Span<long> all)
        {
            ranks._slots[rank] = mine.ToArray();
            ranks.Wait();
            for (int r = 0; r < ranks.Size; r++) ((long[])ranks._slots[r]!).CopyTo(all.Slice(r * mine.Length, mine.Length));
            ranks.Wait();
        }

        public override void Gatherv(ReadOnlySpan<double> mine, Span<double> all, ReadOnlySpan<int> counts, int root)
        {
            ranks._slots[rank] = mine.ToArray();
            ranks.Wait();
            if (rank == root)
            {
                int offset = 0;
                for (int r = 0; r < ranks.Size; r++)
                {
                    ((double[])ranks._slots[r]!).CopyTo(all.Slice(offset, counts[r]));
                    offset += counts[r];
                }
            }
            ranks.Wait();
        }

        public override void Abort(int exitCode) => throw new InvalidOperationException($"Abort({exitCode}) on simulated rank {rank}.");
    }
}
