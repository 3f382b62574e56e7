using System;
using System.Collections.Generic;

namespace Landscape.Models;

/// <summary>
/// A small thread-safe pool of reusable scratch objects (the per-call buffers of generated models), so that steady-state
/// calls allocate nothing. Concurrent callers each get their own workspace. Idle workspaces are kept only while their
/// total bytes stay within <see cref="RetainedBudgetBytes"/>, and always at least one, so a burst of concurrent callers
/// does not leave one large workspace per caller behind for ever.
/// </summary>
/// <typeparam name="T">The workspace type.</typeparam>
public sealed class WorkspacePool<T> where T : class
{
    /// <summary>The most bytes of idle workspaces one pool keeps: 512 MiB (one idle workspace is kept whatever its size).</summary>
    public const long RetainedBudgetBytes = 512L * 1024 * 1024;

    private readonly Func<T> _factory;
    private readonly Stack<T> _idle = new();

    /// <summary>
    /// Creates a pool that builds new workspaces with <paramref name="factory"/> on demand, each taking
    /// <paramref name="workspaceBytes"/> bytes (what bounds how many idle ones are kept; 0 when unknown or negligible).
    /// </summary>
    public WorkspacePool(Func<T> factory, long workspaceBytes = 0)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentOutOfRangeException.ThrowIfNegative(workspaceBytes);
        _factory = factory;
        WorkspaceBytes = workspaceBytes;
        MaxRetained = workspaceBytes == 0 ? int.MaxValue : (int)Math.Clamp(RetainedBudgetBytes / workspaceBytes, 1, int.MaxValue);
    }

    /// <summary>The bytes one workspace takes, as given to the constructor.</summary>
    public long WorkspaceBytes { get; }

    /// <summary>
    /// The largest number of idle workspaces kept for reuse: ⌊<see cref="RetainedBudgetBytes"/> / <see cref="WorkspaceBytes"/>⌋,
    /// at least 1 (unbounded when the size is 0: a pool never holds more idle workspaces than callers it served at once).
    /// </summary>
    public int MaxRetained { get; }

    /// <summary>How many idle workspaces the pool holds now.</summary>
    public int RetainedCount
    {
        get
        {
            lock (_idle) return _idle.Count;
        }
    }

    /// <summary>Takes an idle workspace or builds a new one.</summary>
    public T Rent()
    {
        lock (_idle)
        {
            if (_idle.Count > 0) return _idle.Pop();
        }
        return _factory();
    }

    /// <summary>Returns a workspace taken with <see cref="Rent"/>; it is dropped when the idle ones already fill the budget.</summary>
    public void Return(T workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        lock (_idle)
        {
            if (_idle.Count < MaxRetained) _idle.Push(workspace);
        }
    }
}
