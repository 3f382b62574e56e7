using Landscape.Probes;
using Landscape.Tests.Networks;

namespace Landscape.Tests.Probes;

/// <summary>Eigenpairs, traces, densities and the dense Hessian are bit-identical for 1 and 2 threads.</summary>
[Collection(ThreadSettingCollection.Name)]
public sealed class HessianDeterminismTests
{
    [Fact]
    public void Probes_AreBitIdentical_ForOneAndTwoThreads()
    {
        var model = new HessianProbeMse();
        double[] theta = HessianFixtures.NetworkParameters(model, 13);
        // 700 examples: several example blocks, so the HVP really splits work across threads.
        Dataset data = HessianFixtures.NetworkData(700, 14, oneHot: false);
        int saved = Parallelism.MaxThreads;
        try
        {
            (Eigenpairs Pairs, TraceEstimate Trace, SpectralDensity Density, double[,] Dense) Run(int threads)
            {
                Parallelism.MaxThreads = threads;
                return (Hessian.TopEigenpairs(model, theta, data, 2, new LanczosOptions { Seed = 3, MaxIterations = 40 }),
                        Hessian.Trace(model, theta, data, 9, 4, TraceMethod.HutchPlusPlus),
                        Hessian.Density(model, theta, data, new DensityOptions { Probes = 2, Steps = 8, GridPoints = 64 }),
                        Hessian.Dense(model, theta, data));
            }
            var one = Run(1);
            var two = Run(2);
            var again = Run(2);
            foreach (var other in new[] { two, again })
            {
                Assert.Equal(one.Pairs.Values, other.Pairs.Values);
                Assert.Equal(one.Pairs.Residuals, other.Pairs.Residuals);
                for (int i = 0; i < one.Pairs.Vectors.Length; i++) Assert.Equal(one.Pairs.Vectors[i], other.Pairs.Vectors[i]);
                Assert.Equal(one.Pairs.HvpCount, other.Pairs.HvpCount);
                Assert.Equal(one.Trace, other.Trace);
                Assert.Equal(one.Density.Density, other.Density.Density);
                Assert.Equal(one.Dense, other.Dense);
            }
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }
}
