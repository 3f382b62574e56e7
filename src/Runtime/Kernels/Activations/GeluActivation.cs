using System.Runtime.CompilerServices;
using Landscape.Numerics;

namespace Landscape.Kernels;

/// <summary>σ(z) = z Φ(z) (exact erf form, Φ(z) = ½ erfc(−z/√2)); σ′ = Φ(z) + z φ(z); σ″ = φ(z)(2 − z²), φ(z) = e^(−z²/2)/√(2π).</summary>
/// <remarks>
/// Φ and φ come from <see cref="Landscape.Numerics.SpecialFunctions.NormalCdf(double)"/>'s algorithm and share
/// e^(−z²/2). σ′ crosses zero near z ≈ −0.7518, where it is accurate in absolute (≈ 10^−17), not relative, terms;
/// 2 − z² is formed with one rounding. Below z ≈ −37.5, Φ and φ are subnormal and carry an absolute error of
/// ½·2^−1074, which the factors z and 2 − z² scale (absolute errors below 10^−320). Errors against a 1200-bit
/// reference elsewhere: σ below 2.5 ulp, σ′ below 3 ulp of max(Φ, |zφ|), σ″ below 3 ulp. σ(−∞) = −0.
/// </remarks>
public readonly struct GeluActivation : ILaneActivation<GeluActivation>
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TVector ILaneActivation<GeluActivation>.Evaluate<TLanes, TVector, TMask>(TVector z, out TVector first, out TVector second)
        => Kernel<TLanes, TVector, TMask>.Evaluate(z, out first, out second);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TVector ILaneActivation<GeluActivation>.Value<TLanes, TVector, TMask>(TVector z) => Kernel<TLanes, TVector, TMask>.Value(z);

    /// <summary>σ, σ′ and σ″ written once for every lane width.</summary>
    private sealed class Kernel<TLanes, TVector, TMask> : LaneMath<TLanes, TVector, TMask>
        where TLanes : struct, ILanes<TVector, TMask>
        where TVector : struct
    {
        private const double ArgumentLimit = 40.0;                  // Φ(−40) and φ(±40) are 0, Φ(40) = 1 in double

        // NoInlining: compiled as its own root, every lane helper inlines into it; inlined into an epilogue loop, the
        // helper tree would exceed the caller's inlining budget and leave calls (bench/PROFILE.md, "Activation kernels").
        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static TVector Value(TVector z)
        {
            TVector phi = NormalCdf(z, out _);
            // max(z, −40)·Φ(z): equals z·Φ(z) wherever Φ(z) > 0, and gives −0 instead of −∞·0 at z = −∞.
            return Mul(TLanes.Select(TLanes.LessThan(z, C(-ArgumentLimit)), C(-ArgumentLimit), z), phi);
        }

        // NoInlining: compiled as its own root, every lane helper inlines into it; inlined into an epilogue loop, the
        // helper tree would exceed the caller's inlining budget and leave calls (bench/PROFILE.md, "Activation kernels").
        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static TVector Evaluate(TVector z, out TVector first, out TVector second)
        {
            TVector cdf = NormalCdf(z, out TVector pdf);
            TVector zc = Clamp(z, -ArgumentLimit, ArgumentLimit);       // z·φ(z) → 0 at ±∞ instead of ∞·0
            first = Fma(zc, pdf, cdf);
            second = Mul(pdf, Fma(Neg(zc), zc, C(2.0)));
            return Mul(TLanes.Select(TLanes.LessThan(z, C(-ArgumentLimit)), C(-ArgumentLimit), z), cdf);
        }
    }
}
