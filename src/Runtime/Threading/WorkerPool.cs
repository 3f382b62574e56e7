using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Landscape.Kernels;

/// <summary>
/// An allocation-free fork-join over [0, count) for the hot loops of generated models and the parallel GEMMs:
/// persistent background workers (started once, on first need) take indices from a shared counter, and the calling
/// thread works too. Unlike <see cref="System.Threading.Tasks.Parallel.For(int, int, Action{int})"/>, a call allocates
/// nothing and starts no thread in steady state, which matters for small networks whose whole pass takes well under
/// a millisecond.
/// </summary>
/// <remarks>
/// Uses up to <see cref="Parallelism.MaxThreads"/> threads. Each index's work must be independent of the others;
/// which thread runs an index, and in what order, is unspecified, so callers combine per-index results in a fixed
/// order afterwards (results are then bit-identical for any thread count). One job runs at a time: a call made while
/// another is running (from another thread, or nested inside a body) runs its indices inline on its own thread, in
/// increasing order. An exception thrown by the body is rethrown on the calling thread after every started index
/// has finished (the first one wins; indices not yet started are skipped).
/// </remarks>
public static class WorkerPool
{
    private static int s_busy; // 1 while a job runs (a flag, not a lock: Monitor would let a nested call re-enter)
    private static readonly SemaphoreSlim s_wake = new(0);
    private static readonly ManualResetEventSlim s_done = new(false, spinCount: 2000);
    private static int s_workers;

    /// <summary>Set in <see cref="s_state"/> once the caller has finished its share: no helper may join any more.</summary>
    private const int Closed = 1 << 30;

    // The current job (valid while s_busy is 1).
    private static Action<int>? s_body;
    private static int s_count;
    private static int s_next;
    private static Exception? s_error;

    /// <summary>Helpers working on the current job, plus <see cref="Closed"/> once the caller stops waiting for new ones.</summary>
    private static int s_state = Closed;

    [ThreadStatic]
    private static bool t_isWorker;

    /// <summary>Runs <paramref name="body"/> for every index in [0, <paramref name="count"/>) on up to <see cref="Parallelism.MaxThreads"/> threads.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static void For(int count, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int threads = Math.Min(Parallelism.MaxThreads, count);
        if (threads <= 1 || t_isWorker || Interlocked.CompareExchange(ref s_busy, 1, 0) != 0)
        {
            for (int i = 0; i < count; i++) body(i);
            return;
        }
        try
        {
            int helpers = threads - 1;
            EnsureWorkers(helpers);
            s_body = body;
            s_count = count;
            s_next = 0;
            s_error = null;
            s_done.Reset();
            Volatile.Write(ref s_state, 0); // open: helpers may join
            s_wake.Release(helpers);
            Work();
            // Every index has been taken. Close the job, so a helper that wakes only now (on a busy machine a woken
            // thread can wait a whole scheduler slice to run) skips it instead of being waited for, take back the
            // wake-ups nobody consumed, and wait only for the helpers still inside a body.
            int joined = Interlocked.Or(ref s_state, Closed);
            while (s_wake.Wait(0))
            {
            }
            if (joined != 0) s_done.Wait();
            Exception? error = s_error;
            s_body = null;
            s_error = null;
            if (error is not null) ExceptionDispatchInfo.Capture(error).Throw();
        }
        finally
        {
            Volatile.Write(ref s_busy, 0);
        }
    }

    /// <summary>Takes indices of the current job until none are left.</summary>
    private static void Work()
    {
        Action<int> body = s_body!;
        int count = s_count;
        int index;
        while ((index = Interlocked.Increment(ref s_next) - 1) < count)
        {
            try
            {
                body(index);
            }
            catch (Exception exception)
            {
                Interlocked.CompareExchange(ref s_error, exception, null);
                Volatile.Write(ref s_next, count); // skip the indices not yet started
            }
        }
    }

    /// <summary>Starts background workers until there are at least <paramref name="helpers"/> (called by the job's owner).</summary>
    private static void EnsureWorkers(int helpers)
    {
        while (s_workers < helpers)
        {
            var thread = new Thread(WorkerLoop)
            {
                IsBackground = true,
                Name = "Landscape worker " + s_workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            thread.Start();
            s_workers++;
        }
    }

    private static void WorkerLoop()
    {
        t_isWorker = true;
        while (true)
        {
            s_wake.Wait();
            // Join the job unless its caller has already closed it.
            int state = Volatile.Read(ref s_state);
            while ((state & Closed) == 0)
            {
                int seen = Interlocked.CompareExchange(ref s_state, state + 1, state);
                if (seen == state) break;
                state = seen;
            }
            if ((state & Closed) != 0) continue;
            Work();
            if (Interlocked.Decrement(ref s_state) == Closed) s_done.Set(); // the last helper of a closed job

        }
    }
}
