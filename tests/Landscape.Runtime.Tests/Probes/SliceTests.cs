using System;
using System.Globalization;
using System.IO;
using System.Numerics.Tensors;
using Landscape.Probes;
using Landscape.Tests.Networks;

namespace Landscape.Tests.Probes;

/// <summary>Line and plane slices: exact values on a quadratic, finite differences on a network, call counts, determinism, CSV.</summary>
[Collection(ThreadSettingCollection.Name)]
public sealed class SliceTests
{
    private static readonly double[] s_ts = [-2, -0.75, -0.1, 0, 0.3, 1, 2.5];

    [Fact]
    public void Line_OnAQuadratic_GivesExactLossSlopeAndCurvature()
    {
        var model = new QuadraticBowl();
        double[] theta = [0.4, -1.3], d = [0.6, 0.8];
        LineSlice s = Slice.Line(model, theta, Dataset.Empty, d, s_ts);
        // f(x, y) = 1.5x² + 0.5xy + 2y² − 0.7x + 0.3y + 4, H = [[3, 0.5], [0.5, 4]]
        double curvature = d[0] * (3 * d[0] + 0.5 * d[1]) + d[1] * (0.5 * d[0] + 4 * d[1]);
        // Exact math; the generated code rounds in its own order, so allow a few ulps of the largest term.
        const double tolerance = 1e-14;
        Assert.Equal(s_ts, s.T);
        for (int k = 0; k < s_ts.Length; k++)
        {
            double x = theta[0] + s_ts[k] * d[0], y = theta[1] + s_ts[k] * d[1];
            double loss = 1.5 * x * x + 0.5 * x * y + 2 * y * y - 0.7 * x + 0.3 * y + 4;
            double slope = (3 * x + 0.5 * y - 0.7) * d[0] + (0.5 * x + 4 * y + 0.3) * d[1];
            Assert.Equal(loss, s.Loss[k], tolerance * Math.Max(1, Math.Abs(loss)) * 10);
            Assert.Equal(slope, s.Slope[k], tolerance * 10 * Math.Max(1, Math.Abs(slope)));
            Assert.Equal(curvature, s.Curvature[k], tolerance * 10 * curvature);
        }
    }

    [Fact]
    public void Line_OnANetwork_MatchesFiniteDifferencesOfTheLoss()
    {
        IModel model = new ProbeMlp();
        Dataset data = ProbeData.For(model, 40, 7, oneHot: false);
        double[] theta = ProbeData.Point(model, 7);
        double[] d = Directions.Random(model, 7, Normalization.Filter, theta);
        LineSlice s = Slice.Line(model, theta, data, d, s_ts);
        // Central differences: slope error ≈ h²·L'''/6 + ε·L/h, curvature error ≈ h²·L''''/12 + ε·L/h².
        const double h = 1e-4, slopeTolerance = 1e-6, curvatureTolerance = 1e-4;
        double L(double t) => model.Loss(Shift(theta, d, t), data);
        for (int k = 0; k < s_ts.Length; k++)
        {
            double t = s_ts[k];
            double lp = L(t + h), l0 = L(t), lm = L(t - h);
            Assert.Equal(l0, s.Loss[k], 1e-14 * Math.Max(1, l0));
            double slope = (lp - lm) / (2 * h), curvature = (lp - 2 * l0 + lm) / (h * h);
            Assert.True(Math.Abs(slope - s.Slope[k]) <= slopeTolerance * Math.Max(1, Math.Abs(slope)), $"t = {t}: slope {s.Slope[k]:R} vs FD {slope:R}");
            Assert.True(Math.Abs(curvature - s.Curvature[k]) <= curvatureTolerance * Math.Max(1, Math.Abs(curvature)), $"t = {t}: curvature {s.Curvature[k]:R} vs FD {curvature:R}");
        }
    }

    [Fact]
    public void Line_MakesExactlyOneModelCallPerPoint()
    {
        IModel inner = new ProbeClassifier();
        var model = new CountingModel(inner);
        Dataset data = ProbeData.For(inner, 20, 3, oneHot: true);
        double[] theta = ProbeData.Point(inner, 3);
        double[] d = Directions.Random(inner, 3, Normalization.Unit);
        LineSlice s = Slice.Line(model, theta, data, d, s_ts);
        Assert.Equal(s_ts.Length, model.HvpCalls);
        Assert.Equal(0, model.LossCalls + model.GradientCalls + model.ExampleLossCalls);
        Assert.Equal(s_ts.Length, s.Loss.Length);
    }

    [Fact]
    public void Plane_EqualsIndividualLossCalls()
    {
        IModel model = new ProbeClassifier();
        Dataset data = ProbeData.For(model, 30, 5, oneHot: true);
        double[] theta = ProbeData.Point(model, 5);
        double[] d1 = Directions.Random(model, 1, Normalization.Filter, theta);
        double[] d2 = Directions.Random(model, 2, Normalization.Filter, theta);
        Directions.Orthogonalize(d1, d2);
        double[] xs = [-1, -0.25, 0, 0.5], ys = [-0.5, 0, 1];
        var model2 = new CountingModel(model);
        PlaneSlice p = Slice.Plane(model2, theta, data, d1, d2, xs, ys);
        Assert.Equal(xs.Length * ys.Length, model2.LossCalls);
        Assert.Equal(xs, p.X);
        Assert.Equal(ys, p.Y);
        for (int i = 0; i < xs.Length; i++)
            for (int j = 0; j < ys.Length; j++)
            {
                var point = new double[theta.Length];
                for (int q = 0; q < point.Length; q++) point[q] = theta[q] + xs[i] * d1[q] + ys[j] * d2[q];
                double expected = model.Loss(point, data);
                // The point is formed in a different rounding order (FMA); the loss moves by ~‖∇L‖·ε.
                Assert.Equal(expected, p.Loss[i, j], 1e-13 * Math.Max(1, expected));
            }
        Assert.Equal(model.Loss(theta, data), p.Loss[2, 1]);
    }

    [Fact]
    public void LineAndPlane_AreBitIdentical_ForOneAndTwoThreads()
    {
        IModel model = new ProbeMlp();
        Dataset data = ProbeData.For(model, 300, 9, oneHot: false);
        double[] theta = ProbeData.Point(model, 9);
        double[] d1 = Directions.Random(model, 1, Normalization.Filter, theta);
        double[] d2 = Directions.Random(model, 2, Normalization.Filter, theta);
        double[] grid = [-1, -0.5, 0, 0.5, 1];
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 1;
            PlaneSlice p1 = Slice.Plane(model, theta, data, d1, d2, grid, grid);
            LineSlice l1 = Slice.Line(model, theta, data, d1, grid);
            Parallelism.MaxThreads = 2;
            PlaneSlice p2 = Slice.Plane(model, theta, data, d1, d2, grid, grid);
            LineSlice l2 = Slice.Line(model, theta, data, d1, grid);
            for (int i = 0; i < grid.Length; i++)
                for (int j = 0; j < grid.Length; j++)
                    Assert.Equal(BitConverter.DoubleToInt64Bits(p1.Loss[i, j]), BitConverter.DoubleToInt64Bits(p2.Loss[i, j]));
            NumericAssert.BitIdentical(l2.Loss, l1.Loss, "line loss");
            NumericAssert.BitIdentical(l2.Slope, l1.Slope, "line slope");
            NumericAssert.BitIdentical(l2.Curvature, l1.Curvature, "line curvature");
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void Csv_IsCultureInvariant_AndRoundTrips()
    {
        var line = new LineSlice([-0.1, 2], [1.0 / 3, -1e-300], [double.NaN, -2.5e10], [Math.PI, -0.0]);
        var plane = new PlaneSlice([-1.5, 1], [0.25], new double[,] { { -7.125 }, { 1e-20 } });
        CultureInfo saved = CultureInfo.CurrentCulture;
        string lineCsv, planeCsv;
        try
        {
            // fi-FI uses ',' as the decimal separator and U+2212 as the minus sign.
            CultureInfo.CurrentCulture = new CultureInfo("fi-FI");
            using var w1 = new StringWriter(CultureInfo.InvariantCulture);
            line.WriteCsv(w1);
            lineCsv = w1.ToString();
            using var w2 = new StringWriter(CultureInfo.InvariantCulture);
            plane.WriteCsv(w2);
            planeCsv = w2.ToString();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
        string[] lines = lineCsv.Split('\n');
        Assert.Equal("t,loss,slope,curvature", lines[0]);
        Assert.Equal(4, lines.Length); // header, two rows, trailing newline
        string[] row = lines[1].Split(',');
        Assert.Equal(-0.1, double.Parse(row[0], CultureInfo.InvariantCulture));
        Assert.Equal(1.0 / 3, double.Parse(row[1], CultureInfo.InvariantCulture));
        Assert.Equal("NaN", row[2]);
        Assert.Equal("-1E-300", lines[2].Split(',')[1]);
        Assert.Equal("x,y,loss\n-1.5,0.25,-7.125\n1,0.25,1E-20\n", planeCsv);
    }

    [Fact]
    public void Slices_RejectMisSizedVectors()
    {
        IModel model = new ProbeMlp();
        Dataset data = ProbeData.For(model, 4, 1, oneHot: false);
        double[] ok = new double[model.ParameterCount], bad = new double[model.ParameterCount - 1];
        Assert.Throws<ArgumentException>(() => Slice.Line(model, bad, data, ok, s_ts));
        Assert.Throws<ArgumentException>(() => Slice.Line(model, ok, data, bad, s_ts));
        Assert.Throws<ArgumentException>(() => Slice.Plane(model, ok, data, ok, bad, s_ts, s_ts));
    }

    internal static double[] Shift(double[] theta, double[] d, double t)
    {
        var point = new double[theta.Length];
        TensorPrimitives.MultiplyAdd(d, t, theta, point);
        return point;
    }
}
