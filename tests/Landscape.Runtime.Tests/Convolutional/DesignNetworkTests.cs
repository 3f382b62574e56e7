using System;
using System.Globalization;
using System.Linq;
using Landscape.Data;
using Landscape.Optimization;
using Landscape.Tests.Networks;
using Landscape.Tests.Reference;
using Xunit.Abstractions;
using static Landscape.Tests.Reference.ReferenceGraphNetwork;

namespace Landscape.Tests.Convolutional;

/// <summary>
/// The two networks of DESIGN.md §2b (<see cref="LeNet5"/> and <see cref="ResNet8"/>, declared there and in DesignNetworks.cs
/// exactly as written) compile, lay out their parameters in PyTorch's order, and train on real MNIST digits: a few
/// full-batch gradient-descent steps on a handful of examples lower the loss at every step.
/// </summary>
public sealed class DesignNetworkTests(ITestOutputHelper output)
{
    /// <summary>As in <see cref="ConvNetworkReferenceTests"/>: the same mathematics in another summation order, a few ulps apart.</summary>
    private const double ReferenceTolerance = 1e-12;

    /// <summary>
    /// The learning rate: λ₁ of the Hessian at the initialization of <see cref="Train_AFewGradientDescentSteps_OnMnist_LowerTheLossAtEveryStep"/>
    /// measured 4.3 (LeNet5) and 7.8 (ResNet8) on these 32 digits, so η = 0.1 is below half the stability limit 2/λ₁ of both.
    /// </summary>
    private const double LearningRate = 0.1;

    /// <summary>A handful of digits: 32 keep a ResNet8 gradient (≈ 40 MFLOP per example) near a tenth of a second on two cores.</summary>
    private const int Digits = 32;

    private const int Steps = 5;

    public static TheoryData<string> Names => new() { nameof(LeNet5), nameof(ResNet8) };

    private static IModel Create(string name) => name == nameof(LeNet5) ? new LeNet5() : new ResNet8();

    [Theory]
    [MemberData(nameof(Names))]
    public void Layout_IsPyTorchsParameterOrder(string name)
    {
        IModel model = Create(name);
        // model.parameters() of the equivalent nn.Module: each conv weight [out, in, k, k] as one [out × in·k·k] block.
        (string, int, int)[] expected = name == nameof(LeNet5)
            ? [("conv0.weight", 6, 25), ("conv0.bias", 6, 1), ("conv1.weight", 16, 150), ("conv1.bias", 16, 1), ("dense0.weight", 120, 400),
               ("dense0.bias", 120, 1), ("dense1.weight", 84, 120), ("dense1.bias", 84, 1), ("dense2.weight", 10, 84), ("dense2.bias", 10, 1)]
            : [("conv0.weight", 16, 9), ("conv0.bias", 16, 1), ("conv1.weight", 16, 144), ("conv1.bias", 16, 1), ("conv2.weight", 16, 144),
               ("conv2.bias", 16, 1), ("conv3.weight", 32, 144), ("conv3.bias", 32, 1), ("conv4.weight", 32, 288), ("conv4.bias", 32, 1),
               ("residual1.weight", 32, 16), ("residual1.bias", 32, 1), ("dense0.weight", 10, 32), ("dense0.bias", 10, 1)];
        Assert.Equal(expected, model.Layout.Select(b => (b.Name, b.Rows, b.Columns)));
        Assert.Equal(name == nameof(LeNet5) ? 61_706 : 19_562, model.ParameterCount);
        int offset = 0;
        foreach (ParameterBlock block in model.Layout)
        {
            Assert.Equal(offset, block.Offset);
            offset += block.Length;
        }
        Assert.Equal(model.ParameterCount, offset);
    }

    /// <summary>LeNet5 at full size (28×28 input, 5×5 kernels, padding 2) against the reference on two digits (≈ 850,000 tape nodes each).</summary>
    [Fact]
    public void LeNet5_MatchesTheReference_OnTwoMnistDigits()
    {
        var model = new LeNet5();
        var reference = new ReferenceGraphNetwork(new Shape(1, 28, 28, true), LossFunction.SoftmaxCrossEntropy,
            new ReferenceConv(6, 5, Activation.Tanh, Padding: 2), new ReferenceAvgPool(2), new ReferenceConv(16, 5, Activation.Tanh),
            new ReferenceAvgPool(2), new ReferenceDense(120, Activation.Tanh), new ReferenceDense(84, Activation.Tanh), new ReferenceDense(10));
        Dataset data = Mnist.Load(TestData.MnistTestImages, TestData.MnistTestLabels, new MnistOptions { Count = 2 });
        int p = model.ParameterCount;
        var theta = new double[p];
        model.Initialize(theta, 3);
        double[] noise = ConvNetworkReferenceTests.Random(p, 4, 0.05); // biases away from their zero initialization too
        for (int i = 0; i < p; i++) theta[i] += noise[i];
        double[] v = ConvNetworkReferenceTests.Random(p, 5);

        double[] refGradient = new double[p], refProduct = new double[p], gradient = new double[p], product = new double[p];
        double expected = reference.Evaluate(theta, data, v, refGradient, refProduct);
        NumericAssert.Close(model.HessianVectorProduct(theta, data, v, product, gradient), expected, ReferenceTolerance, "LeNet5 loss");
        NumericAssert.Close(gradient, refGradient, ReferenceTolerance, "LeNet5 gradient");
        NumericAssert.Close(product, refProduct, ReferenceTolerance, "LeNet5 H·v");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Train_AFewGradientDescentSteps_OnMnist_LowerTheLossAtEveryStep(string name)
    {
        IModel model = Create(name);
        Dataset data = Mnist.Load(TestData.MnistTestImages, TestData.MnistTestLabels, new MnistOptions { Count = Digits });
        var theta = new double[model.ParameterCount];
        model.Initialize(theta, 1);
        double initial = model.Loss(theta, data);

        var trainer = new Trainer(model, data, new GradientDescent(), Landscape.Optimization.LearningRate.Constant(LearningRate));
        Trajectory trajectory = trainer.Run(theta, Steps);

        double[] loss = trajectory.Loss;
        double final = model.Loss(theta, data);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: loss {string.Join(" → ", loss.Select(l => l.ToString("F6", CultureInfo.InvariantCulture)))} → {final:F6}"));
        Assert.Equal(RunStatus.Completed, trajectory.Status);
        Assert.Equal(Steps, trajectory.Count);
        Assert.Equal(initial, loss[0]);
        for (int k = 1; k < Steps; k++) Assert.True(loss[k] < loss[k - 1], $"{name} step {k}: {loss[k]:R} ≥ {loss[k - 1]:R}");
        Assert.True(final < loss[^1], $"{name}: the last step raised the loss to {final:R}");
    }
}
