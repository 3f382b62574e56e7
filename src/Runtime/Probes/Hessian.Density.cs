using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace Landscape.Probes;

public static partial class Hessian
{
    /// <summary>The grid extends this many kernel widths beyond the outermost node, so the truncated Gaussian mass (≈ 2e-9) is negligible.</summary>
    private const double GridPaddingSigmas = 6.0;

    /// <summary>
    /// Estimates the spectral density of H(θ) by stochastic Lanczos quadrature (Ubaru, Chen and Saad 2017; Ghorbani,
    /// Krishnan and Xiao 2019) and smooths it with a Gaussian kernel on an evenly spaced grid.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Each probe is a normalized Rademacher vector v (so ‖v‖² = 1 exactly and vᵀf(H)v·n is an unbiased estimate of
    /// tr f(H)). Lanczos with full reorthogonalization runs Steps steps from v (fewer if the Krylov space becomes
    /// invariant — the quadrature is then exact for that probe); the tridiagonal's eigenvalues are the nodes and the
    /// squared first components of its eigenvectors the weights.
    /// </para>
    /// <para>
    /// With <see cref="DensityOptions.LogScale"/>, each node θ is placed at u = log₁₀ max(|θ|, LogFloor·max|θ|):
    /// negative eigenvalues are folded onto their magnitude (their total weight is in
    /// <see cref="SpectralDensity.NegativeWeight"/>) and zero or tiny ones pile up at the floor. The kernel width is
    /// then in decades.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArithmeticException">An HVP returned NaN or ±∞.</exception>
    public static SpectralDensity Density(IModel model, ReadOnlySpan<double> parameters, Dataset data, DensityOptions? options = null)
    {
        CheckArguments(model, parameters, data);
        (options ?? new DensityOptions()).Validate();
        if (model.ParameterCount == 0) throw new ArgumentException("The model has no parameters.", nameof(model));
        using HessianOperator hessian = Operator(model, parameters, data);
        return Density(hessian, options);
    }

    /// <summary>
    /// <see cref="Density(IModel, ReadOnlySpan{double}, Dataset, DensityOptions?)"/> on an operator already built at the point.
    /// </summary>
    /// <exception cref="ArgumentException">The operator has dimension 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArithmeticException">A product contained NaN or ±∞.</exception>
    public static SpectralDensity Density(HessianOperator hessian, DensityOptions? options = null)
    {
        CheckOperator(hessian);
        options ??= new DensityOptions();
        options.Validate();
        int n = hessian.Dimension;
        int steps = Math.Min(options.Steps, n);
        var nodes = new double[options.Probes][];
        var weights = new double[options.Probes][];
        int hvps = 0;
        double inverseSqrtN = 1.0 / Math.Sqrt(n);

        for (int p = 0; p < options.Probes; p++)
        {
            var q = new double[n];
            FillRademacher(q, options.Seed, (ulong)p);
            TensorPrimitives.Multiply<double>(q, inverseSqrtN, q);
            var basis = new List<double[]>(steps);
            var alpha = new List<double>(steps);
            var beta = new List<double>(steps);
            double scale = 0.0;
            for (int j = 0; j < steps; j++)
            {
                basis.Add(q);
                (double a, double[] w, double b) = LanczosStep(hessian, basis, beta,
                    "density probe " + p.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", Lanczos step");
                hvps++;
                alpha.Add(a);
                scale = Math.Max(scale, Math.Max(Math.Abs(a), b));
                if (j == steps - 1 || b <= BreakdownRelative * scale) break; // done, or the Krylov space is invariant
                TensorPrimitives.Divide<double>(w, b, w);
                q = w;
                beta.Add(b);
            }
            (double[] theta, double[,] s) = SymmetricEigen.Tridiagonal(alpha.ToArray(), beta.ToArray());
            var tau = new double[theta.Length];
            for (int j = 0; j < theta.Length; j++) tau[j] = s[0, j] * s[0, j]; // τⱼ = (e₁ᵀsⱼ)²
            nodes[p] = theta;
            weights[p] = tau;
        }

        return Smooth(nodes, weights, options, hvps);
    }

    /// <summary>φ(x) = (1/P) Σₚ Σⱼ τₚⱼ 𝒩(x; xₚⱼ, σ²) on an even grid covering every node ± 6σ.</summary>
    private static SpectralDensity Smooth(double[][] nodes, double[][] weights, DensityOptions options, int hvps)
    {
        int probes = nodes.Length;
        double largest = 0.0, negative = 0.0;
        for (int p = 0; p < probes; p++)
        {
            for (int j = 0; j < nodes[p].Length; j++)
            {
                largest = Math.Max(largest, Math.Abs(nodes[p][j]));
                if (nodes[p][j] < 0) negative += weights[p][j];
            }
        }
        negative /= probes;

        // Node positions on the grid axis.
        var positions = new double[probes][];
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        double floor = options.LogFloor * largest;
        for (int p = 0; p < probes; p++)
        {
            positions[p] = new double[nodes[p].Length];
            for (int j = 0; j < nodes[p].Length; j++)
            {
                double x = options.LogScale
                    ? (largest > 0 ? Math.Log10(Math.Max(Math.Abs(nodes[p][j]), floor)) : 0.0)
                    : nodes[p][j];
                positions[p][j] = x;
                lo = Math.Min(lo, x);
                hi = Math.Max(hi, x);
            }
        }

        // σ: given, or a fraction of the node span (of max(|x|, 1) when all nodes coincide).
        double sigma = options.Sigma;
        if (double.IsNaN(sigma))
        {
            double span = hi - lo;
            sigma = options.RelativeSigma * (span > 0 ? span : Math.Max(Math.Abs(hi), 1.0));
        }
        int points = options.GridPoints;
        var grid = new double[points];
        var density = new double[points];
        double start = lo - GridPaddingSigmas * sigma, end = hi + GridPaddingSigmas * sigma;
        double step = (end - start) / (points - 1);
        for (int i = 0; i < points; i++) grid[i] = start + i * step;

        // 𝒩(x; μ, σ²) = exp(−(x − μ)²/(2σ²)) / (σ√(2π)).
        double normalization = 1.0 / (probes * sigma * Math.Sqrt(2.0 * Math.PI));
        double inverseTwoSigmaSquared = 1.0 / (2.0 * sigma * sigma);
        for (int i = 0; i < points; i++)
        {
            double x = grid[i], sum = 0.0;
            for (int p = 0; p < probes; p++)
            {
                for (int j = 0; j < positions[p].Length; j++)
                {
                    double d = x - positions[p][j];
                    sum += weights[p][j] * Math.Exp(-d * d * inverseTwoSigmaSquared);
                }
            }
            density[i] = sum * normalization;
        }
        return new SpectralDensity(nodes, weights, grid, density, sigma, options.LogScale, negative, hvps);
    }
}
