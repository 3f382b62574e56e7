using System;
using System.Linq;
using Landscape.Distributed;
using Landscape.Probes;
using Landscape.Tests.Networks;

namespace Landscape.Tests.Distributed;

/// <summary>
/// <see cref="Hessian.Operator"/> on a <see cref="DataParallelModel"/>, on ranks simulated by threads: every rank keeps the
/// fixed points of its shard's chunk subtrees, and every product (single and batched, aliased or not) is the one-process
/// model's HVP bit for bit on every rank, for 1–5 ranks (a rank may hold no chunk) and 1 or 2 threads; the loss is the
/// model's; an objective keeps its own dense Hessian on every rank; a rank over the memory budget sends every rank to full
/// products; a mismatched call fails on every rank.
/// </summary>
[Collection(ThreadSettingCollection.Name)]
public sealed class DataParallelOperatorTests
{
    /// <summary>7 full chunks of 512 and a partial one: the chunk tree splits across ranks in many ways.</summary>
    private const int Examples = 7 * 512 + 141;

    private static long[] Bits(ReadOnlySpan<double> values) => values.ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static Dataset Data(int inputs, int outputs, int count, int seed)
    {
        var random = new Random(seed);
        var x = new double[count * inputs];
        var y = new double[count * outputs];
        for (int i = 0; i < x.Length; i++) x[i] = random.NextDouble() * 2 - 1;
        for (int e = 0; e < count; e++) y[e * outputs + random.Next(outputs)] = 1;
        return new Dataset(x, y, count);
    }

    private static double[] Vector(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
    }

    private sealed record Products(bool Cached, long Loss, long[] First, long[] Second, long[] Batch, long[] InPlace, long Count);

    public static TheoryData<string> Networks => [nameof(ShardedClassifier), nameof(ShardedConv)];

    private static (IModel Model, Dataset Data) Problem(string name) => name == nameof(ShardedClassifier)
        ? (new ShardedClassifier(), Data(4, 3, Examples, 31))
        : (new ShardedConv(), Data(25, 3, Examples, 32));

    /// <summary>On one rank's model: two single products, a batch of 3, and a batch of 2 in place.</summary>
    private static Products Take(IModel model, double[] theta, Dataset data, double[][] directions)
    {
        int n = model.ParameterCount;
        using HessianOperator op = Hessian.Operator(model, theta, data);
        var first = new double[n];
        var second = new double[n];
        op.Multiply(directions[0], first);
        op.Multiply(directions[1], second);
        double[] stacked = directions.SelectMany(v => v).ToArray(), batch = new double[stacked.Length];
        op.Multiply(stacked, batch, 3);
        double[] inPlace = directions.Skip(1).SelectMany(v => v).ToArray();
        op.Multiply(inPlace, inPlace, 2);
        return new Products(op.IsCached, BitConverter.DoubleToInt64Bits(op.Loss), Bits(first), Bits(second), Bits(batch), Bits(inPlace), op.ProductCount);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Products_AreTheOneProcessHvp_OnEveryRank(string name)
    {
        (IModel plain, Dataset all) = Problem(name);
        double[] theta = Vector(plain.ParameterCount, 5);
        double[][] directions = Enumerable.Range(0, 3).Select(j => Vector(plain.ParameterCount, 40 + j)).ToArray();
        long[][] expected = directions.Select(v =>
        {
            var product = new double[plain.ParameterCount];
            plain.HessianVectorProduct(theta, all, v, product);
            return Bits(product);
        }).ToArray();
        long loss = BitConverter.DoubleToInt64Bits(plain.Loss(theta, all));
        int saved = Parallelism.MaxThreads;
        try
        {
            foreach (int threads in new[] { 1, 2 })
            {
                Parallelism.MaxThreads = threads;
                for (int ranks = 1; ranks <= 5; ranks++)
                {
                    var results = ThreadRanks.Run(ranks, comm =>
                    {
                        var model = new DataParallelModel(plain, comm);
                        return Take(model, theta, model.Shard(all), directions);
                    });
                    for (int r = 0; r < ranks; r++)
                    {
                        string where = $"{name}, {ranks} ranks, rank {r}, {threads} threads";
                        Assert.Null(results[r].Error);
                        Products p = results[r].Result!;
                        Assert.True(p.Cached, $"{where}: the operator keeps the shard's fixed points");
                        Assert.True(loss == p.Loss, $"{where}: loss");
                        Assert.True(expected[0].SequenceEqual(p.First), $"{where}: first product");
                        Assert.True(expected[1].SequenceEqual(p.Second), $"{where}: second product");
                        Assert.True(expected.SelectMany(e => e).SequenceEqual(p.Batch), $"{where}: batch of 3");
                        Assert.True(expected.Skip(1).SelectMany(e => e).SequenceEqual(p.InPlace), $"{where}: batch of 2 in place");
                        Assert.Equal(7, p.Count);
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
    public void AnObjective_KeepsItsOwnDenseHessian_OnEveryRank()
    {
        // An objective ignores the data: every rank keeps its dense Hessian alike, and products need no messages.
        Landscape.Tests.Objectives.ObjectiveCase c = Landscape.Tests.Objectives.ObjectiveCase.All[0];
        double[] v = Vector(c.Dimension, 10);
        var expected = new double[c.Dimension];
        c.Model.HessianVectorProduct(c.InitialPoint, Dataset.Empty, v, expected);
        var results = ThreadRanks.Run(2, comm =>
        {
            var model = new DataParallelModel(c.Model, comm);
            using HessianOperator op = Hessian.Operator(model, c.InitialPoint, Dataset.Empty);
            var product = new double[c.Dimension];
            op.Multiply(v, product);
            return (op.IsCached, Bits: Bits(product));
        });
        foreach (var (result, error) in results)
        {
            Assert.Null(error);
            Assert.True(result.IsCached, $"{c.Name}: the objective's dense Hessian is kept");
            Assert.Equal(Bits(expected), result.Bits);
        }
    }

    [Fact]
    public void ARankOverTheBudget_SendsEveryRankToFullProducts_WithTheSameBits()
    {
        (IModel plain, Dataset all) = Problem(nameof(ShardedClassifier));
        double[] theta = Vector(plain.ParameterCount, 6), v = Vector(plain.ParameterCount, 7);
        var expected = new double[plain.ParameterCount];
        plain.HessianVectorProduct(theta, all, v, expected);
        // Of the 8 chunks, ranks 0 and 1 hold 3 each and rank 2 one and a partial one: a budget one byte below three chunks'
        // cache is exceeded on ranks 0 and 1 only, and rank 2 must follow them to full products.
        long perExample = ((Landscape.Models.IFixedPointModel)plain).FixedPointBytes(Data(4, 3, 1, 0));
        var options = new OperatorOptions { MemoryBudgetBytes = perExample * 3 * 512 - 1 };
        var results = ThreadRanks.Run(3, comm =>
        {
            var model = new DataParallelModel(plain, comm);
            using HessianOperator op = Hessian.Operator(model, theta, model.Shard(all), options);
            var product = new double[plain.ParameterCount];
            op.Multiply(v, product);
            return (op.IsCached, Bits: Bits(product));
        });
        foreach (var (result, error) in results)
        {
            Assert.Null(error);
            Assert.False(result.IsCached);
            Assert.Equal(Bits(expected), result.Bits);
        }
    }

    [Fact]
    public void AProductOnOneRankAgainstAnHvpOnAnother_FailsOnEveryRank()
    {
        (IModel plain, Dataset all) = Problem(nameof(ShardedClassifier));
        double[] theta = Vector(plain.ParameterCount, 8), v = Vector(plain.ParameterCount, 9);
        var results = ThreadRanks.Run(2, comm =>
        {
            var model = new DataParallelModel(plain, comm);
            Dataset shard = model.Shard(all);
            using HessianOperator op = Hessian.Operator(model, theta, shard);
            var product = new double[plain.ParameterCount];
            if (comm.Rank == 0) op.Multiply(v, product);
            else model.HessianVectorProduct(theta, shard, v, product);
            return 0;
        });
        Assert.All(results, r => Assert.IsType<InvalidOperationException>(r.Error));
        Assert.Contains("collective", results[0].Error!.Message, StringComparison.Ordinal);
        Assert.Contains("collective", results[1].Error!.Message, StringComparison.Ordinal);
    }
}
