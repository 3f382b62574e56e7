using System;
using System.Collections.Generic;
using System.Linq;

namespace Landscape.Tests.Networks;

/// <summary>
/// Generated loss, gradient and Hessian-vector product of every test network (9 activations × 2 losses × depths 1–3, plus
/// variants) against (a) central finite differences and (b) the independent scalar reference in Reference/.
/// </summary>
public sealed class NetworkDerivativeTests
{
    /// <summary>
    /// Generated vs reference: both compute the same float64 formulas, differing only in summation order, FMA contraction,
    /// blocking and a few-ulp differences in the activation kernels, so agreement is expected to ~1e-14; 1e-12 leaves margin
    /// for cancellation in the HVP sums.
    /// </summary>
    private const double ReferenceTolerance = 1e-12;

    /// <summary>
    /// Central differences with h = 1e-5: truncation error ~h²·|L'''|/6 ≈ 1e-11 and rounding ~ε|L|/h ≈ 1e-11, relative to
    /// gradients of order 0.1–1, so 1e-6 (the bound) is four orders of magnitude above the expected error.
    /// </summary>
    private const double GradientFdTolerance = 1e-6;

    /// <summary>Finite differences of the generated gradient along v; same error analysis one derivative up; the 1e-5.</summary>
    private const double HvpFdTolerance = 1e-5;

    /// <summary>uᵀ(Hv) = vᵀ(Hu) holds exactly in exact arithmetic; float64 rounding of P-term sums is ~1e-15 relative.</summary>
    private const double SymmetryTolerance = 1e-10;

    private const double Step = 1e-5;

    public static IEnumerable<object[]> AllNetworks => TestNetworks.Names.Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(AllNetworks))]
    public void LossGradientAndHvp_MatchScalarReference(string name)
    {
        NetworkCase c = NetworkCase.For(name);
        foreach ((int count, int seed) in new[] { (1, 11), (70, 12), (600, 13) }) // one example; two blocks; two chunks
        {
            Dataset data = c.Data(count, seed);
            double[] theta = c.Parameters(seed);
            double[] v = c.RandomVector(seed + 7);
            int p = c.Model.ParameterCount;
            double[] gradient = new double[p], product = new double[p], hvpGradient = new double[p];
            double[] refGradient = new double[p], refProduct = new double[p];

            double loss = c.Model.Loss(theta, data);
            double gradLoss = c.Model.Gradient(theta, data, gradient);
            double hvpLoss = c.Model.HessianVectorProduct(theta, data, v, product, hvpGradient);
            double refLoss = c.Reference.Evaluate(theta, data, v, refGradient, refProduct);

            NumericAssert.Close(loss, refLoss, ReferenceTolerance, $"{name} n={count} loss");
            NumericAssert.Close(gradLoss, refLoss, ReferenceTolerance, $"{name} n={count} loss from Gradient");
            NumericAssert.Close(hvpLoss, refLoss, ReferenceTolerance, $"{name} n={count} loss from HVP");
            NumericAssert.Close(gradient, refGradient, ReferenceTolerance, $"{name} n={count} gradient");
            NumericAssert.Close(product, refProduct, ReferenceTolerance, $"{name} n={count} HVP");
            // The HVP pass computes the gradient with the same operations as Gradient: identical bits.
            NumericAssert.BitIdentical(hvpGradient, gradient, $"{name} n={count} gradient from HVP");
        }
    }

    [Theory]
    [MemberData(nameof(AllNetworks))]
    public void Gradient_MatchesCentralDifferences(string name)
    {
        NetworkCase c = NetworkCase.For(name);
        Dataset data = c.Data(16, 21);
        double[] theta = c.Parameters(21);
        var gradient = new double[theta.Length];
        c.Model.Gradient(theta, data, gradient);

        var fd = new double[theta.Length];
        var probe = (double[])theta.Clone();
        for (int i = 0; i < theta.Length; i++)
        {
            probe[i] = theta[i] + Step;
            double plus = c.Model.Loss(probe, data);
            probe[i] = theta[i] - Step;
            double minus = c.Model.Loss(probe, data);
            probe[i] = theta[i];
            fd[i] = (plus - minus) / (2 * Step);
        }
        NumericAssert.Close(gradient, fd, GradientFdTolerance, $"{name} gradient vs central differences");
    }

    [Theory]
    [MemberData(nameof(AllNetworks))]
    public void Hvp_MatchesCentralDifferencesOfGradient(string name)
    {
        NetworkCase c = NetworkCase.For(name);
        Dataset data = c.Data(16, 31);
        double[] theta = c.Parameters(31);
        for (int trial = 0; trial < 2; trial++)
        {
            double[] v = c.RandomVector(32 + trial);
            var product = new double[theta.Length];
            c.Model.HessianVectorProduct(theta, data, v, product);

            double[] plus = new double[theta.Length], minus = new double[theta.Length];
            c.Model.Gradient(Shift(theta, v, Step), data, plus);
            c.Model.Gradient(Shift(theta, v, -Step), data, minus);
            var fd = new double[theta.Length];
            for (int i = 0; i < fd.Length; i++) fd[i] = (plus[i] - minus[i]) / (2 * Step);
            NumericAssert.Close(product, fd, HvpFdTolerance, $"{name} HVP vs differences of the gradient (trial {trial})");
        }
    }

    [Theory]
    [MemberData(nameof(AllNetworks))]
    public void Hvp_IsSymmetricAndLinear(string name)
    {
        NetworkCase c = NetworkCase.For(name);
        Dataset data = c.Data(40, 41);
        double[] theta = c.Parameters(41);
        double[] u = c.RandomVector(42), v = c.RandomVector(43);
        double[] hu = new double[u.Length], hv = new double[u.Length];
        c.Model.HessianVectorProduct(theta, data, u, hu);
        c.Model.HessianVectorProduct(theta, data, v, hv);

        double uHv = Dot(u, hv), vHu = Dot(v, hu);
        double scale = Math.Sqrt(Dot(u, u) * Dot(hv, hv)) + 1e-300; // Cauchy–Schwarz bound on |uᵀHv|
        Assert.True(Math.Abs(uHv - vHu) <= SymmetryTolerance * scale, $"{name}: uᵀHv = {uHv:R}, vᵀHu = {vHu:R}");

        // Linearity: H(αu + βv) = αHu + βHv.
        const double alpha = 0.75, beta = -2.5;
        var combination = new double[u.Length];
        for (int i = 0; i < u.Length; i++) combination[i] = alpha * u[i] + beta * v[i];
        var hc = new double[u.Length];
        c.Model.HessianVectorProduct(theta, data, combination, hc);
        var expected = new double[u.Length];
        for (int i = 0; i < u.Length; i++) expected[i] = alpha * hu[i] + beta * hv[i];
        NumericAssert.Close(hc, expected, ReferenceTolerance, $"{name} HVP linearity");
    }

    [Theory]
    [MemberData(nameof(AllNetworks))]
    public void PredictAndExampleLosses_AgreeWithReferenceAndLoss(string name)
    {
        NetworkCase c = NetworkCase.For(name);
        Dataset data = c.Data(130, 51);
        double[] theta = c.Parameters(51);
        var outputs = new double[data.Count * c.OutputSize];
        TestNetworks.Predictor(name)(theta, data.Inputs, outputs);
        for (int e = 0; e < data.Count; e++)
        {
            double[] expected = c.Reference.Predict(theta, data.Input(e));
            NumericAssert.Close(outputs.AsSpan(e * c.OutputSize, c.OutputSize), expected, ReferenceTolerance, $"{name} Predict example {e}");
        }

        var losses = new double[data.Count];
        c.Model.ExampleLosses(theta, data, losses);
        double sum = 0;
        foreach (double l in losses) sum += l;
        // Loss folds the same per-example values in the same order, so the mean is bit-identical.
        Assert.Equal(BitConverter.DoubleToInt64Bits(c.Model.Loss(theta, data)), BitConverter.DoubleToInt64Bits(sum / data.Count));
        for (int e = 0; e < data.Count; e++)
        {
            double single = c.Reference.Evaluate(theta, data.Subset(e, 1), default, default, default);
            NumericAssert.Close(losses[e], single, ReferenceTolerance, $"{name} ExampleLosses[{e}]");
        }
    }

    private static double[] Shift(double[] theta, double[] v, double h)
    {
        var result = new double[theta.Length];
        for (int i = 0; i < theta.Length; i++) result[i] = theta[i] + h * v[i];
        return result;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
