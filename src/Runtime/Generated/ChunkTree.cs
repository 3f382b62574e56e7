using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace Landscape.Models;

/// <summary>
/// Sums per-chunk partial results (a loss sum, a gradient, a Hessian-vector product) by a fixed pairwise tree over the
/// chunk indices 0, 1, …, N − 1, streaming: chunks are added one after another, and at most ⌈log₂ N⌉ + 1 partial
/// vectors are held at a time.
/// </summary>
/// <remarks>
/// <para>The tree. The sum over chunks [lo, hi) is the sum over [lo, lo + m) plus the sum over [lo + m, hi), where m is
/// the largest power of two below hi − lo; a single chunk is its own partial. The shape depends only on the number of
/// chunks N, never on the thread count, the machine or the order in which chunks finish, so the total is the same bits
/// for any parallel schedule; and because every subtree covers an aligned range of chunk indices, the same tree can be
/// split across processes that each own a contiguous, aligned range of chunks. Streaming realizes it as a binary
/// counter: after chunk c is added, two partials of equal size 2ᵏ are merged (left + right) while the lowest bit of the
/// count allows; <see cref="Total(Span{double})"/> then folds what is left from the right (smallest) end.</para>
/// <para>Accuracy. Each element's sum has O(log N) rounding steps instead of the O(N) of one running sum, so its error
/// bound is O(ε log N) relative to the sum of absolute values rather than O(ε N). Elementwise addition is exactly
/// rounded, so the result does not depend on the SIMD width either.</para>
/// <para>Use: <see cref="Reset"/>, then for each chunk in index order fill <see cref="Next"/> and call
/// <see cref="Add"/>, then <see cref="Total(Span{double})"/>. An instance is not thread-safe; generated models keep one per workspace
/// and reuse it, so steady-state calls allocate nothing.</para>
/// </remarks>
public sealed class ChunkTree
{
    private readonly List<double[]> _buffers = [];
    private readonly List<int> _sizes = []; // chunks covered by each stacked partial, bottom (oldest) first
    private int _depth;
    private bool _pending;

    /// <summary>Creates a tree over partials of <paramref name="length"/> values.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public ChunkTree(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
    }

    /// <summary>The number of values in each partial.</summary>
    public int Length { get; }

    /// <summary>The number of chunks added since <see cref="Reset"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Forgets every partial (the buffers are kept for reuse).</summary>
    public void Reset()
    {
        _depth = 0;
        _sizes.Clear();
        Count = 0;
        _pending = false;
    }

    /// <summary>
    /// The buffer for the next chunk's partial, cleared to +0: write (or accumulate) the chunk's partial into it, then
    /// call <see cref="Add"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The previous <see cref="Next"/> buffer was not added yet.</exception>
    public Span<double> Next()
    {
        if (_pending) throw new InvalidOperationException("ChunkTree.Next was called twice without Add: add the previous chunk's partial first.");
        if (_depth == _buffers.Count) _buffers.Add(new double[Length]);
        double[] buffer = _buffers[_depth];
        Array.Clear(buffer);
        _pending = true;
        return buffer;
    }

    /// <summary>Adds the partial written into the last <see cref="Next"/> buffer as chunk <see cref="Count"/>.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Next"/> was not called first.</exception>
    public void Add()
    {
        if (!_pending) throw new InvalidOperationException("ChunkTree.Add was called without Next: fill the buffer Next returns, then Add.");
        _pending = false;
        _depth++;
        _sizes.Add(1);
        Count++;
        // Binary counter: merge the two newest partials while they cover equally many chunks (2ᵏ each).
        while (_depth >= 2 && _sizes[_depth - 1] == _sizes[_depth - 2])
        {
            Merge();
        }
    }

    /// <summary>
    /// Writes the sum of every chunk added into <paramref name="total"/> (zeros when none was added). The partials are
    /// folded from the right, so the sum is the tree described in the remarks; the tree can keep growing afterwards.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="total"/> is not <see cref="Length"/> long.</exception>
    public void Total(Span<double> total)
    {
        if (total.Length != Length)
            throw new ArgumentException($"The total has {total.Length} values; the partials have {Length}.", nameof(total));
        if (_pending) throw new InvalidOperationException("ChunkTree.Total was called with a Next buffer not yet added.");
        if (_depth == 0)
        {
            total.Clear();
            return;
        }
        // Fold right to left: the newest (smallest) partials first, so [lo, lo + m) + (sum of the rest) as in the remarks.
        _buffers[_depth - 1].AsSpan().CopyTo(total);
        for (int i = _depth - 2; i >= 0; i--)
            TensorPrimitives.Add(_buffers[i], total, total);
    }

    /// <summary>The scalar total of a one-value tree.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Length"/> is not 1.</exception>
    public double Total()
    {
        if (Length != 1) throw new InvalidOperationException($"Total() without a destination is for one-value trees; this one has {Length} values.");
        Span<double> total = stackalloc double[1];
        Total(total);
        return total[0];
    }

    /// <summary>Replaces the two newest partials (left, right) by left + right.</summary>
    private void Merge()
    {
        double[] left = _buffers[_depth - 2], right = _buffers[_depth - 1];
        TensorPrimitives.Add(left, right, left);
        _sizes[_depth - 2] += _sizes[_depth - 1];
        _sizes.RemoveAt(_depth - 1);
        _depth--;
    }
}
