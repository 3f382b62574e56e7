using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Runtime.Intrinsics;
using Landscape.Kernels;
using Landscape.Tests.Numerics;
using Xunit.Abstractions;

namespace Landscape.Tests.Kernels;

public sealed class ActivationTests
{
    // Finite differences: the 5-point stencil f′ ≈ (f(z−2h) − 8f(z−h) + 8f(z+h) − f(z+2h))/(12h) with h = 10^−3 has
    // truncation error h⁴/30·|f⁽⁵⁾| ≤ 3.3·10^−14·|f⁽⁵⁾| and rounding error ≈ 1.5·ε·|f|/h ≈ 1.7·10^−13·|f|. On [−8, 8]
    // the fifth and sixth derivatives of these activations are below ~30, so the difference from the exact derivative
    // stays below ~10^−11·(1 + |f|); the tolerance allows 10×.
    private const double Step = 1e-3;
    private const double FiniteDifferenceTolerance = 1e-10;
    private const double KinkMargin = 4 * Step;     // stencils that straddle the kink of ReLU/ELU at 0 are skipped
    private const int FiniteDifferencePoints = 200;

    // Accuracy against HighPrecision (~1200-bit) references, in ulp of the exact value: bounds from each formula's
    // rounding steps, above the maxima measured on 10^5 random points during development (in parentheses).
    private const double TanhUlp = 1.0;                // (0.71) N/D from exact double-doubles N = 1 − e, D = 1 + e, one rounding
    private const double TanhFirstUlp = 1.5;           // (0.60) 4e/D² from the same, one rounding (no 1 − tanh² cancellation)
    private const double TanhSecondUlp = 3.0;          // (1.82) −2·σ·σ′: two operands' errors plus one rounding
    private const double SigmoidUlp = 1.5;             // (1.10) e^−|z| (0.6) + one compensated quotient (0.5)
    private const double SigmoidFirstUlp = 3.0;        // (2.51) σ·(1 − σ) with 1 − σ formed without cancellation
    private const double SigmoidSecondUlp = 5.0;       // (3.91) σ′·(1 − 2σ), 1 − 2σ from e^−|z| − 1
    private const double SoftplusUlp = 2.0;            // (1.40) max(z, 0) + log1p(e^−|z|)
    private const double GeluUlp = 2.5;                // (1.89) z·Φ(z): Φ ≲ 1.6 + one product
    private const double GeluFirstUlp = 3.0;           // (2.02) in ulp of max(Φ, |zφ|): σ′ = Φ + zφ cancels near z ≈ −0.7518
    private const double GeluSecondUlp = 3.0;          // (2.31) φ ≲ 1.3 + (2 − z²) rounded once + one product
    private const double EluUlp = 1.0;                 // (0.69) expm1 and exp from one reduction, each rounded once
    private const double SinUlp = 1.0;                 // (0.69) double-double reduction, polynomials, one final rounding

    private const int Seed = 20240612;

    private readonly ITestOutputHelper _output;

    public ActivationTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private delegate double ScalarEvaluate(double z, out double first, out double second);

    private delegate Vector256<double> Evaluate256(Vector256<double> z, out Vector256<double> first, out Vector256<double> second);

    private delegate Vector512<double> Evaluate512(Vector512<double> z, out Vector512<double> first, out Vector512<double> second);

    /// <summary>Every member of one activation, as delegates (so one test body serves all nine).</summary>
    private sealed record Members(
        Func<double, double> Value,
        Func<double, double> Derivative,
        Func<double, double> SecondDerivative,
        ScalarEvaluate Evaluate,
        Func<Vector256<double>, Vector256<double>> Value256,
        Func<Vector256<double>, Vector256<double>> Derivative256,
        Func<Vector256<double>, Vector256<double>> SecondDerivative256,
        Evaluate256 Evaluate256,
        Func<Vector512<double>, Vector512<double>> Value512,
        Func<Vector512<double>, Vector512<double>> Derivative512,
        Func<Vector512<double>, Vector512<double>> SecondDerivative512,
        Evaluate512 Evaluate512);

    public static TheoryData<Activation> All => new(Enum.GetValues<Activation>());

    private static Members Of<T>()
        where T : IActivation
        => new(
            z => T.Value(z),
            z => T.Derivative(z),
            z => T.SecondDerivative(z),
            (double z, out double first, out double second) => T.Evaluate(z, out first, out second),
            z => T.Value(z),
            z => T.Derivative(z),
            z => T.SecondDerivative(z),
            (Vector256<double> z, out Vector256<double> first, out Vector256<double> second) => T.Evaluate(z, out first, out second),
            z => T.Value(z),
            z => T.Derivative(z),
            z => T.SecondDerivative(z),
            (Vector512<double> z, out Vector512<double> first, out Vector512<double> second) => T.Evaluate(z, out first, out second));

    private static Members For(Activation activation) => activation switch
    {
        Activation.Identity => Of<IdentityActivation>(),
        Activation.Tanh => Of<TanhActivation>(),
        Activation.Relu => Of<ReluActivation>(),
        Activation.Sigmoid => Of<SigmoidActivation>(),
        Activation.Softplus => Of<SoftplusActivation>(),
        Activation.Gelu => Of<GeluActivation>(),
        Activation.Elu => Of<EluActivation>(),
        Activation.Square => Of<SquareActivation>(),
        Activation.Sin => Of<SinActivation>(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };

    [Fact]
    public void EveryDslActivation_HasAnOperatorStructNamedAfterIt()
    {
        // The generator emits "Landscape.Kernels.{Name}Activation" for every Activation value.
        foreach (Activation activation in Enum.GetValues<Activation>())
        {
            Type? type = typeof(IActivation).Assembly.GetType("Landscape.Kernels." + activation + "Activation");
            Assert.NotNull(type);
            Assert.True(type!.IsValueType && typeof(IActivation).IsAssignableFrom(type), type.FullName);
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Derivatives_MatchFiniteDifferences(Activation activation)
    {
        Members m = For(activation);
        var random = new Random(Seed + (int)activation);
        int checkedPoints = 0;
        for (int i = 0; i < FiniteDifferencePoints; i++)
        {
            double z = random.NextDouble() * 16 - 8;
            if (activation is Activation.Relu or Activation.Elu && Math.Abs(z) < KinkMargin)
            {
                continue;
            }

            checkedPoints++;
            AssertClose(activation, "σ′", z, m.Derivative(z), FivePoint(m.Value, z), m.Value(z));
            AssertClose(activation, "σ″", z, m.SecondDerivative(z), FivePoint(m.Derivative, z), m.Derivative(z));
        }

        Assert.True(checkedPoints > FiniteDifferencePoints * 9 / 10);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void VectorForms_AreBitIdenticalToScalar(Activation activation)
    {
        Members m = For(activation);
        double[] points = SpecialFunctionsTests.LanePoints();
        SpecialFunctionsTests.AssertLanes($"{activation}.Value", points, m.Value, m.Value256, m.Value512);
        SpecialFunctionsTests.AssertLanes($"{activation}.Derivative", points, m.Derivative, m.Derivative256, m.Derivative512);
        SpecialFunctionsTests.AssertLanes($"{activation}.SecondDerivative", points, m.SecondDerivative, m.SecondDerivative256, m.SecondDerivative512);
        SpecialFunctionsTests.AssertLanes(
            $"{activation}.Evaluate σ",
            points,
            z => m.Evaluate(z, out _, out _),
            z => m.Evaluate256(z, out _, out _),
            z => m.Evaluate512(z, out _, out _));
        SpecialFunctionsTests.AssertLanes(
            $"{activation}.Evaluate σ′",
            points,
            z => { m.Evaluate(z, out double f, out _); return f; },
            z => { m.Evaluate256(z, out Vector256<double> f, out _); return f; },
            z => { m.Evaluate512(z, out Vector512<double> f, out _); return f; });
        SpecialFunctionsTests.AssertLanes(
            $"{activation}.Evaluate σ″",
            points,
            z => { m.Evaluate(z, out _, out double s); return s; },
            z => { m.Evaluate256(z, out _, out Vector256<double> s); return s; },
            z => { m.Evaluate512(z, out _, out Vector512<double> s); return s; });
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Evaluate_EqualsTheSeparateMembers(Activation activation)
    {
        Members m = For(activation);
        foreach (double z in SpecialFunctionsTests.LanePoints())
        {
            double value = m.Evaluate(z, out double first, out double second);
            AssertSameBits(activation, "σ", z, m.Value(z), value);
            AssertSameBits(activation, "σ′", z, m.Derivative(z), first);
            AssertSameBits(activation, "σ″", z, m.SecondDerivative(z), second);
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void NaN_PropagatesToEveryOutput_AndFiniteInputsNeverGiveNaN(Activation activation)
    {
        Members m = For(activation);
        Assert.True(double.IsNaN(m.Evaluate(double.NaN, out double first, out double second)));
        Assert.True(double.IsNaN(first));
        Assert.True(double.IsNaN(second));

        foreach (double z in SpecialFunctionsTests.LanePoints())
        {
            if (double.IsFinite(z))
            {
                double value = m.Evaluate(z, out first, out second);
                Assert.False(double.IsNaN(value) || double.IsNaN(first) || double.IsNaN(second), $"{activation} at {z:R}");
            }
        }
    }

    [Theory]
    [InlineData(Activation.Identity, double.PositiveInfinity, double.PositiveInfinity, 1.0, 0.0)]
    [InlineData(Activation.Identity, double.NegativeInfinity, double.NegativeInfinity, 1.0, 0.0)]
    [InlineData(Activation.Tanh, double.PositiveInfinity, 1.0, 0.0, 0.0)]
    [InlineData(Activation.Tanh, double.NegativeInfinity, -1.0, 0.0, 0.0)]
    [InlineData(Activation.Relu, double.PositiveInfinity, double.PositiveInfinity, 1.0, 0.0)]
    [InlineData(Activation.Relu, double.NegativeInfinity, 0.0, 0.0, 0.0)]
    [InlineData(Activation.Relu, 0.0, 0.0, 0.0, 0.0)]
    [InlineData(Activation.Sigmoid, double.PositiveInfinity, 1.0, 0.0, 0.0)]
    [InlineData(Activation.Sigmoid, double.NegativeInfinity, 0.0, 0.0, 0.0)]
    [InlineData(Activation.Sigmoid, 0.0, 0.5, 0.25, 0.0)]
    [InlineData(Activation.Softplus, double.PositiveInfinity, double.PositiveInfinity, 1.0, 0.0)]
    [InlineData(Activation.Softplus, double.NegativeInfinity, 0.0, 0.0, 0.0)]
    [InlineData(Activation.Softplus, 1000.0, 1000.0, 1.0, 0.0)]
    [InlineData(Activation.Gelu, double.PositiveInfinity, double.PositiveInfinity, 1.0, 0.0)]
    [InlineData(Activation.Gelu, double.NegativeInfinity, 0.0, 0.0, 0.0)]
    [InlineData(Activation.Gelu, 0.0, 0.0, 0.5, 0.7978845608028654)]
    [InlineData(Activation.Elu, double.PositiveInfinity, double.PositiveInfinity, 1.0, 0.0)]
    [InlineData(Activation.Elu, double.NegativeInfinity, -1.0, 0.0, 0.0)]
    [InlineData(Activation.Elu, 0.0, 0.0, 1.0, 1.0)]
    [InlineData(Activation.Square, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, 2.0)]
    [InlineData(Activation.Square, double.NegativeInfinity, double.PositiveInfinity, double.NegativeInfinity, 2.0)]
    [InlineData(Activation.Sin, double.PositiveInfinity, double.NaN, double.NaN, double.NaN)]
    [InlineData(Activation.Sin, 0.0, 0.0, 1.0, 0.0)]
    public void SpecialArguments_GiveTheLimits(Activation activation, double z, double value, double first, double second)
    {
        Members m = For(activation);
        double v = m.Evaluate(z, out double f, out double s);
        // Equal(double, double) treats −0 and +0 as equal and NaN as equal to NaN.
        Assert.Equal(value, v);
        Assert.Equal(first, f);
        Assert.Equal(second, s);
    }

    [Fact]
    public void Tanh_MatchesHighPrecisionReference()
    {
        var points = new List<double> { 1e-300, -1e-300, 1e-8, 0.625, Math.BitDecrement(0.625), 0.66862, 19.0, 20.0, -18.5 };
        AddRandom(points, 300, -20, 20);
        AddRandom(points, 200, -3, 3);
        AddLogUniform(points, 100, -10, 1.3);

        // The kernel's own boundaries: k = round(−2|z|/ln 2) changes at |z| = (j + ½)·ln 2/2, where the reduced argument
        // reaches ±ln 2/2 (the ends of the fitted polynomial) and, for j = 0, where N = 1 − e^(−2|z|) stops being −p;
        // tiny |z| (N ≈ 2|z| near ulp(1)); the branch to the saturated form at HugeLimit = 345; σ′ small but normal.
        for (int j = 0; j < 60; j++)
        {
            double boundary = (j + 0.5) * Math.Log(2) / 2;
            double sign = j % 2 == 0 ? 1 : -1;
            points.AddRange([sign * boundary, sign * Math.BitIncrement(boundary), sign * Math.BitDecrement(boundary)]);
        }

        points.AddRange([Math.ScaleB(1, -27), Math.ScaleB(1.5, -27), Math.ScaleB(1, -52), -Math.ScaleB(1.3, -53), Math.ScaleB(1.7, -54), 1e-20, double.Epsilon]);
        points.AddRange([345.0, Math.BitIncrement(345.0), Math.BitDecrement(345.0), -350.0, 354.0]);
        AddRandom(points, 60, 20, 354);
        AddLogUniform(points, 100, -17, -7);
        var worst = new double[3];
        foreach (double z in points)
        {
            BigInteger x = HighPrecision.FromDouble(Math.Abs(z));
            BigInteger e = HighPrecision.Exp(2 * x);
            BigInteger t = HighPrecision.Divide(e - HighPrecision.One, e + HighPrecision.One);
            BigInteger sech2 = HighPrecision.One - HighPrecision.Multiply(t, t);
            BigInteger second = -2 * HighPrecision.Multiply(t, sech2);
            if (z < 0)
            {
                t = -t;
                second = -second;
            }

            double value = Evaluate<TanhActivation>(z, out double f, out double s);
            Check(Activation.Tanh, "σ", z, value, t, TanhUlp, ref worst[0]);
            Check(Activation.Tanh, "σ′", z, f, sech2, TanhFirstUlp, ref worst[1]);
            Check(Activation.Tanh, "σ″", z, s, second, TanhSecondUlp, ref worst[2]);
        }

        Report(Activation.Tanh, worst);
    }

    [Fact]
    public void Sigmoid_MatchesHighPrecisionReference()
    {
        var points = new List<double> { 1e-300, -1e-300, 0.0, -740.0, 36.0, 37.0 };
        AddRandom(points, 200, -40, 40);
        AddRandom(points, 100, -740, 740);
        var worst = new double[3];
        foreach (double z in points)
        {
            Logistic(z, out BigInteger sigma, out BigInteger first, out BigInteger second);
            double value = Evaluate<SigmoidActivation>(z, out double f, out double s);
            Check(Activation.Sigmoid, "σ", z, value, sigma, SigmoidUlp, ref worst[0]);
            Check(Activation.Sigmoid, "σ′", z, f, first, SigmoidFirstUlp, ref worst[1]);
            Check(Activation.Sigmoid, "σ″", z, s, second, SigmoidSecondUlp, ref worst[2]);
        }

        Report(Activation.Sigmoid, worst);
    }

    [Fact]
    public void Softplus_MatchesHighPrecisionReference()
    {
        var points = new List<double> { 1e-300, -1e-300, 0.0, -740.0, 740.0, 1000.0, 36.0, 37.0 };
        AddRandom(points, 200, -40, 40);
        AddRandom(points, 100, -740, 740);
        var worst = new double[3];
        foreach (double z in points)
        {
            BigInteger x = HighPrecision.FromDouble(z);
            BigInteger softplus = HighPrecision.Log(HighPrecision.One + HighPrecision.Exp(x));
            Logistic(z, out BigInteger sigma, out BigInteger first, out _);
            double value = Evaluate<SoftplusActivation>(z, out double f, out double s);
            Check(Activation.Softplus, "σ", z, value, softplus, SoftplusUlp, ref worst[0]);
            Check(Activation.Softplus, "σ′", z, f, sigma, SigmoidUlp, ref worst[1]);
            Check(Activation.Softplus, "σ″", z, s, first, SigmoidFirstUlp, ref worst[2]);
        }

        Report(Activation.Softplus, worst);
    }

    [Fact]
    public void Gelu_MatchesHighPrecisionReference()
    {
        // Below z ≈ −37.5, Φ(z) and φ(z) are subnormal and hold only an absolute accuracy (½ of 2^−1074), which the
        // factors z and 2 − z² then scale; that range is checked separately below.
        var points = new List<double> { 1e-300, -1e-300, -0.7518, -1.19, -1.77, -3.54, -37.0, 8.0, Math.Sqrt(2) };
        AddRandom(points, 150, -6, 6);
        AddRandom(points, 60, -37, 10);
        var worst = new double[3];
        foreach (double z in points)
        {
            BigInteger x = HighPrecision.FromDouble(z);
            BigInteger cdf = HighPrecision.NormalCdf(x);
            BigInteger pdf = HighPrecision.NormalPdf(x);
            BigInteger zPdf = HighPrecision.Multiply(x, pdf);
            BigInteger second = HighPrecision.Multiply(pdf, 2 * HighPrecision.One - HighPrecision.Multiply(x, x));
            double value = Evaluate<GeluActivation>(z, out double f, out double s);
            Check(Activation.Gelu, "σ", z, value, HighPrecision.Multiply(x, cdf), GeluUlp, ref worst[0]);

            // σ′ = Φ + zφ has a root near z ≈ −0.7518: measure its error in ulp of the larger term, not of the sum.
            double scale = Math.Max(HighPrecision.ToDouble(cdf), Math.Abs(HighPrecision.ToDouble(zPdf)));
            double firstError = Math.Abs(HighPrecision.ToDouble(HighPrecision.FromDouble(f) - (cdf + zPdf))) / HighPrecision.UlpOf(scale);
            worst[1] = Math.Max(worst[1], firstError);
            Assert.True(firstError <= GeluFirstUlp, Describe(Activation.Gelu, "σ′", z, firstError));

            Check(Activation.Gelu, "σ″", z, s, second, GeluSecondUlp, ref worst[2]);
        }

        Report(Activation.Gelu, worst);

        // z ∈ [−40, −37]: error below (|z| + z²)·2^−1074 (the subnormal Φ and φ, scaled by z and 2 − z²) plus the
        // relative tolerances above, which govern where the results are still normal.
        for (double z = -40; z <= -37; z += 0.25)
        {
            BigInteger x = HighPrecision.FromDouble(z);
            BigInteger cdf = HighPrecision.NormalCdf(x);
            BigInteger pdf = HighPrecision.NormalPdf(x);
            double value = Evaluate<GeluActivation>(z, out double f, out double s);
            double subnormalBound = (Math.Abs(z) + z * z) * double.Epsilon;
            BigInteger gelu = HighPrecision.Multiply(x, cdf);
            BigInteger first = cdf + HighPrecision.Multiply(x, pdf);
            BigInteger second = HighPrecision.Multiply(pdf, 2 * HighPrecision.One - HighPrecision.Multiply(x, x));
            AssertWithin("σ", z, value, gelu, subnormalBound + GeluUlp * HighPrecision.UlpOf(HighPrecision.ToDouble(gelu)));
            AssertWithin("σ′", z, f, first, subnormalBound + GeluFirstUlp * HighPrecision.UlpOf(HighPrecision.ToDouble(first)));
            AssertWithin("σ″", z, s, second, subnormalBound + GeluSecondUlp * HighPrecision.UlpOf(HighPrecision.ToDouble(second)));
        }
    }

    [Fact]
    public void Elu_MatchesHighPrecisionReference()
    {
        var points = new List<double> { -1e-300, -1e-17, -0.3466, -0.3467, -40.0, -745.0 };
        AddRandom(points, 200, -40, 0);
        AddLogUniform(points, 100, -12, 0.5);
        var worst = new double[3];
        foreach (double z in points)
        {
            double x = -Math.Abs(z);
            BigInteger e = HighPrecision.Exp(HighPrecision.FromDouble(x));
            double value = Evaluate<EluActivation>(x, out double f, out double s);
            Check(Activation.Elu, "σ", x, value, e - HighPrecision.One, EluUlp, ref worst[0]);
            Check(Activation.Elu, "σ′", x, f, e, EluUlp, ref worst[1]);
            Check(Activation.Elu, "σ″", x, s, e, EluUlp, ref worst[2]);
        }

        Report(Activation.Elu, worst);
    }

    [Fact]
    public void Sin_MatchesHighPrecisionReference()
    {
        var points = new List<double> { 1e-300, -1e-300, Math.PI / 4, Math.PI / 2, Math.PI, 1e6, -268435455.0, 3e8, 1e22 };
        AddRandom(points, 200, -10, 10);
        AddRandom(points, 100, -1e6, 1e6);
        var worst = new double[3];
        foreach (double z in points)
        {
            BigInteger x = HighPrecision.FromDouble(z);
            BigInteger sin = HighPrecision.Sin(x);
            double value = Evaluate<SinActivation>(z, out double f, out double s);
            Check(Activation.Sin, "σ", z, value, sin, SinUlp, ref worst[0]);
            Check(Activation.Sin, "σ′", z, f, HighPrecision.Cos(x), SinUlp, ref worst[1]);
            Check(Activation.Sin, "σ″", z, s, -sin, SinUlp, ref worst[2]);
        }

        Report(Activation.Sin, worst);
    }

    [Fact]
    public void ExactActivations_AreExact()
    {
        foreach (double z in SpecialFunctionsTests.LanePoints())
        {
            if (double.IsNaN(z))
            {
                continue;
            }

            Assert.Equal(z, Evaluate<IdentityActivation>(z, out double f, out double s));
            Assert.Equal((1.0, 0.0), (f, s));
            Assert.Equal(z * z, Evaluate<SquareActivation>(z, out f, out s));
            Assert.Equal((2 * z, 2.0), (f, s));
            Assert.Equal(z > 0 ? z : 0.0, Evaluate<ReluActivation>(z, out f, out s));
            Assert.Equal((z > 0 ? 1.0 : 0.0, 0.0), (f, s));
        }
    }

    /// <summary>σ, σ′ and σ″ at z through the interface (the structs implement <see cref="IActivation"/> in a shared adapter, not as their own members).</summary>
    private static double Evaluate<T>(double z, out double first, out double second)
        where T : IActivation
        => T.Evaluate(z, out first, out second);

    private static void AssertWithin(string what, double z, double computed, BigInteger exact, double bound)
    {
        double error = Math.Abs(HighPrecision.ToDouble(HighPrecision.FromDouble(computed) - exact));
        Assert.True(error <= bound, string.Create(CultureInfo.InvariantCulture, $"Gelu {what}({z:R}): error {error:R} > {bound:R}"));
    }

    private static void Logistic(double z, out BigInteger sigma, out BigInteger first, out BigInteger second)
    {
        BigInteger one = HighPrecision.One;
        sigma = HighPrecision.Divide(one, one + HighPrecision.Exp(-HighPrecision.FromDouble(z)));
        first = HighPrecision.Multiply(sigma, one - sigma);
        second = HighPrecision.Multiply(first, one - 2 * sigma);
    }

    private static double FivePoint(Func<double, double> f, double z)
        => (f(z - 2 * Step) - 8 * f(z - Step) + 8 * f(z + Step) - f(z + 2 * Step)) / (12 * Step);

    private static void AssertClose(Activation activation, string what, double z, double exact, double difference, double functionValue)
    {
        double tolerance = FiniteDifferenceTolerance * (1 + Math.Abs(functionValue) + Math.Abs(exact));
        Assert.True(
            Math.Abs(exact - difference) <= tolerance,
            string.Create(CultureInfo.InvariantCulture, $"{activation} {what}({z:R}) = {exact:R}, finite difference {difference:R}"));
    }

    private static void AssertSameBits(Activation activation, string what, double z, double expected, double actual)
    {
        bool same = BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual)
            || (double.IsNaN(expected) && double.IsNaN(actual));
        Assert.True(same, string.Create(CultureInfo.InvariantCulture, $"{activation} {what}({z:R}): {expected:R} vs {actual:R}"));
    }

    private static void Check(Activation activation, string what, double z, double computed, BigInteger exact, double tolerance, ref double worst)
    {
        double error = HighPrecision.UlpError(computed, exact);
        worst = Math.Max(worst, error);
        Assert.True(error <= tolerance, Describe(activation, what, z, error));
    }

    private static string Describe(Activation activation, string what, double z, double error)
        => string.Create(CultureInfo.InvariantCulture, $"{activation} {what}({z:R}) is off by {error:F3} ulp");

    private static void AddRandom(List<double> points, int count, double lo, double hi)
    {
        var random = new Random(Seed + points.Count + count);
        for (int i = 0; i < count; i++)
        {
            points.Add(lo + (hi - lo) * random.NextDouble());
        }
    }

    private static void AddLogUniform(List<double> points, int count, double lowDecade, double highDecade)
    {
        var random = new Random(Seed + points.Count + 7 * count);
        for (int i = 0; i < count; i++)
        {
            double magnitude = Math.Pow(10, lowDecade + (highDecade - lowDecade) * random.NextDouble());
            points.Add(random.Next(2) == 0 ? magnitude : -magnitude);
        }
    }

    private void Report(Activation activation, double[] worst)
        => _output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{activation}: max error σ {worst[0]:F3}, σ′ {worst[1]:F3}, σ″ {worst[2]:F3} ulp"));
}
