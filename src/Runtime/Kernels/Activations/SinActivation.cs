using System.Runtime.CompilerServices;
using Landscape.Numerics;

namespace Landscape.Kernels;

/// <summary>σ(z) = sin z; σ′ = cos z; σ″ = −sin z.</summary>
/// <remarks>
/// sin and cos share one range reduction (error below 1 ulp against a 1200-bit reference); |z| &gt; 2^28 falls back
/// to Math.Sin/Math.Cos per lane.
/// </remarks>
public readonly struct SinActivation : ILaneActivation<SinActivation>
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TVector ILaneActivation<SinActivation>.Evaluate<TLanes, TVector, TMask>(TVector z, out TVector first, out TVector second)
        => Kernel<TLanes, TVector, TMask>.Evaluate(z, out first, out second);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TVector ILaneActivation<SinActivation>.Value<TLanes, TVector, TMask>(TVector z) => Kernel<TLanes, TVector, TMask>.Value(z);

    /// <summary>σ, σ′ and σ″ written once for every lane width.</summary>
    private sealed class Kernel<TLanes, TVector, TMask> : LaneMath<TLanes, TVector, TMask>
        where TLanes : struct, ILanes<TVector, TMask>
        where TVector : struct
    {
        // NoInlining: compiled as its own root, every lane helper inlines into it; inlined into an epilogue loop, the
        // helper tree would exceed the caller's inlining budget and leave calls (bench/PROFILE.md, "Activation kernels").
        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static TVector Value(TVector z) => SinCos(z, out _);

        // NoInlining: compiled as its own root, every lane helper inlines into it; inlined into an epilogue loop, the
        // helper tree would exceed the caller's inlining budget and leave calls (bench/PROFILE.md, "Activation kernels").
        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static TVector Evaluate(TVector z, out TVector first, out TVector second)
        {
            TVector sin = SinCos(z, out first);
            second = Neg(sin);
            return sin;
        }
    }
}
