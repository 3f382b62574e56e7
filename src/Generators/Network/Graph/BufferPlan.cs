using System;
using System.Collections.Generic;

namespace Landscape.Generators.Network.Graph;

/// <summary>
/// Which workspace buffers exist, which value each belongs to, and how each use of a value writes its delta. Built by
/// <see cref="BufferPlanner"/>.
/// </summary>
/// <remarks>
/// Stacked buffers hold two chunks of rows. A value buffer is [a; R a]. A delta buffer holds g alone in the gradient pass
/// and [R g; g] in the HVP pass, so that one TN product over 2·rows, [R g; g]ᵀ [a; R a] = R gᵀ a + gᵀ R a, gives a weight's
/// whole H·v term.
/// </remarks>
internal sealed class BufferPlan
{
    /// <summary>The stacked half holding the value a (the R-image R a is in the other half).</summary>
    public const int ValueHalf = 0;

    /// <summary>The stacked half holding R a.</summary>
    public const int RValueHalf = 1;

    /// <summary>The stacked half holding R g in the HVP pass.</summary>
    public const int RDeltaHalf = 0;

    /// <summary>The value buffers by op id.</summary>
    private readonly IReadOnlyDictionary<int, ValueBuffers> _values;

    /// <summary>The delta writes by use.</summary>
    private readonly IReadOnlyDictionary<Use, DeltaWrite> _writes;

    /// <summary>A plan of <paramref name="buffers"/> (in declaration order), per-op <paramref name="values"/> and per-use <paramref name="writes"/>.</summary>
    public BufferPlan(IReadOnlyList<WorkspaceBuffer> buffers, IReadOnlyDictionary<int, ValueBuffers> values, IReadOnlyDictionary<Use, DeltaWrite> writes)
    {
        Buffers = buffers;
        _values = values;
        _writes = writes;
    }

    /// <summary>Every planned buffer in declaration order: op by op, its value, σ′, R σ′ and delta buffers, then its scratch.</summary>
    public IReadOnlyList<WorkspaceBuffer> Buffers { get; }

    /// <summary>The buffers and names of op <paramref name="id"/>'s value (the input and the layers; not the loss head).</summary>
    public ValueBuffers Value(int id) =>
        _values.TryGetValue(id, out ValueBuffers? value) ? value : throw new InvalidOperationException($"Op {id} has no planned value.");

    /// <summary>How the use <paramref name="use"/> writes the delta of the value it reads, or null when that value has no delta.</summary>
    public DeltaWrite? Write(Use use) => _writes.TryGetValue(use, out DeltaWrite write) ? write : null;

    /// <summary>
    /// The buffers a Hessian operator keeps per chunk, in declaration order: the workspace's <see cref="WorkspaceBuffer.FixedPoint"/>
    /// buffers, each value's σ″ and upstream deltas after its σ′.
    /// </summary>
    public IEnumerable<WorkspaceBuffer> CacheBuffers
    {
        get
        {
            foreach (WorkspaceBuffer buffer in Buffers)
            {
                if (!buffer.FixedPoint) continue;
                yield return buffer;
                foreach (ValueBuffers value in _values.Values)
                {
                    if (!ReferenceEquals(value.Derivatives, buffer)) continue;
                    if (value.Second is { } second) yield return second;
                    if (value.Upstream is { } upstream) yield return upstream;
                }
            }
        }
    }

    /// <summary>
    /// The half holding g: the first in the gradient pass (g alone), the second in the HVP pass ([R g; g]) and in the
    /// operator's passes (whose cache has the HVP's layout).
    /// </summary>
    public static int DeltaHalf(Pass pass) => pass is Pass.Hessian or Pass.FixedPoint or Pass.Operator ? 1 : 0;
}
