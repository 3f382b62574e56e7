using System;

namespace Landscape.Tests.Probes;

/// <summary>Wraps a model and makes the HVP return NaN from the <c>failAt</c>-th call on (0-based).</summary>
internal sealed class HessianFailingModel(IModel inner, int failAt) : IModel
{
    private int _calls;

    public int ParameterCount => inner.ParameterCount;

    public ParameterLayout Layout => inner.Layout;

    public void Initialize(Span<double> parameters, int seed) => inner.Initialize(parameters, seed);

    public double Loss(ReadOnlySpan<double> parameters, Dataset data) => inner.Loss(parameters, data);

    public double Gradient(ReadOnlySpan<double> parameters, Dataset data, Span<double> gradient) => inner.Gradient(parameters, data, gradient);

    public double HessianVectorProduct(ReadOnlySpan<double> parameters, Dataset data, ReadOnlySpan<double> direction,
                                       Span<double> product, Span<double> gradient = default)
    {
        double loss = inner.HessianVectorProduct(parameters, data, direction, product, gradient);
        if (_calls++ >= failAt) product[product.Length / 2] = double.NaN;
        return loss;
    }

    public void ExampleLosses(ReadOnlySpan<double> parameters, Dataset data, Span<double> losses) => inner.ExampleLosses(parameters, data, losses);
}
