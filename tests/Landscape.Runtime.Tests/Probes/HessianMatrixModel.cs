using System;
using Landscape;

namespace Landscape.Tests.Probes;

/// <summary>
/// A quadratic test model L(θ) = ½ θᵀAθ for a symmetric matrix A: ∇L = Aθ and H = A everywhere, so every Hessian probe
/// has an exact answer. Data are ignored.
/// </summary>
internal sealed class HessianMatrixModel : IModel
{
    private readonly double[,] _a;

    public HessianMatrixModel(double[,] a)
    {
        _a = a;
        ParameterCount = a.GetLength(0);
        Layout = new ParameterLayout(new ParameterBlock("theta", 0, ParameterCount, ParameterCount, 1, ParameterKind.Coordinate));
    }

    /// <summary>The matrix A (= the Hessian).</summary>
    public double[,] Matrix => _a;

    public int ParameterCount { get; }

    public ParameterLayout Layout { get; }

    public void Initialize(Span<double> parameters, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < parameters.Length; i++) parameters[i] = random.NextDouble() - 0.5;
    }

    public double Loss(ReadOnlySpan<double> parameters, Dataset data)
    {
        var product = new double[ParameterCount];
        Apply(parameters, product);
        double sum = 0;
        for (int i = 0; i < ParameterCount; i++) sum += parameters[i] * product[i];
        return 0.5 * sum;
    }

    public double Gradient(ReadOnlySpan<double> parameters, Dataset data, Span<double> gradient)
    {
        Apply(parameters, gradient);
        double sum = 0;
        for (int i = 0; i < ParameterCount; i++) sum += parameters[i] * gradient[i];
        return 0.5 * sum;
    }

    public double HessianVectorProduct(ReadOnlySpan<double> parameters, Dataset data, ReadOnlySpan<double> direction,
                                       Span<double> product, Span<double> gradient = default)
    {
        Apply(direction, product);
        if (!gradient.IsEmpty) return Gradient(parameters, data, gradient);
        return Loss(parameters, data);
    }

    public void ExampleLosses(ReadOnlySpan<double> parameters, Dataset data, Span<double> losses)
    {
        double loss = Loss(parameters, data);
        losses.Fill(loss);
    }

    private void Apply(ReadOnlySpan<double> x, Span<double> y)
    {
        int n = ParameterCount;
        for (int r = 0; r < n; r++)
        {
            double sum = 0;
            for (int c = 0; c < n; c++) sum += _a[r, c] * x[c];
            y[r] = sum;
        }
    }
}
