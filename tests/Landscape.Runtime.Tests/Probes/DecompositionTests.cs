using System;
using System.Numerics.Tensors;
using Landscape.Probes;
using Landscape.Tests.Networks;

namespace Landscape.Tests.Probes;

/// <summary>Per-example and per-group splits of the loss and of dᵀHd.</summary>
[Collection(ThreadSettingCollection.Name)]
public sealed class DecompositionTests
{
    /// <summary>A mean of n per-example values against the model's own full-batch reduction: a few ulps times log n.</summary>
    private const double SumTolerance = 1e-12;

    private static (IModel Model, Dataset Data, double[] Theta, double[] D) Problem(int count)
    {
        IModel model = new ProbeClassifier();
        Dataset data = ProbeData.For(model, count, 21, oneHot: true);
        double[] theta = ProbeData.Point(model, 21);
        return (model, data, theta, Directions.Random(model, 21, Normalization.Filter, theta, BiasHandling.Normalize));
    }

    [Fact]
    public void ExampleCurvatures_AverageToTheFullDataCurvature()
    {
        var (model, data, theta, d) = Problem(75);
        ExampleDecomposition e = Decomposition.Curvature(model, theta, data, d);
        Assert.Equal(75, e.Loss.Length);
        var product = new double[theta.Length];
        double loss = model.HessianVectorProduct(theta, data, d, product);
        double curvature = TensorPrimitives.Dot(d, product);
        Assert.Equal(loss, e.MeanLoss, SumTolerance * Math.Abs(loss));
        Assert.Equal(curvature, e.MeanCurvature, SumTolerance * Math.Max(1, Math.Abs(curvature)));
        // Each entry is the one-example model's own value.
        for (int i = 0; i < 75; i += 17)
        {
            Assert.Equal(model.Loss(theta, data.Subset(i, 1)), e.Loss[i]);
            model.HessianVectorProduct(theta, data.Subset(i, 1), d, product);
            Assert.Equal(TensorPrimitives.Dot(d, product), e.Curvature[i]);
        }
        // The examples really differ (the split carries information).
        Assert.NotEqual(e.Curvature[0], e.Curvature[1]);
    }

    [Fact]
    public void Groups_PartitionTheExamples_AndTheirSharesSumToTheTotal()
    {
        var (model, data, theta, d) = Problem(50);
        var groupOf = new int[50];
        for (int i = 0; i < groupOf.Length; i++) groupOf[i] = i % 7 == 0 ? 3 : i % 2; // groups 0, 1, 3; group 2 empty
        GroupDecomposition g = Decomposition.Curvature(model, theta, data, d, groupOf);
        ExampleDecomposition e = Decomposition.Curvature(model, theta, data, d);
        Assert.Equal(4, g.Groups);
        Assert.Equal(50, g.TotalExamples);
        Assert.Equal(0, g.Count[2]);
        Assert.True(double.IsNaN(g.LossMean[2]));
        Assert.Equal(0.0, g.CurvatureShare[2]);
        int total = 0;
        for (int k = 0; k < g.Groups; k++)
        {
            double loss = 0, curvature = 0;
            int count = 0;
            for (int i = 0; i < 50; i++)
            {
                if (groupOf[i] != k) continue;
                count++;
                loss += e.Loss[i];
                curvature += e.Curvature[i];
            }
            total += count;
            Assert.Equal(count, g.Count[k]);
            Assert.Equal(loss, g.LossSum[k]);
            Assert.Equal(curvature, g.CurvatureSum[k]);
            if (count > 0) Assert.Equal(curvature / count, g.CurvatureMean[k]);
        }
        Assert.Equal(50, total);
        Assert.Equal(e.MeanLoss, TensorPrimitives.Sum<double>(g.LossShare), SumTolerance * e.MeanLoss);
        Assert.Equal(e.MeanCurvature, TensorPrimitives.Sum<double>(g.CurvatureShare), SumTolerance * Math.Max(1, Math.Abs(e.MeanCurvature)));
        Assert.Equal(e.MeanCurvature, g.TotalCurvature, SumTolerance * Math.Max(1, Math.Abs(e.MeanCurvature)));
        Assert.Equal(e.MeanLoss, g.TotalLoss, SumTolerance * e.MeanLoss);
    }

    [Fact]
    public void Decomposition_IsBitIdentical_ForOneAndTwoThreads()
    {
        var (model, data, theta, d) = Problem(100);
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 1;
            ExampleDecomposition one = Decomposition.Curvature(model, theta, data, d);
            Parallelism.MaxThreads = 2;
            ExampleDecomposition two = Decomposition.Curvature(model, theta, data, d);
            NumericAssert.BitIdentical(two.Loss, one.Loss, "losses");
            NumericAssert.BitIdentical(two.Curvature, one.Curvature, "curvatures");
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void Objectives_GiveTheSameCurvatureForEveryExample()
    {
        var model = new QuadraticBowl();
        var data = new Dataset([1.0, 2.0, 3.0], [0.0, 0.0, 0.0], 3);
        double[] d = [0.6, 0.8];
        ExampleDecomposition e = Decomposition.Curvature(model, [0.1, 0.2], data, d);
        double curvature = d[0] * (3 * d[0] + 0.5 * d[1]) + d[1] * (0.5 * d[0] + 4 * d[1]);
        Assert.All(e.Curvature, c => Assert.Equal(curvature, c, 1e-14));
        Assert.Empty(Decomposition.Curvature(model, [0.1, 0.2], Dataset.Empty, d).Loss);
        Assert.True(double.IsNaN(Decomposition.Curvature(model, [0.1, 0.2], Dataset.Empty, d).MeanCurvature));
    }

    [Fact]
    public void Groups_RejectNegativeIdsAndWrongLengths()
    {
        var (model, data, theta, d) = Problem(5);
        Assert.Throws<ArgumentException>(() => Decomposition.Curvature(model, theta, data, d, [0, 1, -1, 0, 0]));
        Assert.Throws<ArgumentException>(() => Decomposition.Curvature(model, theta, data, d, [0, 1]));
        Assert.Throws<ArgumentException>(() => Decomposition.Curvature(model, theta, data, d.AsSpan(1)));
    }
}
