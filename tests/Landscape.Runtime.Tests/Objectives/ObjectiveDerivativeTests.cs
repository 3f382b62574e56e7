using System;
using System.Collections.Generic;

namespace Landscape.Tests.Objectives;

/// <summary>
/// Generated derivatives of every hand-written objective at seeded random points: the gradient against finite differences
/// of the user's own method, the Hessian against finite differences of the generated gradient, exact symmetry, and the
/// Hessian-vector product against the dense Hessian.
/// </summary>
public sealed class ObjectiveDerivativeTests
{
    /// <summary>Gradient vs fourth-order central differences of the user's method; the bound. The expected error is
    /// ~1e-12 (see <see cref="FiniteDifferences"/>), so a wrong derivative rule cannot hide under it.</summary>
    private const double GradientTolerance = 1e-7;

    /// <summary>Hessian vs fourth-order differences of the generated gradient; the bound (expected error ~1e-11).</summary>
    private const double HessianTolerance = 1e-5;

    /// <summary>Points per objective (the issue asks for at least 20).</summary>
    private const int PointCount = 24;

    public static IEnumerable<object[]> Cases => ObjectiveCase.Names;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_MatchesFiniteDifferencesOfTheMethod(string name)
    {
        ObjectiveCase c = ObjectiveCase.For(name);
        var gradient = new double[c.Dimension];
        foreach (double[] point in c.Points(PointCount, ObjectiveCase.SeedOf(name)))
        {
            double value = c.Model.Gradient(point, Dataset.Empty, gradient);
            ObjectiveAssert.BitIdentical(value, c.Method(point), $"{name} f({Describe(point)}) from Gradient vs the method");
            ObjectiveAssert.Close(gradient, FiniteDifferences.Gradient(c.Method, point), GradientTolerance, $"{name} ∇f({Describe(point)})");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hessian_MatchesFiniteDifferencesOfTheGradient_AndIsExactlySymmetric(string name)
    {
        ObjectiveCase c = ObjectiveCase.For(name);
        int n = c.Dimension;
        var hessian = new double[n * n];
        Func<double[], double[]> gradientOf = p =>
        {
            var g = new double[n];
            c.Model.Gradient(p, Dataset.Empty, g);
            return g;
        };
        foreach (double[] point in c.Points(PointCount, ObjectiveCase.SeedOf(name) + 1))
        {
            c.Hessian(point, hessian);
            for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                ObjectiveAssert.BitIdentical(hessian[i * n + j], hessian[j * n + i], $"{name} H[{i},{j}] vs H[{j},{i}] at ({Describe(point)})");
            ObjectiveAssert.Close(hessian, FiniteDifferences.Jacobian(gradientOf, point), HessianTolerance, $"{name} ∇²f({Describe(point)})");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void HessianVectorProduct_IsTheDenseHessianTimesV_WithTheSameValueAndGradient(string name)
    {
        ObjectiveCase c = ObjectiveCase.For(name);
        int n = c.Dimension;
        var random = new Random(ObjectiveCase.SeedOf(name) + 2);
        var hessian = new double[n * n];
        var product = new double[n];
        var hvpGradient = new double[n];
        var gradient = new double[n];
        foreach (double[] point in c.Points(PointCount, ObjectiveCase.SeedOf(name) + 3))
        {
            var v = new double[n];
            for (int i = 0; i < n; i++) v[i] = 2 * random.NextDouble() - 1;
            c.Hessian(point, hessian);
            var expected = new double[n];
            for (int i = 0; i < n; i++)
            {
                double sum = hessian[i * n] * v[0]; // left to right, as the generated code sums each row
                for (int j = 1; j < n; j++) sum += hessian[i * n + j] * v[j];
                expected[i] = sum;
            }

            double value = c.Model.HessianVectorProduct(point, Dataset.Empty, v, product, hvpGradient);
            ObjectiveAssert.BitIdentical(product, expected, $"{name} H·v at ({Describe(point)})");
            double gradientValue = c.Model.Gradient(point, Dataset.Empty, gradient);
            ObjectiveAssert.BitIdentical(hvpGradient, gradient, $"{name} ∇f from HVP vs Gradient");
            ObjectiveAssert.BitIdentical(value, gradientValue, $"{name} f from HVP vs Gradient");

            // Without a gradient buffer, the product is the same.
            Array.Clear(product);
            ObjectiveAssert.BitIdentical(c.Model.HessianVectorProduct(point, Dataset.Empty, v, product), value, $"{name} f from HVP without gradient");
            ObjectiveAssert.BitIdentical(product, expected, $"{name} H·v without gradient");
        }
    }

    internal static string Describe(double[] point) =>
        string.Join(", ", Array.ConvertAll(point, x => x.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)));
}
