using System;
using System.Reflection;
using Landscape.Models;

namespace Landscape.Tests.Networks;

/// <summary>
/// A network whose chunk size is not the default (DESIGN §2b: chosen per network from its activation sizes): its results
/// match the reference and are bit-identical for any thread count, as for the default sizes.
/// </summary>
[Collection(ThreadSettingCollection.Name)]
public sealed class NetworkChunkSizeTests
{
    private const double ReferenceTolerance = 1e-12;

    private static int Constant(Type type, string name) =>
        (int)type.GetField(name, BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;

    [Fact]
    public void WideNetwork_GetsSmallerChunks_DefaultNetworksKeepTheDefaults()
    {
        Assert.Equal((32, 4), (Constant(typeof(WideChunked), "ChunkSize"), Constant(typeof(WideChunked), "BlockSize")));
        foreach (Type type in new[] { typeof(P1), typeof(WideClassifier), typeof(MixedNoBias) })
            Assert.Equal((ExampleBlocks.ChunkSize, ExampleBlocks.BlockSize), (Constant(type, "ChunkSize"), Constant(type, "BlockSize")));
    }

    [Fact]
    public void WideNetwork_MatchesTheReference_AndIsBitIdenticalForAnyThreadCount()
    {
        NetworkCase c = NetworkCase.For(nameof(WideChunked));
        const int count = 75; // chunks of 32, 32 and 11 examples
        Dataset data = c.Data(count, 71);
        var theta = new double[c.Model.ParameterCount];
        c.Model.Initialize(theta, 71);
        double[] noise = c.RandomVector(72, 0.01);
        for (int i = 0; i < theta.Length; i++) theta[i] += noise[i]; // biases non-zero too
        double[] v = c.RandomVector(73);
        int p = theta.Length;
        double[] refGradient = new double[p], refProduct = new double[p];
        double refLoss = c.Reference.Evaluate(theta, data, v, refGradient, refProduct);

        int saved = Parallelism.MaxThreads;
        try
        {
            (double Loss, double[] Gradient, double[] Product, double[] Losses) Run(int threads)
            {
                Parallelism.MaxThreads = threads;
                double[] gradient = new double[p], product = new double[p], hvpGradient = new double[p];
                double[] losses = new double[count];
                double loss = c.Model.Loss(theta, data);
                double gradLoss = c.Model.Gradient(theta, data, gradient);
                double hvpLoss = c.Model.HessianVectorProduct(theta, data, v, product, hvpGradient);
                c.Model.ExampleLosses(theta, data, losses);
                Assert.Equal(BitConverter.DoubleToInt64Bits(loss), BitConverter.DoubleToInt64Bits(gradLoss));
                Assert.Equal(BitConverter.DoubleToInt64Bits(loss), BitConverter.DoubleToInt64Bits(hvpLoss));
                NumericAssert.BitIdentical(hvpGradient, gradient, $"HVP gradient vs Gradient at {threads} threads");
                return (loss, gradient, product, losses);
            }

            var one = Run(1);
            NumericAssert.Close(one.Loss, refLoss, ReferenceTolerance, "loss");
            NumericAssert.Close(one.Gradient, refGradient, ReferenceTolerance, "gradient");
            NumericAssert.Close(one.Product, refProduct, ReferenceTolerance, "HVP");
            for (int e = 0; e < count; e += 37)
            {
                double single = c.Reference.Evaluate(theta, data.Subset(e, 1), default, default, default);
                NumericAssert.Close(one.Losses[e], single, ReferenceTolerance, $"ExampleLosses[{e}]");
            }
            foreach (int threads in new[] { 2, 3 })
            {
                var many = Run(threads);
                Assert.Equal(BitConverter.DoubleToInt64Bits(one.Loss), BitConverter.DoubleToInt64Bits(many.Loss));
                NumericAssert.BitIdentical(many.Gradient, one.Gradient, $"gradient, 1 vs {threads} threads");
                NumericAssert.BitIdentical(many.Product, one.Product, $"HVP, 1 vs {threads} threads");
                NumericAssert.BitIdentical(many.Losses, one.Losses, $"example losses, 1 vs {threads} threads");
            }
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }
}
