using System;
using Landscape.Models;

namespace Landscape.Tests.Networks;

/// <summary>Layout, initialization, argument validation and allocation behaviour of generated networks.</summary>
public sealed class NetworkBehaviourTests
{
    [Fact]
    public void Layout_ListsWeightThenBiasPerLayer_WithContiguousOffsets()
    {
        var net = new MixedNoBias();
        ParameterLayout layout = net.Layout;
        Assert.Equal(["dense0.weight", "dense1.weight", "dense1.bias", "dense2.weight", "dense3.weight", "dense3.bias"],
            System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(layout, b => b.Name)));
        Assert.Equal((7, 6), (layout["dense0.weight"].Rows, layout["dense0.weight"].Columns));
        Assert.Equal(ParameterKind.Bias, layout["dense3.bias"].Kind);
        Assert.Equal(7 * 6 + 5 * 7 + 5 + 4 * 5 + 2 * 4 + 2, net.ParameterCount);
        Assert.Equal(net.ParameterCount, layout.TotalLength);
        Assert.Equal(6, MixedNoBias.InputSize);
        Assert.Equal(2, MixedNoBias.OutputSize);
    }

    [Fact]
    public void P1_HasTheBenchmarkShape()
    {
        var net = new P1();
        Assert.Equal(20 * 100 + 100 + 100 + 1, net.ParameterCount);
        Assert.Equal(20, P1.InputSize);
        Assert.Equal(1, P1.OutputSize);
    }

    [Fact]
    public void Initialize_IsSeededAndFollowsTheSchemes()
    {
        var net = new WideClassifier(); // Gelu(37) ← 11, Elu(19) ← 37, Tanh(10) ← 19, default LeCun init
        var a = new double[net.ParameterCount];
        var b = new double[net.ParameterCount];
        var c = new double[net.ParameterCount];
        net.Initialize(a, 5);
        net.Initialize(b, 5);
        net.Initialize(c, 6);
        NumericAssert.BitIdentical(a, b, "same seed");
        Assert.NotEqual(a, c);
        foreach (ParameterBlock block in net.Layout)
        {
            ReadOnlySpan<double> values = a.AsSpan(block.Offset, block.Length);
            if (block.Kind == ParameterKind.Bias)
            {
                Assert.All(values.ToArray(), v => Assert.Equal(0.0, v));
                continue;
            }
            // LeCun: std = 1/√fan-in. With ≥ 190 draws, the sample std is within ~4 standard errors (√(1/(2n)) relative).
            double sum2 = 0;
            foreach (double v in values) sum2 += v * v;
            double std = Math.Sqrt(sum2 / values.Length);
            double expected = 1 / Math.Sqrt(block.Columns);
            Assert.InRange(std / expected, 1 - 4 / Math.Sqrt(2.0 * values.Length), 1 + 4 / Math.Sqrt(2.0 * values.Length));
        }
    }

    [Fact]
    public void Initialize_ZerosAndScale()
    {
        var zero = new ZeroInit();
        var theta = new double[zero.ParameterCount];
        theta.AsSpan().Fill(3);
        zero.Initialize(theta, 1);
        Assert.All(theta.AsSpan(0, 12).ToArray(), v => Assert.Equal(0.0, v)); // dense0.weight: Init.Zeros
        Assert.Contains(theta.AsSpan(zero.Layout["dense1.weight"].Offset, 8).ToArray(), v => v != 0);

        // InitScale multiplies the standard deviation: the same stream, scaled.
        var mixed = new MixedNoBias();
        var w = new double[mixed.ParameterCount];
        mixed.Initialize(w, 9);
        ParameterBlock dense1 = mixed.Layout["dense1.weight"]; // Xavier, InitScale = 0.5
        var raw = new double[dense1.Length];
        Initializers.Weights(raw, 9, 1, Init.Xavier, 7, 5, 1.0);
        for (int i = 0; i < raw.Length; i++) Assert.Equal(0.5 * raw[i], w[dense1.Offset + i], 15);
    }

    [Fact]
    public void WrongLengths_AndBadData_GiveArgumentExceptionsNamingTheArgument()
    {
        var net = new P1();
        NetworkCase c = NetworkCase.For(nameof(P1));
        Dataset data = c.Data(5, 1);
        var theta = new double[net.ParameterCount];
        var tooShort = new double[net.ParameterCount - 1];

        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => net.Loss(tooShort, data)).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => net.Gradient(theta, data, tooShort)).ParamName);
        Assert.Equal("direction", Assert.Throws<ArgumentException>(() => net.HessianVectorProduct(theta, data, tooShort, new double[theta.Length])).ParamName);
        Assert.Equal("product", Assert.Throws<ArgumentException>(() => net.HessianVectorProduct(theta, data, theta, tooShort)).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => net.HessianVectorProduct(theta, data, theta, new double[theta.Length], tooShort)).ParamName);
        Assert.Equal("losses", Assert.Throws<ArgumentException>(() => net.ExampleLosses(theta, data, new double[4])).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => net.Initialize(tooShort, 0)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => net.Predict(theta, new double[21], new double[1])).ParamName);
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => net.Predict(theta, new double[40], new double[1])).ParamName);

        var wrongShape = new Dataset(new double[3 * 19], new double[3], 3);
        ArgumentException shape = Assert.Throws<ArgumentException>(() => net.Loss(theta, wrongShape));
        Assert.Equal("data", shape.ParamName);
        Assert.Contains("19 inputs", shape.Message);
        Assert.Throws<ArgumentException>(() => net.Loss(theta, Dataset.Empty));
        Assert.Throws<ArgumentNullException>(() => net.Loss(theta, null!));
    }

    [Fact]
    public void NonFiniteParameters_PropagateAsNaN_WithoutThrowing()
    {
        var net = new P1();
        NetworkCase c = NetworkCase.For(nameof(P1));
        Dataset data = c.Data(8, 2);
        double[] theta = c.Parameters(2);
        theta[3] = double.NaN;
        var gradient = new double[theta.Length];
        Assert.True(double.IsNaN(net.Loss(theta, data)));
        Assert.True(double.IsNaN(net.Gradient(theta, data, gradient)));
        Assert.Contains(gradient, double.IsNaN);
    }

    [Fact]
    public void SteadyStateCalls_AllocateOnlyASmallConstant()
    {
        var net = new P1();
        NetworkCase c = NetworkCase.For(nameof(P1));
        Dataset data = c.Data(1000, 3);
        double[] theta = c.Parameters(3), v = c.RandomVector(4);
        double[] product = new double[theta.Length], gradient = new double[theta.Length];
        for (int i = 0; i < 3; i++) net.HessianVectorProduct(theta, data, v, product, gradient); // warm the pool and the JIT

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) net.HessianVectorProduct(theta, data, v, product, gradient);
        long perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 20;
        // The workspace (≈ 1 MB here) is pooled; what remains is the thread pool's per-call bookkeeping for parallel loops.
        Assert.True(perCall < 16 * 1024, $"HVP allocated {perCall} bytes per call on the calling thread.");
    }
}
