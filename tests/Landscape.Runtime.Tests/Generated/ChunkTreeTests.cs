using System;
using System.Linq;
using System.Numerics;
using Landscape.Models;
using Landscape.Tests.Numerics;

namespace Landscape.Tests.Generated;

public sealed class ChunkTreeTests
{
    private const int Seed = 20261207;

    /// <summary>The tree as DESIGN.md §2 defines it, by recursion: [lo, hi) = [lo, lo + m) + [lo + m, hi), m the largest power of two below hi − lo.</summary>
    private static double[] Reference(double[][] chunks, int lo, int hi)
    {
        if (hi - lo == 1) return (double[])chunks[lo].Clone();
        int m = 1;
        while (2 * m < hi - lo) m *= 2;
        double[] left = Reference(chunks, lo, lo + m), right = Reference(chunks, lo + m, hi);
        for (int i = 0; i < left.Length; i++) left[i] += right[i];
        return left;
    }

    private static double[][] RandomChunks(Random random, int count, int length) =>
        Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, length).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 9))).ToArray()).ToArray();

    private static double[] Stream(ChunkTree tree, double[][] chunks)
    {
        tree.Reset();
        foreach (double[] chunk in chunks)
        {
            chunk.CopyTo(tree.Next());
            tree.Add();
        }
        var total = new double[tree.Length];
        tree.Total(total);
        return total;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17)]
    public void The_streamed_total_is_the_pairwise_tree_over_chunk_indices_bit_for_bit(int length)
    {
        var random = new Random(Seed + length);
        var tree = new ChunkTree(length);
        for (int count = 1; count <= 70; count++)
        {
            double[][] chunks = RandomChunks(random, count, length);
            double[] expected = Reference(chunks, 0, count);
            double[] actual = Stream(tree, chunks);
            for (int i = 0; i < length; i++)
                Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                    $"{count} chunks, element {i}: streamed {actual[i]:R}, tree {expected[i]:R}");
            Assert.Equal(count, tree.Count);
        }
    }

    [Fact]
    public void No_chunks_sum_to_zero_and_one_chunk_is_itself()
    {
        var tree = new ChunkTree(2);
        var total = new double[] { 7, 7 };
        tree.Total(total);
        Assert.Equal([0.0, 0.0], total);

        tree.Next()[1] = -0.0;
        tree.Add();
        tree.Total(total);
        Assert.Equal(0.0, total[0]);
        Assert.True(double.IsNegative(total[1]), "a single partial is returned as written (−0 stays −0)");
    }

    [Fact]
    public void The_next_buffer_is_cleared_even_when_reused()
    {
        var tree = new ChunkTree(4);
        tree.Next().Fill(3);
        tree.Add();
        tree.Next().Fill(5);
        tree.Add(); // merges into the first buffer; the second is free again
        Assert.All(tree.Next().ToArray(), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Accuracy_is_within_the_pairwise_bound_and_no_worse_than_one_running_sum()
    {
        // Sums of many chunks of same-sign values of mixed magnitude: the running sum's error grows like N·ε, the tree's like
        // log₂N·ε. Exact sums come from 1,200-bit fixed point.
        var random = new Random(Seed);
        double treeError = 0, runningError = 0;
        const int trials = 40, count = 1000;
        for (int trial = 0; trial < trials; trial++)
        {
            double[][] chunks = Enumerable.Range(0, count).Select(_ => new[] { random.NextDouble() * Math.Pow(2, random.Next(-20, 21)) }).ToArray();
            BigInteger exact = chunks.Aggregate(BigInteger.Zero, (s, c) => s + HighPrecision.FromDouble(c[0]));
            double truth = HighPrecision.ToDouble(exact);
            double running = 0;
            foreach (double[] c in chunks) running += c[0];
            double tree = Stream(new ChunkTree(1), chunks)[0];

            double sumAbs = chunks.Sum(c => Math.Abs(c[0]));
            // Pairwise bound: |error| ≤ γ_d Σ|x| with d = ⌈log₂ N⌉ additions on any root-to-leaf path, γ_d = dε/(1 − dε).
            int depth = (int)Math.Ceiling(Math.Log2(count));
            const double u = 1.0 / (1L << 53); // unit roundoff of double
            double gamma = depth * u / (1 - depth * u);
            Assert.True(Math.Abs(tree - truth) <= gamma * sumAbs, $"trial {trial}: tree error {Math.Abs(tree - truth):E3} above the bound {gamma * sumAbs:E3}");
            treeError += Math.Abs(tree - truth) / truth;
            runningError += Math.Abs(running - truth) / truth;
        }
        Assert.True(treeError <= runningError, $"mean relative error: tree {treeError / trials:E3}, running sum {runningError / trials:E3}");
    }

    [Fact]
    public void Misuse_is_refused_with_the_reason()
    {
        var tree = new ChunkTree(3);
        Assert.Contains("without Next", Assert.Throws<InvalidOperationException>(tree.Add).Message);
        tree.Next();
        Assert.Contains("twice without Add", Assert.Throws<InvalidOperationException>(() => tree.Next()).Message);
        Assert.Contains("not yet added", Assert.Throws<InvalidOperationException>(() => tree.Total(new double[3])).Message);
        tree.Add();
        Assert.Contains("has 2 values", Assert.Throws<ArgumentException>(() => tree.Total(new double[2])).Message);
        Assert.Contains("one-value trees", Assert.Throws<InvalidOperationException>(() => tree.Total()).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChunkTree(-1));
    }

    [Fact]
    public void Steady_state_use_allocates_nothing()
    {
        var tree = new ChunkTree(64);
        var total = new double[64];
        void Use()
        {
            tree.Reset();
            for (int c = 0; c < 37; c++)
            {
                tree.Next()[c % 64] = c;
                tree.Add();
            }
            tree.Total(total);
        }
        Use(); // the first use grows the stack of buffers
        long before = GC.GetAllocatedBytesForCurrentThread();
        Use();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(Enumerable.Range(0, 37).Sum(), total.Sum());
    }
}
