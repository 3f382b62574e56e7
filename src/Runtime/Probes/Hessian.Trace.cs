using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics.Tensors;

namespace Landscape.Probes;

public static partial class Hessian
{
    /// <summary>First random stream of the Hutch++ complement probes (the sketch uses streams 0, 1, …).</summary>
    private const ulong ComplementStreamBase = 1UL << 32;

    /// <summary>
    /// A sketch column whose norm drops below RankRelative of its original size during orthogonalization is numerically
    /// in the span of the previous ones (H has lower rank than the sketch) and is dropped; 1e-10 keeps the retained
    /// basis orthonormal to ~1e-6 in the worst case, far below the sampling error of the complement term.
    /// </summary>
    private const double RankRelative = 1e-10;

    /// <summary>
    /// Estimates tr H(θ) from <paramref name="probes"/> Hessian-vector products with Rademacher probe vectors.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <see cref="TraceMethod.Hutchinson"/>: the mean of zₚᵀHzₚ over p = 1…probes, unbiased with variance
    /// 2(‖H‖²_F − Σᵢ Hᵢᵢ²)/probes; the standard error is the sample standard deviation over √probes (NaN for one probe).
    /// </para>
    /// <para>
    /// <see cref="TraceMethod.HutchPlusPlus"/> (Meyer et al. 2021): with s = ⌊probes/3⌋ sketch columns S and
    /// g = probes − 2s complement probes G, Q = orth(HS) and tr H ≈ tr(QᵀHQ) + (1/g) Σ gᵢᵀ(I − QQᵀ)H(I − QQᵀ)gᵢ. Sketch
    /// columns that are numerically dependent are dropped (saving their HVPs). The standard error covers the complement
    /// term only (the subspace term is exact given the sketch). Requires probes ≥ 3; its error decays like 1/probes
    /// rather than 1/√probes when the spectrum decays fast.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probes"/> is less than 1 (3 for Hutch++), or the method is unknown.</exception>
    /// <exception cref="ArithmeticException">An HVP returned NaN or ±∞.</exception>
    public static TraceEstimate Trace(IModel model, ReadOnlySpan<double> parameters, Dataset data, int probes, int seed,
                                      TraceMethod method = TraceMethod.Hutchinson)
    {
        CheckArguments(model, parameters, data);
        CheckTraceArguments(probes, method);
        using HessianOperator hessian = Operator(model, parameters, data);
        return Trace(hessian, probes, seed, method);
    }

    /// <summary>
    /// <see cref="Trace(IModel, ReadOnlySpan{double}, Dataset, int, int, TraceMethod)"/> on an operator already built at the
    /// point (its probes are independent, so Hutchinson takes them as one batch of products).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probes"/> is less than 1 (3 for Hutch++), or the method is unknown.</exception>
    /// <exception cref="ArithmeticException">A product contained NaN or ±∞.</exception>
    public static TraceEstimate Trace(HessianOperator hessian, int probes, int seed, TraceMethod method = TraceMethod.Hutchinson)
    {
        ArgumentNullException.ThrowIfNull(hessian);
        CheckTraceArguments(probes, method);
        return method switch
        {
            TraceMethod.Hutchinson => Hutchinson(hessian, probes, seed),
            _ => HutchPlusPlus(hessian, probes, seed),
        };
    }

    private static void CheckTraceArguments(int probes, TraceMethod method)
    {
        switch (method)
        {
            case TraceMethod.Hutchinson:
                ArgumentOutOfRangeException.ThrowIfLessThan(probes, 1);
                break;
            case TraceMethod.HutchPlusPlus:
                if (probes < 3)
                    throw new ArgumentOutOfRangeException(nameof(probes), probes, string.Create(CultureInfo.InvariantCulture, $"Hutch++ needs at least 3 probes (a third each for the sketch, the subspace trace and the complement); got {probes}."));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown trace method.");
        }
    }

    /// <summary>Probes per batch of products: enough to share each chunk's kept values, few enough to keep memory small.</summary>
    private const int ProbeBatch = 8;

    private static TraceEstimate Hutchinson(HessianOperator hessian, int probes, int seed)
    {
        int n = hessian.Dimension;
        var samples = new double[probes];
        int batch = Math.Min(ProbeBatch, probes);
        var z = new double[batch * n];
        var hz = new double[batch * n];
        for (int first = 0; first < probes; first += batch)
        {
            int count = Math.Min(batch, probes - first);
            for (int j = 0; j < count; j++) FillRademacher(z.AsSpan(j * n, n), seed, (ulong)(first + j));
            hessian.Multiply(z.AsSpan(0, count * n), hz.AsSpan(0, count * n), count);
            for (int j = 0; j < count; j++)
            {
                ReadOnlySpan<double> product = hz.AsSpan(j * n, n);
                CheckFinite(product, "Hutchinson probe", first + j);
                samples[first + j] = TensorPrimitives.Dot<double>(z.AsSpan(j * n, n), product); // zᵀHz
            }
        }
        (double mean, double error) = MeanAndStandardError(samples);
        return new TraceEstimate(mean, error, probes, probes, TraceMethod.Hutchinson);
    }

    private static TraceEstimate HutchPlusPlus(HessianOperator hessian, int probes, int seed)
    {
        int n = hessian.Dimension;
        int sketch = probes / 3;
        int complement = probes - 2 * sketch;
        int hvps = 0;

        // Q = orth(H S): orthonormalize each HSᵢ against the previous columns, dropping dependent ones.
        var basis = new List<double[]>(sketch);
        var z = new double[n];
        for (int i = 0; i < sketch; i++)
        {
            FillRademacher(z, seed, (ulong)i);
            var y = new double[n];
            Multiply(hessian, z, y, "Hutch++ sketch column", i);
            hvps++;
            double before = TensorPrimitives.Norm<double>(y);
            double after = Orthogonalize(y, basis);
            if (after > RankRelative * before && after > 0)
            {
                TensorPrimitives.Divide<double>(y, after, y);
                basis.Add(y);
            }
        }

        // tr(QᵀHQ) = Σᵢ qᵢᵀHqᵢ.
        var hq = new double[n];
        double subspace = 0.0;
        for (int i = 0; i < basis.Count; i++)
        {
            Multiply(hessian, basis[i], hq, "Hutch++ subspace column", i);
            hvps++;
            subspace += TensorPrimitives.Dot<double>(basis[i], hq);
        }

        // Hutchinson on the complement: zᵢ' = (I − QQᵀ)gᵢ, samples zᵢ'ᵀHzᵢ' estimate tr((I − QQᵀ)H(I − QQᵀ)).
        var samples = new double[complement];
        for (int i = 0; i < complement; i++)
        {
            FillRademacher(z, seed, ComplementStreamBase + (ulong)i);
            Orthogonalize(z, basis);
            Multiply(hessian, z, hq, "Hutch++ complement probe", i);
            hvps++;
            samples[i] = TensorPrimitives.Dot<double>(z, hq);
        }
        (double mean, double error) = MeanAndStandardError(samples);
        return new TraceEstimate(subspace + mean, error, probes, hvps, TraceMethod.HutchPlusPlus);
    }

    /// <summary>The sample mean and its standard error s/√N (s with the N − 1 denominator; NaN for N = 1).</summary>
    private static (double Mean, double StandardError) MeanAndStandardError(double[] samples)
    {
        int count = samples.Length;
        double mean = TensorPrimitives.Sum<double>(samples) / count;
        if (count < 2) return (mean, double.NaN);
        double squares = 0.0;
        foreach (double x in samples) squares += (x - mean) * (x - mean);
        return (mean, Math.Sqrt(squares / (count - 1) / count));
    }
}
