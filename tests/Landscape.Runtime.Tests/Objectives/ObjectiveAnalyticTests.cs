using System;

namespace Landscape.Tests.Objectives;

/// <summary>Generated gradients and Hessians against closed forms: Rosenbrock, the SqrtWell and the Valley of DESIGN.md §3.</summary>
public sealed class ObjectiveAnalyticTests
{
    /// <summary>
    /// Generated code and closed form evaluate the same mathematics in different orders; each is within a few ulps of the
    /// exact value, so 1e-13 relative (≈ 450 ulps) is tight enough to catch any wrong term.
    /// </summary>
    private const double ClosedFormTolerance = 1e-13;

    private const int Seed = 20240601;

    /// <summary>The relative spacing of doubles near 1, 2⁻⁵² (machine epsilon in the numerical-analysis sense).</summary>
    private const double Ulp1 = 2.220446049250313e-16;

    [Fact]
    public void Rosenbrock_GradientAndHessian_MatchClosedForms()
    {
        var model = new Rosenbrock { A = 1.5, B = 30 };
        var random = new Random(Seed);
        double[] g = new double[2], h = new double[4];
        for (int k = 0; k < 50; k++)
        {
            double x = 4 * random.NextDouble() - 2, y = 4 * random.NextDouble() - 2;
            double a = model.A, b = model.B, r = y - x * x;
            // f = (a − x)² + b(y − x²)²; ∇f = (−2(a − x) − 4bx(y − x²), 2b(y − x²));
            // ∇²f = [[2 − 4b(y − x²) + 8bx², −4bx], [−4bx, 2b]].
            model.Gradient([x, y], Dataset.Empty, g);
            model.Hessian([x, y], h);
            ObjectiveAssert.Close(g, [-2 * (a - x) - 4 * b * x * r, 2 * b * r], ClosedFormTolerance, $"∇f({x}, {y})");
            ObjectiveAssert.Close(h, [2 - 4 * b * r + 8 * b * x * x, -4 * b * x, -4 * b * x, 2 * b], ClosedFormTolerance, $"∇²f({x}, {y})");
        }
    }

    [Fact]
    public void SqrtWell_DerivativesMatchClosedForms()
    {
        var model = new SqrtWell(3.5);
        var random = new Random(Seed + 1);
        double[] g = new double[1], h = new double[1];
        for (int k = 0; k < 50; k++)
        {
            double x = 20 * random.NextDouble() - 10, a = model.A;
            // f = √(1 + a x²) − 1; f′ = a x/√(1 + a x²); f″ = a/(1 + a x²)^{3/2}.
            double s = 1 + a * x * x;
            model.Gradient([x], Dataset.Empty, g);
            model.Hessian([x], h);
            ObjectiveAssert.Close(g[0], a * x / Math.Sqrt(s), ClosedFormTolerance, $"f′({x})");
            // The generated f″ is the quotient rule applied to a x/√s, i.e. (2a − 2(a x)²/s)/(2√s): the subtraction cancels a
            // factor s = 1 + a x² (up to ~350 here), so its rounding error is ~s·ε rather than a few ε; allow 16·s·ε.
            ObjectiveAssert.Close(h[0], a / (s * Math.Sqrt(s)), Math.Max(ClosedFormTolerance, 16 * s * Ulp1), $"f″({x})");
        }
        // At the minimum: f(0) = 0, f′(0) = 0, f″(0) = a exactly.
        model.Hessian([0.0], h);
        Assert.Equal(model.A, h[0]);
        Assert.Equal(0.0, model.Gradient([0.0], Dataset.Empty, g));
        Assert.Equal(0.0, g[0]);
    }

    [Fact]
    public void Valley_DerivativesMatchClosedForms()
    {
        var model = new Valley(4, 0.5);
        var random = new Random(Seed + 2);
        double[] g = new double[2], h = new double[4];
        for (int k = 0; k < 50; k++)
        {
            double x = 4 * random.NextDouble() - 2, y = 4 * random.NextDouble() - 2, a = model.A, b = model.B;
            // f = s(√(1 + a x²) − 1) − y with s = 1 + b y²; q = √(1 + a x²).
            // f_x = s·a x/q, f_y = 2b y (q − 1) − 1; f_xx = s·a/q³, f_xy = 2b y·a x/q, f_yy = 2b (q − 1).
            double s = 1 + b * y * y, q = Math.Sqrt(1 + a * x * x);
            model.Gradient([x, y], Dataset.Empty, g);
            model.Hessian([x, y], h);
            ObjectiveAssert.Close(g, [s * a * x / q, 2 * b * y * (q - 1) - 1], ClosedFormTolerance, $"∇f({x}, {y})");
            double fxy = 2 * b * y * a * x / q;
            ObjectiveAssert.Close(h, [s * a / (q * q * q), fxy, fxy, 2 * b * (q - 1)], ClosedFormTolerance, $"∇²f({x}, {y})");
        }
    }
}
