using System;
using System.Linq;
using Landscape.Distributed;
using Landscape.Models;
using Landscape.Tests.Networks;

namespace Landscape.Tests.Distributed;

/// <summary>
/// DataParallelModel on ranks simulated by threads: loss, gradient and H·v from the shards are the plain model's bits on
/// the whole dataset for every rank count and thread count; argument mismatches raise the same exception on every rank.
/// </summary>
[Collection(ThreadSettingCollection.Name)]
public sealed class DataParallelModelTests
{
    /// <summary>11 full chunks of 512 and a partial one: 12 chunks, so 1–7 ranks split the tree in many ways.</summary>
    private const int Examples = 11 * 512 + 141;

    private sealed record Evaluation(long Loss, long[] Gradient, long GradientLoss, long[] Product, long[] ProductGradient, long ProductLoss, long[] ProductOnly);

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static Dataset Data(int inputs, int outputs, int count, int seed, bool oneHot)
    {
        var random = new Random(seed);
        var x = new double[count * inputs];
        var y = new double[count * outputs];
        for (int i = 0; i < x.Length; i++) x[i] = random.NextDouble() * 2 - 1;
        for (int e = 0; e < count; e++)
        {
            if (oneHot) y[e * outputs + random.Next(outputs)] = 1;
            else for (int j = 0; j < outputs; j++) y[e * outputs + j] = random.NextDouble() * 2 - 1;
        }
        return new Dataset(x, y, count);
    }

    private static (double[] Theta, double[] Direction) Point(IModel model, int seed)
    {
        var theta = new double[model.ParameterCount];
        model.Initialize(theta, seed);
        var random = new Random(seed + 1);
        var v = new double[theta.Length];
        for (int i = 0; i < theta.Length; i++)
        {
            theta[i] += 0.05 * (random.NextDouble() - 0.5); // biases non-zero too
            v[i] = random.NextDouble() - 0.5;
        }
        return (theta, v);
    }

    private static Evaluation Evaluate(IModel model, double[] theta, Dataset data, double[] v)
    {
        int n = model.ParameterCount;
        double[] gradient = new double[n], product = new double[n], productGradient = new double[n], productOnly = new double[n];
        double loss = model.Loss(theta, data);
        double gradientLoss = model.Gradient(theta, data, gradient);
        double productLoss = model.HessianVectorProduct(theta, data, v, product, productGradient);
        model.HessianVectorProduct(theta, data, v, productOnly);
        return new Evaluation(BitConverter.DoubleToInt64Bits(loss), Bits(gradient), BitConverter.DoubleToInt64Bits(gradientLoss),
            Bits(product), Bits(productGradient), BitConverter.DoubleToInt64Bits(productLoss), Bits(productOnly));
    }

    private static void AssertSame(Evaluation expected, Evaluation actual, string what)
    {
        Assert.True(expected.Loss == actual.Loss, $"{what}: loss");
        Assert.True(expected.GradientLoss == actual.GradientLoss, $"{what}: gradient's loss");
        Assert.True(expected.ProductLoss == actual.ProductLoss, $"{what}: HVP's loss");
        Assert.True(expected.Gradient.SequenceEqual(actual.Gradient), $"{what}: gradient");
        Assert.True(expected.Product.SequenceEqual(actual.Product), $"{what}: H·v");
        Assert.True(expected.ProductGradient.SequenceEqual(actual.ProductGradient), $"{what}: HVP's gradient");
        Assert.True(expected.ProductOnly.SequenceEqual(actual.ProductOnly), $"{what}: H·v without gradient");
    }

    public static TheoryData<string> Networks => [nameof(ShardedMlp), nameof(ShardedClassifier), nameof(ShardedConv)];

    private static (IModel Model, Dataset Data) Problem(string name) => name switch
    {
        nameof(ShardedMlp) => (new ShardedMlp(), Data(5, 3, Examples, 1, oneHot: false)),
        nameof(ShardedClassifier) => (new ShardedClassifier(), Data(4, 3, Examples, 2, oneHot: true)),
        _ => (new ShardedConv(), Data(25, 3, Examples, 3, oneHot: true)),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Shards_GiveThePlainModelsBits_ForEveryRankAndThreadCount(string name)
    {
        (IModel plain, Dataset all) = Problem(name);
        (double[] theta, double[] v) = Point(plain, 7);
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 2;
            Evaluation expected = Evaluate(plain, theta, all, v);
            foreach (int threads in new[] { 1, 2 })
            {
                Parallelism.MaxThreads = threads;
                for (int ranks = 1; ranks <= 7; ranks++)
                {
                    var results = ThreadRanks.Run(ranks, comm =>
                    {
                        var model = new DataParallelModel(plain, comm);
                        return Evaluate(model, theta, model.Shard(all), v);
                    });
                    for (int r = 0; r < ranks; r++)
                    {
                        Assert.Null(results[r].Error);
                        AssertSame(expected, results[r].Result!, $"{name}, {ranks} ranks, rank {r}, {threads} threads");
                    }
                }
            }
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void Shard_SplitsWholeChunksInRankOrder_WithEmptyShardsWhenChunksRunOut()
    {
        Dataset all = Data(5, 3, 3 * 512 + 10, 4, oneHot: false); // 4 chunks
        int[] Counts(int ranks) => ThreadRanks.Run(ranks, comm => new DataParallelModel(new ShardedMlp(), comm).Shard(all).Count)
            .Select(r => r.Result).ToArray();
        Assert.Equal([2 * 512, 512 + 10], Counts(2));
        Assert.Equal([2 * 512, 512, 10], Counts(3));
        Assert.Equal([512, 512, 512, 10, 0, 0], Counts(6));
        // The shards are consecutive views: their first inputs are the examples at the shard starts.
        var starts = ThreadRanks.Run(3, comm => new DataParallelModel(new ShardedMlp(), comm).Shard(all).Input(0)[0]);
        Assert.Equal([all.Input(0)[0], all.Input(1024)[0], all.Input(1536)[0]], starts.Select(r => r.Result));
    }

    [Fact]
    public void FewerChunksThanRanks_StillGivesThePlainBits()
    {
        IModel plain = new ShardedClassifier();
        Dataset all = Data(4, 3, 700, 5, oneHot: true); // 2 chunks on 5 ranks: three ranks hold nothing
        (double[] theta, double[] v) = Point(plain, 8);
        Evaluation expected = Evaluate(plain, theta, all, v);
        var results = ThreadRanks.Run(5, comm =>
        {
            var model = new DataParallelModel(plain, comm);
            return Evaluate(model, theta, model.Shard(all), v);
        });
        foreach (var (result, error) in results)
        {
            Assert.Null(error);
            AssertSame(expected, result!, "2 chunks on 5 ranks");
        }
    }

    [Fact]
    public void AWrongArgumentOnOneRank_RaisesTheSameExceptionOnEveryRank()
    {
        Dataset all = Data(5, 3, 2000, 6, oneHot: false);
        IModel plain = new ShardedMlp();
        var results = ThreadRanks.Run(3, comm =>
        {
            var model = new DataParallelModel(plain, comm);
            var theta = new double[plain.ParameterCount + (comm.Rank == 2 ? 1 : 0)];
            return model.Loss(theta, model.Shard(all));
        });
        Assert.All(results, r => Assert.IsType<ArgumentException>(r.Error));
        Assert.Single(results.Select(r => r.Error!.Message).Distinct());
        Assert.Contains("Rank 2 passed 67 parameters", results[0].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DifferentOperationsOnDifferentRanks_AreReportedOnEveryRank()
    {
        Dataset all = Data(5, 3, 2000, 6, oneHot: false);
        IModel plain = new ShardedMlp();
        var results = ThreadRanks.Run(2, comm =>
        {
            var model = new DataParallelModel(plain, comm);
            var theta = new double[plain.ParameterCount];
            return comm.Rank == 0 ? model.Loss(theta, model.Shard(all)) : model.Gradient(theta, model.Shard(all), new double[theta.Length]);
        });
        Assert.All(results, r => Assert.IsType<InvalidOperationException>(r.Error));
        Assert.Single(results.Select(r => r.Error!.Message).Distinct());
    }

    [Fact]
    public void ShardsNotMadeOfWholeChunks_AreRefusedOnEveryRank()
    {
        Dataset all = Data(5, 3, 2000, 6, oneHot: false);
        var results = ThreadRanks.Run(2, comm =>
        {
            var model = new DataParallelModel(new ShardedMlp(), comm);
            Dataset mine = comm.Rank == 0 ? all.Subset(0, 1000) : all.Subset(1000, 1000); // 1000 is not a multiple of 512
            return model.Loss(new double[model.ParameterCount], mine);
        });
        Assert.All(results, r => Assert.IsType<ArgumentException>(r.Error));
        Assert.Single(results.Select(r => r.Error!.Message).Distinct());
        Assert.Contains("not a whole number of chunks of 512", results[1].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailureInsideOneRank_IsReportedOnEveryRank()
    {
        // One chunk on three ranks: only rank 0 computes, and its data do not fit the network (4 inputs, not 5).
        Dataset wrong = Data(4, 3, 100, 7, oneHot: false);
        var results = ThreadRanks.Run(3, comm =>
        {
            var model = new DataParallelModel(new ShardedMlp(), comm);
            return model.Loss(new double[model.ParameterCount], model.Shard(wrong));
        });
        Assert.IsType<ArgumentException>(results[0].Error);
        for (int r = 1; r < 3; r++)
        {
            Assert.IsType<InvalidOperationException>(results[r].Error);
            Assert.StartsWith("Rank 0 failed during a data-parallel model call: ArgumentException: ", results[r].Error!.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AHandWrittenModel_IsRefusedWithTheReason()
    {
        var e = Assert.Throws<ArgumentException>(() => new DataParallelModel(new Probes.HessianFailingModel(new ShardedMlp(), 0), Communicator.Local));
        Assert.Contains("cannot be evaluated data-parallel", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new DataParallelModel(new DataParallelModel(new ShardedMlp(), Communicator.Local), Communicator.Local));
    }

    [Fact]
    public void Objectives_AreEvaluatedAlikeOnEveryRank_WithoutMessages()
    {
        var objective = new Objectives.Rosenbrock();
        double[] theta = [0.3, -0.2];
        double expected = objective.Loss(theta, Dataset.Empty);
        // Only rank 1 calls: a collective would wait for the others and time out.
        var results = ThreadRanks.Run(3, comm =>
        {
            var model = new DataParallelModel(objective, comm);
            Assert.Same(Dataset.Empty, model.Shard(Dataset.Empty));
            return comm.Rank == 1 ? model.Loss(theta, Dataset.Empty) : expected;
        });
        Assert.All(results, r => Assert.Equal(expected, r.Result));
    }

    [Fact]
    public void ExampleLosses_AreTheRanksOwnExamples()
    {
        IModel plain = new ShardedMlp();
        Dataset all = Data(5, 3, 1500, 9, oneHot: false);
        (double[] theta, _) = Point(plain, 10);
        var expected = new double[all.Count];
        plain.ExampleLosses(theta, all, expected);
        var results = ThreadRanks.Run(2, comm =>
        {
            var model = new DataParallelModel(plain, comm);
            Dataset shard = model.Shard(all);
            var losses = new double[shard.Count];
            model.ExampleLosses(theta, shard, losses);
            return comm.Gather(losses);
        });
        Assert.Equal(Bits(expected), Bits(results[0].Result!));
        Assert.Null(results[1].Result);
    }
}
