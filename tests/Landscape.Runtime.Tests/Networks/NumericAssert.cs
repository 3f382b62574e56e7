using System;

namespace Landscape.Tests.Networks;

/// <summary>Vector comparisons with relative error measured against the larger ∞-norm.</summary>
internal static class NumericAssert
{
    /// <summary>max |a − b| / max(‖b‖∞, floor).</summary>
    public static double RelativeError(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, double floor = 1e-300)
    {
        Assert.Equal(expected.Length, actual.Length);
        double diff = 0, scale = floor;
        for (int i = 0; i < expected.Length; i++)
        {
            diff = Math.Max(diff, Math.Abs(actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Max(Math.Abs(expected[i]), Math.Abs(actual[i])));
        }
        return diff / scale;
    }

    public static void Close(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, double tolerance, string what)
    {
        double error = RelativeError(actual, expected);
        Assert.True(error <= tolerance, $"{what}: relative error {error:E3} exceeds {tolerance:E1}.");
    }

    public static void Close(double actual, double expected, double tolerance, string what)
    {
        double error = Math.Abs(actual - expected) / Math.Max(Math.Max(Math.Abs(expected), Math.Abs(actual)), 1e-300);
        Assert.True(error <= tolerance, $"{what}: {actual:R} vs {expected:R}, relative error {error:E3} exceeds {tolerance:E1}.");
    }

    public static void BitIdentical(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(actual[i]) != BitConverter.DoubleToInt64Bits(expected[i]))
                Assert.Fail($"{what}: element {i} differs: {actual[i]:R} vs {expected[i]:R}.");
        }
    }
}
