using System;
using System.Linq;
using Landscape.Tests.Networks;
using Landscape.Tests.Reference;

namespace Landscape.Tests.Convolutional;

/// <summary>
/// Generated convolutional, pooling and residual networks against the independent reference (direct loops, forward-over-reverse
/// on dual numbers): the parameter layout, then loss, gradient and H·v at random points.
/// </summary>
public sealed class ConvNetworkReferenceTests
{
    /// <summary>
    /// Same mathematics, different summation orders (GEMM blocking and the chunk tree vs the tape's sequential sums): the
    /// differences are float64 rounding, a few ulps of the largest term per value, far below 1e-12 relative.
    /// </summary>
    private const double ReferenceTolerance = 1e-12;

    public static TheoryData<string> Names => new(ConvNetworks.Names);

    internal static double[] Random(int count, int seed, double scale = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => scale * (2 * random.NextDouble() - 1)).ToArray();
    }

    /// <summary>Random inputs; Gaussian-ish targets for MSE, one-hot targets for cross-entropy.</summary>
    internal static Dataset Data(ReferenceGraphNetwork net, int count, int seed)
    {
        double[] inputs = Random(count * net.Input.Size, seed);
        double[] targets = Random(count * net.Output.Size, seed + 1);
        if (net.Loss == LossFunction.SoftmaxCrossEntropy)
        {
            Array.Clear(targets);
            for (int e = 0; e < count; e++) targets[e * net.Output.Size + (e * 7 + seed) % net.Output.Size] = 1;
        }
        return new Dataset(inputs, targets, count);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Layout_IsPyTorchsParameterOrder(string name)
    {
        IModel model = ConvNetworks.Create(name);
        ReferenceGraphNetwork reference = ConvNetworks.Reference(name);
        Assert.Equal(reference.ParameterCount, model.ParameterCount);
        Assert.Equal(reference.Blocks.Select(b => (b.Name, b.Offset, b.Length, b.Rows, b.Columns)),
            model.Layout.Select(b => (b.Name, b.Offset, b.Length, b.Rows, b.Columns)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void LossGradientAndProduct_MatchTheReference(string name)
    {
        IModel model = ConvNetworks.Create(name);
        ReferenceGraphNetwork reference = ConvNetworks.Reference(name);
        int p = model.ParameterCount;
        foreach (int count in new[] { 1, 7, 70 })
        {
            double[] theta = Random(p, 11 + count, 0.7), v = Random(p, 12 + count);
            Dataset data = Data(reference, count, 13 + count);
            double[] expectedGradient = new double[p], expectedProduct = new double[p];
            double expected = reference.Evaluate(theta, data, v, expectedGradient, expectedProduct);

            NumericAssert.Close(model.Loss(theta, data), expected, ReferenceTolerance, $"{name} loss, n = {count}");
            double[] gradient = new double[p];
            NumericAssert.Close(model.Gradient(theta, data, gradient), expected, ReferenceTolerance, $"{name} loss from Gradient, n = {count}");
            NumericAssert.Close(gradient, expectedGradient, ReferenceTolerance, $"{name} gradient, n = {count}");
            double[] product = new double[p], gradient2 = new double[p];
            NumericAssert.Close(model.HessianVectorProduct(theta, data, v, product, gradient2), expected, ReferenceTolerance, $"{name} loss from HVP, n = {count}");
            NumericAssert.Close(product, expectedProduct, ReferenceTolerance, $"{name} H·v, n = {count}");
            NumericAssert.BitIdentical(gradient2, gradient, $"{name} gradient from HVP vs Gradient, n = {count}");

            double[] losses = new double[count];
            model.ExampleLosses(theta, data, losses);
            NumericAssert.Close(losses.Average(), expected, ReferenceTolerance, $"{name} mean of ExampleLosses, n = {count}");

            double[] outputs = new double[count * reference.Output.Size];
            ConvNetworks.Predict(model, theta, data.Inputs.ToArray(), outputs);
            for (int e = 0; e < count; e++)
                NumericAssert.Close(outputs.AsSpan(e * reference.Output.Size, reference.Output.Size), reference.Predict(theta, data.Input(e)), ReferenceTolerance, $"{name} Predict, example {e}");
        }
    }
}
