using System.Runtime.CompilerServices;
using Landscape.Numerics;

namespace Landscape.Kernels;

/// <summary>σ(z) = log(1 + e^z); σ′ = 1/(1 + e^(−z)); σ″ = σ′(1 − σ′).</summary>
/// <remarks>
/// Evaluated as max(z, 0) + log1p(e^(−|z|)), which neither overflows nor cancels: σ(z) = z + log1p(e^(−z)) → z for
/// large z and ≈ e^z (to full relative accuracy) for very negative z. σ′ and σ″ are the logistic function and its
/// derivative, computed as in <see cref="SigmoidActivation"/>. σ's error is below 2 ulp against a 1200-bit reference.
/// </remarks>
public readonly struct SoftplusActivation : ILaneActivation<SoftplusActivation>
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TVector ILaneActivation<SoftplusActivation>.Evaluate<TLanes, TVector, TMask>(TVector z, out TVector first, out TVector second)
        => Kernel<TLanes, TVector, TMask>.Evaluate(z, out first, out second);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TVector ILaneActivation<SoftplusActivation>.Value<TLanes, TVector, TMask>(TVector z) => Kernel<TLanes, TVector, TMask>.Value(z);

    /// <summary>σ, σ′ and σ″ written once for every lane width.</summary>
    private sealed class Kernel<TLanes, TVector, TMask> : LaneMath<TLanes, TVector, TMask>
        where TLanes : struct, ILanes<TVector, TMask>
        where TVector : struct
    {
        // NoInlining: compiled as its own root, every lane helper inlines into it; inlined into an epilogue loop, the
        // helper tree would exceed the caller's inlining budget and leave calls (bench/PROFILE.md, "Activation kernels").
        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static TVector Value(TVector z) => Softplus(z, Exp(Neg(TLanes.Abs(z))));

        /// <summary>max(z, 0) + log(1 + e), e = e^(−|z|).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TVector Softplus(TVector z, TVector e)
            => Add(TLanes.Select(TLanes.GreaterThan(z, C(0.0)), z, C(0.0)), Log1pFinite(e));

        // NoInlining: compiled as its own root, every lane helper inlines into it; inlined into an epilogue loop, the
        // helper tree would exceed the caller's inlining budget and leave calls (bench/PROFILE.md, "Activation kernels").
        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static TVector Evaluate(TVector z, out TVector first, out TVector second)
        {
            TVector e = ExpAndExpm1(Neg(TLanes.Abs(z)), out TVector m);    // e = e^(−|z|), m = e − 1
            TVector sigma = SigmoidActivation.Logistic<TLanes, TVector, TMask>(z, e);
            first = sigma;
            second = SigmoidActivation.LogisticDerivatives<TLanes, TVector, TMask>(z, e, m, sigma, out _);
            return Softplus(z, e);
        }
    }
}
