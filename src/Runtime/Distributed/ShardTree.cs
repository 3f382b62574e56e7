using System;
using System.Collections.Generic;
using System.Numerics;

namespace Landscape.Distributed;

/// <summary>What a rank does at one node of the chunk tree.</summary>
internal enum TreeStepKind
{
    /// <summary>Push the partial of chunks [Lo, Hi), a subtree this rank owns entirely, computed by the model.</summary>
    Local,

    /// <summary>Push the partial of chunks [Lo, Hi) received from rank Peer.</summary>
    Receive,

    /// <summary>Pop the partial of chunks [Lo, Hi) and send it to rank Peer.</summary>
    Send,

    /// <summary>Pop the right partial, pop the left one, push left + right: the node [Lo, Hi).</summary>
    Combine,
}

/// <summary>One step of a rank's part in the tree: <see cref="TreeStepKind"/> on the node [Lo, Hi), with Peer for messages.</summary>
internal readonly record struct TreeStep(TreeStepKind Kind, int Lo, int Hi, int Peer);

/// <summary>
/// The pairwise chunk tree of <see cref="Models.ChunkTree"/> split over ranks that each own a contiguous run of chunks
/// (rank r owns [first[r], first[r + 1]), in rank order; empty runs allowed).
/// </summary>
/// <remarks>
/// <para>The tree over chunks [0, N): [lo, hi) = [lo, lo + m) + [lo + m, hi), m the largest power of two below hi − lo. A
/// rank's run is in general not one subtree, so each rank computes the <em>maximal</em> subtrees inside its run (one
/// model call each: a subtree is the tree over its own chunks), and the nodes above them, which straddle ranks, are
/// formed by messages: a node lives on the owner of its first chunk (its home); the home adds its left child (which it
/// holds) and its right child (which it holds, or receives from the right child's home). So every addition of the
/// one-process tree happens once, with the same operands in the same association, and the total ends on the owner of
/// chunk 0.</para>
/// <para>No deadlock: a rank receives only from higher ranks and sends only to lower ones (a right child's home is to
/// the right of its parent's), and every rank performs its steps in the tree's post-order, so the matching send and
/// receive of a node sit at the same place in both ranks' orders.</para>
/// </remarks>
internal static class ShardTree
{
    /// <summary>The split of a node of <paramref name="size"/> ≥ 2 chunks: the largest power of two below it.</summary>
    public static int Split(int size) => (int)(BitOperations.RoundUpToPowerOf2((uint)size) / 2);

    /// <summary>The owner of chunk <paramref name="chunk"/> under the runs <paramref name="first"/> (length ranks + 1).</summary>
    public static int Owner(ReadOnlySpan<int> first, int chunk)
    {
        // The last rank whose run starts at or before the chunk; its run is not empty (an empty run r would start where
        // run r + 1 does, also at or before the chunk) and so holds the chunk.
        int lo = 0, hi = first.Length - 2;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (first[mid] <= chunk) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    /// <summary>Rank <paramref name="rank"/>'s steps, in post-order, under the runs <paramref name="first"/> (length ranks + 1).</summary>
    /// <exception cref="ArgumentException">The runs do not start at 0 or decrease.</exception>
    public static List<TreeStep> Steps(int rank, ReadOnlySpan<int> first)
    {
        if (first.Length < 2 || first[0] != 0) throw new ArgumentException("The runs must start at chunk 0.", nameof(first));
        for (int r = 1; r < first.Length; r++)
        {
            if (first[r] < first[r - 1]) throw new ArgumentException("The runs must be in rank order.", nameof(first));
        }
        var steps = new List<TreeStep>();
        int chunks = first[^1];
        if (chunks > 0 && first[rank + 1] > first[rank]) Visit(steps, rank, first, 0, chunks);
        return steps;
    }

    /// <summary>The rank that holds the total: the owner of chunk 0.</summary>
    public static int Home(ReadOnlySpan<int> first) => Owner(first, 0);

    /// <summary>
    /// Appends this rank's steps for the node [lo, hi), which holds at least one of its chunks. Afterwards the rank holds
    /// the node's partial on top of its stack if it is the node's home, and nothing for it otherwise.
    /// </summary>
    private static void Visit(List<TreeStep> steps, int rank, ReadOnlySpan<int> first, int lo, int hi)
    {
        int a = first[rank], b = first[rank + 1];
        if (a <= lo && hi <= b)
        {
            steps.Add(new TreeStep(TreeStepKind.Local, lo, hi, rank));
            return;
        }
        int mid = lo + Split(hi - lo);
        int home = Owner(first, lo), rightHome = Owner(first, mid);
        bool inLeft = a < mid && b > lo, inRight = a < hi && b > mid;
        if (inLeft) Visit(steps, rank, first, lo, mid);
        if (inRight) Visit(steps, rank, first, mid, hi);
        if (rank == home)
        {
            if (rightHome != rank) steps.Add(new TreeStep(TreeStepKind.Receive, mid, hi, rightHome));
            steps.Add(new TreeStep(TreeStepKind.Combine, lo, hi, rank));
        }
        else if (rank == rightHome)
        {
            steps.Add(new TreeStep(TreeStepKind.Send, mid, hi, home));
        }
    }
}
