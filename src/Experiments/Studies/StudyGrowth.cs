using System;
using System.Collections.Generic;
using System.Linq;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

/// <summary>Summaries of growth profiles ΔL(t) shared by the studies that profile the loss around a trained minimum.</summary>
internal static class StudyGrowth
{
    /// <summary>
    /// The grid of a direction starts where the linear term g·d·t of ΔL is at most 1% of the quadratic term ½dᵀHd·t²:
    /// |t| ≥ 200|g·d| / dᵀHd. There the linear term biases p(t) by at most ~0.01 (p = 2 − share/(1 + share)).
    /// </summary>
    public const double LinearGuard = 200;

    /// <summary>The median of the defined local exponents with lo ≤ |t| ≤ hi (both signs); NaN when there are none.</summary>
    public static double MedianExponent(GrowthProfile profile, double lo, double hi)
    {
        // A relative slack so grid points computed as 10^x land inside a window whose ends are the same decade boundaries.
        double low = lo * (1 - 1e-9), high = hi * (1 + 1e-9);
        var values = new List<double>();
        for (int k = 0; k < profile.T.Length; k++)
        {
            double a = Math.Abs(profile.T[k]);
            if (a >= low && a <= high && !double.IsNaN(profile.LocalExponent[k])) values.Add(profile.LocalExponent[k]);
        }
        return Median(values);
    }

    /// <summary>½ dᵀHd t² / ΔL at the two ends t = ±maxT; the smaller (the conservative one), or NaN if ΔL ≤ 0 at an end.</summary>
    public static double Overshoot(GrowthProfile profile)
    {
        int last = profile.T.Length - 1;
        double negative = profile.Delta[0] > 0 ? profile.Quadratic[0] / profile.Delta[0] : double.NaN;
        double positive = profile.Delta[last] > 0 ? profile.Quadratic[last] / profile.Delta[last] : double.NaN;
        return Math.Min(negative, positive); // Math.Min propagates NaN
    }

    /// <summary>log₁₀ of the ratio of the largest to the smallest |t| whose ΔL is positive and resolved on both signs.</summary>
    public static double ResolvedDecades(GrowthProfile profile)
    {
        int m = profile.T.Length / 2;
        double smallest = double.NaN, largest = double.NaN;
        for (int j = 0; j < m; j++)
        {
            int negative = m - 1 - j, positive = m + j;
            bool resolved = !profile.Underflow[negative] && !profile.Underflow[positive] && profile.Delta[negative] > 0 && profile.Delta[positive] > 0;
            if (!resolved) continue;
            double a = Math.Abs(profile.T[positive]);
            if (double.IsNaN(smallest)) smallest = a;
            largest = a;
        }
        return double.IsNaN(smallest) ? 0 : Math.Log10(largest / smallest);
    }

    /// <summary>The median (mean of the two middle values for an even count); NaN when empty or when any value is NaN.</summary>
    public static double Median(IEnumerable<double> source)
    {
        double[] sorted = source.Order().ToArray();
        if (sorted.Length == 0 || sorted.Any(double.IsNaN)) return double.NaN;
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }
}
