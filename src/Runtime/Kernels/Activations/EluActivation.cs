using System.Runtime.CompilerServices;
using Landscape.Numerics;

namespace Landscape.Kernels;

/// <summary>σ(z) = z for z &gt; 0, e^z − 1 otherwise (α = 1); σ′ = 1 or e^z; σ″ = 0 or e^z.</summary>
/// <remarks>
/// The z ≤ 0 branch applies at z = 0 (σ′(0) = σ″(0) = 1). e^z − 1 is computed without cancellation near 0 (expm1),
/// and e^z comes from the same range reduction; both are below 1 ulp against a 1200-bit reference.
/// </remarks>
public readonly struct EluActivation : ILaneActivation<EluActivation>
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TVector ILaneActivation<EluActivation>.Evaluate<TLanes, TVector, TMask>(TVector z, out TVector first, out TVector second)
        => Kernel<TLanes, TVector, TMask>.Evaluate(z, out first, out second);

    /// <summary>σ, σ′ and σ″ written once for every lane width.</summary>
    private sealed class Kernel<TLanes, TVector, TMask> : LaneMath<TLanes, TVector, TMask>
        where TLanes : struct, ILanes<TVector, TMask>
        where TVector : struct
    {
        // NoInlining: compiled as its own root, every lane helper inlines into it; inlined into an epilogue loop, the
        // helper tree would exceed the caller's inlining budget and leave calls (bench/PROFILE.md, "Activation kernels").
        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static TVector Evaluate(TVector z, out TVector first, out TVector second)
        {
            TMask positive = TLanes.GreaterThan(z, C(0.0));
            TVector e = ExpAndExpm1(TLanes.Select(positive, C(0.0), z), out TVector m);   // NaN takes the z ≤ 0 branch and stays NaN
            first = TLanes.Select(positive, C(1.0), e);
            second = TLanes.Select(positive, C(0.0), e);
            return TLanes.Select(positive, z, m);
        }
    }
}
