using System.Runtime.CompilerServices;
using Landscape.Numerics;

namespace Landscape.Kernels;

/// <summary>σ(z) = max(0, z); σ′ = 1 for z &gt; 0, else 0 (0 at z = 0); σ″ = 0.</summary>
/// <remarks>σ″ ≡ 0: the distributional term at the kink is dropped. σ(−0) = +0.</remarks>
public readonly struct ReluActivation : ILaneActivation<ReluActivation>
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TVector ILaneActivation<ReluActivation>.Evaluate<TLanes, TVector, TMask>(TVector z, out TVector first, out TVector second)
        => Kernel<TLanes, TVector, TMask>.Evaluate(z, out first, out second);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TVector ILaneActivation<ReluActivation>.Value<TLanes, TVector, TMask>(TVector z) => Kernel<TLanes, TVector, TMask>.Value(z);

    /// <summary>σ, σ′ and σ″ written once for every lane width.</summary>
    private sealed class Kernel<TLanes, TVector, TMask> : LaneMath<TLanes, TVector, TMask>
        where TLanes : struct, ILanes<TVector, TMask>
        where TVector : struct
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static TVector Value(TVector z) => TLanes.Select(TLanes.LessThanOrEqual(z, C(0.0)), C(0.0), z);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static TVector Evaluate(TVector z, out TVector first, out TVector second)
        {
            // NaN fails both comparisons and is passed through.
            first = TLanes.Select(TLanes.GreaterThan(z, C(0.0)), C(1.0), TLanes.Select(TLanes.LessThanOrEqual(z, C(0.0)), C(0.0), z));
            second = TLanes.Select(TLanes.IsNaN(z), z, C(0.0));
            return Value(z);
        }
    }
}
