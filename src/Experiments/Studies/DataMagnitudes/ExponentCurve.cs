using System;
using System.Collections.Generic;

namespace Landscape.Experiments.Studies;

/// <summary>Reading a growth curve ΔL(t) on a log grid of t > 0: local exponents, level crossings, and the intervals above a level.</summary>
internal static class ExponentCurve
{
    /// <summary>p(t_k) = (ln ΔL_{k+1} − ln ΔL_{k−1}) / (ln t_{k+1} − ln t_{k−1}); NaN at the ends and where a neighbour is not positive.</summary>
    public static double[] LocalExponents(ReadOnlySpan<double> ts, ReadOnlySpan<double> deltas)
    {
        if (ts.Length != deltas.Length) throw new ArgumentException($"ts has {ts.Length} values and deltas {deltas.Length}; expected equal lengths.", nameof(deltas));
        var p = new double[ts.Length];
        Array.Fill(p, double.NaN);
        for (int k = 1; k < ts.Length - 1; k++)
        {
            if (!(deltas[k - 1] > 0) || !(deltas[k + 1] > 0) || !double.IsFinite(deltas[k - 1]) || !double.IsFinite(deltas[k + 1])) continue;
            p[k] = (Math.Log(deltas[k + 1]) - Math.Log(deltas[k - 1])) / (Math.Log(ts[k + 1]) - Math.Log(ts[k - 1]));
        }
        return p;
    }

    /// <summary>
    /// The first t at which p falls from ≥ <paramref name="level"/> to below it, interpolated linearly in ln t; NaN if
    /// it never does.
    /// </summary>
    public static double FirstCrossingBelow(ReadOnlySpan<double> ts, ReadOnlySpan<double> p, double level)
    {
        int previous = -1;
        for (int k = 0; k < ts.Length; k++)
        {
            if (double.IsNaN(p[k])) continue;
            if (previous >= 0 && p[previous] >= level && p[k] < level) return Interpolate(ts, p, previous, k, level);
            previous = k;
        }
        return double.NaN;
    }

    /// <summary>
    /// The maximal runs of grid points where p &gt; <paramref name="level"/> (NaN points end a run), as (first t, last t)
    /// with the ends interpolated in ln t where the neighbouring point is below the level. Runs of fewer than
    /// <paramref name="minimumPoints"/> points are ignored (a single-point blip is not a step).
    /// </summary>
    public static List<(double Start, double End)> RunsAbove(ReadOnlySpan<double> ts, ReadOnlySpan<double> p, double level, int minimumPoints)
    {
        var runs = new List<(double, double)>();
        int k = 0;
        while (k < ts.Length)
        {
            if (!(p[k] > level)) { k++; continue; }
            int first = k;
            while (k < ts.Length && p[k] > level) k++;
            int last = k - 1;
            if (last - first + 1 < minimumPoints) continue;
            double start = first > 0 && p[first - 1] <= level ? Interpolate(ts, p, first - 1, first, level) : ts[first];
            double end = k < ts.Length && p[k] <= level ? Interpolate(ts, p, last, k, level) : ts[last];
            runs.Add((start, end));
        }
        return runs;
    }

    /// <summary>
    /// The first t ≥ <paramref name="from"/> at which <paramref name="curve"/> reaches <paramref name="level"/>,
    /// interpolated in ln t; NaN if it never does.
    /// </summary>
    public static double FirstReaching(ReadOnlySpan<double> ts, ReadOnlySpan<double> curve, double level, double from)
    {
        for (int k = 0; k < ts.Length; k++)
        {
            if (ts[k] < from || !(curve[k] >= level)) continue;
            if (k == 0 || ts[k - 1] < from || !double.IsFinite(curve[k - 1])) return ts[k];
            double w = (level - curve[k - 1]) / (curve[k] - curve[k - 1]);
            return Math.Exp(Math.Log(ts[k - 1]) + w * (Math.Log(ts[k]) - Math.Log(ts[k - 1])));
        }
        return double.NaN;
    }

    /// <summary>The value of <paramref name="curve"/> at <paramref name="t"/>, interpolated linearly in ln t (clamped at the ends).</summary>
    public static double At(ReadOnlySpan<double> ts, ReadOnlySpan<double> curve, double t)
    {
        if (t <= ts[0]) return curve[0];
        for (int k = 1; k < ts.Length; k++)
        {
            if (t <= ts[k])
            {
                double w = (Math.Log(t) - Math.Log(ts[k - 1])) / (Math.Log(ts[k]) - Math.Log(ts[k - 1]));
                return curve[k - 1] + w * (curve[k] - curve[k - 1]);
            }
        }
        return curve[^1];
    }

    /// <summary>The median of the finite values (NaN if there are none).</summary>
    public static double Median(ReadOnlySpan<double> values)
    {
        var finite = new List<double>(values.Length);
        foreach (double v in values) if (double.IsFinite(v)) finite.Add(v);
        if (finite.Count == 0) return double.NaN;
        finite.Sort();
        int h = finite.Count / 2;
        return finite.Count % 2 == 1 ? finite[h] : 0.5 * (finite[h - 1] + finite[h]);
    }

    private static double Interpolate(ReadOnlySpan<double> ts, ReadOnlySpan<double> p, int a, int b, double level)
    {
        double w = (level - p[a]) / (p[b] - p[a]);
        return Math.Exp(Math.Log(ts[a]) + w * (Math.Log(ts[b]) - Math.Log(ts[a])));
    }
}
