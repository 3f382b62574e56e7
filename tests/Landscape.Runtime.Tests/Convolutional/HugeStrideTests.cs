using Landscape.Tests.Networks;
using Landscape.Tests.Reference;
using static Landscape.Tests.Reference.ReferenceGraphNetwork;

namespace Landscape.Tests.Convolutional;

/// <summary>
/// A residual block whose strides multiply past int.MaxValue (65,536² = 2³²): the projection's stride is capped, which
/// changes nothing because every stride at least the input's extent gives one output row. Before the cap the product
/// wrapped to 0 and the generated Gradient threw in Im2Col. Found by the fuzzer's oracle.
/// </summary>
[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(1, 3, 2)]
[ResidualBegin]
[Conv2d(2, 1, Activation.Tanh, Stride = 65536)]
[Conv2d(2, 1, Stride = 65536)]
[ResidualEnd(Activation.Tanh, Projection = true)]
[GlobalAvgPool2d]
[Dense(2)]
public partial class HugeStrides;

public sealed class HugeStrideTests
{
    /// <summary>As in <see cref="ConvNetworkReferenceTests"/>: the same sums in another order.</summary>
    private const double ReferenceTolerance = 1e-12;

    [Fact]
    public void StrideProductsPastIntMaxValue_AreTheOneRowStrides()
    {
        var model = new HugeStrides();
        // Strides of 4 give the same 1×1 outputs on a 3×2 input (and a projection stride of 16 ≥ 3).
        var reference = new ReferenceGraphNetwork(new Shape(1, 3, 2, true), LossFunction.SoftmaxCrossEntropy,
            new ReferenceResidualBegin(), new ReferenceConv(2, 1, Activation.Tanh, Stride: 4), new ReferenceConv(2, 1, Stride: 4),
            new ReferenceResidualEnd(Activation.Tanh, Projection: true), new ReferenceGlobalAvgPool(), new ReferenceDense(2));
        int p = model.ParameterCount;
        Assert.Equal(reference.ParameterCount, p);
        double[] theta = ConvNetworkReferenceTests.Random(p, 1), v = ConvNetworkReferenceTests.Random(p, 2);
        Dataset data = ConvNetworkReferenceTests.Data(reference, 5, 3);
        double[] expectedGradient = new double[p], expectedProduct = new double[p];
        double expected = reference.Evaluate(theta, data, v, expectedGradient, expectedProduct);
        double[] gradient = new double[p], product = new double[p];
        NumericAssert.Close(model.Gradient(theta, data, gradient), expected, ReferenceTolerance, "loss");
        NumericAssert.Close(gradient, expectedGradient, ReferenceTolerance, "gradient");
        model.HessianVectorProduct(theta, data, v, product);
        NumericAssert.Close(product, expectedProduct, ReferenceTolerance, "H·v");
    }
}
