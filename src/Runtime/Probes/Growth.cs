using System;
using System.Globalization;
using System.Numerics.Tensors;
using Landscape.Models;
using Landscape.Numerics;

namespace Landscape.Probes;

/// <summary>Growth of the loss away from a point: log–log profiles, local exponents and power-law fits.</summary>
public static class Growth
{
    /// <summary>
    /// A point is flagged as rounding-dominated when |ΔL| ≤ this many ulps of L(θ). Subtracting two losses of size L can
    /// resolve no difference finer than ~1 ulp of L, and the forward passes add a few ulps of their own; 8 ulps keeps
    /// a margin over that noise while still flagging only differences ~1e-15 relative to L.
    /// </summary>
    public const double UnderflowUlps = 8;

    /// <summary>The band around 2 inside which the local exponent counts as quadratic: |p − 2| ≤ 0.1.</summary>
    public const double QuadraticBand = 0.1;

    /// <summary>Bootstrap resamples in <see cref="FitExponent(ReadOnlySpan{double}, ReadOnlySpan{double}, double, double, int)"/>.</summary>
    public const int BootstrapResamples = 2000;

    /// <summary>The default bootstrap seed (a fixed value, so fits are deterministic).</summary>
    public const int DefaultBootstrapSeed = 20180101;

    /// <summary>
    /// The growth profile of L along <paramref name="direction"/> from <paramref name="parameters"/>: ΔL(t) at
    /// |t| = minT · 10^(k / pointsPerDecade) (the grid is stretched slightly so that it ends exactly at maxT) on both signs.
    /// </summary>
    /// <remarks>
    /// ΔL is computed stably: with examples, as (1/n) Σᵢ (ℓᵢ(θ + t·d) − ℓᵢ(θ)) from <see cref="IModel.ExampleLosses"/>, so a
    /// difference far below L is not lost when two large means are subtracted; for a dataset with no examples (an
    /// objective on <see cref="Dataset.Empty"/>) as L(θ + t·d) − L(θ). dᵀHd and L(θ) come from one Hessian-vector
    /// product at θ. Cost: one HVP plus 2·(points per side) loss evaluations (plus one at θ).
    /// </remarks>
    /// <exception cref="ArgumentException">A length differs from the model's, a value of the parameters or direction is NaN or infinite, or the range is not 0 &lt; minT ≤ maxT (finite), or pointsPerDecade &lt; 1.</exception>
    public static GrowthProfile Profile(IModel model, ReadOnlySpan<double> parameters, Dataset data, ReadOnlySpan<double> direction,
                                        double minT, double maxT, int pointsPerDecade)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        int n = model.ParameterCount;
        Slice.CheckLength(parameters, n, nameof(parameters));
        Slice.CheckLength(direction, n, nameof(direction));
        Check.Finite(parameters, nameof(parameters));
        Check.Finite(direction, nameof(direction));
        if (!(minT > 0) || !(maxT >= minT) || !double.IsFinite(maxT))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Expected 0 < minT ≤ maxT < ∞; got minT = {minT}, maxT = {maxT}."), nameof(minT));
        ArgumentOutOfRangeException.ThrowIfLessThan(pointsPerDecade, 1);

        double[] magnitudes = LogGrid(minT, maxT, pointsPerDecade);
        int m = magnitudes.Length;

        var product = new double[n];
        double baseLoss = model.HessianVectorProduct(parameters, data, direction, product);
        double curvature = TensorPrimitives.Dot(direction, product);

        // A data-parallel model's per-example losses are its rank's own: every rank gathers all of them, in example order,
        // so ΔL below is summed over the whole dataset exactly as in one process.
        Distributed.Communicator? ranks = Distributed.DataParallelModel.IsCollectiveModel(model) ? ((Distributed.DataParallelModel)model).Communicator : null;
        double[] own = new double[data.Count];
        double[] ExampleLosses(ReadOnlySpan<double> at)
        {
            if (own.Length > 0) model.ExampleLosses(at, data, own);
            return ranks is null ? own : ranks.GatherToAll(own);
        }
        double[] baseLosses = (double[])ExampleLosses(parameters).Clone();
        int examples = baseLosses.Length;

        // ulp(L(θ)): the spacing of doubles at |L(θ)|.
        double ulp = Math.BitIncrement(Math.Abs(baseLoss)) - Math.Abs(baseLoss);
        double threshold = UnderflowUlps * ulp;

        var t = new double[2 * m];
        var delta = new double[2 * m];
        var quadratic = new double[2 * m];
        var flagged = new bool[2 * m];
        var point = new double[n];
        for (int k = 0; k < 2 * m; k++)
        {
            // Negative side first, from −maxT to −minT; then minT to maxT.
            t[k] = k < m ? -magnitudes[m - 1 - k] : magnitudes[k - m];
            TensorPrimitives.MultiplyAdd(direction, t[k], parameters, point);
            if (examples > 0)
            {
                double[] losses = ExampleLosses(point);
                // ΔL = (1/n) Σ (ℓᵢ(θ + t·d) − ℓᵢ(θ))
                TensorPrimitives.Subtract(losses, baseLosses, losses);
                delta[k] = TensorPrimitives.Sum(losses) / examples;
            }
            else
            {
                delta[k] = model.Loss(point, data) - baseLoss;
            }
            quadratic[k] = 0.5 * curvature * t[k] * t[k];
            flagged[k] = !(Math.Abs(delta[k]) > threshold);
        }

        var exponent = new double[2 * m];
        Array.Fill(exponent, double.NaN);
        double radiusNegative = SideExponents(t, delta, flagged, exponent, m, negative: true);
        double radiusPositive = SideExponents(t, delta, flagged, exponent, m, negative: false);
        return new GrowthProfile(t, delta, quadratic, exponent, flagged, baseLoss, curvature, radiusPositive, radiusNegative);
    }

    /// <summary>
    /// Fits ΔL ≈ C·|t|^p over the profile's points with lo ≤ |t| ≤ hi (both signs pooled), excluding points flagged as
    /// rounding-dominated and points with ΔL ≤ 0. See <see cref="FitExponent(ReadOnlySpan{double}, ReadOnlySpan{double}, double, double, int)"/>.
    /// </summary>
    public static ExponentFit FitExponent(GrowthProfile profile, double lo, double hi, int seed = DefaultBootstrapSeed)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var deltas = new double[profile.Delta.Length];
        for (int k = 0; k < deltas.Length; k++)
            deltas[k] = profile.Underflow[k] ? double.NaN : profile.Delta[k];
        return FitExponent(profile.T, deltas, lo, hi, seed);
    }

    /// <summary>
    /// Least squares of ln ΔL on ln|t| over the points with lo ≤ |t| ≤ hi and ΔL positive and finite, with a seeded
    /// percentile bootstrap: <see cref="BootstrapResamples"/> resamples of the points with replacement (indices from
    /// <see cref="CounterRandom"/>, so the result is deterministic), the 2.5th and 97.5th percentiles of the refitted
    /// slopes (resamples whose |t| are all equal are skipped). Fewer than two distinct |t| give a NaN exponent; fewer
    /// than three points give NaN bounds.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ, or the window is not 0 ≤ lo ≤ hi.</exception>
    public static ExponentFit FitExponent(ReadOnlySpan<double> ts, ReadOnlySpan<double> deltas, double lo, double hi, int seed = DefaultBootstrapSeed)
    {
        if (ts.Length != deltas.Length)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"ts has {ts.Length} values and deltas {deltas.Length}; expected equal lengths."), nameof(deltas));
        if (!(lo >= 0) || !(hi >= lo))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Expected 0 ≤ lo ≤ hi; got lo = {lo}, hi = {hi}."), nameof(lo));

        int count = 0;
        var x = new double[ts.Length];
        var y = new double[ts.Length];
        for (int k = 0; k < ts.Length; k++)
        {
            double a = Math.Abs(ts[k]);
            if (a >= lo && a <= hi && a > 0 && deltas[k] > 0 && double.IsFinite(deltas[k]) && double.IsFinite(a))
            {
                x[count] = Math.Log(a);
                y[count] = Math.Log(deltas[k]);
                count++;
            }
        }
        (double slope, double intercept) = LeastSquares(x.AsSpan(0, count), y.AsSpan(0, count));
        if (count < 3 || double.IsNaN(slope))
            return new ExponentFit(slope, double.NaN, double.NaN, count, intercept);

        var slopes = new double[BootstrapResamples];
        var bx = new double[count];
        var by = new double[count];
        int valid = 0;
        ulong seedBits = unchecked((ulong)(uint)seed);
        for (int b = 0; b < BootstrapResamples; b++)
        {
            for (int i = 0; i < count; i++)
            {
                int j = Math.Min((int)(CounterRandom.Uniform(seedBits, (ulong)b, (ulong)i) * count), count - 1);
                bx[i] = x[j];
                by[i] = y[j];
            }
            double s = LeastSquares(bx, by).Slope;
            if (!double.IsNaN(s)) slopes[valid++] = s;
        }
        Span<double> sorted = slopes.AsSpan(0, valid);
        sorted.Sort();
        return new ExponentFit(slope, Percentile(sorted, 0.025), Percentile(sorted, 0.975), count, intercept);
    }

    /// <summary>|t| grid: minT · (maxT/minT)^(k/(m−1)), k = 0 … m−1, with m − 1 = ⌈decades · pointsPerDecade⌉ and exact ends.</summary>
    private static double[] LogGrid(double minT, double maxT, int pointsPerDecade)
    {
        double decades = Math.Log10(maxT / minT);
        int intervals = (int)Math.Ceiling(decades * pointsPerDecade - 1e-9);
        if (intervals <= 0) return [minT];
        var grid = new double[intervals + 1];
        double logMin = Math.Log10(minT);
        for (int k = 0; k <= intervals; k++)
            grid[k] = Math.Pow(10, logMin + decades * k / intervals);
        grid[0] = minT;
        grid[intervals] = maxT;
        return grid;
    }

    /// <summary>
    /// Local exponents on one side (indices ordered by ascending |t|) and that side's quadratic radius: the first |t| where
    /// p is defined and leaves 2 ± <see cref="QuadraticBand"/>.
    /// </summary>
    private static double SideExponents(double[] t, double[] delta, bool[] flagged, double[] exponent, int m, bool negative)
    {
        // Index of the j-th smallest |t| on this side.
        int At(int j) => negative ? m - 1 - j : m + j;
        bool Usable(int k) => !flagged[k] && delta[k] > 0 && double.IsFinite(delta[k]);

        double radius = double.PositiveInfinity; // the quadratic regime covers the whole grid until shown otherwise
        for (int j = 1; j < m - 1; j++)
        {
            int before = At(j - 1), here = At(j), after = At(j + 1);
            if (!Usable(before) || !Usable(here) || !Usable(after)) continue;
            // p ≈ (ln ΔL₊ − ln ΔL₋) / (ln|t₊| − ln|t₋|)
            double p = (Math.Log(delta[after]) - Math.Log(delta[before])) / (Math.Log(Math.Abs(t[after])) - Math.Log(Math.Abs(t[before])));
            exponent[here] = p;
            if (double.IsPositiveInfinity(radius) && Math.Abs(p - 2) > QuadraticBand) radius = Math.Abs(t[here]);
        }
        return radius;
    }

    /// <summary>Ordinary least squares y ≈ a + b·x with centered sums; (NaN, NaN) when x has no spread.</summary>
    private static (double Slope, double Intercept) LeastSquares(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length;
        if (n < 2 || !x.ContainsAnyExcept(x[0])) return (double.NaN, double.NaN);
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
        mx /= n;
        my /= n;
        double sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - mx;
            sxx += dx * dx;
            sxy += dx * (y[i] - my);
        }
        double b = sxy / sxx;
        return (b, my - b * mx);
    }

    /// <summary>The q-quantile of sorted values with linear interpolation between order statistics; NaN when empty.</summary>
    private static double Percentile(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.IsEmpty) return double.NaN;
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        double w = position - below;
        return sorted[below] + w * (sorted[above] - sorted[below]);
    }
}
