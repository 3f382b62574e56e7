using System;
using System.Globalization;
using Landscape;
using Landscape.Optimization;

namespace Landscape.Tests.Optimization;

/// <summary>L(x, y) = ½(A x² + B y²): Hessian diag(A, B), gradient (A x, B y).</summary>
public sealed partial record DiagonalQuadratic2(double A, double B)
{
    /// <summary>f(x, y).</summary>
    [Objective] public double Value(double x, double y) => 0.5 * (A * x * x + B * y * y);
}

/// <summary>The update rules against hand-computed steps, their stability thresholds, argument checks and names.</summary>
public sealed class OptimizerTests
{
    /// <summary>
    /// Hand-computed values are exact decimals; the optimizer computes the same formula with a different association
    /// (and the generated gradient of ½Ax² may round differently from A·x), a few ulps per step over three steps.
    /// </summary>
    private const double HandTolerance = 1e-14;

    /// <summary>The growth rate is measured as a 20-step geometric mean after 200 steps, when the subdominant mode is below 1e-10 relative.</summary>
    private const double GrowthRateTolerance = 1e-6;

    private static readonly DiagonalQuadratic2 Bowl = new(1.0, 4.0);

    /// <summary>Runs <paramref name="steps"/> steps on <see cref="Bowl"/> from (1, 1) with η = 0.1 and returns θ after each step.</summary>
    private static double[][] Run(IOptimizer optimizer, int steps, out OptimizerState state, double learningRate = 0.1, IModel? model = null)
    {
        model ??= Bowl;
        double[] theta = [1.0, 1.0];
        double[] gradient = new double[2];
        state = optimizer.CreateState(2);
        var path = new double[steps][];
        for (int s = 0; s < steps; s++)
        {
            model.Gradient(theta, Dataset.Empty, gradient);
            optimizer.Step(theta, gradient, learningRate, state);
            path[s] = (double[])theta.Clone();
        }
        return path;
    }

    private static void Near(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Max(1.0, Math.Abs(expected)),
                    string.Create(CultureInfo.InvariantCulture, $"{what}: expected {expected:R}, got {actual:R}"));

    private static void Near(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Near(expected[i], actual[i], tolerance, $"{what}[{i}]");
    }

    [Fact]
    public void GradientDescent_MatchesHandComputedSteps()
    {
        // g = (x, 4y); θ ← θ − 0.1 g multiplies x by 0.9 and y by 0.6 each step.
        double[][] path = Run(new GradientDescent(), 3, out OptimizerState state);
        Near([0.9, 0.6], path[0], HandTolerance, "step 1");
        Near([0.81, 0.36], path[1], HandTolerance, "step 2");
        Near([0.729, 0.216], path[2], HandTolerance, "step 3");
        Assert.Equal(3, state.Step);
        Assert.Empty(state.Buffers);
    }

    [Fact]
    public void HeavyBall_MatchesHandComputedSteps()
    {
        // β = 0.5, η = 0.1, v ← βv + g, θ ← θ − ηv, from θ = (1, 1), v = 0:
        // 1: g = (1, 4),       v = (1, 4),        θ = (0.9, 0.6)
        // 2: g = (0.9, 2.4),   v = (1.4, 4.4),    θ = (0.76, 0.16)
        // 3: g = (0.76, 0.64), v = (1.46, 2.84),  θ = (0.614, −0.124)
        double[][] path = Run(new HeavyBall(0.5), 3, out OptimizerState state);
        Near([0.9, 0.6], path[0], HandTolerance, "step 1");
        Near([0.76, 0.16], path[1], HandTolerance, "step 2");
        Near([0.614, -0.124], path[2], HandTolerance, "step 3");
        Near([1.46, 2.84], state.Buffer(HeavyBall.VelocityBuffer), HandTolerance, "velocity");
        Assert.Equal(3, state.Step);
    }

    [Fact]
    public void Nesterov_MatchesHandComputedSteps()
    {
        // β = 0.5, η = 0.1, v ← βv + g, θ ← θ − η(g + βv), from θ = (1, 1), v = 0:
        // 1: g = (1, 4),         v = (1, 4),         g + βv = (1.5, 6),          θ = (0.85, 0.4)
        // 2: g = (0.85, 1.6),    v = (1.35, 3.6),    g + βv = (1.525, 3.4),      θ = (0.6975, 0.06)
        // 3: g = (0.6975, 0.24), v = (1.3725, 2.04), g + βv = (1.38375, 1.26),   θ = (0.559125, −0.066)
        double[][] path = Run(new Nesterov(0.5), 3, out OptimizerState state);
        Near([0.85, 0.4], path[0], HandTolerance, "step 1");
        Near([0.6975, 0.06], path[1], HandTolerance, "step 2");
        Near([0.559125, -0.066], path[2], HandTolerance, "step 3");
        Near([1.3725, 2.04], state.Buffer(Nesterov.VelocityBuffer), HandTolerance, "velocity");
        Assert.Equal(3, state.Step);
    }

    [Fact]
    public void Adam_FirstStep_MovesEachCoordinateByEtaTimesSignOfGradient()
    {
        // At t = 1 the bias corrections give m̂ = g and v̂ = g², so Δθ = −η g/(|g| + ε).
        var adam = new Adam();
        double[][] path = Run(adam, 1, out OptimizerState state, learningRate: 0.01);
        Near([1.0 - 0.01 * 1.0 / (1.0 + 1e-8), 1.0 - 0.01 * 4.0 / (4.0 + 1e-8)], path[0], HandTolerance, "step 1");
        Near([0.1, 0.4], state.Buffer(Adam.FirstMomentBuffer), HandTolerance, "m = (1 − β₁)g");
        Near([0.001, 0.016], state.Buffer(Adam.SecondMomentBuffer), HandTolerance, "v = (1 − β₂)g²");
        Assert.Equal(1, state.Step);
    }

    [Theory]
    [InlineData(0.9, 0.999, 1e-8, 0.01)]
    [InlineData(0.5, 0.9, 1e-3, 0.05)]
    [InlineData(0.0, 0.0, 1e-6, 0.1)]
    public void Adam_MatchesKingmaBaAlgorithm1_Over50Steps(double beta1, double beta2, double epsilon, double eta)
    {
        // Reference: Kingma & Ba (2015), Algorithm 1, coded independently: t ← t + 1; m ← β₁m + (1 − β₁)g;
        // v ← β₂v + (1 − β₂)g²; m̂ ← m/(1 − β₁ᵗ); v̂ ← v/(1 − β₂ᵗ); θ ← θ − α m̂/(√v̂ + ε).
        const int steps = 50;
        var adam = new Adam(beta1, beta2, epsilon);
        double[][] path = Run(adam, steps, out OptimizerState state, eta);

        double[] theta = [1.0, 1.0], m = new double[2], v = new double[2];
        for (int t = 1; t <= steps; t++)
        {
            double[] g = [Bowl.A * theta[0], Bowl.B * theta[1]];
            for (int i = 0; i < 2; i++)
            {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.Pow(beta1, t));
                double vHat = v[i] / (1 - Math.Pow(beta2, t));
                theta[i] = theta[i] - eta * mHat / (Math.Sqrt(vHat) + epsilon);
            }
            Near(theta, path[t - 1], 1e-12, $"step {t}");
        }
        Near(m, state.Buffer(Adam.FirstMomentBuffer), 1e-12, "m");
        Near(v, state.Buffer(Adam.SecondMomentBuffer), 1e-12, "v");
        Assert.Equal(steps, state.Step);
    }

    [Fact]
    public void Adam_ZeroGradientCoordinate_DoesNotMove()
    {
        var adam = new Adam();
        OptimizerState state = adam.CreateState(2);
        double[] theta = [1.0, 2.0];
        for (int s = 0; s < 5; s++) adam.Step(theta, [0.5, 0.0], 0.1, state);
        Assert.Equal(2.0, theta[1]);
        Assert.True(theta[0] < 1.0);
    }

    public static TheoryData<string> Momentum => new() { "gd", "hb0.5", "hb0.9", "nag0.5", "nag0.9" };

    private static IOptimizer Create(string name) => name switch
    {
        "gd" => new GradientDescent(),
        "hb0.5" => new HeavyBall(0.5),
        "hb0.9" => new HeavyBall(0.9),
        "nag0.5" => new Nesterov(0.5),
        "nag0.9" => new Nesterov(0.9),
        _ => throw new ArgumentException(name, nameof(name)),
    };

    /// <summary>
    /// The spectral radius of one step on the mode with curvature λ, a = ηλ, derived independently from the update:
    /// GD multiplies θ by 1 − a; heavy ball has θₜ₊₁ = (1 + β − a)θₜ − βθₜ₋₁ (trace 1 + β − a, determinant β);
    /// Nesterov in (θ, ηv) has the matrix [[1 − a − aβ, −β²], [a, β]] (trace 1 + β − a(1 + β), determinant β(1 − a)).
    /// </summary>
    private static double SpectralRadius(IOptimizer optimizer, double a)
    {
        (double trace, double det) = optimizer switch
        {
            GradientDescent => (1 - a, 0.0),
            HeavyBall hb => (1 + hb.Beta - a, hb.Beta),
            Nesterov nag => (1 + nag.Beta - a * (1 + nag.Beta), nag.Beta * (1 - a)),
            _ => throw new ArgumentException(optimizer.Name),
        };
        double disc = trace * trace - 4 * det; // roots of z² − trace·z + det
        if (disc < 0) return Math.Sqrt(det);
        double root = Math.Sqrt(disc);
        return Math.Max(Math.Abs(trace + root), Math.Abs(trace - root)) / 2;
    }

    [Theory]
    [MemberData(nameof(Momentum))]
    public void JustBelowThreshold_Converges(string name)
    {
        IOptimizer optimizer = Create(name);
        const double lambda = 4.0;
        // StabilityThreshold(η) = c/η, so λ < threshold ⇔ η < c/λ with c = StabilityThreshold(1).
        double critical = optimizer.StabilityThreshold(1.0) / lambda;
        double eta = 0.95 * critical;
        Assert.True(SpectralRadius(optimizer, eta * lambda) < 1.0);
        double[][] path = Run(optimizer, 2000, out _, eta);
        double[] last = path[^1];
        Assert.True(Math.Sqrt(last[0] * last[0] + last[1] * last[1]) < 1e-10, $"{optimizer.Name} at η = 0.95·critical ended at ({last[0]}, {last[1]})");
    }

    [Theory]
    [MemberData(nameof(Momentum))]
    public void JustAboveThreshold_DivergesAtThePredictedGeometricRate(string name)
    {
        IOptimizer optimizer = Create(name);
        const double lambda = 4.0;
        double critical = optimizer.StabilityThreshold(1.0) / lambda;
        double eta = 1.05 * critical;
        double expected = SpectralRadius(optimizer, eta * lambda);
        Assert.True(expected > 1.0);
        double[][] path = Run(optimizer, 200, out _, eta);
        double Norm(double[] p) => Math.Sqrt(p[0] * p[0] + p[1] * p[1]);
        double rate = Math.Pow(Norm(path[199]) / Norm(path[179]), 1.0 / 20);
        Assert.True(Math.Abs(rate - expected) <= GrowthRateTolerance * expected,
                    $"{optimizer.Name}: growth rate {rate:R}, predicted {expected:R}");
        Assert.True(Norm(path[199]) > 1e6);
    }

    [Fact]
    public void StabilityThresholds_AreTheDocumentedFormulas()
    {
        Assert.Equal(2.0 / 0.1, new GradientDescent().StabilityThreshold(0.1), 12);
        Assert.Equal((2 + 2 * 0.9) / 0.1, new HeavyBall(0.9).StabilityThreshold(0.1), 12);
        Assert.Equal((2 + 2 * 0.9) / ((1 + 2 * 0.9) * 0.1), new Nesterov(0.9).StabilityThreshold(0.1), 12);
        Assert.True(double.IsNaN(new Adam().StabilityThreshold(0.1)));
        Assert.Equal(double.PositiveInfinity, new GradientDescent().StabilityThreshold(0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientDescent().StabilityThreshold(-1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HeavyBall(0.5).StabilityThreshold(double.NaN));
    }

    [Fact]
    public void Names_AreInvariantCulture()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("GradientDescent", new GradientDescent().Name);
            Assert.Equal("HeavyBall(beta=0.9)", new HeavyBall(0.9).Name);
            Assert.Equal("Nesterov(beta=0.5)", new Nesterov(0.5).ToString());
            Assert.Equal("Adam(beta1=0.9, beta2=0.999, epsilon=1E-08)", new Adam().Name);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void InvalidMomentum_Throws(double beta)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HeavyBall(beta));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Nesterov(beta));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta1: beta));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta2: beta));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-8)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void InvalidAdamEpsilon_Throws(double epsilon) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(epsilon: epsilon));

    [Fact]
    public void Step_RejectsMismatchedLengthsForeignStateAndBadLearningRates()
    {
        var hb = new HeavyBall(0.9);
        OptimizerState state = hb.CreateState(2);
        Assert.Throws<ArgumentException>(() => hb.Step(new double[2], new double[3], 0.1, state));
        Assert.Throws<ArgumentException>(() => hb.Step(new double[3], new double[3], 0.1, state));
        Assert.Throws<ArgumentException>(() => hb.Step(new double[2], new double[2], 0.1, new GradientDescent().CreateState(2)));
        Assert.Throws<ArgumentException>(() => new Adam().Step(new double[2], new double[2], 0.1, state));
        Assert.Throws<ArgumentOutOfRangeException>(() => hb.Step(new double[2], new double[2], -0.1, state));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientDescent().Step(new double[2], new double[2], double.NaN, new GradientDescent().CreateState(2)));
        Assert.Equal(0, state.Step);
    }

    [Fact]
    public void Steps_DoNotAllocate()
    {
        IOptimizer[] optimizers = [new GradientDescent(), new HeavyBall(0.9), new Nesterov(0.9), new Adam()];
        double[] theta = new double[1000], gradient = new double[1000];
        for (int i = 0; i < gradient.Length; i++) gradient[i] = Math.Sin(i);
        foreach (IOptimizer optimizer in optimizers)
        {
            OptimizerState state = optimizer.CreateState(theta.Length);
            optimizer.Step(theta, gradient, 1e-3, state); // JIT warm-up
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int s = 0; s < 100; s++) optimizer.Step(theta, gradient, 1e-3, state);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated == 0, $"{optimizer.Name} allocated {allocated} bytes in 100 steps");
        }
    }
}
