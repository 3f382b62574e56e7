using System.Runtime.CompilerServices;
using Landscape.Numerics;

namespace Landscape.Kernels;

/// <summary>σ(z) = 1/(1 + e^(−z)); σ′ = σ(1 − σ); σ″ = σ(1 − σ)(1 − 2σ).</summary>
/// <remarks>
/// Evaluated through e = e^(−|z|) ∈ [0, 1], so nothing overflows: σ = 1/(1 + e) for z ≥ 0 and e/(1 + e) for
/// z &lt; 0; the smaller of σ and 1 − σ is always formed without cancellation, and 1 − 2σ = ∓(e − 1)/(1 + e) uses
/// e^(−|z|) − 1 from the same range reduction, so σ″ keeps its relative accuracy near z = 0. Errors against a
/// 1200-bit reference: σ below 1.5 ulp, σ′ below 3 ulp, σ″ below 5 ulp.
/// </remarks>
public readonly struct SigmoidActivation : ILaneActivation<SigmoidActivation>
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TVector ILaneActivation<SigmoidActivation>.Evaluate<TLanes, TVector, TMask>(TVector z, out TVector first, out TVector second)
        => Kernel<TLanes, TVector, TMask>.Evaluate(z, out first, out second);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TVector ILaneActivation<SigmoidActivation>.Value<TLanes, TVector, TMask>(TVector z) => Kernel<TLanes, TVector, TMask>.Value(z);

    /// <summary>σ(z) given e = e^(−|z|) (shared with <see cref="SoftplusActivation"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Logistic<TLanes, TVector, TMask>(TVector z, TVector e)
        where TLanes : struct, ILanes<TVector, TMask>
        where TVector : struct
        => Kernel<TLanes, TVector, TMask>.Logistic(z, e);

    /// <summary>σ′ (returned) and σ″ from e = e^(−|z|), m = e − 1 and σ (shared with <see cref="SoftplusActivation"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector LogisticDerivatives<TLanes, TVector, TMask>(TVector z, TVector e, TVector m, TVector sigma, out TVector second)
        where TLanes : struct, ILanes<TVector, TMask>
        where TVector : struct
        => Kernel<TLanes, TVector, TMask>.Derivatives(z, e, m, sigma, out second);

    /// <summary>σ, σ′ and σ″ written once for every lane width.</summary>
    private sealed class Kernel<TLanes, TVector, TMask> : LaneMath<TLanes, TVector, TMask>
        where TLanes : struct, ILanes<TVector, TMask>
        where TVector : struct
    {
        // NoInlining: compiled as its own root, every lane helper inlines into it; inlined into an epilogue loop, the
        // helper tree would exceed the caller's inlining budget and leave calls (bench/PROFILE.md, "Activation kernels").
        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static TVector Value(TVector z) => Logistic(z, Exp(Neg(TLanes.Abs(z))));

        /// <summary>σ(z) given e = e^(−|z|): 1/(1 + e) for z ≥ 0, e/(1 + e) for z &lt; 0, rounded once.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static TVector Logistic(TVector z, TVector e)
        {
            // σ = n/(1 + e) with n = 1 or e. The quotient s0 = n/w, w = fl(1 + e), is corrected for the rounding error
            // wl of w (exact, Fast2Sum) and its own (the residual n − s0·w is exact by fma):
            //   σ = s0 + (n − s0·w − s0·wl)/(1 + e),
            // where 1/(1 + e) is s0 itself for z ≥ 0 and 1 − s0 for z < 0 (accurate enough for the correction).
            TMask nonNegative = TLanes.GreaterThanOrEqual(z, C(0.0));
            TVector n = TLanes.Select(nonNegative, C(1.0), e);
            TVector w = Add(C(1.0), e);
            TVector wl = Add(Sub(C(1.0), w), e);
            TVector s0 = Div(n, w);
            TVector residual = Fma(Neg(s0), wl, Fma(Neg(s0), w, n));
            TVector inverseW = TLanes.Select(nonNegative, s0, Sub(C(1.0), s0));
            return Fma(residual, inverseW, s0);
        }

        // NoInlining: compiled as its own root, every lane helper inlines into it; inlined into an epilogue loop, the
        // helper tree would exceed the caller's inlining budget and leave calls (bench/PROFILE.md, "Activation kernels").
        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static TVector Evaluate(TVector z, out TVector first, out TVector second)
        {
            TVector e = ExpAndExpm1(Neg(TLanes.Abs(z)), out TVector m);    // e = e^(−|z|), m = e − 1
            TVector sigma = Logistic(z, e);
            first = Derivatives(z, e, m, sigma, out second);
            return sigma;
        }

        /// <summary>σ′ and σ″ from e = e^(−|z|), m = e − 1 and σ = σ(z) (shared with softplus, whose σ′ and σ″ are these).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static TVector Derivatives(TVector z, TVector e, TVector m, TVector sigma, out TVector second)
        {
            TMask nonNegative = TLanes.GreaterThanOrEqual(z, C(0.0));
            // 1 − σ: e·σ = e/(1 + e) for z ≥ 0 (no cancellation); 1 − σ ∈ [1/2, 1] is exact enough for z < 0.
            TVector complement = TLanes.Select(nonNegative, Mul(e, sigma), Sub(C(1.0), sigma));
            TVector first = Mul(sigma, complement);
            // 1 − 2σ = m/(1 + e) = m·σ for z ≥ 0 and −m/(1 + e) = −m·(1 − σ) for z < 0.
            TVector oneMinusTwoSigma = TLanes.Select(nonNegative, Mul(m, sigma), Neg(Mul(m, complement)));
            second = Mul(first, oneMinusTwoSigma);
            return first;
        }
    }
}
