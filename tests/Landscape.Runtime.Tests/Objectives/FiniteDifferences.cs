using System;

namespace Landscape.Tests.Objectives;

/// <summary>
/// Fourth-order central differences: f′(x) ≈ (f(x − 2h) − 8f(x − h) + 8f(x + h) − f(x + 2h)) / 12h, with truncation
/// error h⁴·f⁽⁵⁾/30 and rounding error ≈ 1.5·ε·|f|/h. With h = 1e-3·max(1, |xᵢ|) both are ~1e-13 relative for the
/// smooth, O(1)-scaled test objectives, far inside the tolerances the tests use.
/// </summary>
internal static class FiniteDifferences
{
    /// <summary>Relative step: h = StepScale·max(1, |xᵢ|).</summary>
    public const double StepScale = 1e-3;

    /// <summary>The step for coordinate value <paramref name="x"/>.</summary>
    public static double Step(double x) => StepScale * Math.Max(1, Math.Abs(x));

    /// <summary>∂f/∂xᵢ at <paramref name="point"/> for every i.</summary>
    public static double[] Gradient(Func<double[], double> f, double[] point)
    {
        var gradient = new double[point.Length];
        for (int i = 0; i < point.Length; i++)
            gradient[i] = Derivative(t => f(Shift(point, i, t)), Step(point[i]));
        return gradient;
    }

    /// <summary>Column j of the Jacobian of <paramref name="gradient"/>: H[i, j] ≈ ∂gᵢ/∂xⱼ, row-major n×n.</summary>
    public static double[] Jacobian(Func<double[], double[]> gradient, double[] point)
    {
        int n = point.Length;
        var jacobian = new double[n * n];
        for (int j = 0; j < n; j++)
        {
            double h = Step(point[j]);
            double[] m2 = gradient(Shift(point, j, -2 * h)), m1 = gradient(Shift(point, j, -h));
            double[] p1 = gradient(Shift(point, j, h)), p2 = gradient(Shift(point, j, 2 * h));
            for (int i = 0; i < n; i++) jacobian[i * n + j] = (m2[i] - 8 * m1[i] + 8 * p1[i] - p2[i]) / (12 * h);
        }
        return jacobian;
    }

    private static double Derivative(Func<double, double> g, double h) =>
        (g(-2 * h) - 8 * g(-h) + 8 * g(h) - g(2 * h)) / (12 * h);

    private static double[] Shift(double[] point, int index, double delta)
    {
        var shifted = (double[])point.Clone();
        shifted[index] += delta;
        return shifted;
    }
}
