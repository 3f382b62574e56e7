using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics.Tensors;
using Landscape.Numerics;

namespace Landscape.Probes;

public static partial class Hessian
{
    /// <summary>Attempts at drawing a restart vector with a component outside the Krylov basis before giving up.</summary>
    private const int MaxRestartDraws = 8;

    /// <summary>
    /// Computes the <paramref name="k"/> extreme eigenpairs of H(θ) selected by <see cref="LanczosOptions.Which"/>
    /// (default: the largest), by Lanczos with full reorthogonalization.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The Krylov basis q₁, q₂, … starts from a seeded Gaussian vector (or a warm start, see
    /// <see cref="LanczosOptions.WarmStart"/>); every new vector is orthogonalized against the whole basis by classical
    /// Gram–Schmidt applied twice (DGKS), so the tridiagonal T = QᵀHQ is accurate and no spurious copies appear. After
    /// each step T = SΘSᵀ is diagonalized with <see cref="SymmetricEigen.Tridiagonal"/>; the iteration stops when every
    /// wanted Ritz pair satisfies the Lanczos residual estimate |βₘ·sₘᵢ| ≤ Tolerance·max(|θᵢ|, 16ε‖T‖), or after
    /// MaxIterations steps (then <see cref="Eigenpairs.Converged"/> is false). The reported values are the Rayleigh
    /// quotients of the Ritz vectors and the reported residuals ‖Hv − λv‖ are true residuals from one extra HVP per pair.
    /// </para>
    /// <para>
    /// k ≥ n is clamped to n (all eigenpairs; Lanczos then runs n steps and is exact to rounding). MaxIterations below k
    /// is raised to k. When the Krylov space becomes invariant (β ≤ 1e-12‖T‖), Lanczos continues from a fresh seeded
    /// random vector orthogonal to the basis, with a zero coupling in T. After such a restart, convergence also needs
    /// the new block to confirm that the remaining space holds no better eigenvalue (its extreme Ritz pair converged,
    /// or, at a breakdown of a randomly started block, its exact extreme is no better than the worst wanted value), so
    /// further copies of a multiple eigenvalue and eigenvalues a warm start missed are still found. A warm start with
    /// WarmStartNoise = 0 is not random: its breakdown never confirms.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentException">The parameter length does not match the model, or a warm-start vector has the wrong length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 1 or an option is out of range.</exception>
    /// <exception cref="ArithmeticException">An HVP returned NaN or ±∞ (the message names the Lanczos iteration).</exception>
    public static Eigenpairs TopEigenpairs(IModel model, ReadOnlySpan<double> parameters, Dataset data, int k, LanczosOptions? options = null)
    {
        CheckArguments(model, parameters, data);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        (options ?? new LanczosOptions()).Validate();
        if (model.ParameterCount == 0) throw new ArgumentException("The model has no parameters.", nameof(model));
        using HessianOperator hessian = Operator(model, parameters, data);
        return TopEigenpairs(hessian, k, options);
    }

    /// <summary>
    /// <see cref="TopEigenpairs(IModel, ReadOnlySpan{double}, Dataset, int, LanczosOptions?)"/> on an operator already built at
    /// the point, so that several probes there (eigenpairs, a trace, a density) share its fixed point.
    /// </summary>
    /// <exception cref="ArgumentException">The operator has dimension 0, or a warm-start vector has the wrong length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 1 or an option is out of range.</exception>
    /// <exception cref="ArithmeticException">A product contained NaN or ±∞ (the message names the Lanczos iteration).</exception>
    public static Eigenpairs TopEigenpairs(HessianOperator hessian, int k, LanczosOptions? options = null)
    {
        CheckOperator(hessian);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        options ??= new LanczosOptions();
        options.Validate();
        int n = hessian.Dimension;
        int want = Math.Min(k, n);
        int maxSteps = Math.Min(n, Math.Max(options.MaxIterations, want));

        var basis = new List<double[]>(Math.Min(maxSteps, 64));
        var alpha = new List<double>();
        var beta = new List<double>();
        double[] q = StartVector(n, options);
        int hvps = 0, restarts = 0;
        bool converged = false;
        double scale = 0.0; // running max of |αⱼ| and βⱼ, a lower bound on ‖H‖
        double[,] s = new double[0, 0];
        int[] wanted = [];
        int blockStart = 0; // first step of the current Krylov block (blocks are separated by restarts)
        bool blockRandom = options.WarmStart is not { Count: > 0 } || options.WarmStartNoise > 0; // start has a random part

        while (true)
        {
            basis.Add(q);
            int j = basis.Count - 1;
            // Three-term recurrence w = Hqⱼ − αⱼqⱼ − βⱼ₋₁qⱼ₋₁, fully reorthogonalized against q₀…qⱼ.
            (double a, double[] w, double b) = LanczosStep(hessian, basis, beta, "Lanczos iteration");
            hvps++;
            alpha.Add(a);
            scale = Math.Max(scale, Math.Max(Math.Abs(a), b));

            (double[] ritz, s) = SymmetricEigen.Tridiagonal(alpha.ToArray(), beta.ToArray());
            int m = alpha.Count;
            bool breakdown = b <= BreakdownRelative * scale;
            if (m >= want)
            {
                wanted = Select(ritz, want, options.Which);
                double floor = 16.0 * Epsilon * MaxAbs(ritz);
                converged = true;
                foreach (int i in wanted)
                {
                    // Lanczos residual: H(Qsᵢ) − θᵢ(Qsᵢ) = βₘ sₘᵢ qₘ₊₁, so ‖·‖ = |βₘ sₘᵢ|.
                    if (!Accepted(b * s[m - 1, i], ritz[i], options.Tolerance, floor))
                    {
                        converged = false;
                        break;
                    }
                }
                // After a restart the wanted pairs of earlier, decoupled blocks have zero estimates, yet eigenvalues
                // outside the basis are invisible to them; the current block must also have found the extreme of the
                // remaining space (see remarks). The whole space (m = n) needs no such check.
                if (converged && m < n)
                    converged = BlockConfirms(alpha, beta, blockStart, blockRandom, b, breakdown, ritz, wanted, options, floor);
                if (converged) break;
            }
            if (m == maxSteps) break;

            if (breakdown)
            {
                // Invariant subspace: continue from a new random direction orthogonal to the basis; T decouples (β = 0).
                q = RestartVector(n, options.Seed, basis, ref restarts);
                beta.Add(0.0);
                blockStart = basis.Count;
                blockRandom = true;
            }
            else
            {
                TensorPrimitives.Divide<double>(w, b, w);
                q = w;
                beta.Add(b);
            }
        }

        // Ritz vectors vᵢ = Σⱼ sⱼᵢ qⱼ, then one HVP each for the Rayleigh quotient and the true residual.
        var values = new double[want];
        var vectors = new double[want][];
        var residuals = new double[want];
        var hv = new double[n];
        for (int r = 0; r < want; r++)
        {
            int i = wanted[r];
            var v = new double[n];
            for (int j = 0; j < basis.Count; j++) TensorPrimitives.MultiplyAdd<double>(basis[j], s[j, i], v, v);
            TensorPrimitives.Divide<double>(v, TensorPrimitives.Norm<double>(v), v);
            Multiply(hessian, v, hv, "residual check of pair", r);
            hvps++;
            double lambda = TensorPrimitives.Dot<double>(v, hv);
            // hv ← Hv − λv
            TensorPrimitives.MultiplyAdd<double>(v, -lambda, hv, hv);
            values[r] = lambda;
            vectors[r] = v;
            residuals[r] = TensorPrimitives.Norm<double>(hv);
        }
        return new Eigenpairs(values, vectors, residuals, hvps, basis.Count, converged, options.Seed, options.Which);
    }

    /// <summary>The stopping test |estimate| ≤ tol·max(|θ|, floor).</summary>
    private static bool Accepted(double estimate, double theta, double tolerance, double floor) =>
        Math.Abs(estimate) <= tolerance * Math.Max(Math.Abs(theta), floor);

    /// <summary>
    /// Whether the current Krylov block (steps blockStart…m−1, decoupled from earlier blocks by restarts) confirms that
    /// no wanted eigenvalue lies outside the basis. The block's own tridiagonal is diagonalized; its extreme Ritz value
    /// (by the selection order) approximates the extreme eigenvalue of H on the orthogonal complement of the earlier
    /// blocks. Without breakdown that pair must have converged. At a breakdown the block is an exact invariant subspace;
    /// if it grew from a random vector it contains every eigendirection of the complement, so its extreme is the
    /// complement's extreme, and the block confirms when that extreme is not better than the worst wanted value (up to
    /// the tolerance: a tie is another copy of a wanted value and changes no reported value).
    /// </summary>
    private static bool BlockConfirms(List<double> alpha, List<double> beta, int blockStart, bool blockRandom, double b,
                                      bool breakdown, double[] ritz, int[] wanted, LanczosOptions options, double floor)
    {
        if (breakdown && !blockRandom) return false;
        int length = alpha.Count - blockStart;
        double[] blockAlpha = alpha.GetRange(blockStart, length).ToArray();
        double[] blockBeta = beta.GetRange(blockStart, length - 1).ToArray();
        (double[] theta, double[,] y) = SymmetricEigen.Tridiagonal(blockAlpha, blockBeta);
        int extreme = options.Which switch
        {
            EigenvalueSelection.Largest => length - 1,
            EigenvalueSelection.Smallest => 0,
            _ => Math.Abs(theta[0]) > Math.Abs(theta[length - 1]) ? 0 : length - 1,
        };
        if (!breakdown) return Accepted(b * y[length - 1, extreme], theta[extreme], options.Tolerance, floor);
        double worst = Key(ritz[wanted[^1]], options.Which);
        foreach (int i in wanted) worst = Math.Min(worst, Key(ritz[i], options.Which));
        // Ties (another copy of a multiple eigenvalue) leave the wanted values unchanged: compare within the tolerance.
        return Key(theta[extreme], options.Which) <= worst + options.Tolerance * Math.Max(Math.Abs(worst), floor);
    }

    /// <summary>Larger is more wanted: θ, −θ or |θ| for Largest, Smallest and LargestMagnitude.</summary>
    private static double Key(double theta, EigenvalueSelection which) => which switch
    {
        EigenvalueSelection.Largest => theta,
        EigenvalueSelection.Smallest => -theta,
        _ => Math.Abs(theta),
    };

    /// <summary>Machine epsilon for doubles, 2⁻⁵².</summary>
    private const double Epsilon = 2.220446049250313e-16;

    private static double MaxAbs(double[] values)
    {
        double max = 0.0;
        foreach (double x in values) max = Math.Max(max, Math.Abs(x));
        return max;
    }

    /// <summary>Indices into the ascending Ritz values of the <paramref name="count"/> wanted ones, most extreme first.</summary>
    private static int[] Select(double[] ascending, int count, EigenvalueSelection which)
    {
        int m = ascending.Length;
        var indices = new int[count];
        switch (which)
        {
            case EigenvalueSelection.Largest:
                for (int i = 0; i < count; i++) indices[i] = m - 1 - i;
                break;
            case EigenvalueSelection.Smallest:
                for (int i = 0; i < count; i++) indices[i] = i;
                break;
            case EigenvalueSelection.LargestMagnitude:
                var order = new int[m];
                for (int i = 0; i < m; i++) order[i] = i;
                // Descending |θ|; ties broken by index so the order is deterministic.
                Array.Sort(order, (x, y) =>
                {
                    int c = Math.Abs(ascending[y]).CompareTo(Math.Abs(ascending[x]));
                    return c != 0 ? c : x.CompareTo(y);
                });
                Array.Copy(order, indices, count);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(which), which, "Unknown eigenvalue selection.");
        }
        return indices;
    }

    /// <summary>The unit start vector: seeded Gaussian (stream 0), or the warm start described on <see cref="LanczosOptions.WarmStart"/>.</summary>
    private static double[] StartVector(int n, LanczosOptions options)
    {
        var q = new double[n];
        CounterRandom.FillNormal(q, (ulong)options.Seed, 0, 1.0);
        if (options.WarmStart is { Count: > 0 } warm)
        {
            var sum = new double[n];
            for (int i = 0; i < warm.Count; i++)
            {
                double[] v = warm[i] ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"WarmStart[{i}] is null."), nameof(options));
                if (v.Length != n)
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"WarmStart[{i}] has {v.Length} values; the model has {n} parameters."), nameof(options));
                double norm = TensorPrimitives.Norm<double>(v);
                if (!double.IsFinite(norm))
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"WarmStart[{i}] contains NaN or infinite values."), nameof(options));
                if (norm > 0) TensorPrimitives.MultiplyAdd<double>(v, 1.0 / norm, sum, sum);
            }
            double sumNorm = TensorPrimitives.Norm<double>(sum);
            if (sumNorm > 0)
            {
                // q = sum + noise·‖sum‖·g/‖g‖ with g the seeded Gaussian.
                double gNorm = TensorPrimitives.Norm<double>(q);
                TensorPrimitives.Multiply<double>(q, options.WarmStartNoise * sumNorm / gNorm, q);
                TensorPrimitives.Add<double>(q, sum, q);
            }
        }
        TensorPrimitives.Divide<double>(q, TensorPrimitives.Norm<double>(q), q);
        return q;
    }

    /// <summary>A unit seeded Gaussian vector (streams 1, 2, …) orthogonalized against the basis.</summary>
    private static double[] RestartVector(int n, int seed, List<double[]> basis, ref int restarts)
    {
        for (int attempt = 0; attempt < MaxRestartDraws; attempt++)
        {
            var q = new double[n];
            CounterRandom.FillNormal(q, (ulong)seed, (ulong)(1 + restarts++), 1.0);
            double before = TensorPrimitives.Norm<double>(q);
            double after = Orthogonalize(q, basis);
            // A component smaller than √ε of the draw would be dominated by rounding from the projection.
            if (after > 1.5e-8 * before)
            {
                TensorPrimitives.Divide<double>(q, after, q);
                return q;
            }
        }
        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Could not extend a Krylov basis of {basis.Count} vectors in dimension {n}."));
    }
}
