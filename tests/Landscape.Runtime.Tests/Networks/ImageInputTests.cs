using System;
using System.Linq;

namespace Landscape.Tests.Networks;

/// <summary>[Input(c, h, w)] with dense layers: the image is flattened in (c, h, w) order, so the network is the flat one.</summary>
public sealed class ImageInputTests
{
    [Fact]
    public void An_image_input_network_computes_what_the_flat_network_computes_bit_for_bit()
    {
        var image = new ImageInputNet();
        var flat = new FlatInputNet();
        Assert.Equal(24, ImageInputNet.InputSize);
        Assert.Equal("2×3×4-5-3 tanh/identity, MSE", ImageInputNet.Architecture);
        Assert.Equal("24-5-3 tanh/identity, MSE", FlatInputNet.Architecture);
        Assert.Equal(flat.Layout.Select(b => (b.Name, b.Offset, b.Rows, b.Columns)), image.Layout.Select(b => (b.Name, b.Offset, b.Rows, b.Columns)));

        var random = new Random(5);
        double[] Vector(int n) => Enumerable.Range(0, n).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        var data = new Dataset(Vector(70 * 24), Vector(70 * 3), 70);
        double[] theta = new double[image.ParameterCount], v = Vector(image.ParameterCount);
        image.Initialize(theta, seed: 3);
        double[] thetaFlat = new double[flat.ParameterCount];
        flat.Initialize(thetaFlat, seed: 3);
        Assert.Equal(thetaFlat, theta);

        int p = image.ParameterCount;
        double[] g1 = new double[p], g2 = new double[p], h1 = new double[p], h2 = new double[p];
        Assert.Equal(flat.HessianVectorProduct(theta, data, v, h2, g2), image.HessianVectorProduct(theta, data, v, h1, g1));
        NumericAssert.BitIdentical(g1, g2, "gradient");
        NumericAssert.BitIdentical(h1, h2, "H·v");
    }
}

/// <summary>A 2×3×4 image input, flattened by its first dense layer.</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(2, 3, 4)]
[Dense(5, Activation.Tanh)]
[Dense(3)]
public sealed partial class ImageInputNet;

/// <summary>The same network on the flat 24-value input.</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(24)]
[Dense(5, Activation.Tanh)]
[Dense(3)]
public sealed partial class FlatInputNet;
