using System;
using System.Collections.Generic;

namespace Landscape.Models;

/// <summary>
/// A small thread-safe pool of reusable scratch objects (the per-call buffers of generated models), so that steady-state
/// calls allocate nothing. Concurrent callers each get their own workspace; at most <see cref="MaxRetained"/> idle
/// workspaces are kept.
/// </summary>
/// <typeparam name="T">The workspace type.</typeparam>
public sealed class WorkspacePool<T> where T : class
{
    private readonly Func<T> _factory;
    private readonly Stack<T> _idle = new();

    /// <summary>Creates a pool that builds new workspaces with <paramref name="factory"/> on demand.</summary>
    public WorkspacePool(Func<T> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factory = factory;
    }

    /// <summary>The largest number of idle workspaces kept for reuse.</summary>
    public int MaxRetained { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Takes an idle workspace or builds a new one.</summary>
    public T Rent()
    {
        lock (_idle)
        {
            if (_idle.Count > 0) return _idle.Pop();
        }
        return _factory();
    }

    /// <summary>Returns a workspace taken with <see cref="Rent"/>.</summary>
    public void Return(T workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        lock (_idle)
        {
            if (_idle.Count < MaxRetained) _idle.Push(workspace);
        }
    }
}
