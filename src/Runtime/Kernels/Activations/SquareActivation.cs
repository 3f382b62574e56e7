using System.Runtime.CompilerServices;
using Landscape.Numerics;

namespace Landscape.Kernels;

/// <summary>σ(z) = z²; σ′ = 2z; σ″ = 2.</summary>
public readonly struct SquareActivation : ILaneActivation<SquareActivation>
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TVector ILaneActivation<SquareActivation>.Evaluate<TLanes, TVector, TMask>(TVector z, out TVector first, out TVector second)
        => Kernel<TLanes, TVector, TMask>.Evaluate(z, out first, out second);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TVector ILaneActivation<SquareActivation>.Value<TLanes, TVector, TMask>(TVector z) => Kernel<TLanes, TVector, TMask>.Value(z);

    /// <summary>σ, σ′ and σ″ written once for every lane width.</summary>
    private sealed class Kernel<TLanes, TVector, TMask> : LaneMath<TLanes, TVector, TMask>
        where TLanes : struct, ILanes<TVector, TMask>
        where TVector : struct
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static TVector Value(TVector z) => Mul(z, z);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static TVector Evaluate(TVector z, out TVector first, out TVector second)
        {
            first = Add(z, z);
            second = TLanes.Select(TLanes.IsNaN(z), z, C(2.0));
            return Mul(z, z);
        }
    }
}
