using System;

namespace Landscape.Numerics;

/// <summary>
/// A counter-based pseudo-random generator: every value is a pure function of (seed, stream, index), so a draw never
/// depends on the order, the thread or the batch in which values are requested. Built on the SplitMix64 finalizer
/// applied to a mix of the three keys; normals come from the Box–Muller transform of two such uniforms.
/// </summary>
public static class CounterRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>A 64-bit hash of (seed, stream, index) with full avalanche (SplitMix64 finalizer, applied twice).</summary>
    public static ulong Bits(ulong seed, ulong stream, ulong index)
    {
        ulong x = Mix(seed + Golden);
        x = Mix(x ^ (stream + 0x632BE59BD9B4E019UL));
        return Mix(x ^ (index * Golden + 0x8CB92BA72F3D8DD7UL));
    }

    /// <summary>A uniform double in the open interval (0, 1), with 53 random bits.</summary>
    public static double Uniform(ulong seed, ulong stream, ulong index) =>
        ((Bits(seed, stream, index) >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>A standard normal N(0, 1) draw (Box–Muller on two independent uniforms derived from the index).</summary>
    public static double Normal(ulong seed, ulong stream, ulong index)
    {
        double u1 = Uniform(seed, stream, 2 * index);
        double u2 = Uniform(seed, stream, 2 * index + 1);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fills <paramref name="destination"/> with N(0, std²) draws: destination[i] = std · Normal(seed, stream, i).</summary>
    public static void FillNormal(Span<double> destination, ulong seed, ulong stream, double standardDeviation)
    {
        for (int i = 0; i < destination.Length; i++)
            destination[i] = standardDeviation * Normal(seed, stream, (ulong)i);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
