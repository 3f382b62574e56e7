using System;

namespace Landscape.Tests.Networks;

/// <summary>Tests that change <see cref="Parallelism.MaxThreads"/> run alone (the setting is process-wide).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThreadSettingCollection
{
    public const string Name = "Parallelism.MaxThreads";
}

/// <summary>Loss, gradient, HVP and per-example losses are bit-identical for 1, 2 and 3 threads.</summary>
[Collection(ThreadSettingCollection.Name)]
public sealed class NetworkDeterminismTests
{
    [Theory]
    [InlineData(nameof(P1), 1100)]               // three chunks, the last one partial; 9 blocks in the first
    [InlineData(nameof(WideClassifier), 700)]
    [InlineData(nameof(MixedNoBias), 130)]
    public void Results_AreBitIdentical_ForAnyThreadCount(string name, int count)
    {
        NetworkCase c = NetworkCase.For(name);
        Dataset data = c.Data(count, 61);
        double[] theta = c.Parameters(61), v = c.RandomVector(62);
        int saved = Parallelism.MaxThreads;
        try
        {
            (double Loss, double[] Gradient, double[] Product, double[] Losses) Run(int threads)
            {
                Parallelism.MaxThreads = threads;
                double[] gradient = new double[theta.Length], product = new double[theta.Length], hvpGradient = new double[theta.Length];
                double[] losses = new double[count];
                double loss = c.Model.Gradient(theta, data, gradient);
                double hvpLoss = c.Model.HessianVectorProduct(theta, data, v, product, hvpGradient);
                c.Model.ExampleLosses(theta, data, losses);
                Assert.Equal(BitConverter.DoubleToInt64Bits(loss), BitConverter.DoubleToInt64Bits(hvpLoss));
                NumericAssert.BitIdentical(hvpGradient, gradient, $"{name}: HVP gradient vs Gradient at {threads} threads");
                return (loss, gradient, product, losses);
            }

            var one = Run(1);
            foreach (int threads in new[] { 2, 3 })
            {
                var many = Run(threads);
                Assert.Equal(BitConverter.DoubleToInt64Bits(one.Loss), BitConverter.DoubleToInt64Bits(many.Loss));
                NumericAssert.BitIdentical(many.Gradient, one.Gradient, $"{name} gradient, 1 vs {threads} threads");
                NumericAssert.BitIdentical(many.Product, one.Product, $"{name} HVP, 1 vs {threads} threads");
                NumericAssert.BitIdentical(many.Losses, one.Losses, $"{name} example losses, 1 vs {threads} threads");
            }
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void MaxThreads_RejectsLessThanOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Parallelism.MaxThreads = 0);
    }
}
