using System;
using System.Linq;
using Landscape.Models;
using Landscape.Probes;
using Landscape.Tests.Convolutional;
using Landscape.Tests.Networks;
using Landscape.Tests.Objectives;
using Landscape.Tests.Probes;

namespace Landscape.Tests.Operator;

/// <summary>
/// <see cref="Hessian.Operator"/> (DESIGN §5): every product equals the model's HessianVectorProduct bit for bit — single and
/// batched, on 1 and 3 threads, for every dense network of <see cref="TestNetworks"/> (every activation and both losses), every
/// convolutional, pooling and residual network of <see cref="ConvNetworks"/>, over several chunks with a partial last one, and
/// for every generated objective; the loss and gradient equal the model's; other models, and caches past the memory budget,
/// fall back to full products with the same bits.
/// </summary>
[Collection(ThreadSettingCollection.Name)]
public sealed class HessianOperatorTests
{
    /// <summary>Directions per batch, as the "batched of 8" asks.</summary>
    private const int Batch = 8;

    public static TheoryData<string> DenseNames => new(TestNetworks.Names);

    public static TheoryData<string> ConvNames => new(ConvNetworks.Names);

    public static TheoryData<string> ObjectiveNames => new(ObjectiveCase.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(DenseNames))]
    public void DenseNetwork_ProductsEqualTheModelsHvp_BitForBit(string name)
    {
        NetworkCase c = NetworkCase.For(name);
        // Two chunks of 512 (the second partial) for most networks; WideChunked's chunks are smaller, so it gets more.
        AssertOperatorMatchesModel(c.Model, c.Parameters(7), c.Data(700, 8), seed => c.RandomVector(seed), name);
    }

    [Theory]
    [MemberData(nameof(ConvNames))]
    public void ConvolutionalNetwork_ProductsEqualTheModelsHvp_BitForBit(string name)
    {
        IModel model = ConvNetworks.Create(name);
        Dataset data = ConvNetworkReferenceTests.Data(ConvNetworks.Reference(name), 600, 21);
        double[] theta = ConvNetworkReferenceTests.Random(model.ParameterCount, 22, 0.7);
        AssertOperatorMatchesModel(model, theta, data, seed => ConvNetworkReferenceTests.Random(model.ParameterCount, seed), name);
    }

    [Theory]
    [MemberData(nameof(ObjectiveNames))]
    public void Objective_KeepsItsDenseHessian_AndProductsEqualItsHvp_BitForBit(string name)
    {
        ObjectiveCase c = ObjectiveCase.For(name);
        int n = c.Dimension;
        using HessianOperator op = Hessian.Operator(c.Model, c.InitialPoint, Dataset.Empty);
        Assert.True(op.IsCached);
        Assert.Equal((long)n * n * sizeof(double), op.CacheBytes);
        Assert.Equal(BitConverter.DoubleToInt64Bits(c.Model.Loss(c.InitialPoint, Dataset.Empty)), BitConverter.DoubleToInt64Bits(op.Loss));
        var random = new Random(5);
        double[] v = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] expected = new double[n], actual = new double[n];
        c.Model.HessianVectorProduct(c.InitialPoint, Dataset.Empty, v, expected);
        op.Multiply(v, actual);
        NumericAssert.BitIdentical(actual, expected, $"{name}: operator product");
    }

    [Fact]
    public void OtherModel_GetsFullProducts_WithTheSameBits()
    {
        var model = new HessianMatrixModel(new double[,] { { 2, 1, 0 }, { 1, 3, -1 }, { 0, -1, 4 } });
        double[] theta = [0.5, -1, 2], v = [1, 2, 3];
        using HessianOperator op = Hessian.Operator(model, theta, Dataset.Empty);
        Assert.False(op.IsCached);
        Assert.Equal(0, op.CacheBytes);
        double[] expected = new double[3], actual = new double[3];
        model.HessianVectorProduct(theta, Dataset.Empty, v, expected);
        op.Multiply(v, actual);
        NumericAssert.BitIdentical(actual, expected, "fallback product");
        Assert.Equal(1, op.ProductCount);
    }

    [Fact]
    public void CachePastTheBudget_FallsBackToFullProducts_WithTheSameBits()
    {
        NetworkCase c = NetworkCase.For(nameof(TanhCeDepth3));
        double[] theta = c.Parameters(3), v = c.RandomVector(4);
        Dataset data = c.Data(300, 5);
        long bytes = ((IFixedPointModel)c.Model).FixedPointBytes(data);
        Assert.True(bytes > 0);
        using HessianOperator within = Hessian.Operator(c.Model, theta, data, new OperatorOptions { MemoryBudgetBytes = bytes });
        using HessianOperator past = Hessian.Operator(c.Model, theta, data, new OperatorOptions { MemoryBudgetBytes = bytes - 1 });
        Assert.True(within.IsCached);
        Assert.Equal(bytes, within.CacheBytes);
        Assert.False(past.IsCached);
        double[] a = new double[v.Length], b = new double[v.Length], expected = new double[v.Length];
        c.Model.HessianVectorProduct(theta, data, v, expected);
        within.Multiply(v, a);
        past.Multiply(v, b);
        NumericAssert.BitIdentical(a, expected, "cached");
        NumericAssert.BitIdentical(b, expected, "fallback");
    }

    [Fact]
    public void DirectionMayAliasTheProduct_AndDisposedOperatorRefusesProducts()
    {
        NetworkCase c = NetworkCase.For(nameof(SoftplusMseDepth2));
        double[] theta = c.Parameters(3), v = c.RandomVector(4);
        Dataset data = c.Data(90, 5);
        double[] expected = new double[v.Length];
        c.Model.HessianVectorProduct(theta, data, v, expected);
        HessianOperator op = Hessian.Operator(c.Model, theta, data);
        double[] inPlace = (double[])v.Clone();
        op.Multiply(inPlace, inPlace);
        NumericAssert.BitIdentical(inPlace, expected, "in place");
        var wrong = Assert.Throws<ArgumentException>(() => op.Multiply(new double[v.Length + 1], new double[v.Length]));
        Assert.Contains("direction", wrong.Message, StringComparison.Ordinal);
        var batch = Assert.Throws<ArgumentException>(() => op.Multiply(new double[2 * v.Length], new double[2 * v.Length], 3));
        Assert.Contains("3 stacked directions", batch.Message, StringComparison.Ordinal);
        op.Dispose();
        op.Dispose(); // idempotent
        Assert.Throws<ObjectDisposedException>(() => op.Multiply(v, new double[v.Length]));
    }

    /// <summary>
    /// The operator at θ against the model: loss and gradient bits, two single products, a batch of <see cref="Batch"/> (each
    /// row the single product), a batch of 3 in place and the full batch again, on 1 and 3 threads (the same bits), and
    /// products taken after a batch equal to fresh ones.
    /// </summary>
    private static void AssertOperatorMatchesModel(IModel model, double[] theta, Dataset data, Func<int, double[]> direction, string name)
    {
        int p = model.ParameterCount;
        double[][] directions = Enumerable.Range(0, Batch).Select(j => direction(100 + j)).ToArray();
        double[][] expected = directions.Select(v =>
        {
            double[] product = new double[p];
            model.HessianVectorProduct(theta, data, v, product);
            return product;
        }).ToArray();
        double[] gradient = new double[p];
        double loss = model.Gradient(theta, data, gradient);
        int saved = Parallelism.MaxThreads;
        try
        {
            foreach (int threads in new[] { 1, 3 })
            {
                Parallelism.MaxThreads = threads;
                using HessianOperator op = Hessian.Operator(model, theta, data);
                Assert.True(op.IsCached, $"{name}: a generated network keeps its fixed point");
                Assert.Equal(((IFixedPointModel)model).FixedPointBytes(data), op.CacheBytes);
                Assert.Equal(BitConverter.DoubleToInt64Bits(loss), BitConverter.DoubleToInt64Bits(op.Loss));
                double[] product = new double[p];
                for (int j = 0; j < 2; j++)
                {
                    op.Multiply(directions[j], product);
                    NumericAssert.BitIdentical(product, expected[j], $"{name}: product {j} on {threads} threads");
                }
                double[] stacked = directions.SelectMany(v => v).ToArray(), products = new double[Batch * p];
                op.Multiply(stacked, products, Batch);
                for (int j = 0; j < Batch; j++)
                    NumericAssert.BitIdentical(products.AsSpan(j * p, p), expected[j], $"{name}: batched product {j} on {threads} threads");
                // A smaller batch in place (directions and products one array), then the full batch again: no direction is
                // overwritten before it is read, and a later batch gives the same bits as the first.
                double[] inPlace = directions.Skip(Batch - 3).SelectMany(v => v).ToArray();
                op.Multiply(inPlace, inPlace, 3);
                for (int j = 0; j < 3; j++)
                    NumericAssert.BitIdentical(inPlace.AsSpan(j * p, p), expected[Batch - 3 + j], $"{name}: in-place batched product {j} of 3 on {threads} threads");
                Array.Clear(products);
                op.Multiply(stacked, products, Batch);
                for (int j = 0; j < Batch; j++)
                    NumericAssert.BitIdentical(products.AsSpan(j * p, p), expected[j], $"{name}: product {j} of the second batch on {threads} threads");
                op.Multiply(directions[0], product);
                NumericAssert.BitIdentical(product, expected[0], $"{name}: product after the batch on {threads} threads");
                NumericAssert.BitIdentical(op.Gradient, gradient, $"{name}: gradient on {threads} threads");
                Assert.Equal(2 + Batch + 3 + Batch + 1, op.ProductCount);
            }
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }
}
