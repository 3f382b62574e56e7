using System.Runtime.CompilerServices;
using Landscape.Numerics;

namespace Landscape.Kernels;

/// <summary>σ(z) = z; σ′ = 1; σ″ = 0.</summary>
public readonly struct IdentityActivation : ILaneActivation<IdentityActivation>
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TVector ILaneActivation<IdentityActivation>.Evaluate<TLanes, TVector, TMask>(TVector z, out TVector first, out TVector second)
        => Kernel<TLanes, TVector, TMask>.Evaluate(z, out first, out second);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TVector ILaneActivation<IdentityActivation>.Value<TLanes, TVector, TMask>(TVector z) => Kernel<TLanes, TVector, TMask>.Value(z);

    /// <summary>σ, σ′ and σ″ written once for every lane width.</summary>
    private sealed class Kernel<TLanes, TVector, TMask> : LaneMath<TLanes, TVector, TMask>
        where TLanes : struct, ILanes<TVector, TMask>
        where TVector : struct
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static TVector Value(TVector z) => z;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static TVector Evaluate(TVector z, out TVector first, out TVector second)
        {
            TMask nan = TLanes.IsNaN(z);
            first = TLanes.Select(nan, z, C(1.0));
            second = TLanes.Select(nan, z, C(0.0));
            return z;
        }
    }
}
