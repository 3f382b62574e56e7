using System;
using Landscape.Probes;
using Landscape.Tests.Networks;

namespace Landscape.Tests.Operator;

/// <summary>
/// The probes take their products from <see cref="Hessian.Operator"/> (one per call, or one the caller shares): their results
/// are the same bits as with full products — the same network hidden behind a plain <see cref="IModel"/>, which gets the
/// fallback — since every product is. Hutchinson's batches of 8 and Dense's batched columns change nothing either.
/// </summary>
public sealed class OperatorProbeTests
{
    [Fact]
    public void Probes_AreTheSameBits_WithTheFixedPointAndWithFullProducts()
    {
        NetworkCase c = NetworkCase.For(nameof(SoftplusCeDepth3));
        double[] theta = c.Parameters(11);
        Dataset data = c.Data(700, 12); // two chunks
        IModel cached = c.Model, plain = new PlainModel(c.Model);

        Eigenpairs a = Hessian.TopEigenpairs(cached, theta, data, 3), b = Hessian.TopEigenpairs(plain, theta, data, 3);
        Assert.Equal(b.HvpCount, a.HvpCount);
        NumericAssert.BitIdentical(a.Values, b.Values, "top-3 eigenvalues");
        for (int i = 0; i < 3; i++) NumericAssert.BitIdentical(a.Vectors[i], b.Vectors[i], $"eigenvector {i}");

        foreach (TraceMethod method in new[] { TraceMethod.Hutchinson, TraceMethod.HutchPlusPlus })
        {
            TraceEstimate ta = Hessian.Trace(cached, theta, data, 21, 5, method), tb = Hessian.Trace(plain, theta, data, 21, 5, method);
            Assert.Equal(BitConverter.DoubleToInt64Bits(tb.Estimate), BitConverter.DoubleToInt64Bits(ta.Estimate));
            Assert.Equal(BitConverter.DoubleToInt64Bits(tb.StandardError), BitConverter.DoubleToInt64Bits(ta.StandardError));
        }

        var options = new DensityOptions { Probes = 3, Steps = 12 };
        SpectralDensity da = Hessian.Density(cached, theta, data, options), db = Hessian.Density(plain, theta, data, options);
        NumericAssert.BitIdentical(da.Density, db.Density, "density");

        double[,] ha = Hessian.Dense(cached, theta, data), hb = Hessian.Dense(plain, theta, data);
        Assert.Equal(hb.Length, ha.Length);
        foreach ((double x, double y) in Pairs(ha, hb)) Assert.Equal(BitConverter.DoubleToInt64Bits(y), BitConverter.DoubleToInt64Bits(x));
    }

    [Fact]
    public void ProbesOnASharedOperator_EqualTheProbesOnTheModel()
    {
        NetworkCase c = NetworkCase.For(nameof(TanhMseDepth3));
        double[] theta = c.Parameters(3);
        Dataset data = c.Data(200, 4);
        using HessianOperator hessian = Hessian.Operator(c.Model, theta, data);
        Eigenpairs shared = Hessian.TopEigenpairs(hessian, 2), own = Hessian.TopEigenpairs(c.Model, theta, data, 2);
        NumericAssert.BitIdentical(shared.Values, own.Values, "eigenvalues on a shared operator");
        TraceEstimate trace = Hessian.Trace(hessian, 9, 1), ownTrace = Hessian.Trace(c.Model, theta, data, 9, 1);
        Assert.Equal(BitConverter.DoubleToInt64Bits(ownTrace.Estimate), BitConverter.DoubleToInt64Bits(trace.Estimate));
        Assert.Equal(shared.HvpCount + trace.HvpCount, hessian.ProductCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => Hessian.Trace(hessian, 2, 1, TraceMethod.HutchPlusPlus));
    }

    private static System.Collections.Generic.IEnumerable<(double, double)> Pairs(double[,] a, double[,] b)
    {
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++) yield return (a[i, j], b[i, j]);
    }

    /// <summary>A network seen only through <see cref="IModel"/>: Hessian.Operator finds no fixed point and takes full products.</summary>
    private sealed class PlainModel(IModel inner) : IModel
    {
        public int ParameterCount => inner.ParameterCount;

        public ParameterLayout Layout => inner.Layout;

        public void Initialize(Span<double> parameters, int seed) => inner.Initialize(parameters, seed);

        public double Loss(ReadOnlySpan<double> parameters, Dataset data) => inner.Loss(parameters, data);

        public double Gradient(ReadOnlySpan<double> parameters, Dataset data, Span<double> gradient) => inner.Gradient(parameters, data, gradient);

        public double HessianVectorProduct(ReadOnlySpan<double> parameters, Dataset data, ReadOnlySpan<double> direction, Span<double> product, Span<double> gradient = default) =>
            inner.HessianVectorProduct(parameters, data, direction, product, gradient);

        public void ExampleLosses(ReadOnlySpan<double> parameters, Dataset data, Span<double> losses) => inner.ExampleLosses(parameters, data, losses);
    }
}
