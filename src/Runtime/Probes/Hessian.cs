using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics.Tensors;
using Landscape.Numerics;

namespace Landscape.Probes;

/// <summary>
/// Curvature probes of a model's Hessian H = ∇²L(θ) that use only exact Hessian-vector products: extreme eigenpairs
/// (Lanczos), the trace (Hutchinson, Hutch++), the spectral density (stochastic Lanczos quadrature) and, for small
/// models, the dense matrix — the oracle against which the estimators are verified.
/// </summary>
/// <remarks>
/// Every random vector comes from <see cref="CounterRandom"/>, so results depend only on the seed; HVPs are
/// bit-reproducible for any <see cref="Parallelism.MaxThreads"/> and all the vector algebra here is sequential, so the
/// probes are bit-identical across thread counts and runs. An HVP containing NaN or ±∞ raises an
/// <see cref="ArithmeticException"/> naming the step at which it occurred.
/// </remarks>
public static partial class Hessian
{
    /// <summary>
    /// A Lanczos coefficient β ≤ BreakdownRelative·‖T‖ signals an invariant Krylov subspace. Dropping a coupling of
    /// that size perturbs the tridiagonal by 1e-12‖H‖, two orders below the default eigenpair tolerance.
    /// </summary>
    private const double BreakdownRelative = 1e-12;

    /// <summary>
    /// A Gram–Schmidt pass that leaves less than 1/√2 of the norm signals cancellation, so another pass is needed
    /// (the Daniel–Gragg–Kaufman–Stewart criterion; with it, two passes are "twice is enough").
    /// </summary>
    private const double ReorthogonalizationRatio = 0.7071067811865476;

    /// <summary>Most passes of classical Gram–Schmidt per vector (two suffice unless the vector lies in the span).</summary>
    private const int MaxOrthogonalizationPasses = 3;

    private static void CheckArguments(IModel model, ReadOnlySpan<double> parameters, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (parameters.Length != model.ParameterCount)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"parameters has {parameters.Length} values; the model has {model.ParameterCount} parameters."), nameof(parameters));
        Landscape.Models.Check.Finite(parameters, nameof(parameters));
    }

    private static void CheckOperator(HessianOperator hessian)
    {
        ArgumentNullException.ThrowIfNull(hessian);
        if (hessian.Dimension == 0) throw new ArgumentException("The model has no parameters.", nameof(hessian));
    }

    /// <summary>product = H·v, with a finiteness check that names the step (<paramref name="what"/> <paramref name="index"/>).</summary>
    private static void Multiply(HessianOperator hessian, ReadOnlySpan<double> v, Span<double> product, string what, int index)
    {
        hessian.Multiply(v, product);
        CheckFinite(product, what, index);
    }

    /// <summary>Throws <see cref="ArithmeticException"/> naming the step (<paramref name="what"/> <paramref name="index"/>) when a product holds NaN or ±∞.</summary>
    private static void CheckFinite(ReadOnlySpan<double> product, string what, int index)
    {
        if (!TensorPrimitives.IsFiniteAll<double>(product))
            throw new ArithmeticException(string.Create(CultureInfo.InvariantCulture, $"The Hessian-vector product at {what} {index} contains NaN or infinite values."));
    }

    /// <summary>
    /// One Lanczos step from the newest basis vector q = basis[^1] (index j = basis.Count − 1): w = Hq − αq − βⱼ₋₁qⱼ₋₁ with
    /// α = qᵀHq, then fully reorthogonalized against the basis. Returns α, the unnormalized w and its norm (the next β).
    /// </summary>
    private static (double Alpha, double[] Next, double Beta) LanczosStep(HessianOperator hessian, List<double[]> basis, List<double> beta, string what)
    {
        int j = basis.Count - 1;
        double[] q = basis[j];
        var w = new double[q.Length];
        Multiply(hessian, q, w, what, j);
        double a = TensorPrimitives.Dot<double>(q, w);
        TensorPrimitives.MultiplyAdd<double>(q, -a, w, w);
        if (j > 0) TensorPrimitives.MultiplyAdd<double>(basis[j - 1], -beta[j - 1], w, w);
        return (a, w, Orthogonalize(w, basis));
    }

    /// <summary>
    /// Removes from <paramref name="w"/> its components along the orthonormal <paramref name="basis"/> by classical
    /// Gram–Schmidt, w ← w − Σᵢ (qᵢ·w) qᵢ, repeated while a pass cancels more than 1 − 1/√2 of the norm (at most
    /// <see cref="MaxOrthogonalizationPasses"/> passes). Returns ‖w‖ afterwards.
    /// </summary>
    private static double Orthogonalize(Span<double> w, List<double[]> basis)
    {
        double norm = TensorPrimitives.Norm<double>(w);
        if (basis.Count == 0) return norm;
        var coefficients = new double[basis.Count];
        for (int pass = 0; pass < MaxOrthogonalizationPasses; pass++)
        {
            // Classical GS: all coefficients from the same w, then subtract in a fixed order.
            for (int i = 0; i < basis.Count; i++) coefficients[i] = TensorPrimitives.Dot<double>(basis[i], w);
            for (int i = 0; i < basis.Count; i++) TensorPrimitives.MultiplyAdd<double>(basis[i], -coefficients[i], w, w);
            double after = TensorPrimitives.Norm<double>(w);
            bool enough = after >= ReorthogonalizationRatio * norm;
            norm = after;
            if (enough && pass >= 1) break;
        }
        return norm;
    }

    /// <summary>z[i] = ±1 with equal probability, a pure function of (seed, stream, i).</summary>
    private static void FillRademacher(Span<double> z, int seed, ulong stream)
    {
        for (int i = 0; i < z.Length; i++)
            z[i] = (CounterRandom.Bits((ulong)seed, stream, (ulong)i) >> 63) == 0 ? 1.0 : -1.0;
    }
}
