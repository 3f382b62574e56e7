// Small models for the probe tests: two generated networks and four [Objective]s with known growth and curvature, plus a
// call-counting IModel wrapper and seeded Gaussian data.
using System;
using System.Threading;
using Landscape;

namespace Landscape.Tests.Probes;

/// <summary>A 3-4-2 tanh MSE network (26 parameters).</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public sealed partial class ProbeMlp;

/// <summary>A 5-6-3 softplus classifier (57 parameters).</summary>
[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(5)]
[Dense(6, Activation.Softplus)]
[Dense(3)]
public sealed partial class ProbeClassifier;

/// <summary>(1 + x²)^{P/2} − 1: local exponent 2 near 0 and P for |x| ≫ 1.</summary>
public sealed partial record GrowthPower(double P)
{
    /// <summary>f(x).</summary>
    [Objective] public double Value(double x) => Math.Pow(1 + x * x, P / 2) - 1;
}

/// <summary>A quadratic with linear and constant terms: H = [[3, 0.5], [0.5, 4]], ∇f = H·(x, y) + (−0.7, 0.3).</summary>
public sealed partial record QuadraticBowl
{
    /// <summary>f(x, y).</summary>
    [Objective] public double Value(double x, double y) => 1.5 * x * x + 0.5 * x * y + 2 * y * y - 0.7 * x + 0.3 * y + 4;
}

/// <summary>A pure quadratic form with its minimum 0 at the origin: H = [[3, 0.5], [0.5, 4]].</summary>
public sealed partial record PureQuadratic
{
    /// <summary>f(x, y).</summary>
    [Objective] public double Value(double x, double y) => 1.5 * x * x + 0.5 * x * y + 2 * y * y;
}

/// <summary>10⁶ + x²: a loss much larger than its increase near the origin.</summary>
public sealed partial record OffsetBowl
{
    /// <summary>f(x).</summary>
    [Objective] public double Value(double x) => 1e6 + x * x;
}

/// <summary>An IModel that forwards to another and counts the calls of each method.</summary>
internal sealed class CountingModel(IModel inner) : IModel
{
    private int _loss, _gradient, _hvp, _exampleLosses;

    public int LossCalls => _loss;
    public int GradientCalls => _gradient;
    public int HvpCalls => _hvp;
    public int ExampleLossCalls => _exampleLosses;

    public int ParameterCount => inner.ParameterCount;
    public ParameterLayout Layout => inner.Layout;
    public void Initialize(Span<double> parameters, int seed) => inner.Initialize(parameters, seed);

    public double Loss(ReadOnlySpan<double> parameters, Dataset data)
    {
        Interlocked.Increment(ref _loss);
        return inner.Loss(parameters, data);
    }

    public double Gradient(ReadOnlySpan<double> parameters, Dataset data, Span<double> gradient)
    {
        Interlocked.Increment(ref _gradient);
        return inner.Gradient(parameters, data, gradient);
    }

    public double HessianVectorProduct(ReadOnlySpan<double> parameters, Dataset data, ReadOnlySpan<double> direction, Span<double> product, Span<double> gradient = default)
    {
        Interlocked.Increment(ref _hvp);
        return inner.HessianVectorProduct(parameters, data, direction, product, gradient);
    }

    public void ExampleLosses(ReadOnlySpan<double> parameters, Dataset data, Span<double> losses)
    {
        Interlocked.Increment(ref _exampleLosses);
        inner.ExampleLosses(parameters, data, losses);
    }
}

/// <summary>Seeded data and points for the probe tests.</summary>
internal static class ProbeData
{
    /// <summary>Gaussian inputs; Gaussian targets for MSE, one-hot targets otherwise (chosen by <paramref name="oneHot"/>).</summary>
    public static Dataset For(IModel model, int count, int seed, bool oneHot)
    {
        int inputs = model.Layout[0].Columns, outputs = model.Layout[model.Layout.Count - 1].Rows;
        var random = new Random(seed);
        var x = new double[count * inputs];
        var y = new double[count * outputs];
        for (int i = 0; i < x.Length; i++) x[i] = Gaussian(random);
        for (int e = 0; e < count; e++)
        {
            if (oneHot) y[e * outputs + random.Next(outputs)] = 1;
            else for (int j = 0; j < outputs; j++) y[e * outputs + j] = Gaussian(random);
        }
        return new Dataset(x, y, count);
    }

    /// <summary>The model's initialization at <paramref name="seed"/> plus N(0, 0.3²) noise (so biases are non-zero).</summary>
    public static double[] Point(IModel model, int seed)
    {
        var theta = new double[model.ParameterCount];
        model.Initialize(theta, seed);
        var random = new Random(seed + 1000);
        for (int i = 0; i < theta.Length; i++) theta[i] += 0.3 * Gaussian(random);
        return theta;
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
