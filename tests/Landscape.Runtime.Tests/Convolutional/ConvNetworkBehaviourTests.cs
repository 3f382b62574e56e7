using System;
using System.Linq;
using Landscape.Models;
using Landscape.Tests.Networks;

namespace Landscape.Tests.Convolutional;

/// <summary>
/// Initialization, argument validation, non-finite parameters, dataset views and allocation of generated networks with
/// convolutional, pooling and residual layers (what <see cref="NetworkBehaviourTests"/> checks for dense networks).
/// </summary>
public sealed class ConvNetworkBehaviourTests
{
    public static TheoryData<string> Names => new(ConvNetworks.Names);

    /// <summary>
    /// Each weight block is its scheme's Gaussian stream (stream k for the k-th weight block) with PyTorch's fans: a
    /// convolution's fan-in is in-channels·k·k and its fan-out out-channels·k·k; a projection is a default-initialized 1×1
    /// convolution (fan-in = in-channels) whatever the block's layers use (DESIGN §2b); biases start at zero.
    /// </summary>
    [Theory]
    [InlineData(nameof(LeNet5))]
    [InlineData(nameof(ResNet8))]
    public void Initialize_DrawsEachWeightBlockWithItsSchemeAndPyTorchsFans(string name)
    {
        IModel model = name == nameof(LeNet5) ? new LeNet5() : new ResNet8();
        (Init Init, int FanIn, int FanOut)[] expected = name == nameof(LeNet5)
            ? [(Init.Default, 25, 150), (Init.Default, 150, 400), (Init.Default, 400, 120), (Init.Default, 120, 84), (Init.Default, 84, 10)]
            : [(Init.He, 9, 144), (Init.He, 144, 144), (Init.He, 144, 144), (Init.He, 144, 288), (Init.He, 288, 288),
               (Init.Default, 16, 32), (Init.Default, 32, 10)];
        var theta = new double[model.ParameterCount];
        theta.AsSpan().Fill(7); // Initialize overwrites every value
        model.Initialize(theta, 12);
        var again = new double[model.ParameterCount];
        model.Initialize(again, 12);
        NumericAssert.BitIdentical(again, theta, "same seed");

        int stream = 0;
        foreach (ParameterBlock block in model.Layout)
        {
            ReadOnlySpan<double> values = theta.AsSpan(block.Offset, block.Length);
            if (block.Kind == ParameterKind.Bias)
            {
                Assert.True(values.IndexOfAnyExcept(0.0) < 0, $"{name} {block.Name} should start at zero");
                continue;
            }
            (Init init, int fanIn, int fanOut) = expected[stream];
            Assert.Equal(fanIn, block.Columns); // the fan-in is the row length: one filter
            var draw = new double[block.Length];
            Initializers.Weights(draw, 12, stream, init, fanIn, fanOut, 1.0);
            NumericAssert.BitIdentical(values, draw, $"{name} {block.Name}");
            stream++;
        }
        Assert.Equal(expected.Length, stream);
    }

    [Fact]
    public void WrongLengths_AndBadData_GiveArgumentExceptionsNamingTheArgument()
    {
        var net = new LeNetLike(); // 1×9×7 → 3 outputs
        var reference = ConvNetworks.Reference(nameof(LeNetLike));
        Dataset data = ConvNetworkReferenceTests.Data(reference, 5, 1);
        var theta = new double[net.ParameterCount];
        var tooShort = new double[net.ParameterCount - 1];

        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => net.Loss(tooShort, data)).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => net.Gradient(theta, data, tooShort)).ParamName);
        Assert.Equal("direction", Assert.Throws<ArgumentException>(() => net.HessianVectorProduct(theta, data, tooShort, new double[theta.Length])).ParamName);
        Assert.Equal("product", Assert.Throws<ArgumentException>(() => net.HessianVectorProduct(theta, data, theta, tooShort)).ParamName);
        Assert.Equal("losses", Assert.Throws<ArgumentException>(() => net.ExampleLosses(theta, data, new double[4])).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => net.Initialize(tooShort, 0)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => net.Predict(theta, new double[62], new double[3])).ParamName);
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => net.Predict(theta, new double[2 * 63], new double[3])).ParamName);

        // A dataset of 9×7 images read as 7×9, or with one pixel missing, has the wrong size only if the sizes differ:
        // the input is a flat row of C·H·W values, so the check is on 63 values per example.
        var wrongShape = new Dataset(new double[3 * 62], new double[3 * 3], 3);
        ArgumentException shape = Assert.Throws<ArgumentException>(() => net.Loss(theta, wrongShape));
        Assert.Equal("data", shape.ParamName);
        Assert.Contains("expects 63 inputs (a 1×9×7 image in (c, h, w) order) and 3 targets", shape.Message, StringComparison.Ordinal);
        ArgumentException targets = Assert.Throws<ArgumentException>(() => net.Loss(theta, new Dataset(new double[63], new double[2], 1)));
        Assert.Contains("expects 63 inputs and 3 targets", targets.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => net.Loss(theta, null!));
        Assert.Throws<ArgumentException>(() => net.Loss(theta, new Dataset([], [], 0)));
    }

    /// <summary>
    /// A NaN weight in the first convolution reaches the loss and the gradient through every later layer kind: ReLU keeps a
    /// NaN (it is not ≤ 0), max pooling takes a NaN cell, average pooling and residual adds carry it.
    /// </summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void NonFiniteParameters_PropagateAsNaN_WithoutThrowing(string name)
    {
        IModel model = ConvNetworks.Create(name);
        Dataset data = ConvNetworkReferenceTests.Data(ConvNetworks.Reference(name), 6, 2);
        double[] theta = ConvNetworkReferenceTests.Random(model.ParameterCount, 2, 0.7);
        theta[1] = double.NaN; // conv0.weight (dense0.weight for DenseResidual)
        double[] gradient = new double[theta.Length], product = new double[theta.Length];
        Assert.True(double.IsNaN(model.Loss(theta, data)), $"{name} loss");
        Assert.True(double.IsNaN(model.Gradient(theta, data, gradient)), $"{name} loss from Gradient");
        Assert.Contains(gradient, double.IsNaN);
        Assert.True(double.IsNaN(model.HessianVectorProduct(theta, data, theta.Select(t => 1.0).ToArray(), product)), $"{name} loss from HVP");
        Assert.Contains(product, double.IsNaN);
    }

    /// <summary>A dataset view (Subset at an offset, or by indices) gives the same bits as a copy of the same rows.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void DatasetViews_GiveTheSameBitsAsCopies(string name)
    {
        IModel model = ConvNetworks.Create(name);
        Dataset data = ConvNetworkReferenceTests.Data(ConvNetworks.Reference(name), 90, 3);
        int p = model.ParameterCount;
        double[] theta = ConvNetworkReferenceTests.Random(p, 3, 0.7), v = ConvNetworkReferenceTests.Random(p, 4);
        int[] indices = [5, 88, 17, 17, 40, 3, 71, 62, 29, 9, 54, 80, 0];
        foreach ((Dataset view, string what) in new[] { (data.Subset(13, 70), "Subset(13, 70)"), (data.Subset(indices), "Subset(indices)") })
        {
            var copy = new Dataset(view.Inputs.ToArray(), view.Targets.ToArray(), view.Count);
            double[] g1 = new double[p], g2 = new double[p], h1 = new double[p], h2 = new double[p], l1 = new double[view.Count], l2 = new double[view.Count];
            double a = model.HessianVectorProduct(theta, view, v, h1, g1), b = model.HessianVectorProduct(theta, copy, v, h2, g2);
            Assert.Equal(BitConverter.DoubleToInt64Bits(b), BitConverter.DoubleToInt64Bits(a));
            NumericAssert.BitIdentical(g1, g2, $"{name} gradient on {what}");
            NumericAssert.BitIdentical(h1, h2, $"{name} H·v on {what}");
            model.ExampleLosses(theta, view, l1);
            model.ExampleLosses(theta, copy, l2);
            NumericAssert.BitIdentical(l1, l2, $"{name} example losses on {what}");
        }
    }

    /// <summary>
    /// The workspaces (with their im2col patch and argmax buffers) are pooled: after warm-up an H·v over three chunks allocates
    /// only the small per-call bookkeeping of the parallel loops on the calling thread, as for dense networks.
    /// </summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void SteadyStateCalls_AllocateOnlyASmallConstant(string name)
    {
        const long PerCallBudget = 16 * 1024; // NetworkBehaviourTests' bound for dense networks
        IModel model = ConvNetworks.Create(name);
        Dataset data = ConvNetworkReferenceTests.Data(ConvNetworks.Reference(name), 1100, 5);
        int p = model.ParameterCount;
        double[] theta = ConvNetworkReferenceTests.Random(p, 5, 0.7), v = ConvNetworkReferenceTests.Random(p, 6);
        double[] product = new double[p], gradient = new double[p];
        for (int i = 0; i < 3; i++) model.HessianVectorProduct(theta, data, v, product, gradient); // warm the pool and the JIT

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) model.HessianVectorProduct(theta, data, v, product, gradient);
        long perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 10;
        Assert.True(perCall < PerCallBudget, $"{name}: H·v allocated {perCall} bytes per call on the calling thread.");
    }
}
