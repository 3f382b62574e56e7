using System;
using Landscape.Numerics;

namespace Landscape.Experiments.Studies;

/// <summary>
/// The finite-range model of ΔL(t) for a sample of magnitudes: ΔL_model(t) = (1/n) Σᵢ ℓ(rᵢ|t|), with ℓ a per-example
/// saturating loss of s = r|t| — the one-example profile ℓ̄ or the min(κs², C) caricature. Over a window of finite
/// width inside a finite magnitude range its fitted exponent is the prediction for the measured one; ΔL ∝ |t|^β holds
/// only in the limit of an infinite range.
/// </summary>
internal static class FiniteRangeModel
{
    /// <summary>The stream of the reshuffling permutations (see <see cref="Permutation"/>).</summary>
    private const ulong PermutationStream = 16;

    /// <summary>ΔL_model(t) = (1/n) Σᵢ ℓ(rᵢ|t|) at every t of <paramref name="ts"/> (summed over i in order).</summary>
    /// <exception cref="ArgumentException">There are no magnitudes.</exception>
    public static double[] Mean(Func<double, double> perExample, ReadOnlySpan<double> magnitudes, ReadOnlySpan<double> ts)
    {
        ArgumentNullException.ThrowIfNull(perExample);
        if (magnitudes.IsEmpty) throw new ArgumentException("Expected at least one magnitude.", nameof(magnitudes));
        var result = new double[ts.Length];
        for (int k = 0; k < ts.Length; k++)
        {
            double t = Math.Abs(ts[k]), sum = 0;
            foreach (double r in magnitudes) sum += perExample(r * t);
            result[k] = sum / magnitudes.Length;
        }
        return result;
    }

    /// <summary>The caricature ℓ(s) = min(κs², C): quadratic up to s = √(C/κ), then flat at C.</summary>
    /// <exception cref="ArgumentOutOfRangeException">κ or C is not positive and finite.</exception>
    public static Func<double, double> Caricature(double kappa, double plateau)
    {
        if (!(kappa > 0) || !double.IsFinite(kappa)) throw new ArgumentOutOfRangeException(nameof(kappa), kappa, "Expected a positive, finite κ.");
        if (!(plateau > 0) || !double.IsFinite(plateau)) throw new ArgumentOutOfRangeException(nameof(plateau), plateau, "Expected a positive, finite saturation constant C.");
        return s => Math.Min(kappa * s * s, plateau);
    }

    /// <summary>
    /// A seeded permutation of 0 … count−1 (Fisher–Yates with j = ⌊U·(i + 1)⌋, U = Uniform(seed, 16 + draw, i)): the
    /// <paramref name="draw"/>-th reshuffling of which magnitude goes with which direction.
    /// </summary>
    public static int[] Permutation(int count, int seed, int draw)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(draw);
        var p = new int[count];
        for (int i = 0; i < count; i++) p[i] = i;
        for (int i = count - 1; i > 0; i--)
        {
            double u = CounterRandom.Uniform((ulong)(uint)seed, PermutationStream + (ulong)draw, (ulong)i);
            int j = Math.Min(i, (int)(u * (i + 1)));
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }
}
