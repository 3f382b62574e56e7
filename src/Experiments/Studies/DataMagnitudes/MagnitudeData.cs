using System;
using System.Globalization;
using System.Numerics.Tensors;
using Landscape.Numerics;

namespace Landscape.Experiments.Studies;

/// <summary>
/// Synthetic inputs xᵢ = rᵢuᵢ: directions uᵢ uniform on the unit sphere (normalized Gaussians from a counter-based
/// stream) times magnitudes rᵢ from a fixed value, a few groups, or a truncated power law.
/// </summary>
internal static class MagnitudeData
{
    private const ulong DirectionStream = 1;
    private const ulong MagnitudeStream = 2;

    /// <summary><paramref name="count"/> unit vectors of length <paramref name="dimension"/>, row-major, uniform on the sphere.</summary>
    public static double[] SphereDirections(int count, int dimension, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        var directions = new double[count * dimension];
        CounterRandom.FillNormal(directions, (ulong)(uint)seed, DirectionStream, 1.0);
        for (int i = 0; i < count; i++)
        {
            Span<double> row = directions.AsSpan(i * dimension, dimension);
            double norm = TensorPrimitives.Norm<double>(row);
            TensorPrimitives.Divide(row, norm, row);
        }
        return directions;
    }

    /// <summary>Equal-sized groups: example i gets <c>values[i * values.Length / count]</c>; <paramref name="groupOf"/> receives the group index.</summary>
    public static double[] Groups(int count, ReadOnlySpan<double> values, out int[] groupOf)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (values.IsEmpty) throw new ArgumentException("At least one magnitude is needed.", nameof(values));
        foreach (double v in values)
            if (!(v > 0) || !double.IsFinite(v)) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Magnitudes must be positive and finite; got {v}."), nameof(values));
        var magnitudes = new double[count];
        groupOf = new int[count];
        for (int i = 0; i < count; i++)
        {
            int g = (int)((long)i * values.Length / count);
            groupOf[i] = g;
            magnitudes[i] = values[g];
        }
        return magnitudes;
    }

    /// <summary>
    /// Magnitudes with density ρ(r) ∝ r^(−1−β) on [<paramref name="minimum"/>, <paramref name="maximum"/>] by the inverse
    /// CDF r = (a − u·(a − b))^(−1/β), a = r_min^(−β), b = r_max^(−β). With <paramref name="seed"/> null the uᵢ are the
    /// midpoint quantiles (i + ½)/n (a deterministic discretization of ρ); otherwise they are independent uniform draws.
    /// </summary>
    /// <remarks>
    /// The few largest magnitudes own the small-|t| end of ΔL(t), and with n independent draws they vary by factors of
    /// several between seeds (for β = 1.5 and n = 4000 the largest draw is typically 250 but often 100 or 1000). The
    /// quantiles remove that Monte-Carlo noise of the tail without changing the density; the sphere directions, the
    /// teacher and the probe direction stay random.
    /// </remarks>
    public static double[] PowerLaw(int count, double beta, double minimum, double maximum, int? seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!(beta > 0) || !double.IsFinite(beta)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "Expected a positive, finite tail exponent β.");
        if (!(minimum > 0) || !(maximum > minimum) || !double.IsFinite(maximum))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Expected 0 < minimum < maximum < ∞; got minimum = {minimum}, maximum = {maximum}."), nameof(minimum));
        double a = Math.Pow(minimum, -beta), b = Math.Pow(maximum, -beta);
        var magnitudes = new double[count];
        for (int i = 0; i < count; i++)
        {
            double u = seed is int s ? CounterRandom.Uniform((ulong)(uint)s, MagnitudeStream, (ulong)i) : (i + 0.5) / count;
            magnitudes[i] = Math.Clamp(Math.Pow(a - u * (a - b), -1.0 / beta), minimum, maximum);
        }
        return magnitudes;
    }

    /// <summary>Row-major inputs xᵢ = rᵢuᵢ.</summary>
    public static double[] Inputs(ReadOnlySpan<double> directions, ReadOnlySpan<double> magnitudes, int dimension)
    {
        if (directions.Length != magnitudes.Length * dimension)
            throw new ArgumentException($"directions has {directions.Length} values; expected {magnitudes.Length} × {dimension}.", nameof(directions));
        var inputs = new double[directions.Length];
        for (int i = 0; i < magnitudes.Length; i++)
            TensorPrimitives.Multiply(directions.Slice(i * dimension, dimension), magnitudes[i], inputs.AsSpan(i * dimension, dimension));
        return inputs;
    }
}
