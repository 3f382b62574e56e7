using System;
using System.Globalization;
using System.IO;
using Landscape.Probes;
using Landscape.Tests.Networks;

namespace Landscape.Tests.Probes;

/// <summary>Growth profiles, local exponents, quadratic radii, underflow flags and exponent fits.</summary>
[Collection(ThreadSettingCollection.Name)]
public sealed class GrowthTests
{
    private const int PointsPerDecade = 20;

    /// <summary>The analytic local exponent of f(x) = (1 + x²)^{p/2} − 1: x f′/f = p x² (1 + x²)^{p/2 − 1} / ((1 + x²)^{p/2} − 1).</summary>
    private static double AnalyticExponent(double p, double x) =>
        p * x * x * Math.Pow(1 + x * x, p / 2 - 1) / (Math.Pow(1 + x * x, p / 2) - 1);

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.5)]
    public void PowerGrowth_FitsTheFarExponent_AndHasAQuadraticCore(double p)
    {
        var model = new GrowthPower(p);
        GrowthProfile profile = Growth.Profile(model, [0.0], Dataset.Empty, [1.0], 1e-2, 1e4, PointsPerDecade);
        Assert.Equal(2 * (6 * PointsPerDecade + 1), profile.T.Length);
        Assert.Equal(-1e4, profile.T[0]);
        Assert.Equal(1e-2, profile.T[6 * PointsPerDecade + 1]);
        Assert.Equal(1e4, profile.T[^1]);
        Assert.DoesNotContain(true, profile.Underflow);

        ExponentFit fit = Growth.FitExponent(profile, 10, 1000);
        Assert.True(Math.Abs(fit.Exponent - p) <= 0.02, $"p = {p}: fitted {fit.Exponent:R}");
        Assert.Equal(2 * (2 * PointsPerDecade + 1), fit.Points);
        // The oracle: the least-squares slope of the analytic ln f on the same grid (f is deterministic, so the fit's
        // only error is the curvature of ln f in ln t: ln f = p ln t − t^{−p} + …, so the window's slope is p + O(lo^{−p})).
        var x = new System.Collections.Generic.List<double>();
        var y = new System.Collections.Generic.List<double>();
        foreach (double t in profile.T)
        {
            double a = Math.Abs(t);
            if (a < 10 || a > 1000) continue;
            x.Add(Math.Log(a));
            y.Add(Math.Log(Math.Pow(1 + a * a, p / 2) - 1));
        }
        Assert.Equal(LeastSquaresSlope(x, y), fit.Exponent, 1e-10);
        // The bootstrap interval measures the scatter about the fitted line; for a smooth deterministic curve that scatter
        // is the systematic deviation itself, so the interval brackets the fit and stays within p ± 0.02 (it need not
        // contain p: the bias is not sampling noise — see the noisy power law in FitExponent_OnAnExactPowerLaw…).
        Assert.True(fit.Lower <= fit.Exponent && fit.Exponent <= fit.Upper, $"[{fit.Lower:R}, {fit.Upper:R}] vs {fit.Exponent:R}");
        Assert.True(fit.Lower >= p - 0.02 && fit.Upper <= p + 0.02, $"p = {p}: interval [{fit.Lower:R}, {fit.Upper:R}]");

        // Near 0 the growth is quadratic: f ≈ (p/2) x², and the quadratic model ½ f″(0) t² = (p/2) t² matches it.
        Assert.Equal(p, profile.Curvature, 1e-12);
        for (int k = 0; k < profile.T.Length; k++)
        {
            double t = Math.Abs(profile.T[k]);
            if (t <= 0.03 && !double.IsNaN(profile.LocalExponent[k]))
                Assert.True(Math.Abs(profile.LocalExponent[k] - 2) < 1e-3, $"p(t = {t}) = {profile.LocalExponent[k]:R}");
            if (t > 0.01 && t <= 0.5) // the grid ends (t = 0.01) have no centered difference
                Assert.Equal(AnalyticExponent(p, t), profile.LocalExponent[k], 0.02);
        }

        // The radius is the first grid point past the analytic crossing of 2 − 0.1 (within one grid step).
        double lo = 1e-2, hi = 1e2;
        for (int i = 0; i < 200; i++)
        {
            double mid = Math.Sqrt(lo * hi);
            if (AnalyticExponent(p, mid) > 2 - Growth.QuadraticBand) lo = mid; else hi = mid;
        }
        double crossing = Math.Sqrt(lo * hi);
        double step = Math.Log(10) / PointsPerDecade;
        Assert.True(Math.Abs(Math.Log(profile.QuadraticRadius / crossing)) <= step,
            $"p = {p}: QuadraticRadius {profile.QuadraticRadius:R}, analytic crossing {crossing:R}");
        // f is even, so both sides agree bit for bit.
        Assert.Equal(profile.QuadraticRadiusPositive, profile.QuadraticRadiusNegative);
        Assert.Equal(profile.QuadraticRadiusPositive, profile.QuadraticRadius);
    }

    [Fact]
    public void PureQuadratic_HasExponentTwoEverywhere_AndNoQuadraticRadius()
    {
        var model = new PureQuadratic();
        double[] d = [0.6, -0.8];
        GrowthProfile profile = Growth.Profile(model, [0.0, 0.0], Dataset.Empty, d, 1e-3, 1e3, 10);
        double curvature = d[0] * (3 * d[0] + 0.5 * d[1]) + d[1] * (0.5 * d[0] + 4 * d[1]);
        Assert.Equal(curvature, profile.Curvature, 1e-14);
        Assert.Equal(0.0, profile.BaseLoss);
        int defined = 0;
        for (int k = 0; k < profile.T.Length; k++)
        {
            // ΔL is a sum of three rounded products: a few ulps relative.
            Assert.Equal(profile.Quadratic[k], profile.Delta[k], 1e-14 * profile.Quadratic[k]);
            if (double.IsNaN(profile.LocalExponent[k])) continue;
            defined++;
            Assert.True(Math.Abs(profile.LocalExponent[k] - 2) < 1e-12, $"p({profile.T[k]}) = {profile.LocalExponent[k]:R}");
        }
        Assert.Equal(profile.T.Length - 4, defined); // all but the two ends of each side
        Assert.True(double.IsPositiveInfinity(profile.QuadraticRadiusPositive));
        Assert.True(double.IsPositiveInfinity(profile.QuadraticRadiusNegative));
        Assert.True(double.IsPositiveInfinity(profile.QuadraticRadius));
        ExponentFit fit = Growth.FitExponent(profile, 0, double.PositiveInfinity);
        Assert.Equal(2, fit.Exponent, 1e-12);
    }

    [Fact]
    public void TinySteps_OnALargeLoss_AreFlagged_AndExcluded()
    {
        var model = new OffsetBowl();
        GrowthProfile profile = Growth.Profile(model, [0.0], Dataset.Empty, [1.0], 1e-8, 1e-1, 4);
        Assert.Equal(1e6, profile.BaseLoss);
        double ulp = Math.BitIncrement(1e6) - 1e6;
        int flagged = 0;
        for (int k = 0; k < profile.T.Length; k++)
        {
            double t = Math.Abs(profile.T[k]);
            // ΔL = t² is below 8 ulps of 10⁶ (≈ 9.3e-10) for |t| < 3e-5 and far above it for |t| ≥ 1e-4.
            if (t <= 1e-5) Assert.True(profile.Underflow[k], $"t = {t} should be flagged (ΔL = {profile.Delta[k]:R}, ulp {ulp:R})");
            if (t >= 1e-4) Assert.False(profile.Underflow[k], $"t = {t} should not be flagged");
            if (profile.Underflow[k])
            {
                flagged++;
                Assert.True(double.IsNaN(profile.LocalExponent[k]));
            }
        }
        Assert.True(flagged >= 2 * 13);
        ExponentFit fit = Growth.FitExponent(profile, 0, 1);
        Assert.Equal(profile.T.Length - flagged, fit.Points);
        Assert.True(double.IsPositiveInfinity(profile.QuadraticRadius) || profile.QuadraticRadius < 1e-3);
    }

    [Fact]
    public void OnANetwork_DeltaIsTheLossDifference_AndBitIdenticalAcrossThreads()
    {
        IModel model = new ProbeMlp();
        Dataset data = ProbeData.For(model, 200, 4, oneHot: false);
        double[] theta = ProbeData.Point(model, 4);
        double[] d = Directions.Random(model, 4, Normalization.Filter, theta);
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 1;
            GrowthProfile one = Growth.Profile(model, theta, data, d, 1e-3, 10, 5);
            Parallelism.MaxThreads = 2;
            GrowthProfile two = Growth.Profile(model, theta, data, d, 1e-3, 10, 5);
            NumericAssert.BitIdentical(two.Delta, one.Delta, "ΔL, 1 vs 2 threads");
            NumericAssert.BitIdentical(two.LocalExponent, one.LocalExponent, "p, 1 vs 2 threads");
            Assert.Equal(one.QuadraticRadius, two.QuadraticRadius);

            double baseLoss = model.Loss(theta, data);
            Assert.Equal(baseLoss, one.BaseLoss, 1e-14 * baseLoss);
            for (int k = 0; k < one.T.Length; k++)
            {
                double expected = model.Loss(SliceTests.Shift(theta, d, one.T[k]), data) - baseLoss;
                // The difference of two means carries ~ε·L of rounding; the per-example form is at least as accurate.
                Assert.True(Math.Abs(one.Delta[k] - expected) <= 1e-13 * baseLoss, $"t = {one.T[k]}: {one.Delta[k]:R} vs {expected:R}");
            }
            // Not a minimum: the linear term dominates at small |t|, so p ≈ 1 there and the quadratic radius is the first point.
            Assert.Equal(one.T[one.T.Length / 2 + 1], one.QuadraticRadiusPositive);
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void FitExponent_OnAnExactPowerLaw_IsExact_AndDeterministic()
    {
        var ts = new double[25];
        var deltas = new double[25];
        for (int k = 0; k < ts.Length; k++)
        {
            ts[k] = (k % 2 == 0 ? 1 : -1) * Math.Pow(10, -1 + 0.125 * k);
            deltas[k] = 3 * Math.Pow(Math.Abs(ts[k]), 1.7);
        }
        ExponentFit fit = Growth.FitExponent(ts, deltas, 0.5, 50);
        Assert.Equal(1.7, fit.Exponent, 1e-12);
        Assert.Equal(Math.Log(3), fit.Intercept, 1e-11);
        Assert.Equal(1.7, fit.Lower, 1e-11);
        Assert.Equal(1.7, fit.Upper, 1e-11);
        Assert.Equal(16, fit.Points); // 10^(−1 + k/8) ∈ [0.5, 50] ⇔ k = 6 … 21

        // Noisy data: the same seed gives the same interval, another seed another one (the estimate itself is seed-free).
        var random = new Random(5);
        for (int k = 0; k < deltas.Length; k++) deltas[k] *= Math.Exp(0.05 * ProbeData.Gaussian(random));
        ExponentFit a = Growth.FitExponent(ts, deltas, 0, 1e9), b = Growth.FitExponent(ts, deltas, 0, 1e9), c = Growth.FitExponent(ts, deltas, 0, 1e9, seed: 7);
        Assert.Equal(a, b);
        Assert.Equal(a.Exponent, c.Exponent);
        Assert.NotEqual(a.Lower, c.Lower);
        Assert.True(a.Lower < a.Exponent && a.Exponent < a.Upper);
        Assert.True(a.Upper - a.Lower < 0.1);
        Assert.True(a.Lower <= 1.7 && 1.7 <= a.Upper, $"noisy power law: [{a.Lower:R}, {a.Upper:R}] misses 1.7");

        Assert.True(double.IsNaN(Growth.FitExponent(ts, deltas, 1e6, 1e7).Exponent));
        Assert.True(double.IsNaN(Growth.FitExponent(ts.AsSpan(0, 2), deltas.AsSpan(0, 2), 0, 1e9).Lower));
        Assert.Throws<ArgumentException>(() => Growth.FitExponent(ts, deltas.AsSpan(1), 0, 1));
        Assert.Throws<ArgumentException>(() => Growth.FitExponent(ts, deltas, 2, 1));
    }

    [Fact]
    public void Profile_RejectsBadRanges_AndWritesCsv()
    {
        var model = new PureQuadratic();
        double[] zero = [0.0, 0.0], d = [1.0, 0.0];
        Assert.Throws<ArgumentException>(() => Growth.Profile(model, zero, Dataset.Empty, d, 0, 1, 10));
        Assert.Throws<ArgumentException>(() => Growth.Profile(model, zero, Dataset.Empty, d, 2, 1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Growth.Profile(model, zero, Dataset.Empty, d, 1, 2, 0));
        Assert.Throws<ArgumentException>(() => Growth.Profile(model, zero, Dataset.Empty, [1.0], 1, 2, 1));

        GrowthProfile profile = Growth.Profile(model, zero, Dataset.Empty, d, 0.5, 2, 2);
        Assert.Equal(new[] { -2, -1, -0.5, 0.5, 1, 2 }, profile.T, new ToleranceComparer(1e-15));
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        profile.WriteCsv(writer);
        string[] lines = writer.ToString().Split('\n');
        Assert.Equal("t,delta,quadratic,exponent,underflow", lines[0]);
        Assert.Equal(8, lines.Length);
        Assert.StartsWith("-2,6,6,NaN,0", lines[1]);
    }

    private static double LeastSquaresSlope(System.Collections.Generic.List<double> x, System.Collections.Generic.List<double> y)
    {
        double mx = 0, my = 0;
        for (int i = 0; i < x.Count; i++) { mx += x[i]; my += y[i]; }
        mx /= x.Count;
        my /= x.Count;
        double sxx = 0, sxy = 0;
        for (int i = 0; i < x.Count; i++) { sxx += (x[i] - mx) * (x[i] - mx); sxy += (x[i] - mx) * (y[i] - my); }
        return sxy / sxx;
    }

    private sealed class ToleranceComparer(double tolerance) : System.Collections.Generic.IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance * Math.Max(Math.Abs(x), Math.Abs(y));
        public int GetHashCode(double obj) => 0;
    }
}
