using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Threading;

namespace Landscape.Distributed;

/// <summary>
/// The processes of one job: <see cref="World"/> is MPI_COMM_WORLD under an MPI launcher (<c>mpirun</c>, Slurm's
/// <c>srun</c>), and otherwise a local communicator of size 1, so nothing else needs MPI installed.
/// </summary>
/// <remarks>
/// <para>Binding: Open MPI's <c>libmpi.so.40</c> by P/Invoke (function pointers), initialized with
/// MPI_THREAD_SERIALIZED and finalized at process exit. <see cref="World"/> looks for a launcher first
/// (<c>OMPI_COMM_WORLD_SIZE</c>, <c>PMIX_RANK</c>, <c>SLURM_PROCID</c>) and only then loads libmpi; under a launcher that
/// started several ranks but without libmpi it throws rather than run the job once per rank.</para>
/// <para>Collectives: every rank must make the same calls in the same order. Calls are serialized by a lock, so they may
/// come from any thread, but two threads calling collectives concurrently would pair them differently on different
/// ranks; make them from one thread at a time (the probes do when <see cref="Size"/> &gt; 1).</para>
/// </remarks>
public sealed class Communicator
{
    private static readonly Lazy<Communicator> s_world = new(CreateWorld, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Transport _transport;

    internal Communicator(Transport transport)
    {
        _transport = transport;
        Rank = transport.Rank;
        Size = transport.Size;
    }

    /// <summary>MPI_COMM_WORLD under an MPI launcher; otherwise <see cref="Local"/>.</summary>
    /// <exception cref="InvalidOperationException">A launcher started several ranks but libmpi.so.40 cannot be loaded.</exception>
    public static Communicator World => s_world.Value;

    /// <summary>A communicator of this process alone (rank 0 of 1).</summary>
    public static Communicator Local { get; } = new(LocalTransport.Instance);

    /// <summary>Whether this process was started by an MPI launcher (the environment variables it sets are present).</summary>
    public static bool LauncherDetected =>
        Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE") is not null
        || Environment.GetEnvironmentVariable("PMIX_RANK") is not null
        || Environment.GetEnvironmentVariable("SLURM_PROCID") is not null;

    /// <summary>This process's rank, 0 ≤ Rank &lt; Size.</summary>
    public int Rank { get; }

    /// <summary>The number of ranks.</summary>
    public int Size { get; }

    /// <summary>Whether this is rank 0, the one that prints and writes files.</summary>
    public bool IsRoot => Rank == 0;

    /// <summary>Held for the whole of a multi-message operation (a data-parallel model call), so its messages are not interleaved with another's.</summary>
    internal object SyncRoot { get; } = new();

    /// <summary>Waits until every rank has called it.</summary>
    public void Barrier()
    {
        lock (SyncRoot) _transport.Barrier();
    }

    /// <summary>Overwrites <paramref name="values"/> on every rank with rank <paramref name="root"/>'s (the same length everywhere).</summary>
    public void Broadcast(Span<double> values, int root = 0)
    {
        CheckRank(root, nameof(root));
        lock (SyncRoot) _transport.Broadcast(values, root);
    }

    /// <summary>Overwrites <paramref name="bytes"/> on every rank with rank <paramref name="root"/>'s (the same length everywhere).</summary>
    public void Broadcast(Span<byte> bytes, int root = 0)
    {
        CheckRank(root, nameof(root));
        lock (SyncRoot) _transport.Broadcast(bytes, root);
    }

    /// <summary>Rank <paramref name="root"/>'s bytes, on every rank (their length is sent first; other ranks' arguments are ignored).</summary>
    public byte[] Broadcast(byte[]? bytes, int root = 0)
    {
        CheckRank(root, nameof(root));
        lock (SyncRoot)
        {
            Span<byte> length = stackalloc byte[sizeof(long)];
            if (Rank == root) BitConverter.TryWriteBytes(length, (long)(bytes ?? []).Length);
            _transport.Broadcast(length, root);
            byte[] result = Rank == root ? bytes ?? [] : new byte[BitConverter.ToInt64(length)];
            if (result.Length > 0) _transport.Broadcast(result, root);
            return result;
        }
    }

    /// <summary>Rank <paramref name="root"/>'s text, on every rank (UTF-8; null travels as null).</summary>
    public string? Broadcast(string? text, int root = 0)
    {
        // One marker byte tells null from empty.
        byte[] payload = text is null ? [0] : [1, .. Encoding.UTF8.GetBytes(text)];
        byte[] received = Broadcast(Rank == root ? payload : null, root);
        return received[0] == 0 ? null : Encoding.UTF8.GetString(received, 1, received.Length - 1);
    }

    /// <summary>Sends <paramref name="values"/> to rank <paramref name="destination"/>, which must receive as many with the same tag.</summary>
    public void Send(ReadOnlySpan<double> values, int destination, int tag = 0)
    {
        CheckRank(destination, nameof(destination));
        lock (SyncRoot) _transport.Send(values, destination, tag);
    }

    /// <summary>Receives exactly <c>values.Length</c> values sent by rank <paramref name="source"/> with <paramref name="tag"/>.</summary>
    public void Receive(Span<double> values, int source, int tag = 0)
    {
        CheckRank(source, nameof(source));
        lock (SyncRoot) _transport.Receive(values, source, tag);
    }

    /// <summary>Replaces <paramref name="values"/> on every rank by the elementwise sum over ranks.</summary>
    /// <remarks>MPI chooses the order of the additions (it may depend on the rank count and the message size), so the
    /// bits can differ between rank counts; <see cref="DataParallelModel"/> does not use it for that reason.</remarks>
    public void AllreduceSum(Span<double> values)
    {
        lock (SyncRoot) _transport.AllreduceSum(values);
    }

    /// <summary>Every rank's <paramref name="mine"/> (the same length on every rank), concatenated in rank order.</summary>
    public long[] Allgather(ReadOnlySpan<long> mine)
    {
        var all = new long[mine.Length * Size];
        lock (SyncRoot) _transport.Allgather(mine, all);
        return all;
    }

    /// <summary>
    /// Every rank's <paramref name="mine"/> (any length, empty allowed) concatenated in rank order on rank
    /// <paramref name="root"/>; null on the other ranks.
    /// </summary>
    public double[]? Gather(ReadOnlySpan<double> mine, int root = 0)
    {
        CheckRank(root, nameof(root));
        lock (SyncRoot)
        {
            var lengths = new long[Size];
            _transport.Allgather([mine.Length], lengths);
            var counts = new int[Size];
            long total = 0;
            for (int r = 0; r < Size; r++)
            {
                counts[r] = checked((int)lengths[r]);
                total += lengths[r];
            }
            double[]? all = Rank == root ? new double[checked((int)total)] : null;
            _transport.Gatherv(mine, all, counts, root);
            return all;
        }
    }

    /// <summary>Every rank's <paramref name="mine"/> (any length) concatenated in rank order, on every rank.</summary>
    internal double[] GatherToAll(ReadOnlySpan<double> mine)
    {
        lock (SyncRoot)
        {
            double[]? gathered = Gather(mine);
            var length = new double[] { gathered?.Length ?? 0 };
            _transport.Broadcast(length, 0);
            double[] all = gathered ?? new double[(int)length[0]];
            if (all.Length > 0) _transport.Broadcast(all, 0);
            return all;
        }
    }

    /// <summary>
    /// Ends every rank of the job with <paramref name="exitCode"/> (MPI_Abort; a local communicator exits the process), so
    /// a failure on one rank does not leave the others waiting in a collective.
    /// </summary>
    [DoesNotReturn]
    public void Abort(int exitCode)
    {
        // No lock: another thread may hold it inside a collective that will never complete.
        _transport.Abort(exitCode);
        throw new InvalidOperationException("Abort returned."); // unreachable: both transports end the process
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Communicator(rank {Rank} of {Size})");

    private void CheckRank(int rank, string name)
    {
        if ((uint)rank >= (uint)Size)
            throw new ArgumentOutOfRangeException(name, rank, string.Create(CultureInfo.InvariantCulture, $"Expected a rank in [0, {Size})."));
    }

    private static Communicator CreateWorld()
    {
        if (!LauncherDetected) return Local;
        MpiTransport? mpi = MpiTransport.TryCreate();
        if (mpi is not null) return new Communicator(mpi);
        string? size = Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE") ?? Environment.GetEnvironmentVariable("SLURM_STEP_NUM_TASKS");
        if (int.TryParse(size, NumberStyles.Integer, CultureInfo.InvariantCulture, out int ranks) && ranks > 1)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"This process was started as one of {ranks} MPI ranks, but {MpiTransport.LibraryName} cannot be loaded: install Open MPI (e.g. 'apt-get install openmpi-bin') on every node, or run without mpirun."));
        return Local;
    }
}
