using System;
using System.Collections.Generic;
using Landscape.Distributed;
using Landscape.Models;

namespace Landscape.Tests.Distributed;

/// <summary>
/// The chunk tree split over ranks (ShardTree): every rank's steps, run together with rendezvous messages, form exactly
/// the one-process tree — the same additions in the same association — for every chunk count and every split into runs,
/// including empty runs, and never deadlock.
/// </summary>
public sealed class ShardTreeTests
{
    /// <summary>The tree of ChunkTree's remarks, written recursively: [lo, hi) = [lo, lo + m) + [lo + m, hi).</summary>
    private static string Expression(int lo, int hi)
    {
        if (hi - lo == 1) return lo.ToString(System.Globalization.CultureInfo.InvariantCulture);
        int m = 1;
        while (2 * m < hi - lo) m *= 2; // the largest power of two below hi − lo
        return "(" + Expression(lo, lo + m) + "+" + Expression(lo + m, hi) + ")";
    }

    /// <summary>Balanced runs as DataParallelModel.Shard makes them, for <paramref name="chunks"/> chunks of one example.</summary>
    private static int[] Balanced(int chunks, int ranks)
    {
        var first = new int[ranks + 1];
        for (int r = 0; r < ranks; r++)
        {
            (int start, int count) = DataParallelModel.ShardRange(chunks, 1, r, ranks);
            Assert.Equal(first[r], start);
            first[r + 1] = start + count;
        }
        Assert.Equal(chunks, first[ranks]);
        return first;
    }

    /// <summary>Random runs (empty ones likely) over <paramref name="chunks"/> chunks.</summary>
    private static int[] Random(int chunks, int ranks, Random random)
    {
        var cuts = new int[ranks + 1];
        for (int r = 1; r < ranks; r++) cuts[r] = random.Next(chunks + 1);
        cuts[ranks] = chunks;
        Array.Sort(cuts, 1, ranks - 1);
        return cuts;
    }

    /// <summary>
    /// Runs every rank's steps on symbolic partials (the expression each one stands for), pairing a send with its receive
    /// only when both ranks have reached them (rendezvous). Returns the home rank's final expression; fails on a deadlock,
    /// a mismatched message or a rank left holding partials.
    /// </summary>
    private static string Simulate(int[] first, Func<int, int, string> local, Func<string, string, string> combine)
    {
        int ranks = first.Length - 1;
        var steps = new List<TreeStep>[ranks];
        var next = new int[ranks];
        var stacks = new Stack<string>[ranks];
        for (int r = 0; r < ranks; r++)
        {
            steps[r] = ShardTree.Steps(r, first);
            stacks[r] = new Stack<string>();
        }
        bool progress = true;
        while (progress)
        {
            progress = false;
            for (int r = 0; r < ranks; r++)
            {
                while (next[r] < steps[r].Count)
                {
                    TreeStep step = steps[r][next[r]];
                    if (step.Kind == TreeStepKind.Local)
                    {
                        stacks[r].Push(local(step.Lo, step.Hi));
                    }
                    else if (step.Kind == TreeStepKind.Combine)
                    {
                        string right = stacks[r].Pop(), left = stacks[r].Pop();
                        stacks[r].Push(combine(left, right));
                    }
                    else if (step.Kind == TreeStepKind.Send)
                    {
                        // A send completes only together with the matching receive (rendezvous).
                        int peer = step.Peer;
                        if (next[peer] >= steps[peer].Count) break;
                        TreeStep other = steps[peer][next[peer]];
                        if (other.Kind != TreeStepKind.Receive || other.Peer != r) break;
                        Assert.Equal((step.Lo, step.Hi), (other.Lo, other.Hi));
                        stacks[peer].Push(stacks[r].Pop());
                        next[peer]++;
                    }
                    else
                    {
                        break; // a receive waits for the sender's matching send
                    }
                    next[r]++;
                    progress = true;
                }
            }
        }
        for (int r = 0; r < ranks; r++)
            Assert.True(next[r] == steps[r].Count, $"Deadlock: rank {r} stuck at step {next[r]} of {steps[r].Count} for runs [{string.Join(", ", first)}].");
        int home = ShardTree.Home(first);
        for (int r = 0; r < ranks; r++) Assert.Equal(r == home ? 1 : 0, stacks[r].Count);
        return stacks[home].Pop();
    }

    [Fact]
    public void EveryRunSplit_FormsTheOneProcessTree_WithoutDeadlock()
    {
        var random = new Random(15);
        for (int chunks = 1; chunks <= 40; chunks++)
        {
            string expected = Expression(0, chunks);
            for (int ranks = 1; ranks <= 9; ranks++)
            {
                var splits = new List<int[]> { Balanced(chunks, ranks) };
                for (int k = 0; k < 6; k++) splits.Add(Random(chunks, ranks, random));
                foreach (int[] first in splits)
                {
                    string actual = Simulate(first, Expression, (l, r) => "(" + l + "+" + r + ")");
                    Assert.True(expected == actual, $"runs [{string.Join(", ", first)}]: {actual} instead of {expected}");
                }
            }
        }
    }

    [Fact]
    public void MaximalSubtrees_AreComputedLocally_AndOnlyStraddlingNodesTravel()
    {
        // 7 chunks on 3 ranks: runs [0, 3), [3, 5), [5, 7), and the tree ((0+1)+(2+3)) + ((4+5)+6). Rank 2's run is not a
        // subtree: it computes [5, 6) and [6, 7) and sends both to rank 1, which forms (4+5) and then (4+5)+6.
        int[] first = [0, 3, 5, 7];
        Assert.Equal(
            [new(TreeStepKind.Local, 0, 2, 0), new(TreeStepKind.Local, 2, 3, 0), new(TreeStepKind.Receive, 3, 4, 1), new(TreeStepKind.Combine, 2, 4, 0),
             new(TreeStepKind.Combine, 0, 4, 0), new(TreeStepKind.Receive, 4, 7, 1), new(TreeStepKind.Combine, 0, 7, 0)],
            ShardTree.Steps(0, first));
        Assert.Equal(
            [new(TreeStepKind.Local, 3, 4, 1), new(TreeStepKind.Send, 3, 4, 0), new(TreeStepKind.Local, 4, 5, 1), new(TreeStepKind.Receive, 5, 6, 2),
             new(TreeStepKind.Combine, 4, 6, 1), new(TreeStepKind.Receive, 6, 7, 2), new(TreeStepKind.Combine, 4, 7, 1), new(TreeStepKind.Send, 4, 7, 0)],
            ShardTree.Steps(1, first));
        Assert.Equal([new(TreeStepKind.Local, 5, 6, 2), new(TreeStepKind.Send, 5, 6, 1), new(TreeStepKind.Local, 6, 7, 2), new(TreeStepKind.Send, 6, 7, 1)],
            ShardTree.Steps(2, first));
        Assert.Equal(0, ShardTree.Home(first));
    }

    [Fact]
    public void NumericPartials_GiveTheBitsOfChunkTree()
    {
        // Values spread over many magnitudes, so a different association would almost surely change the bits.
        var random = new Random(16);
        for (int chunks = 1; chunks <= 33; chunks++)
        {
            var values = new double[chunks];
            for (int c = 0; c < chunks; c++) values[c] = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 9));
            var tree = new ChunkTree(1);
            foreach (double value in values)
            {
                tree.Next()[0] = value;
                tree.Add();
            }
            double expected = tree.Total();
            double Sum(int lo, int hi)
            {
                var sub = new ChunkTree(1); // a subtree is the tree over its own chunks
                for (int c = lo; c < hi; c++)
                {
                    sub.Next()[0] = values[c];
                    sub.Add();
                }
                return sub.Total();
            }
            for (int ranks = 1; ranks <= 6; ranks++)
            {
                foreach (int[] first in new[] { Balanced(chunks, ranks), Random(chunks, ranks, random) })
                {
                    string total = Simulate(first, (lo, hi) => BitConverter.DoubleToInt64Bits(Sum(lo, hi)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        (l, r) => BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(long.Parse(l, System.Globalization.CultureInfo.InvariantCulture)) +
                                                                 BitConverter.Int64BitsToDouble(long.Parse(r, System.Globalization.CultureInfo.InvariantCulture))).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected), long.Parse(total, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
    }

    [Fact]
    public void Owner_SkipsEmptyRuns()
    {
        int[] first = [0, 0, 2, 2, 3, 3]; // ranks 0, 2 and 4 hold nothing
        Assert.Equal(1, ShardTree.Owner(first, 0));
        Assert.Equal(1, ShardTree.Owner(first, 1));
        Assert.Equal(3, ShardTree.Owner(first, 2));
        Assert.Equal(1, ShardTree.Home(first));
        Assert.Empty(ShardTree.Steps(0, first));
        Assert.Empty(ShardTree.Steps(4, first));
    }
}
