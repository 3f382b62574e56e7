using System;
using System.Globalization;
using System.Linq;
using System.Numerics.Tensors;
using Landscape.Data;
using Landscape.Optimization;
using Landscape.Probes;
using Landscape.Tests.Networks;
using Landscape.Tests.Probes;
using Xunit.Abstractions;

namespace Landscape.Tests.Convolutional;

/// <summary>
/// Every probe and the trainer on a small generated CNN (<see cref="ProbeLeNet"/>, 365 parameters) and 150 real MNIST digits
/// (0, 1 and 2, averaged down to 8×8): the dense Hessian and Lanczos, trace and density estimates against it, filter-normalized
/// directions (one filter = one row of a convolution's weight block), line and plane slices, the growth profile, the
/// per-example curvature split, gradient descent with the sharpness monitor, and bit-identical probes on 1 and 2 threads.
/// </summary>
/// <remarks>
/// The network is smooth (tanh and average pooling, as LeNet-5), so the Hessian is continuous along every slice and the
/// finite-difference and quadratic-growth checks below hold at any point; max pooling and ReLU are covered against finite
/// differences (with a kink guard) in <see cref="ConvNetworkDerivativeTests"/>. 150 examples are three blocks of 64, 64 and 22,
/// so every HVP really splits across threads.
/// </remarks>
[Collection(ThreadSettingCollection.Name)]
public sealed class ConvProbeTests(ITestOutputHelper output)
{
    /// <summary>The acceptance bar of the issue for Lanczos eigenvalues against the dense Hessian.</summary>
    private const double EigenvalueRelative = 1e-8;

    /// <summary>Converged Ritz pairs: ‖Hv − λv‖ with the dense H within a few times Lanczos' stopping tolerance (1e-10 relative).</summary>
    private const double ResidualRelative = 1e-9;

    /// <summary>The HVP is exact, so H eⱼ·eᵢ and H eᵢ·eⱼ differ only by rounding of sums over 150 examples.</summary>
    private const double AsymmetryRelative = 1e-12;

    /// <summary>Stochastic estimates within 3 standard errors of the dense truth (a correct estimator fails a fixed seed ≈ 0.3% of the time).</summary>
    private const double StandardErrors = 3.0;

    /// <summary>
    /// A value recomputed at the same point by the model's own Loss, Gradient or HVP: the point θ + t·d is formed the same way
    /// (TensorPrimitives.MultiplyAdd), so only the summation of the final dot product may differ, a few ulps.
    /// </summary>
    private const double SamePointTolerance = 1e-12;

    /// <summary>Plane points θ + x·d₁ + y·d₂ are formed in another rounding order; the loss moves by ~‖∇L‖·ε‖θ‖ (SliceTests' 1e-13).</summary>
    private const double PlanePointTolerance = 1e-13;

    /// <summary>A norm rescaled to a target is off by a few ulps of the norm (DirectionsTests' tolerance).</summary>
    private const double NormTolerance = 1e-12;

    /// <summary>Two elements of one filter rescaled by the same factor: their ratios to the raw draw agree to a few ulps.</summary>
    private const double FilterFactorTolerance = 1e-12;

    /// <summary>
    /// ΔL from the profile (a mean of per-example differences) vs the difference of two generated means: each carries
    /// ~ε·L of rounding, so they agree to a few ulps of L(θ) (GrowthTests' bound).
    /// </summary>
    private const double GrowthDeltaTolerance = 1e-13;

    /// <summary>A mean of 150 per-example values against the model's own full-batch reduction: a few ulps times log n (DecompositionTests).</summary>
    private const double ExampleMeanTolerance = 1e-12;

    /// <summary>
    /// Density moments against the dense Hessian, in exact standard errors of the Hutchinson estimates (HessianTests: a fixed
    /// seed fails a correct estimator with probability ≈ 6e-5); moment 0, Σ of the quadrature weights, is 1 to rounding.
    /// </summary>
    private const double MomentSigmas = 4.0, MomentZeroTolerance = 1e-12;

    /// <summary>
    /// The fitted growth exponent of the even part over 1e-3 ≤ |t| ≤ 1e-2, where it is c·t²(1 + O(t²)): the O(t²) correction
    /// moves the log–log slope by ≤ 1e-4·|L⁗/L″|, so 2 ± 0.01.
    /// </summary>
    private const double QuadraticExponentTolerance = 0.01;

    /// <summary>
    /// ΔL(t) + ΔL(−t) = dᵀHd·t² + O(t⁴): at |t| ≤ 1e-2 the quartic term is ~1e-4·|L⁗/L″|/12 relative and the rounding of the
    /// per-example differences ~1e-16/(dᵀHd·t²) ≤ 1e-10, so 1e-3 relative bounds the even part's departure from the quadratic.
    /// </summary>
    private const double QuadraticTolerance = 1e-3;

    /// <summary>Central differences along a slice with h = 1e-4 (SliceTests' error analysis: slope 1e-6, curvature 1e-4).</summary>
    private const double SlopeFdTolerance = 1e-6, CurvatureFdTolerance = 1e-4, SliceStep = 1e-4;

    private const int Examples = 150;
    private const int Seed = 5;

    private static readonly Lazy<Problem> s_problem = new(() => Problem.Create());

    private sealed record Problem(ProbeLeNet Model, Dataset Data, double[] Theta, double[,] Dense, double[] Spectrum)
    {
        public int P => Theta.Length;

        public static Problem Create()
        {
            var model = new ProbeLeNet();
            Dataset data = ProbeLeNet.Digits(Examples);
            double[] theta = HessianFixtures.NetworkParameters(model, Seed);
            double[,] dense = Hessian.Dense(model, theta, data);
            (double[] spectrum, _) = SymmetricEigen.Decompose(dense); // ascending
            return new Problem(model, data, theta, dense, spectrum);
        }
    }

    [Fact]
    public void Layout_ConvolutionWeightsAreOneFilterPerRow()
    {
        var model = new ProbeLeNet();
        Assert.Equal(365, model.ParameterCount);
        Assert.Equal([("conv0.weight", 4, 9), ("conv0.bias", 4, 1), ("conv1.weight", 6, 36), ("conv1.bias", 6, 1),
                      ("dense0.weight", 10, 6), ("dense0.bias", 10, 1), ("dense1.weight", 3, 10), ("dense1.bias", 3, 1)],
            model.Layout.Select(b => (b.Name, b.Rows, b.Columns)));
        Assert.All(model.Layout, b => Assert.Equal(b.Name.EndsWith(".weight", StringComparison.Ordinal) ? ParameterKind.Weight : ParameterKind.Bias, b.Kind));
    }

    [Fact]
    public void DenseHessian_IsSymmetric_AndLanczosFindsItsExtremeEigenvalues()
    {
        Problem c = s_problem.Value;
        double[,] h = Hessian.Dense(c.Model, c.Theta, c.Data, out double asymmetry);
        double max = 0;
        foreach (double x in h) max = Math.Max(max, Math.Abs(x));
        Assert.True(asymmetry <= AsymmetryRelative * max, $"max |H − Hᵀ| = {asymmetry:R} vs max |H| = {max:R}");

        int n = c.P;
        double[] dense = c.Spectrum;
        Eigenpairs top = Hessian.TopEigenpairs(c.Model, c.Theta, c.Data, 5);
        Eigenpairs bottom = Hessian.TopEigenpairs(c.Model, c.Theta, c.Data, 2, new LanczosOptions { Which = EigenvalueSelection.Smallest });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"λ top {string.Join(", ", top.Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))} ({top.HvpCount} HVPs); smallest {bottom.Values[0]:R}, {bottom.Values[1]:R} ({bottom.HvpCount} HVPs); dense {dense[n - 1]:R} … {dense[0]:R}"));
        Assert.True(top.Converged && bottom.Converged);
        for (int i = 0; i < 5; i++) AssertRelative(dense[n - 1 - i], top.Values[i], EigenvalueRelative, $"top λ{i}");
        for (int i = 0; i < 2; i++) AssertRelative(dense[i], bottom.Values[i], EigenvalueRelative, $"smallest λ{i}");

        // The Ritz vectors are eigenvectors of the dense matrix: ‖H v − λ v‖ recomputed with H.
        double scale = Math.Max(Math.Abs(dense[0]), Math.Abs(dense[n - 1]));
        foreach ((Eigenpairs pairs, int i) in new[] { (top, 0), (top, 4), (bottom, 0) })
        {
            double[] v = pairs.Vectors[i];
            double residual = 0;
            for (int r = 0; r < n; r++)
            {
                double hv = 0;
                for (int k = 0; k < n; k++) hv += h[r, k] * v[k];
                residual += (hv - pairs.Values[i] * v[r]) * (hv - pairs.Values[i] * v[r]);
            }
            Assert.True(Math.Sqrt(residual) <= ResidualRelative * scale, $"‖Hv − λv‖ = {Math.Sqrt(residual):R} for λ = {pairs.Values[i]:R}");
        }
    }

    [Theory]
    [InlineData(TraceMethod.Hutchinson)]
    [InlineData(TraceMethod.HutchPlusPlus)]
    public void Trace_IsWithinThreeStandardErrorsOfTheDenseTrace(TraceMethod method)
    {
        Problem c = s_problem.Value;
        double exact = HessianFixtures.TraceOf(c.Dense);
        TraceEstimate t = Hessian.Trace(c.Model, c.Theta, c.Data, 240, 3, method);
        output.WriteLine($"{method}: {t.Estimate:R} ± {t.StandardError:R} vs dense {exact:R}");
        Assert.True(Math.Abs(t.Estimate - exact) <= StandardErrors * t.StandardError, $"{method}: {t.Estimate:R} ± {t.StandardError:R} vs {exact:R}");
    }

    /// <summary>
    /// Moments 1 and 2 of the density are Hutchinson estimates of tr(H)/n and tr(H²)/n (the quadrature is exact for degree ≤ 3),
    /// within 4 exact standard errors of the dense values (as HessianTests checks on dense networks); moment 0 is 1.
    /// </summary>
    [Fact]
    public void Density_MomentsMatchTheDenseHessian()
    {
        Problem c = s_problem.Value;
        var options = new DensityOptions { Probes = 8, Steps = 30, Seed = 4 };
        SpectralDensity density = Hessian.Density(c.Model, c.Theta, c.Data, options);
        int n = c.P;
        double[,] h2 = HessianFixtures.Multiply(c.Dense, c.Dense);
        double m1 = HessianFixtures.TraceOf(c.Dense) / n, m2 = HessianFixtures.TraceOf(h2) / n;
        double e1 = HessianFixtures.HutchinsonSampleStd(c.Dense) / n / Math.Sqrt(options.Probes);
        double e2 = HessianFixtures.HutchinsonSampleStd(h2) / n / Math.Sqrt(options.Probes);
        output.WriteLine($"m1 {density.Moments(1):R} vs {m1:R} (SE {e1:R}); m2 {density.Moments(2):R} vs {m2:R} (SE {e2:R})");
        Assert.Equal(1.0, density.Moments(0), MomentZeroTolerance);
        Assert.True(Math.Abs(density.Moments(1) - m1) <= MomentSigmas * e1, "first moment");
        Assert.True(Math.Abs(density.Moments(2) - m2) <= MomentSigmas * e2, "second moment");
        Assert.All(density.Density, d => Assert.True(d >= 0 && double.IsFinite(d)));
    }

    [Theory]
    [InlineData(BiasHandling.Zero)]
    [InlineData(BiasHandling.Normalize)]
    public void FilterNormalizedDirections_ScaleEachFilterToItsOwnNorm(BiasHandling biases)
    {
        Problem c = s_problem.Value;
        double[] raw = Directions.Random(c.Model, 11, Normalization.None);
        double[] d = Directions.Random(c.Model, 11, Normalization.Filter, c.Theta, biases);
        int filters = 0;
        foreach (ParameterBlock block in c.Model.Layout)
        {
            ReadOnlySpan<double> db = d.AsSpan(block.Offset, block.Length), tb = c.Theta.AsSpan(block.Offset, block.Length);
            if (block.Kind == ParameterKind.Bias)
            {
                if (biases == BiasHandling.Zero) Assert.True(db.IndexOfAnyExcept(0.0) < 0, $"{block.Name} should be zero");
                else AssertNorm(db, TensorPrimitives.Norm(tb), block.Name);
                continue;
            }
            for (int row = 0; row < block.Rows; row++)
            {
                // Row `row` of a convolution's weight block is output channel `row`'s whole filter (in-channels × k × k).
                int start = row * block.Columns;
                AssertNorm(db.Slice(start, block.Columns), TensorPrimitives.Norm(tb.Slice(start, block.Columns)), $"{block.Name} filter {row}");
                // One positive factor per filter: the filter's draw rescaled as a whole, not per element or per block.
                double factor = db[start] / raw[block.Offset + start];
                Assert.True(factor > 0);
                for (int k = 1; k < block.Columns; k++)
                    Assert.Equal(factor, db[start + k] / raw[block.Offset + start + k], FilterFactorTolerance * factor);
                if (block.Name.StartsWith("conv", StringComparison.Ordinal)) filters++;
            }
        }
        Assert.Equal(4 + 6, filters);
        // The filters of one block get different factors (their norms in θ differ): per-filter, not per-layer, scaling.
        ParameterBlock conv1 = c.Model.Layout[2];
        double first = d[conv1.Offset] / raw[conv1.Offset], second = d[conv1.Offset + conv1.Columns] / raw[conv1.Offset + conv1.Columns];
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void LineSlice_AgreesWithTheModelAtItsPoints_AndWithDifferencesOfTheLoss()
    {
        Problem c = s_problem.Value;
        double[] d = Directions.Random(c.Model, 7, Normalization.Filter, c.Theta);
        double[] ts = [-1, -0.3, 0, 0.05, 0.5, 1.5];
        LineSlice s = Slice.Line(c.Model, c.Theta, c.Data, d, ts);
        Assert.Equal(ts, s.T);
        var gradient = new double[c.P];
        var product = new double[c.P];
        for (int k = 0; k < ts.Length; k++)
        {
            double[] point = SliceTests.Shift(c.Theta, d, ts[k]);
            Assert.True(double.IsFinite(s.Loss[k]) && double.IsFinite(s.Slope[k]) && double.IsFinite(s.Curvature[k]), $"t = {ts[k]}");
            NumericAssert.Close(s.Loss[k], c.Model.Loss(point, c.Data), SamePointTolerance, $"loss at t = {ts[k]}");
            c.Model.Gradient(point, c.Data, gradient);
            NumericAssert.Close(s.Slope[k], TensorPrimitives.Dot(gradient, d), SamePointTolerance, $"slope at t = {ts[k]}");
            c.Model.HessianVectorProduct(point, c.Data, d, product);
            NumericAssert.Close(s.Curvature[k], TensorPrimitives.Dot(d, product), SamePointTolerance, $"curvature at t = {ts[k]}");

            double L(double t) => c.Model.Loss(SliceTests.Shift(c.Theta, d, t), c.Data);
            double lp = L(ts[k] + SliceStep), l0 = L(ts[k]), lm = L(ts[k] - SliceStep);
            double slope = (lp - lm) / (2 * SliceStep), curvature = (lp - 2 * l0 + lm) / (SliceStep * SliceStep);
            Assert.True(Math.Abs(slope - s.Slope[k]) <= SlopeFdTolerance * Math.Max(1, Math.Abs(slope)), $"t = {ts[k]}: slope {s.Slope[k]:R} vs FD {slope:R}");
            Assert.True(Math.Abs(curvature - s.Curvature[k]) <= CurvatureFdTolerance * Math.Max(1, Math.Abs(curvature)), $"t = {ts[k]}: curvature {s.Curvature[k]:R} vs FD {curvature:R}");
        }
        Assert.Equal(c.Model.Loss(c.Theta, c.Data), s.Loss[2]);
    }

    [Fact]
    public void PlaneSlice_IsTheLossAtEveryGridPoint()
    {
        Problem c = s_problem.Value;
        double[] d1 = Directions.Random(c.Model, 1, Normalization.Filter, c.Theta);
        double[] d2 = Directions.Random(c.Model, 2, Normalization.Filter, c.Theta);
        Directions.Orthogonalize(d1, d2);
        double[] xs = [-1, -0.25, 0, 0.75], ys = [-0.5, 0, 1];
        PlaneSlice plane = Slice.Plane(c.Model, c.Theta, c.Data, d1, d2, xs, ys);
        Assert.Equal((xs.Length, ys.Length), (plane.Loss.GetLength(0), plane.Loss.GetLength(1)));
        for (int i = 0; i < xs.Length; i++)
            for (int j = 0; j < ys.Length; j++)
            {
                var point = new double[c.P];
                for (int q = 0; q < c.P; q++) point[q] = c.Theta[q] + xs[i] * d1[q] + ys[j] * d2[q];
                double expected = c.Model.Loss(point, c.Data);
                Assert.True(double.IsFinite(plane.Loss[i, j]));
                Assert.Equal(expected, plane.Loss[i, j], PlanePointTolerance * Math.Max(1, expected));
            }
        Assert.Equal(c.Model.Loss(c.Theta, c.Data), plane.Loss[2, 1]);
    }

    [Fact]
    public void GrowthProfile_IsTheLossIncrease_WithAQuadraticCore()
    {
        Problem c = s_problem.Value;
        double[] d = Directions.Random(c.Model, 4, Normalization.Filter, c.Theta);
        GrowthProfile profile = Growth.Profile(c.Model, c.Theta, c.Data, d, 1e-3, 1, 4);
        double baseLoss = c.Model.Loss(c.Theta, c.Data);
        var product = new double[c.P];
        c.Model.HessianVectorProduct(c.Theta, c.Data, d, product);
        double curvature = TensorPrimitives.Dot(d, product);
        Assert.Equal(baseLoss, profile.BaseLoss); // the HVP pass returns Loss's bits
        Assert.Equal(curvature, profile.Curvature);
        int m = profile.T.Length / 2;
        Assert.Equal(13, m); // 1e-3 … 1 at 4 points per decade
        for (int k = 0; k < profile.T.Length; k++)
        {
            double t = profile.T[k];
            Assert.True(double.IsFinite(profile.Delta[k]), $"ΔL at t = {t}");
            double expected = c.Model.Loss(SliceTests.Shift(c.Theta, d, t), c.Data) - baseLoss;
            // The profile differences per example (GrowthTests): agreement to rounding of the two means.
            Assert.True(Math.Abs(profile.Delta[k] - expected) <= GrowthDeltaTolerance * baseLoss, $"t = {t}: {profile.Delta[k]:R} vs {expected:R}");
            Assert.Equal(0.5 * curvature * t * t, profile.Quadratic[k]);
        }

        // The even part ΔL(t) + ΔL(−t) is dᵀHd·t² to O(t⁴): the quadratic core of a smooth loss, and a growth exponent of 2.
        var ts = new double[m];
        var even = new double[m];
        for (int k = 0; k < m; k++)
        {
            ts[k] = profile.T[m + k];
            even[k] = Math.Abs(profile.Delta[m + k] + profile.Delta[m - 1 - k]);
            if (ts[k] <= 1e-2)
                Assert.True(Math.Abs(even[k] - Math.Abs(curvature) * ts[k] * ts[k]) <= QuadraticTolerance * even[k],
                    $"t = {ts[k]}: ΔL(t) + ΔL(−t) = {even[k]:R} vs |dᵀHd|·t² = {Math.Abs(curvature) * ts[k] * ts[k]:R}");
        }
        ExponentFit fit = Growth.FitExponent(ts, even, 1e-3, 1e-2);
        output.WriteLine($"dᵀHd = {curvature:R}; even-part exponent on [1e-3, 1e-2]: {fit.Exponent:R} [{fit.Lower:R}, {fit.Upper:R}]; quadratic radius {profile.QuadraticRadius:R}");
        Assert.Equal(2.0, fit.Exponent, QuadraticExponentTolerance);
    }

    [Fact]
    public void ExampleCurvatures_AverageToTheFullDataCurvature()
    {
        Problem c = s_problem.Value;
        double[] d = Directions.Random(c.Model, 21, Normalization.Filter, c.Theta, BiasHandling.Normalize);
        ExampleDecomposition e = Decomposition.Curvature(c.Model, c.Theta, c.Data, d);
        var product = new double[c.P];
        double loss = c.Model.HessianVectorProduct(c.Theta, c.Data, d, product);
        double curvature = TensorPrimitives.Dot(d, product);
        Assert.Equal(loss, e.MeanLoss, ExampleMeanTolerance * Math.Abs(loss));
        Assert.Equal(curvature, e.MeanCurvature, ExampleMeanTolerance * Math.Max(1, Math.Abs(curvature)));
        for (int i = 0; i < Examples; i += 37)
        {
            Assert.Equal(c.Model.Loss(c.Theta, c.Data.Subset(i, 1)), e.Loss[i]);
            c.Model.HessianVectorProduct(c.Theta, c.Data.Subset(i, 1), d, product);
            Assert.Equal(TensorPrimitives.Dot(d, product), e.Curvature[i]);
        }
    }

    /// <summary>
    /// Full-batch GD with η = 1/λ₁(θ₀), half the stability limit: on a smooth loss whose sharpness stays near λ₁ the descent
    /// lemma makes every step decrease the loss. The sharpness monitor's first measurement is λ₁(θ₀) itself.
    /// </summary>
    [Fact]
    public void GradientDescent_DecreasesTheLossEveryStep_AndTheSharpnessMonitorSeesTheDenseTopEigenvalue()
    {
        Problem c = s_problem.Value;
        double sharpness = c.Spectrum[^1];
        var monitor = new SharpnessMonitor(every: 5);
        var trainer = new Trainer(c.Model, c.Data, new GradientDescent(), LearningRate.Constant(1 / sharpness));
        trainer.Monitors.Add(monitor);
        double[] theta = (double[])c.Theta.Clone();
        Trajectory trajectory = trainer.Run(theta, 10);

        Assert.Equal(RunStatus.Completed, trajectory.Status);
        double[] loss = trajectory.Loss;
        output.WriteLine($"λ₁ = {sharpness:R}; loss {string.Join(" → ", loss.Select(l => l.ToString("F6", CultureInfo.InvariantCulture)))}; sharpness at steps 0, 5: {trajectory.Sharpness[0]:R}, {trajectory.Sharpness[5]:R}");
        Assert.Equal(c.Model.Loss(c.Theta, c.Data), loss[0]);
        for (int k = 1; k < loss.Length; k++) Assert.True(loss[k] < loss[k - 1], $"step {k}: {loss[k]:R} ≥ {loss[k - 1]:R}");
        Assert.True(c.Model.Loss(theta, c.Data) < loss[^1], "the last update decreases the loss too");
        AssertRelative(sharpness, trajectory.Sharpness[0], EigenvalueRelative, "monitor at step 0");
        Assert.True(double.IsFinite(trajectory.Sharpness[5]) && double.IsNaN(trajectory.Sharpness[1]));
        Assert.Equal(2, monitor.Measurements);
    }

    [Fact]
    public void Probes_AreBitIdentical_OnOneAndTwoThreads()
    {
        Problem c = s_problem.Value;
        double[] d = Directions.Random(c.Model, 3, Normalization.Filter, c.Theta);
        double[] ts = [-0.5, 0, 0.5];
        int saved = Parallelism.MaxThreads;
        try
        {
            (Eigenpairs Pairs, TraceEstimate Trace, SpectralDensity Density, LineSlice Line, GrowthProfile Growth) Run(int threads)
            {
                Parallelism.MaxThreads = threads;
                return (Hessian.TopEigenpairs(c.Model, c.Theta, c.Data, 2, new LanczosOptions { Seed = 3 }),
                        Hessian.Trace(c.Model, c.Theta, c.Data, 9, 4, TraceMethod.HutchPlusPlus),
                        Hessian.Density(c.Model, c.Theta, c.Data, new DensityOptions { Probes = 2, Steps = 8, GridPoints = 64 }),
                        Slice.Line(c.Model, c.Theta, c.Data, d, ts),
                        Growth.Profile(c.Model, c.Theta, c.Data, d, 1e-2, 1, 2));
            }
            var one = Run(1);
            var two = Run(2);
            Assert.Equal(one.Pairs.Values, two.Pairs.Values);
            for (int i = 0; i < one.Pairs.Vectors.Length; i++) NumericAssert.BitIdentical(two.Pairs.Vectors[i], one.Pairs.Vectors[i], $"Ritz vector {i}");
            Assert.Equal(one.Trace, two.Trace);
            NumericAssert.BitIdentical(two.Density.Density, one.Density.Density, "density");
            NumericAssert.BitIdentical(two.Line.Loss, one.Line.Loss, "line loss");
            NumericAssert.BitIdentical(two.Line.Slope, one.Line.Slope, "line slope");
            NumericAssert.BitIdentical(two.Line.Curvature, one.Line.Curvature, "line curvature");
            NumericAssert.BitIdentical(two.Growth.Delta, one.Growth.Delta, "growth ΔL");
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    private static void AssertNorm(ReadOnlySpan<double> actual, double expected, string what)
    {
        double norm = TensorPrimitives.Norm(actual);
        Assert.True(Math.Abs(norm - expected) <= NormTolerance * expected, $"{what}: norm {norm:R}, expected {expected:R}.");
    }

    private static void AssertRelative(double expected, double actual, double relative, string label) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"{label}: {actual:R} vs {expected:R}");
}

/// <summary>
/// A LeNet-like CNN for the probe tests (tanh and average pooling, as LeNet-5): 1×8×8 → conv 4@3×3 (padding 1) → 4×8×8 →
/// avgpool 2 → 4×4×4 → conv 6@3×3 → 6×2×2 → avgpool 2 → 6×1×1 → 10 tanh → 3; softmax cross-entropy, 365 parameters.
/// </summary>
[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(1, 8, 8)]
[Conv2d(4, 3, Activation.Tanh, Padding = 1)]
[AvgPool2d(2)]
[Conv2d(6, 3, Activation.Tanh)]
[AvgPool2d(2)]
[Dense(10, Activation.Tanh)]
[Dense(3)]
public sealed partial class ProbeLeNet
{
    /// <summary>
    /// The first <paramref name="count"/> MNIST test digits 0, 1 and 2 (file order) as 1×8×8 images: the central 24×24 pixels
    /// (the 28×28 digit without its two-pixel border) averaged over 3×3 cells, in [0, 1]; one-hot targets over the 3 classes.
    /// </summary>
    internal static Dataset Digits(int count)
    {
        const int Side = 28, Border = 2, Cell = 3, Out = 8, Classes = 3;
        Dataset mnist = Mnist.Load(TestData.MnistTestImages, TestData.MnistTestLabels, new MnistOptions { Classes = [0, 1, 2], Count = count });
        double[] inputs = new double[count * Out * Out], targets = new double[count * Classes];
        for (int e = 0; e < count; e++)
        {
            ReadOnlySpan<double> image = mnist.Input(e);
            for (int i = 0; i < Out; i++)
                for (int j = 0; j < Out; j++)
                {
                    double sum = 0;
                    for (int u = 0; u < Cell; u++)
                        for (int v = 0; v < Cell; v++) sum += image[(Border + i * Cell + u) * Side + Border + j * Cell + v];
                    inputs[e * Out * Out + i * Out + j] = sum / (Cell * Cell);
                }
            mnist.Target(e)[..Classes].CopyTo(targets.AsSpan(e * Classes, Classes));
        }
        return new Dataset(inputs, targets, count);
    }
}
