using System;

namespace Landscape.Tests.Objectives;

/// <summary>Comparisons for objective tests: relative error against the larger ∞-norm, and bit equality.</summary>
internal static class ObjectiveAssert
{
    /// <summary>
    /// Denominator floor of the relative error. Gradients and Hessians at the random test points are O(0.1–10⁴); the floor
    /// only keeps a derivative that happens to vanish at a sampled point (e.g. the linear objective's zero Hessian) from
    /// turning rounding noise into a huge relative error.
    /// </summary>
    public const double Floor = 1e-6;

    /// <summary>max |a − b| / max(‖a‖∞, ‖b‖∞, <see cref="Floor"/>).</summary>
    public static double RelativeError(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected) =>
        Landscape.Tests.Networks.NumericAssert.RelativeError(actual, expected, Floor);

    /// <summary>Asserts the relative error is at most <paramref name="tolerance"/>.</summary>
    public static void Close(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, double tolerance, string what)
    {
        double error = RelativeError(actual, expected);
        Assert.True(error <= tolerance, $"{what}: relative error {error:E3} exceeds {tolerance:E1}.\n  actual   [{Join(actual)}]\n  expected [{Join(expected)}]");
    }

    /// <summary>Asserts |a − b| ≤ tolerance·max(|a|, |b|, <see cref="Floor"/>).</summary>
    public static void Close(double actual, double expected, double tolerance, string what) =>
        Close([actual], [expected], tolerance, what);

    /// <summary>Asserts the two values have identical IEEE bits.</summary>
    public static void BitIdentical(double actual, double expected, string what)
    {
        if (BitConverter.DoubleToInt64Bits(actual) != BitConverter.DoubleToInt64Bits(expected))
            Assert.Fail($"{what}: {actual:R} vs {expected:R} differ in bits.");
    }

    /// <summary>Asserts the two spans have identical IEEE bits element by element.</summary>
    public static void BitIdentical(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) BitIdentical(actual[i], expected[i], $"{what}[{i}]");
    }

    private static string Join(ReadOnlySpan<double> values)
    {
        var parts = new string[values.Length];
        for (int i = 0; i < values.Length; i++) parts[i] = values[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return string.Join(", ", parts);
    }
}
