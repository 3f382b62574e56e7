using System;
using Landscape.Tests.Networks;
using Landscape.Tests.Reference;

namespace Landscape.Tests.Convolutional;

/// <summary>
/// The generated gradient and H·v of every network of <see cref="ConvNetworks"/> against the generated loss itself: the gradient
/// against central differences of the loss in every coordinate, H·v against central differences of the gradient along random
/// directions, and the Hessian's symmetry and linearity through uᵀHv = vᵀHu and H(αu + βv) = αHu + βHv.
/// </summary>
/// <remarks>
/// LeNetLike, InputShortcut and PoolingBlock have max pooling or ReLU, so their loss has kinks; Residual and PoolingBlock have
/// ELU, which is C¹ but whose second derivative jumps at 0. A central difference across a kink of the loss (or, for H·v, a
/// kink of the gradient) measures the jump, not the derivative, so every difference point is checked with
/// <see cref="KinkGuard"/> to lie on the same smooth piece as θ: the gradient test guards against ReLU and max-pooling kinks,
/// the H·v test against those and ELU's. (An ELU kink in a gradient test's step only adds O(h·ΔL″) ≈ 1e-9 to the difference,
/// far below the tolerance.) With a step of 1e-6 and seeded points a few thousand pre-activations and window gaps of order 0.1–1
/// are far from their kinks, as the guard verifies; Strided and DenseResidual are smooth and need no guard.
/// </remarks>
public sealed class ConvNetworkDerivativeTests
{
    /// <summary>
    /// Central differences with h = 1e-6: truncation ~h²·|L‴|/6 ≈ 1e-13 and rounding ~ε|L|/h ≈ 1e-10, relative to gradients whose
    /// largest element is 0.01–1, so 1e-6 is three orders of magnitude above the expected error (the tolerance of the dense tests).
    /// </summary>
    private const double GradientFdTolerance = 1e-6;

    /// <summary>Finite differences of the generated gradient along v; the same analysis one derivative up (the dense tests' 1e-5).</summary>
    private const double HvpFdTolerance = 1e-5;

    /// <summary>uᵀ(Hv) = vᵀ(Hu) holds exactly in exact arithmetic; float64 rounding of the P-term sums is ~1e-15 relative.</summary>
    private const double SymmetryTolerance = 1e-10;

    /// <summary>H(αu + βv) vs αHu + βHv: the HVP is linear in v and computed with the same operations, so only rounding differs.</summary>
    private const double LinearityTolerance = 1e-12;

    /// <summary>
    /// The difference step: 1e-6 rather than the dense tests' 1e-5 keeps each step ten times farther from the kinks of the
    /// piecewise networks, while truncation and rounding (see the tolerances) stay far below the tolerances.
    /// </summary>
    private const double Step = 1e-6;

    /// <summary>Examples per test: enough for every pooling window and residual path to see several inputs, few enough to be quick.</summary>
    private const int Count = 8;

    public static TheoryData<string> Names => new(ConvNetworks.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void Gradient_MatchesCentralDifferencesOfTheLoss(string name)
    {
        (IModel model, ReferenceGraphNetwork reference, Dataset data, double[] theta) = Problem(name, 21);
        int p = theta.Length;
        var gradient = new double[p];
        model.Gradient(theta, data, gradient);

        var guard = new KinkGuard(reference, theta, data, ReferenceGraphNetwork.Kinks.Gradient);
        var fd = new double[p];
        var probe = (double[])theta.Clone();
        for (int i = 0; i < p; i++)
        {
            probe[i] = theta[i] + Step;
            guard.AssertSamePiece(probe, i, $"{name}: θ + h·e{i}");
            double plus = model.Loss(probe, data);
            probe[i] = theta[i] - Step;
            guard.AssertSamePiece(probe, i, $"{name}: θ − h·e{i}");
            double minus = model.Loss(probe, data);
            probe[i] = theta[i];
            fd[i] = (plus - minus) / (2 * Step);
        }
        NumericAssert.Close(gradient, fd, GradientFdTolerance, $"{name} gradient vs central differences");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Hvp_MatchesCentralDifferencesOfTheGradient(string name)
    {
        (IModel model, ReferenceGraphNetwork reference, Dataset data, double[] theta) = Problem(name, 31);
        int p = theta.Length;
        var guard = new KinkGuard(reference, theta, data, ReferenceGraphNetwork.Kinks.Hessian);
        for (int trial = 0; trial < 2; trial++)
        {
            double[] v = ConvNetworkReferenceTests.Random(p, 32 + trial);
            var product = new double[p];
            model.HessianVectorProduct(theta, data, v, product);

            double[] up = Shift(theta, v, Step), down = Shift(theta, v, -Step);
            guard.AssertSamePiece(up, $"{name}: θ + h·v (trial {trial})");
            guard.AssertSamePiece(down, $"{name}: θ − h·v (trial {trial})");
            double[] plus = new double[p], minus = new double[p];
            model.Gradient(up, data, plus);
            model.Gradient(down, data, minus);
            var fd = new double[p];
            for (int i = 0; i < p; i++) fd[i] = (plus[i] - minus[i]) / (2 * Step);
            NumericAssert.Close(product, fd, HvpFdTolerance, $"{name} H·v vs differences of the gradient (trial {trial})");
        }
    }

    /// <summary>No finite differences here, so no guard: at θ the Hessian of the current piece is what both products use.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Hvp_IsSymmetricAndLinear(string name)
    {
        (IModel model, _, Dataset data, double[] theta) = Problem(name, 41);
        int p = theta.Length;
        double[] u = ConvNetworkReferenceTests.Random(p, 42), v = ConvNetworkReferenceTests.Random(p, 43);
        double[] hu = new double[p], hv = new double[p];
        model.HessianVectorProduct(theta, data, u, hu);
        model.HessianVectorProduct(theta, data, v, hv);

        double uHv = Dot(u, hv), vHu = Dot(v, hu);
        double scale = Math.Sqrt(Dot(u, u) * Dot(hv, hv)) + 1e-300; // Cauchy–Schwarz bound on |uᵀHv|
        Assert.True(Math.Abs(uHv - vHu) <= SymmetryTolerance * scale, $"{name}: uᵀHv = {uHv:R}, vᵀHu = {vHu:R}");

        const double alpha = 0.75, beta = -2.5;
        var combination = new double[p];
        for (int i = 0; i < p; i++) combination[i] = alpha * u[i] + beta * v[i];
        var hc = new double[p];
        model.HessianVectorProduct(theta, data, combination, hc);
        var expected = new double[p];
        for (int i = 0; i < p; i++) expected[i] = alpha * hu[i] + beta * hv[i];
        NumericAssert.Close(hc, expected, LinearityTolerance, $"{name} H·v linearity");
    }

    /// <summary>The guard is not vacuous: a point where ReLU signs flip is refused, θ itself and a tiny step are not.</summary>
    [Fact]
    public void KinkGuard_RefusesAPointOnAnotherPiece()
    {
        (_, ReferenceGraphNetwork reference, Dataset data, double[] theta) = Problem(nameof(InputShortcut), 21);
        var guard = new KinkGuard(reference, theta, data, ReferenceGraphNetwork.Kinks.Gradient);
        guard.AssertSamePiece(theta, "θ");
        guard.AssertSamePiece(Shift(theta, ConvNetworkReferenceTests.Random(theta.Length, 1), Step), "θ + h·u");
        double[] flipped = (double[])theta.Clone();
        for (int i = 0; i < reference.Blocks[0].Length; i++) flipped[i] = -flipped[i]; // conv0.weight: the ReLU inputs change sign
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => guard.AssertSamePiece(flipped, "conv0.weight negated"));
    }

    private static (IModel Model, ReferenceGraphNetwork Reference, Dataset Data, double[] Theta) Problem(string name, int seed)
    {
        IModel model = ConvNetworks.Create(name);
        ReferenceGraphNetwork reference = ConvNetworks.Reference(name);
        Dataset data = ConvNetworkReferenceTests.Data(reference, Count, seed);
        double[] theta = ConvNetworkReferenceTests.Random(model.ParameterCount, seed, 0.7);
        return (model, reference, data, theta);
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
