using System;
using System.Numerics.Tensors;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

/// <summary>
/// The symmetric 2-cycle {p*, −p*} of gradient descent with step η on an even objective (f(−p) = f(p), minimum 0 at
/// the origin): p − η∇f(p) = −p, i.e. ∇f(p*) = (2/η)·p*. In 1-D this is the secant condition f'(x*)/x* = 2/η of
/// PAPER.md §4.2; it has a solution with p* ≠ 0 iff the curvature at the minimum exceeds 2/η and f is subquadratic.
/// The loss on the cycle is f(p*) at both points, which is the plateau a constant step size settles at.
/// </summary>
/// <param name="Point">p* (one of the two points; the other is −p*).</param>
/// <param name="Loss">f(p*), the predicted plateau.</param>
/// <param name="Multiplier">
/// The spectral radius of the two-step map's Jacobian (I − ηH(p*))² (H is even-symmetric, so H(−p*) = H(p*)); below 1
/// means the cycle attracts.
/// </param>
/// <param name="Residual">‖∇f(p*) − (2/η)p*‖ after the solve.</param>
internal sealed record TwoCycle(double[] Point, double Loss, double Multiplier, double Residual)
{
    /// <summary>
    /// Solves ∇f(p) = (2/η)p: bisection on the secant condition vᵀ∇f(tv)/t = 2/η along the sharpest eigenvector v of
    /// H(0) over t ∈ (0, <paramref name="maxRadius"/>], then Newton steps on the full system with the Jacobian
    /// H(p) − (2/η)I (exact in 1-D after the bisection; it removes the off-ray part in higher dimensions).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">η is not positive and finite, or the radius is not positive.</exception>
    /// <exception cref="InvalidOperationException">The sharpness at the minimum is ≤ 2/η (no cycle exists), or Newton fails to converge.</exception>
    public static TwoCycle Solve(IModel objective, double eta, double maxRadius)
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (!(eta > 0 && double.IsFinite(eta))) throw new ArgumentOutOfRangeException(nameof(eta), eta, "The step size must be positive and finite.");
        if (!(maxRadius > 0 && double.IsFinite(maxRadius))) throw new ArgumentOutOfRangeException(nameof(maxRadius), maxRadius, "The search radius must be positive and finite.");
        int n = objective.ParameterCount;
        double threshold = 2.0 / eta;

        var origin = new double[n];
        var (values, vectors) = SymmetricEigen.Decompose(Hessian.Dense(objective, origin, Dataset.Empty));
        if (values[n - 1] <= threshold)
            throw new InvalidOperationException($"The sharpness at the minimum, {values[n - 1]}, is not above 2/η = {threshold}: GD with η = {eta} converges and has no 2-cycle.");
        var direction = new double[n];
        for (int i = 0; i < n; i++) direction[i] = vectors[i, n - 1];

        var point = new double[n];
        var gradient = new double[n];
        double SecantCurvature(double t)
        {
            TensorPrimitives.Multiply(direction, t, point);
            objective.Gradient(point, Dataset.Empty, gradient);
            return TensorPrimitives.Dot<double>(direction, gradient) / t;
        }

        double lo = maxRadius * 1e-12, hi = maxRadius;
        if (SecantCurvature(hi) >= threshold)
            throw new InvalidOperationException($"The secant curvature is still ≥ 2/η = {threshold} at radius {maxRadius}; widen the search.");
        for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (SecantCurvature(mid) > threshold) lo = mid; else hi = mid;
        }
        TensorPrimitives.Multiply(direction, 0.5 * (lo + hi), point);

        var residual = new double[n];
        double residualNorm = ResidualOf(objective, point, threshold, gradient, residual);
        for (int iteration = 0; iteration < 50 && residualNorm > 1e-14 * threshold * TensorPrimitives.Norm<double>(point); iteration++)
        {
            double[,] jacobian = Hessian.Dense(objective, point, Dataset.Empty);
            for (int i = 0; i < n; i++) jacobian[i, i] -= threshold;
            double[] step = SolveLinear(jacobian, residual);
            TensorPrimitives.Subtract(point, step, point);
            residualNorm = ResidualOf(objective, point, threshold, gradient, residual);
        }
        if (!(residualNorm <= 1e-9 * threshold * TensorPrimitives.Norm<double>(point)))
            throw new InvalidOperationException($"Newton on ∇f(p) = (2/η)p did not converge (residual {residualNorm}).");

        var (curvatures, _) = SymmetricEigen.Decompose(Hessian.Dense(objective, point, Dataset.Empty));
        double multiplier = 0;
        foreach (double h in curvatures) multiplier = Math.Max(multiplier, (1 - eta * h) * (1 - eta * h));
        return new TwoCycle(point, objective.Loss(point, Dataset.Empty), multiplier, residualNorm);
    }

    private static double ResidualOf(IModel objective, double[] point, double threshold, double[] gradient, double[] residual)
    {
        objective.Gradient(point, Dataset.Empty, gradient);
        for (int i = 0; i < point.Length; i++) residual[i] = gradient[i] - threshold * point[i];
        return TensorPrimitives.Norm<double>(residual);
    }

    /// <summary>Solves M·s = r by Gaussian elimination with partial pivoting (M is tiny: one row per coordinate).</summary>
    private static double[] SolveLinear(double[,] matrix, double[] rhs)
    {
        int n = rhs.Length;
        var m = (double[,])matrix.Clone();
        var r = (double[])rhs.Clone();
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int row = col + 1; row < n; row++)
                if (Math.Abs(m[row, col]) > Math.Abs(m[pivot, col])) pivot = row;
            if (m[pivot, col] == 0) throw new InvalidOperationException("The Newton Jacobian H(p) − (2/η)I is singular.");
            if (pivot != col)
            {
                for (int k = 0; k < n; k++) (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
                (r[col], r[pivot]) = (r[pivot], r[col]);
            }
            for (int row = col + 1; row < n; row++)
            {
                double factor = m[row, col] / m[col, col];
                for (int k = col; k < n; k++) m[row, k] -= factor * m[col, k];
                r[row] -= factor * r[col];
            }
        }
        var s = new double[n];
        for (int row = n - 1; row >= 0; row--)
        {
            double sum = r[row];
            for (int k = row + 1; k < n; k++) sum -= m[row, k] * s[k];
            s[row] = sum / m[row, row];
        }
        return s;
    }
}
