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
        return method switch
        {
            TraceMethod.Hutchinson => Hutchinson(model, parameters, data, probes, seed),
            TraceMethod.HutchPlusPlus => HutchPlusPlus(model, parameters, data, probes, seed),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown trace method."),
        };
    }

    private static TraceEstimate Hutchinson(IModel model, ReadOnlySpan<double> parameters, Dataset data, int probes, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probes, 1);
        int n = model.ParameterCount;
        var z = new double[n];
        var hz = new double[n];
        var samples = new double[probes];
        for (int p = 0; p < probes; p++)
        {
            FillRademacher(z, seed, (ulong)p);
            Multiply(model, parameters, data, z, hz, "Hutchinson probe", p);
            samples[p] = TensorPrimitives.Dot<double>(z, hz); // zᵀHz
        }
        (double mean, double error) = MeanAndStandardError(samples);
        return new TraceEstimate(mean, error, probes, probes, TraceMethod.Hutchinson);
    }

    private static TraceEstimate HutchPlusPlus(IModel model, ReadOnlySpan<double> parameters, Dataset data, int probes, int seed)
    {
        if (probes < 3)
            throw new ArgumentOutOfRangeException(nameof(probes), probes, string.Create(CultureInfo.InvariantCulture, $"Hutch++ needs at least 3 probes (a third each for the sketch, the subspace trace and the complement); got {probes}."));
        int n = model.ParameterCount;
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
            Multiply(model, parameters, data, z, y, "Hutch++ sketch column", i);
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
            Multiply(model, parameters, data, basis[i], hq, "Hutch++ subspace column", i);
            hvps++;
            subspace += TensorPrimitives.Dot<double>(basis[i], hq);
        }

        // Hutchinson on the complement: zᵢ' = (I − QQᵀ)gᵢ, samples zᵢ'ᵀHzᵢ' estimate tr((I − QQᵀ)H(I − QQᵀ)).
        var samples = new double[complement];
        for (int i = 0; i < complement; i++)
        {
            FillRademacher(z, seed, ComplementStreamBase + (ulong)i);
            Orthogonalize(z, basis);
            Multiply(model, parameters, data, z, hq, "Hutch++ complement probe", i);
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
