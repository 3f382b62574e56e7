using System;
using System.Linq;
using System.Reflection;
using Landscape.Models;
using Landscape.Tests.Networks;
using Landscape.Tests.Reference;

namespace Landscape.Tests.Convolutional;

/// <summary>
/// Convolutional, pooling and residual networks over several chunks of examples (DESIGN §2: each chunk's partial sums alone,
/// combined by the pairwise tree over chunk indices): loss, gradient, H·v, per-example losses and Predict's outputs agree with the
/// reference and are the same bits on 1, 2 and 3 threads, for the six networks of <see cref="ConvNetworks"/> (chunks of 512) and for a
/// network whose buffers are large enough that its chunks are smaller than the default; and the loss is, bit for bit, the
/// pairwise tree over the chunks of in-order sums of the per-example losses.
/// </summary>
/// <remarks>
/// The datasets repeat a few distinct examples in a seeded shuffled order, so that the reference is evaluated once per
/// distinct example and combined by linearity, L = Σₖ (cₖ/n) ℓₖ with cₖ the number of copies of example k (likewise the
/// gradient and H·v), instead of once per row: thousands of rows would take the tape-based reference tens of seconds. The
/// generated code still runs every row through its chunks and blocks; a row read from the wrong place, a chunk counted twice
/// or dropped, or stale rows in the partial last chunk change the weights cₖ/n and so the result, except for the one chance in
/// <see cref="Distinct"/> that a misplaced row holds the same example.
/// </remarks>
[Collection(ThreadSettingCollection.Name)]
public sealed class ConvNetworkChunkTests
{
    /// <summary>As in <see cref="ConvNetworkReferenceTests"/>: the same mathematics in another summation order, a few ulps apart.</summary>
    private const double ReferenceTolerance = 1e-12;

    /// <summary>Distinct examples in each dataset: a prime, so the repetition never lines up with chunk or block boundaries.</summary>
    private const int Distinct = 37;

    /// <summary>The default chunk size (ExampleBlocks.ChunkSize), which every network of <see cref="ConvNetworks"/> has.</summary>
    private const int DefaultChunk = 512;

    /// <summary>Three chunks of 512, 512 and 76 examples: the last one partial, with one full block of 64 and a partial one of 12.</summary>
    private const int ManyChunks = 2 * DefaultChunk + 76;

    public static TheoryData<string> Names => new(ConvNetworks.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void ThreeChunks_MatchTheReference_AndAreBitIdenticalOnOneTwoAndThreeThreads(string name)
    {
        IModel model = ConvNetworks.Create(name);
        Assert.Equal((DefaultChunk, 64), (ChunkConstant(model, "ChunkSize"), ChunkConstant(model, "BlockSize")));
        AssertMatchesReferenceOnAnyThreadCount(model, ConvNetworks.Reference(name), (theta, x, y) => ConvNetworks.Predict(model, theta, x, y), ManyChunks, 81);
    }

    /// <summary>
    /// <see cref="WideConvChunked"/>'s buffers take about 1.6 MB per example (its 480×8×8 convolution output alone needs
    /// six values per element: [a; R a], σ′, R σ′ and [R g; g]), so the policy of DESIGN §2b gives it chunks of 128 examples
    /// (the largest power of two within 256 MiB), each run as eight blocks of 16 (min(64, chunk / 8)).
    /// </summary>
    [Fact]
    public void WideNetwork_GetsSmallerChunks_AndMatchesTheReference_AndIsBitIdenticalOnOneTwoAndThreeThreads()
    {
        var model = new WideConvChunked();
        Assert.Equal((128, 16), (ChunkConstant(model, "ChunkSize"), ChunkConstant(model, "BlockSize")));
        // Chunks of 128, 128 and 44 examples: the tree ((0 + 1) + 2), and a partial last chunk of three blocks, the last partial.
        AssertMatchesReferenceOnAnyThreadCount(model, WideConvChunked.Reference, (theta, x, y) => model.Predict(theta, x, y), 2 * 128 + 44, 91);
    }

    private static void AssertMatchesReferenceOnAnyThreadCount(IModel model, ReferenceGraphNetwork reference, Action<double[], double[], double[]> predict,
                                                               int count, int seed)
    {
        string name = model.GetType().Name;
        (Dataset data, Dataset distinct, int[] source) = RepeatedData(reference, count, seed);
        int p = model.ParameterCount, outputSize = reference.Output.Size;
        double[] theta = ConvNetworkReferenceTests.Random(p, seed + 1, 0.7), v = ConvNetworkReferenceTests.Random(p, seed + 2);
        double[] inputs = data.Inputs.ToArray();

        // The reference: one evaluation per distinct example, weighted by its number of copies.
        var copies = new int[Distinct];
        foreach (int k in source) copies[k]++;
        double refLoss = 0;
        double[] refGradient = new double[p], refProduct = new double[p], refLosses = new double[Distinct];
        double[][] refOutputs = new double[Distinct][];
        double[] g = new double[p], h = new double[p];
        for (int k = 0; k < Distinct; k++)
        {
            refLosses[k] = reference.Evaluate(theta, distinct.Subset(k, 1), v, g, h);
            refOutputs[k] = reference.Predict(theta, distinct.Input(k));
            double weight = (double)copies[k] / count;
            refLoss += weight * refLosses[k];
            for (int i = 0; i < p; i++)
            {
                refGradient[i] += weight * g[i];
                refProduct[i] += weight * h[i];
            }
        }

        int saved = Parallelism.MaxThreads;
        try
        {
            (double Loss, double[] Gradient, double[] Product, double[] Losses, double[] Outputs) Run(int threads)
            {
                Parallelism.MaxThreads = threads;
                double[] gradient = new double[p], product = new double[p], hvpGradient = new double[p], losses = new double[count];
                double[] outputs = new double[count * outputSize];
                double loss = model.Loss(theta, data);
                double gradLoss = model.Gradient(theta, data, gradient);
                double hvpLoss = model.HessianVectorProduct(theta, data, v, product, hvpGradient);
                model.ExampleLosses(theta, data, losses);
                predict(theta, inputs, outputs);
                Assert.Equal(BitConverter.DoubleToInt64Bits(loss), BitConverter.DoubleToInt64Bits(gradLoss));
                Assert.Equal(BitConverter.DoubleToInt64Bits(loss), BitConverter.DoubleToInt64Bits(hvpLoss));
                NumericAssert.BitIdentical(hvpGradient, gradient, $"{name}: gradient from HVP vs Gradient at {threads} threads");
                return (loss, gradient, product, losses, outputs);
            }

            var one = Run(1);
            NumericAssert.Close(one.Loss, refLoss, ReferenceTolerance, $"{name} loss, n = {count}");
            NumericAssert.Close(one.Gradient, refGradient, ReferenceTolerance, $"{name} gradient, n = {count}");
            NumericAssert.Close(one.Product, refProduct, ReferenceTolerance, $"{name} H·v, n = {count}");
            for (int e = 0; e < count; e++)
            {
                NumericAssert.Close(one.Losses[e], refLosses[source[e]], ReferenceTolerance, $"{name} ExampleLosses[{e}] (a copy of example {source[e]})");
                NumericAssert.Close(one.Outputs.AsSpan(e * outputSize, outputSize), refOutputs[source[e]], ReferenceTolerance, $"{name} Predict, row {e} (a copy of example {source[e]})");
            }
            // The loss is exactly the structure of DESIGN §2: per chunk an in-order sum of its examples' losses, then the
            // pairwise tree over the chunks, then ÷ n (as NetworkSummationTests checks for dense networks).
            int chunk = ChunkConstant(model, "ChunkSize"), chunks = (count + chunk - 1) / chunk;
            var chunkSums = new double[chunks];
            for (int k = 0; k < chunks; k++)
                chunkSums[k] = ExampleBlocks.SumInOrder(one.Losses.AsSpan(k * chunk, Math.Min(chunk, count - k * chunk)));
            Assert.Equal(3, chunks);
            Assert.Equal(BitConverter.DoubleToInt64Bits(PairwiseTree(chunkSums, 0, chunks) / count), BitConverter.DoubleToInt64Bits(one.Loss));

            foreach (int threads in new[] { 2, 3 })
            {
                var many = Run(threads);
                Assert.Equal(BitConverter.DoubleToInt64Bits(one.Loss), BitConverter.DoubleToInt64Bits(many.Loss));
                NumericAssert.BitIdentical(many.Gradient, one.Gradient, $"{name} gradient, 1 vs {threads} threads");
                NumericAssert.BitIdentical(many.Product, one.Product, $"{name} H·v, 1 vs {threads} threads");
                NumericAssert.BitIdentical(many.Losses, one.Losses, $"{name} example losses, 1 vs {threads} threads");
                NumericAssert.BitIdentical(many.Outputs, one.Outputs, $"{name} Predict, 1 vs {threads} threads");
            }
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    /// <summary>
    /// <paramref name="count"/> rows, each a copy of one of <see cref="Distinct"/> random examples (every one used ⌊n/37⌋ or
    /// ⌈n/37⌉ times) in a seeded random order; returns the rows, the distinct examples and which one each row copies.
    /// </summary>
    private static (Dataset Data, Dataset Distinct, int[] Source) RepeatedData(ReferenceGraphNetwork reference, int count, int seed)
    {
        Dataset distinct = ConvNetworkReferenceTests.Data(reference, Distinct, seed);
        int[] source = Enumerable.Range(0, count).Select(e => e % Distinct).ToArray();
        new Random(seed).Shuffle(source);
        int inputs = distinct.InputSize, targets = distinct.TargetSize;
        double[] x = new double[count * inputs], y = new double[count * targets];
        for (int e = 0; e < count; e++)
        {
            distinct.Input(source[e]).CopyTo(x.AsSpan(e * inputs, inputs));
            distinct.Target(source[e]).CopyTo(y.AsSpan(e * targets, targets));
        }
        return (new Dataset(x, y, count), distinct, source);
    }

    /// <summary>Σ over [lo, hi) as the tree of DESIGN §2: [lo, lo + m) + [lo + m, hi), m the largest power of two below hi − lo.</summary>
    private static double PairwiseTree(double[] values, int lo, int hi)
    {
        if (hi - lo == 1) return values[lo];
        int m = 1;
        while (2 * m < hi - lo) m *= 2;
        return PairwiseTree(values, lo, lo + m) + PairwiseTree(values, lo + m, hi);
    }

    /// <summary>A private constant of the generated class (ChunkSize or BlockSize).</summary>
    private static int ChunkConstant(IModel model, string name) =>
        (int)model.GetType().GetField(name, BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;
}

/// <summary>
/// A convolution wide enough that its chunk buffers set the chunk size: 480 channels of 8×8 after a 1×1 convolution of the
/// input (no im2col: the patch matrix is the input), then a strided 1×1 convolution of a θ-dependent value (im2col into
/// [P; R P] chunk buffers, and per-block patch-delta rows for col2im), max pooling with its argmax buffer, and a dense head.
/// Few multiplications per value, so a few hundred examples stay quick.
/// </summary>
[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(1, 8, 8)]
[Conv2d(480, 1, Activation.Tanh)]
[Conv2d(2, 1, Activation.Softplus, Stride = 2)]
[MaxPool2d(2)]
[Dense(3)]
public sealed partial class WideConvChunked
{
    /// <summary>The reference twin.</summary>
    internal static ReferenceGraphNetwork Reference { get; } = new(new ReferenceGraphNetwork.Shape(1, 8, 8, true), LossFunction.SoftmaxCrossEntropy,
        new ReferenceConv(480, 1, Activation.Tanh), new ReferenceConv(2, 1, Activation.Softplus, Stride: 2), new ReferenceMaxPool(2), new ReferenceDense(3));
}
