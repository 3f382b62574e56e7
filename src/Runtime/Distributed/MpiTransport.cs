using System;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Landscape.Distributed;

/// <summary>
/// MPI_COMM_WORLD of Open MPI, bound to <c>libmpi.so.40</c> by function pointers from <see cref="NativeLibrary"/> (the
/// NuGet MPI.NET binding is MS-MPI only). Open MPI's handles are the addresses of exported globals
/// (<c>ompi_mpi_comm_world</c>, <c>ompi_mpi_double</c>, <c>ompi_mpi_op_sum</c>, …); <c>MPI_IN_PLACE</c> is <c>(void*)1</c>.
/// Only the calls Landscape needs are bound; every buffer is pinned for the duration of its call.
/// </summary>
internal sealed unsafe class MpiTransport : Transport
{
    /// <summary>The shared library of Open MPI 4.x and 5.x.</summary>
    public const string LibraryName = "libmpi.so.40";

    /// <summary>MPI_THREAD_SERIALIZED in Open MPI's mpi.h: any thread may call, one at a time.</summary>
    private const int ThreadSerialized = 2;

    private static readonly IntPtr InPlace = 1;

    private readonly IntPtr _world, _double, _byte, _int64, _sum;
    private readonly delegate* unmanaged<int*, byte***, int, int*, int> _initThread;
    private readonly delegate* unmanaged<int*, int> _initialized;
    private readonly delegate* unmanaged<int*, int> _finalized;
    private readonly delegate* unmanaged<int> _finalize;
    private readonly delegate* unmanaged<IntPtr, int*, int> _commRank;
    private readonly delegate* unmanaged<IntPtr, int*, int> _commSize;
    private readonly delegate* unmanaged<IntPtr, int> _barrier;
    private readonly delegate* unmanaged<void*, int, IntPtr, int, IntPtr, int> _bcast;
    private readonly delegate* unmanaged<void*, int, IntPtr, int, int, IntPtr, int> _send;
    private readonly delegate* unmanaged<void*, int, IntPtr, int, int, IntPtr, void*, int> _recv;
    private readonly delegate* unmanaged<void*, void*, int, IntPtr, IntPtr, IntPtr, int> _allreduce;
    private readonly delegate* unmanaged<void*, int, IntPtr, void*, int, IntPtr, IntPtr, int> _allgather;
    private readonly delegate* unmanaged<void*, int, IntPtr, void*, int*, int*, IntPtr, int, IntPtr, int> _gatherv;
    private readonly delegate* unmanaged<IntPtr, int, int> _abort;
    private bool _finalizedByUs;

    private MpiTransport(IntPtr library)
    {
        _world = NativeLibrary.GetExport(library, "ompi_mpi_comm_world");
        _double = NativeLibrary.GetExport(library, "ompi_mpi_double");
        _byte = NativeLibrary.GetExport(library, "ompi_mpi_byte");
        _int64 = NativeLibrary.GetExport(library, "ompi_mpi_int64_t");
        _sum = NativeLibrary.GetExport(library, "ompi_mpi_op_sum");
        _initThread = (delegate* unmanaged<int*, byte***, int, int*, int>)NativeLibrary.GetExport(library, "MPI_Init_thread");
        _initialized = (delegate* unmanaged<int*, int>)NativeLibrary.GetExport(library, "MPI_Initialized");
        _finalized = (delegate* unmanaged<int*, int>)NativeLibrary.GetExport(library, "MPI_Finalized");
        _finalize = (delegate* unmanaged<int>)NativeLibrary.GetExport(library, "MPI_Finalize");
        _commRank = (delegate* unmanaged<IntPtr, int*, int>)NativeLibrary.GetExport(library, "MPI_Comm_rank");
        _commSize = (delegate* unmanaged<IntPtr, int*, int>)NativeLibrary.GetExport(library, "MPI_Comm_size");
        _barrier = (delegate* unmanaged<IntPtr, int>)NativeLibrary.GetExport(library, "MPI_Barrier");
        _bcast = (delegate* unmanaged<void*, int, IntPtr, int, IntPtr, int>)NativeLibrary.GetExport(library, "MPI_Bcast");
        _send = (delegate* unmanaged<void*, int, IntPtr, int, int, IntPtr, int>)NativeLibrary.GetExport(library, "MPI_Send");
        _recv = (delegate* unmanaged<void*, int, IntPtr, int, int, IntPtr, void*, int>)NativeLibrary.GetExport(library, "MPI_Recv");
        _allreduce = (delegate* unmanaged<void*, void*, int, IntPtr, IntPtr, IntPtr, int>)NativeLibrary.GetExport(library, "MPI_Allreduce");
        _allgather = (delegate* unmanaged<void*, int, IntPtr, void*, int, IntPtr, IntPtr, int>)NativeLibrary.GetExport(library, "MPI_Allgather");
        _gatherv = (delegate* unmanaged<void*, int, IntPtr, void*, int*, int*, IntPtr, int, IntPtr, int>)NativeLibrary.GetExport(library, "MPI_Gatherv");
        _abort = (delegate* unmanaged<IntPtr, int, int>)NativeLibrary.GetExport(library, "MPI_Abort");

        int initialized;
        Ok(_initialized(&initialized), "MPI_Initialized");
        if (initialized == 0)
        {
            int provided;
            Ok(_initThread(null, null, ThreadSerialized, &provided), "MPI_Init_thread");
            if (provided < ThreadSerialized)
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Open MPI provides thread level {provided}; Landscape needs MPI_THREAD_SERIALIZED ({ThreadSerialized}) because model calls may come from any thread."));
            _finalizedByUs = true;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => FinalizeMpi();
        }
        int rank, size;
        Ok(_commRank(_world, &rank), "MPI_Comm_rank");
        Ok(_commSize(_world, &size), "MPI_Comm_size");
        Rank = rank;
        Size = size;
    }

    /// <summary>Loads libmpi and initializes MPI, or returns null when the library cannot be loaded.</summary>
    public static MpiTransport? TryCreate()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad(LibraryName, out IntPtr library)) return null;
        return new MpiTransport(library);
    }

    public override int Rank { get; }

    public override int Size { get; }

    public override void Barrier() => Ok(_barrier(_world), "MPI_Barrier");

    public override void Broadcast(Span<double> buffer, int root)
    {
        fixed (double* p = buffer) Ok(_bcast(p, buffer.Length, _double, root, _world), "MPI_Bcast");
    }

    public override void Broadcast(Span<byte> buffer, int root)
    {
        fixed (byte* p = buffer) Ok(_bcast(p, buffer.Length, _byte, root, _world), "MPI_Bcast");
    }

    public override void Send(ReadOnlySpan<double> buffer, int destination, int tag)
    {
        fixed (double* p = buffer) Ok(_send(p, buffer.Length, _double, destination, tag, _world), "MPI_Send");
    }

    public override void Receive(Span<double> buffer, int source, int tag)
    {
        // MPI_STATUS_IGNORE is a null pointer in Open MPI.
        fixed (double* p = buffer) Ok(_recv(p, buffer.Length, _double, source, tag, _world, null), "MPI_Recv");
    }

    public override void AllreduceSum(Span<double> buffer)
    {
        fixed (double* p = buffer) Ok(_allreduce((void*)InPlace, p, buffer.Length, _double, _sum, _world), "MPI_Allreduce");
    }

    public override void Allgather(ReadOnlySpan<long> mine, Span<long> all)
    {
        fixed (long* send = mine)
        fixed (long* receive = all)
            Ok(_allgather(send, mine.Length, _int64, receive, mine.Length, _int64, _world), "MPI_Allgather");
    }

    public override void Gatherv(ReadOnlySpan<double> mine, Span<double> all, ReadOnlySpan<int> counts, int root)
    {
        var displacements = new int[counts.Length];
        for (int r = 1; r < counts.Length; r++) displacements[r] = displacements[r - 1] + counts[r - 1];
        fixed (double* send = mine)
        fixed (double* receive = all)
        fixed (int* c = counts)
        fixed (int* d = displacements)
            Ok(_gatherv(send, mine.Length, _double, receive, c, d, _double, root, _world), "MPI_Gatherv");
    }

    public override void Abort(int exitCode)
    {
        _abort(_world, exitCode);
        Environment.Exit(exitCode); // MPI_Abort does not return; this is for an implementation that would
    }

    /// <summary>MPI_Finalize once, at process exit, if this process initialized MPI and nothing finalized it yet.</summary>
    private void FinalizeMpi()
    {
        if (!_finalizedByUs) return;
        _finalizedByUs = false;
        int finalized;
        if (_finalized(&finalized) == 0 && finalized == 0) _finalize();
    }

    private static void Ok(int code, string call)
    {
        // MPI's default error handler aborts the job before returning an error; this guards a changed handler.
        if (code != 0) throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{call} failed with MPI error code {code}."));
    }
}
