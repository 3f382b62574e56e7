using System;
using System.Linq;
using Landscape.Distributed;
using Landscape.Probes;
using Landscape.Tests.Networks;

namespace Landscape.Tests.Distributed;

/// <summary>
/// The probes that do more than call the model, on ranks simulated by threads: a growth profile (per-example losses
/// gathered in example order), a plane slice and a dense Hessian (points one after another) and a grouped curvature
/// decomposition (values gathered, summed in example order) give the one-process bits on every rank.
/// </summary>
[Collection(ThreadSettingCollection.Name)]
public sealed class DataParallelProbeTests
{
    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static (Dataset Data, double[] Theta, double[] Direction, double[] Other) Problem(IModel model)
    {
        var random = new Random(21);
        const int count = 3 * 512 + 77; // 4 chunks: 3 ranks own [0, 2), [2, 3), [3, 4)
        var x = new double[count * 5];
        var y = new double[count * 3];
        for (int i = 0; i < x.Length; i++) x[i] = random.NextDouble() * 2 - 1;
        for (int i = 0; i < y.Length; i++) y[i] = random.NextDouble() * 2 - 1;
        var theta = new double[model.ParameterCount];
        model.Initialize(theta, 4);
        double[] d = Enumerable.Range(0, theta.Length).Select(i => Math.Cos(0.3 * i)).ToArray();
        double[] e = Enumerable.Range(0, theta.Length).Select(i => Math.Sin(0.7 * i)).ToArray();
        return (new Dataset(x, y, count), theta, d, e);
    }

    [Fact]
    public void GrowthPlaneDenseAndGroups_GiveThePlainBits_OnThreeRanks()
    {
        IModel plain = new ShardedMlp();
        (Dataset all, double[] theta, double[] d, double[] e) = Problem(plain);
        int[] groups = Enumerable.Range(0, all.Count).Select(i => i % 5).ToArray();
        double[] xs = [-0.5, 0, 0.5], ys = [-1, 1];
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 2;
            GrowthProfile growth = Growth.Profile(plain, theta, all, d, 1e-3, 1, 3);
            PlaneSlice plane = Slice.Plane(plain, theta, all, d, e, xs, ys);
            double[,] dense = Hessian.Dense(plain, theta, all);
            GroupDecomposition grouped = Decomposition.Curvature(plain, theta, all, d, groups);

            var results = ThreadRanks.Run(3, comm =>
            {
                var model = new DataParallelModel(plain, comm);
                Dataset shard = model.Shard(all);
                (int start, int count) = DataParallelModel.ShardRange(all.Count, 512, comm.Rank, comm.Size);
                return (Growth: Growth.Profile(model, theta, shard, d, 1e-3, 1, 3),
                        Plane: Slice.Plane(model, theta, shard, d, e, xs, ys),
                        Dense: Hessian.Dense(model, theta, shard),
                        Grouped: Decomposition.Curvature(model, theta, shard, d, groups.AsSpan(start, count)));
            });
            foreach (var (result, error) in results)
            {
                Assert.Null(error);
                Assert.Equal(Bits(growth.Delta), Bits(result.Growth.Delta));
                Assert.Equal(BitConverter.DoubleToInt64Bits(growth.Curvature), BitConverter.DoubleToInt64Bits(result.Growth.Curvature));
                Assert.Equal(Bits(plane.Loss.Cast<double>().ToArray()), Bits(result.Plane.Loss.Cast<double>().ToArray()));
                Assert.Equal(Bits(dense.Cast<double>().ToArray()), Bits(result.Dense.Cast<double>().ToArray()));
                Assert.Equal(grouped.Count, result.Grouped.Count);
                Assert.Equal(Bits(grouped.LossSum), Bits(result.Grouped.LossSum));
                Assert.Equal(Bits(grouped.CurvatureSum), Bits(result.Grouped.CurvatureSum));
                Assert.Equal(all.Count, result.Grouped.TotalExamples);
            }
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void MinibatchTrainingOfACollectiveModel_IsNotSupported()
    {
        IModel plain = new ShardedMlp();
        (Dataset all, double[] theta, _, _) = Problem(plain);
        var results = ThreadRanks.Run(2, comm =>
        {
            var model = new DataParallelModel(plain, comm);
            var trainer = new Landscape.Optimization.Trainer(model, model.Shard(all), new Landscape.Optimization.GradientDescent(), Landscape.Optimization.LearningRate.Constant(0.1)) { BatchSize = 64 };
            return trainer.Run((double[])theta.Clone(), 2);
        });
        Assert.All(results, r => Assert.IsType<NotSupportedException>(r.Error));
    }
}
