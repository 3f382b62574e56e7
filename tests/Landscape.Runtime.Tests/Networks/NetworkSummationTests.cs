using System;
using System.Globalization;
using System.Numerics;
using Landscape.Models;
using Landscape.Tests.Numerics;
using Xunit.Abstractions;

namespace Landscape.Tests.Networks;

/// <summary>
/// The summation structure of DESIGN §2 on a dataset of many chunks: each chunk's partial sums alone, combined by the
/// pairwise tree over chunk indices. The loss is checked bit for bit against that structure rebuilt from the per-example
/// losses; loss and gradient are checked against a 1200-bit reference sum of the per-example terms, within the pairwise
/// error bound and no less accurate than one running sum over all examples (the structure before the tree).
/// </summary>
public sealed class NetworkSummationTests
{
    /// <summary>23 full chunks and a partial one: ⌈log₂ 24⌉ = 5 tree levels above the chunks.</summary>
    private const int Count = 23 * ExampleBlocks.ChunkSize + 300;

    /// <summary>The unit roundoff of double, 2⁻⁵³.</summary>
    private const double Unit = 1.1102230246251565e-16;

    private readonly ITestOutputHelper _output;

    public NetworkSummationTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(nameof(TanhMseDepth2))]
    [InlineData(nameof(TanhCeDepth2))]
    public void LossAndGradient_AreTheChunkTreeOfPerExampleTerms_AndNoLessAccurateThanOneRunningSum(string name)
    {
        NetworkCase c = NetworkCase.For(name);
        Dataset data = c.Data(Count, 71);
        double[] theta = c.Parameters(71);
        int p = theta.Length;
        var gradient = new double[p];
        double loss = c.Model.Gradient(theta, data, gradient);
        var losses = new double[Count];
        c.Model.ExampleLosses(theta, data, losses);

        // The loss is exactly the structure: per chunk an in-order sum of its losses, then the pairwise tree, then ÷ n.
        int chunks = (Count + ExampleBlocks.ChunkSize - 1) / ExampleBlocks.ChunkSize;
        var chunkSums = new double[chunks];
        for (int k = 0; k < chunks; k++)
        {
            int start = k * ExampleBlocks.ChunkSize;
            chunkSums[k] = ExampleBlocks.SumInOrder(losses.AsSpan(start, Math.Min(ExampleBlocks.ChunkSize, Count - start)));
        }
        Assert.Equal(BitConverter.DoubleToInt64Bits(PairwiseTree(chunkSums, 0, chunks) / Count), BitConverter.DoubleToInt64Bits(loss));

        // Per-example gradients ∇ℓᵢ from one-example datasets (there n = 1, so no 1/n enters the terms).
        var terms = new double[Count][];
        for (int i = 0; i < Count; i++)
        {
            terms[i] = new double[p];
            c.Model.Gradient(theta, data.Subset(i, 1), terms[i]);
        }

        // Loss: the 1200-bit sum of the same per-example losses; the old chain is one running sum over all examples.
        double exactLoss = HighPrecision.ToDouble(ExactMean(i => losses[i]));
        double absLoss = 0;
        foreach (double l in losses) absLoss += Math.Abs(l);
        absLoss /= Count;
        double chainLoss = ExampleBlocks.SumInOrder(losses) / Count;
        double treeLossError = Math.Abs(loss - exactLoss), chainLossError = Math.Abs(chainLoss - exactLoss);
        // Pairwise bound: ≤ (C − 1) roundings in a chunk, ⌈log₂ N⌉ tree levels and the division, each ≤ u relative to Σ|ℓ|/n.
        double lossBound = (ExampleBlocks.ChunkSize - 1 + Log2Ceiling(chunks) + 1) * Unit * absLoss;
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}, n = {Count}, {chunks} chunks: loss error tree {treeLossError / exactLoss:E3}, running sum {chainLossError / exactLoss:E3} (relative); bound {lossBound / exactLoss:E3}"));
        Assert.True(treeLossError <= lossBound, $"loss error {treeLossError:E3} above the pairwise bound {lossBound:E3}");
        Assert.True(treeLossError <= chainLossError, $"loss error {treeLossError:E3} of the tree exceeds {chainLossError:E3} of one running sum");

        // Gradient: per element against the exact mean of the per-example terms. The generated model scales the deltas by
        // 1/n before its products, so each of its terms carries a few extra roundings relative to |term|: 16 units of slack.
        double treeSquares = 0, chainSquares = 0, worstRatio = 0;
        for (int j = 0; j < p; j++)
        {
            double exact = HighPrecision.ToDouble(ExactMean(i => terms[i][j]));
            double chain = 0, abs = 0;
            for (int i = 0; i < Count; i++)
            {
                chain += terms[i][j];
                abs += Math.Abs(terms[i][j]);
            }
            chain /= Count;
            abs /= Count;
            double treeError = Math.Abs(gradient[j] - exact), chainError = Math.Abs(chain - exact);
            double bound = (ExampleBlocks.ChunkSize - 1 + Log2Ceiling(chunks) + 1 + 16) * Unit * abs;
            Assert.True(treeError <= bound, $"{name} gradient[{j}]: error {treeError:E3} above the pairwise bound {bound:E3}");
            treeSquares += treeError * treeError;
            chainSquares += chainError * chainError;
            if (abs > 0) worstRatio = Math.Max(worstRatio, treeError / bound);
        }
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: gradient error ‖·‖₂ tree {Math.Sqrt(treeSquares):E3}, running sum {Math.Sqrt(chainSquares):E3}; worst element at {worstRatio:F4} of its bound"));
        Assert.True(treeSquares <= chainSquares, $"gradient error {Math.Sqrt(treeSquares):E3} of the tree exceeds {Math.Sqrt(chainSquares):E3} of one running sum");
    }

    /// <summary>Σ over [lo, hi) as the tree of DESIGN §2: [lo, lo + m) + [lo + m, hi), m the largest power of two below hi − lo.</summary>
    private static double PairwiseTree(double[] values, int lo, int hi)
    {
        if (hi - lo == 1) return values[lo];
        int m = 1;
        while (2 * m < hi - lo) m *= 2;
        return PairwiseTree(values, lo, lo + m) + PairwiseTree(values, lo + m, hi);
    }

    /// <summary>(1/n) Σᵢ term(i) in 1200-bit fixed point.</summary>
    private static BigInteger ExactMean(Func<int, double> term)
    {
        BigInteger sum = BigInteger.Zero;
        for (int i = 0; i < Count; i++) sum += HighPrecision.FromDouble(term(i));
        return sum / Count;
    }

    private static int Log2Ceiling(int n)
    {
        int levels = 0;
        while ((1 << levels) < n) levels++;
        return levels;
    }
}
