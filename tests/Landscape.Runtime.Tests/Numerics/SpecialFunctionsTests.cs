using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Runtime.Intrinsics;
using Landscape.Numerics;
using Xunit.Abstractions;

namespace Landscape.Tests.Numerics;

public sealed class SpecialFunctionsTests
{
    // Tolerances in ulp of the exact value (HighPrecision, ~1200 bits). Each is the error bound of the algorithm's
    // rounding steps with a little margin, and above the maximum measured on 10^5 random points during development
    // (in parentheses): a larger error means a broken step, not noise.
    private const double ErfMaxUlp = 1.0;        // final a + a·y rounding 0.5 + polynomial/argument terms < 0.2 (0.66)
    private const double ErfcMaxUlp = 2.0;       // e^(−a²) ≈ 0.6 + G polynomial 0.5 + one final rounding 0.5 (1.34)
    private const double NormalCdfMaxUlp = 2.0;  // as erfc, plus the halving (exact) (1.59)
    private const double Expm1MaxUlp = 1.0;      // one final rounding of a double-double sum (0.71)
    private const double Log1pMaxUlp = 1.0;      // fdlibm-style assembly, final rounding 0.5 + terms ≤ |f|/5 (0.73)
    private const double ExpMaxUlp = 1.0;        // one rounding of 1 + p with p a double-double (0.72)

    private const int Seed = 20240611;

    private readonly ITestOutputHelper _output;

    public SpecialFunctionsTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Erf_MatchesHighPrecisionReference()
    {
        double worst = 0;
        foreach (double x in ErfPoints())
        {
            double error = HighPrecision.UlpError(SpecialFunctions.Erf(x), HighPrecision.Erf(HighPrecision.FromDouble(x)));
            worst = Math.Max(worst, error);
            Assert.True(error <= ErfMaxUlp, Describe("erf", x, error));
        }

        Report("erf", worst);
    }

    [Fact]
    public void Erfc_MatchesHighPrecisionReference()
    {
        double worst = 0;
        foreach (double x in ErfcPoints())
        {
            double error = HighPrecision.UlpError(SpecialFunctions.Erfc(x), HighPrecision.Erfc(HighPrecision.FromDouble(x)));
            worst = Math.Max(worst, error);
            Assert.True(error <= ErfcMaxUlp, Describe("erfc", x, error));
        }

        Report("erfc", worst);
    }

    [Fact]
    public void NormalCdf_MatchesHighPrecisionReference()
    {
        var random = new Random(Seed);
        double worst = 0;
        var points = new List<double> { 0.0, -1.0, 1.0, -1.1932, -1.7678, -3.5355, -10.0, -37.5, 8.0 };
        for (int i = 0; i < 120; i++)
        {
            points.Add(random.NextDouble() * 46 - 38);   // Φ underflows below −38.5
        }

        foreach (double z in points)
        {
            double error = HighPrecision.UlpError(SpecialFunctions.NormalCdf(z), HighPrecision.NormalCdf(HighPrecision.FromDouble(z)));
            worst = Math.Max(worst, error);
            Assert.True(error <= NormalCdfMaxUlp, Describe("Φ", z, error));
        }

        Report("Φ", worst);
    }

    [Fact]
    public void Expm1_MatchesHighPrecisionReference()
    {
        var random = new Random(Seed + 1);
        double worst = 0;
        var points = new List<double> { 1e-300, -1e-300, 1e-17, 0.3465, -0.3466, 0.38, 1.0, -1.0, -40, 700 };
        for (int i = 0; i < 150; i++)
        {
            double magnitude = Math.Pow(10, random.NextDouble() * 14 - 12);     // 10^−12 … 10^2
            points.Add(random.Next(2) == 0 ? magnitude : -magnitude);
        }

        foreach (double x in points)
        {
            double error = HighPrecision.UlpError(SpecialFunctions.Expm1(x), HighPrecision.Exp(HighPrecision.FromDouble(x)) - HighPrecision.One);
            worst = Math.Max(worst, error);
            Assert.True(error <= Expm1MaxUlp, Describe("expm1", x, error));
        }

        Report("expm1", worst);
    }

    [Fact]
    public void Log1p_MatchesHighPrecisionReference()
    {
        var random = new Random(Seed + 2);
        double worst = 0;
        var points = new List<double> { 1e-300, -1e-300, 1e-17, -0.2928, 0.4142, 0.4143, -0.9999999, 1.0, 1e300 };
        for (int i = 0; i < 150; i++)
        {
            points.Add(random.Next(3) switch
            {
                0 => random.NextDouble() * 4 - 0.999,
                1 => Math.Pow(10, random.NextDouble() * 15 - 16) * (random.Next(2) == 0 ? 1 : -1),
                _ => Math.Pow(10, random.NextDouble() * 300),
            });
        }

        foreach (double x in points)
        {
            double error = HighPrecision.UlpError(SpecialFunctions.Log1p(x), HighPrecision.Log(HighPrecision.One + HighPrecision.FromDouble(x)));
            worst = Math.Max(worst, error);
            Assert.True(error <= Log1pMaxUlp, Describe("log1p", x, error));
        }

        Report("log1p", worst);
    }

    [Fact]
    public void Exp_MatchesHighPrecisionReference_IncludingSubnormalResults()
    {
        var random = new Random(Seed + 3);
        double worst = 0;
        var points = new List<double> { 0.0, 1e-300, 709.78, -708.39, -745.1, -744.5, 0.34657359027997264 };
        for (int i = 0; i < 150; i++)
        {
            points.Add(random.NextDouble() * 1454 - 745);
        }

        foreach (double x in points)
        {
            double error = HighPrecision.UlpError(LaneMath<ScalarLanes, double, bool>.Exp(x), HighPrecision.Exp(HighPrecision.FromDouble(x)));
            worst = Math.Max(worst, error);
            Assert.True(error <= ExpMaxUlp, Describe("exp", x, error));
        }

        Report("exp", worst);
    }

    /// <summary>The reference itself against published values (35 significant digits, here from mpmath at 40 digits).</summary>
    [Theory]
    [InlineData("erf", 1.0, "0.84270079294971486934122063508260926")]
    [InlineData("erf", 0.5, "0.52049987781304653768274665389196453")]
    [InlineData("erfc", 3.0, "2.2090496998585441372776129582320380e-5")]
    [InlineData("erfc", 10.0, "2.0884875837625447570007862949577886e-45")]
    [InlineData("erfc", 26.0, "5.6631924088561428464757278969260926e-296")]
    [InlineData("ncdf", -5.0, "2.8665157187919391167375233287464535e-7")]
    [InlineData("exp", 1.0, "2.7182818284590452353602874713526625")]
    [InlineData("log1p", 1.0, "0.69314718055994530941723212145817657")]
    public void Reference_ReproducesPublishedValues(string function, double x, string published)
    {
        BigInteger argument = HighPrecision.FromDouble(x);
        BigInteger value = function switch
        {
            "erf" => HighPrecision.Erf(argument),
            "erfc" => HighPrecision.Erfc(argument),
            "ncdf" => HighPrecision.NormalCdf(argument),
            "exp" => HighPrecision.Exp(argument),
            _ => HighPrecision.Log(HighPrecision.One + argument),
        };
        BigInteger expected = ParseDecimal(published);
        // 35 significant digits: agreement to a relative 10^−33 leaves room for the last published digit's rounding.
        BigInteger difference = BigInteger.Abs(value - expected) * BigInteger.Pow(10, 33);
        Assert.True(difference <= BigInteger.Abs(expected), $"{function}({x}) reference disagrees with {published}");
    }

    [Fact]
    public void Reference_ConstantsMatchPublishedDigits()
    {
        Assert.True(BigInteger.Abs(HighPrecision.Pi - ParseDecimal("3.1415926535897932384626433832795029")) * BigInteger.Pow(10, 33) <= HighPrecision.One);
        Assert.True(BigInteger.Abs(HighPrecision.Ln2 - ParseDecimal("0.69314718055994530941723212145817657")) * BigInteger.Pow(10, 33) <= HighPrecision.One);
    }

    /// <summary>A decimal literal ("d.ddd" or "d.ddde-k") in fixed point.</summary>
    private static BigInteger ParseDecimal(string text)
    {
        int exponent = 0;
        int e = text.IndexOf('e', StringComparison.Ordinal);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        int point = text.IndexOf('.', StringComparison.Ordinal);
        string digits = text.Replace(".", string.Empty, StringComparison.Ordinal);
        exponent -= point < 0 ? 0 : text.Length - point - 1;
        BigInteger mantissa = BigInteger.Parse(digits, CultureInfo.InvariantCulture) << HighPrecision.Bits;
        return exponent >= 0 ? mantissa * BigInteger.Pow(10, exponent) : mantissa / BigInteger.Pow(10, -exponent);
    }

    [Fact]
    public void SpecialValues()
    {
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(SpecialFunctions.Erf(-0.0)));
        Assert.Equal(0.0, SpecialFunctions.Erf(0.0));
        Assert.Equal(1.0, SpecialFunctions.Erf(double.PositiveInfinity));
        Assert.Equal(-1.0, SpecialFunctions.Erf(double.NegativeInfinity));
        Assert.Equal(1.0, SpecialFunctions.Erf(7.0));
        Assert.True(double.IsNaN(SpecialFunctions.Erf(double.NaN)));

        Assert.Equal(1.0, SpecialFunctions.Erfc(0.0));
        Assert.Equal(2.0, SpecialFunctions.Erfc(double.NegativeInfinity));
        Assert.Equal(0.0, SpecialFunctions.Erfc(double.PositiveInfinity));
        Assert.Equal(0.0, SpecialFunctions.Erfc(27.5));
        Assert.True(SpecialFunctions.Erfc(27.0) > 0);                       // ≈ 5·10^−319, subnormal
        Assert.True(double.IsNaN(SpecialFunctions.Erfc(double.NaN)));

        Assert.Equal(0.5, SpecialFunctions.NormalCdf(0.0));
        Assert.Equal(0.0, SpecialFunctions.NormalCdf(double.NegativeInfinity));
        Assert.Equal(1.0, SpecialFunctions.NormalCdf(double.PositiveInfinity));
        Assert.True(double.IsNaN(SpecialFunctions.NormalCdf(double.NaN)));

        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(SpecialFunctions.Expm1(-0.0)));
        Assert.Equal(-1.0, SpecialFunctions.Expm1(double.NegativeInfinity));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.Expm1(710.0));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.Expm1(double.PositiveInfinity));
        Assert.True(double.IsFinite(SpecialFunctions.Expm1(709.7)));       // 2^k alone would overflow here
        Assert.True(double.IsNaN(SpecialFunctions.Expm1(double.NaN)));

        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(SpecialFunctions.Log1p(-0.0)));
        Assert.Equal(double.NegativeInfinity, SpecialFunctions.Log1p(-1.0));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.Log1p(double.PositiveInfinity));
        Assert.True(double.IsNaN(SpecialFunctions.Log1p(-1.5)));
        Assert.True(double.IsNaN(SpecialFunctions.Log1p(double.NegativeInfinity)));
        Assert.True(double.IsNaN(SpecialFunctions.Log1p(double.NaN)));
    }

    [Fact]
    public void Erf_IsOddAndErfcIsComplementary()
    {
        var random = new Random(Seed + 4);
        for (int i = 0; i < 2000; i++)
        {
            double x = random.NextDouble() * 12 - 6;
            Assert.Equal(-SpecialFunctions.Erf(x), SpecialFunctions.Erf(-x));
            // erfc(−x) = 2 − erfc x, each side rounded once or twice: within 2 ulp of the larger.
            double sum = SpecialFunctions.Erfc(x) + SpecialFunctions.Erfc(-x);
            Assert.True(Math.Abs(sum - 2.0) <= 4 * HighPrecision.UlpOf(2.0), FormattableString.Invariant($"erfc({x}) + erfc(−x) = {sum:R}"));
        }
    }

    [Fact]
    public void VectorOverloads_AreBitIdenticalToScalar()
    {
        double[] points = LanePoints();
        AssertLanes("erf", points, SpecialFunctions.Erf, SpecialFunctions.Erf, SpecialFunctions.Erf);
        AssertLanes("erfc", points, SpecialFunctions.Erfc, SpecialFunctions.Erfc, SpecialFunctions.Erfc);
        AssertLanes("Φ", points, SpecialFunctions.NormalCdf, SpecialFunctions.NormalCdf, SpecialFunctions.NormalCdf);
        AssertLanes("expm1", points, SpecialFunctions.Expm1, SpecialFunctions.Expm1, SpecialFunctions.Expm1);
        AssertLanes("log1p", points, SpecialFunctions.Log1p, SpecialFunctions.Log1p, SpecialFunctions.Log1p);
    }

    /// <summary>~10,000 arguments: special values, region boundaries ± 1 ulp, and seeded random values on several scales.</summary>
    internal static double[] LanePoints()
    {
        var points = new List<double>
        {
            0.0, -0.0, double.Epsilon, -double.Epsilon, 1e-300, -1e-300, 1e-17, -1e-17, 1e3, -1e3, 1e300, -1e300,
            double.MaxValue, double.MinValue, double.PositiveInfinity, double.NegativeInfinity, double.NaN,
            709.78, 709.79, -745.13, -745.14, 268435456.0, -268435457.0, 1e10,
        };
        foreach (double boundary in new[] { 0.25, 0.5, 0.625, 0.84375, 1.0, 1.25, 2.5, 27.3, 28.0, 40.0, Math.Log(2) / 2, Math.PI / 4, Math.Log(2) / 4, 3 * Math.Log(2) / 4, 345.0 })
        {
            foreach (double b in new[] { boundary, -boundary })
            {
                points.Add(b);
                points.Add(Math.BitIncrement(b));
                points.Add(Math.BitDecrement(b));
            }
        }

        var random = new Random(Seed + 5);
        while (points.Count < 10_000)
        {
            double scale = random.Next(4) switch { 0 => 1.0, 1 => 8.0, 2 => 40.0, _ => 800.0 };
            points.Add((random.NextDouble() * 2 - 1) * scale);
        }

        return points.ToArray();
    }

    /// <summary>Asserts that each Vector256 and Vector512 lane equals the scalar result bit for bit (every window position).</summary>
    internal static void AssertLanes(
        string name,
        double[] points,
        Func<double, double> scalar,
        Func<Vector256<double>, Vector256<double>> vector256,
        Func<Vector512<double>, Vector512<double>> vector512)
    {
        for (int start = 0; start + Vector512<double>.Count <= points.Length; start += Vector512<double>.Count)
        {
            Vector512<double> x512 = Vector512.Create(points.AsSpan(start, Vector512<double>.Count));
            Vector512<double> y512 = vector512(x512);
            Vector256<double> y256Low = vector256(x512.GetLower());
            Vector256<double> y256High = vector256(x512.GetUpper());
            for (int i = 0; i < Vector512<double>.Count; i++)
            {
                double x = points[start + i];
                long expected = BitConverter.DoubleToInt64Bits(scalar(x));
                double lane256 = i < Vector256<double>.Count ? y256Low.GetElement(i) : y256High.GetElement(i - Vector256<double>.Count);
                AssertSameBits(name, "Vector256", x, expected, lane256);
                AssertSameBits(name, "Vector512", x, expected, y512.GetElement(i));
            }
        }
    }

    private static void AssertSameBits(string name, string width, double x, long expected, double actual)
    {
        long bits = BitConverter.DoubleToInt64Bits(actual);
        // All NaNs are equivalent (payloads may differ between a propagated input and a generated NaN).
        if (bits != expected && !(double.IsNaN(actual) && double.IsNaN(BitConverter.Int64BitsToDouble(expected))))
        {
            Assert.Fail(FormattableString.Invariant(
                $"{name}({x:R}) at {width}: scalar {BitConverter.Int64BitsToDouble(expected):R}, lane {actual:R}"));
        }
    }

    private static IEnumerable<double> ErfPoints()
    {
        var random = new Random(Seed + 6);
        var points = new List<double> { 1e-300, -1e-300, 1e-17, 0.25, 0.84375, Math.BitDecrement(0.84375), 1.0, 1.25, 2.5, 3.0, 5.9, -2.0 };
        for (int i = 0; i < 60; i++)
        {
            points.Add(Math.Pow(10, random.NextDouble() * 10 - 9) * (random.Next(2) == 0 ? 1 : -1));
        }

        for (int i = 0; i < 80; i++)
        {
            points.Add(random.NextDouble() * 12 - 6);
        }

        return points;
    }

    private static IEnumerable<double> ErfcPoints()
    {
        var random = new Random(Seed + 7);
        var points = new List<double> { 0.0, 0.25, 0.84375, Math.BitDecrement(0.84375), 1.25, Math.BitDecrement(1.25), 2.5, Math.BitDecrement(2.5), 10.0, 26.5, 27.2, -3.0 };
        for (int i = 0; i < 60; i++)
        {
            points.Add(random.NextDouble() * 3);
        }

        for (int i = 0; i < 60; i++)
        {
            points.Add(random.NextDouble() * 33 - 6);    // erfc is subnormal above ≈ 26.5 and 0 above ≈ 27.3
        }

        return points;
    }

    private static string Describe(string name, double x, double error)
        => string.Create(CultureInfo.InvariantCulture, $"{name}({x:R}) is off by {error:F3} ulp");

    private void Report(string name, double worst)
        => _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: max error {worst:F3} ulp"));
}
