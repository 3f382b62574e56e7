using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Landscape.Numerics;

namespace Landscape.Kernels;

/// <summary>σ(z) = sin z; σ′ = cos z; σ″ = −sin z.</summary>
/// <remarks>sin and cos share one range reduction (error below 1 ulp; 0.57 ulp measured against a 1200-bit reference); |z| &gt; 2^28 falls back to Math.Sin/Math.Cos per lane.</remarks>
public readonly struct SinActivation : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Value(double z) => Kernel<ScalarLanes, double, bool>.Value(z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Derivative(double z)
    {
        Kernel<ScalarLanes, double, bool>.Evaluate(z, out double first, out _);
        return first;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SecondDerivative(double z)
    {
        Kernel<ScalarLanes, double, bool>.Evaluate(z, out _, out double second);
        return second;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Evaluate(double z, out double first, out double second) => Kernel<ScalarLanes, double, bool>.Evaluate(z, out first, out second);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Value(Vector256<double> z) => Kernel<Vector256Lanes, Vector256<double>, Vector256<double>>.Value(z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Derivative(Vector256<double> z)
    {
        Kernel<Vector256Lanes, Vector256<double>, Vector256<double>>.Evaluate(z, out Vector256<double> first, out _);
        return first;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> SecondDerivative(Vector256<double> z)
    {
        Kernel<Vector256Lanes, Vector256<double>, Vector256<double>>.Evaluate(z, out _, out Vector256<double> second);
        return second;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Evaluate(Vector256<double> z, out Vector256<double> first, out Vector256<double> second) => Kernel<Vector256Lanes, Vector256<double>, Vector256<double>>.Evaluate(z, out first, out second);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Value(Vector512<double> z) => Kernel<Vector512Lanes, Vector512<double>, Vector512<double>>.Value(z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Derivative(Vector512<double> z)
    {
        Kernel<Vector512Lanes, Vector512<double>, Vector512<double>>.Evaluate(z, out Vector512<double> first, out _);
        return first;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> SecondDerivative(Vector512<double> z)
    {
        Kernel<Vector512Lanes, Vector512<double>, Vector512<double>>.Evaluate(z, out _, out Vector512<double> second);
        return second;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Evaluate(Vector512<double> z, out Vector512<double> first, out Vector512<double> second) => Kernel<Vector512Lanes, Vector512<double>, Vector512<double>>.Evaluate(z, out first, out second);

    /// <summary>σ, σ′ and σ″ written once for every lane width.</summary>
    private sealed class Kernel<TLanes, TVector, TMask> : LaneMath<TLanes, TVector, TMask>
        where TLanes : struct, ILanes<TVector, TMask>
        where TVector : struct
    {
        // Not inlined into callers on purpose: this is its own JIT compilation root, so every lane helper inside it is
        // inlined. Inlined into an epilogue loop, the tree of helpers would exceed the caller's inlining budget and
        // the JIT would leave the innermost helpers as calls (measured: 13 ns instead of ~2 ns per element).
        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static TVector Value(TVector z) => SinCos(z, out _);

        // Not inlined into callers on purpose: this is its own JIT compilation root, so every lane helper inside it is
        // inlined. Inlined into an epilogue loop, the tree of helpers would exceed the caller's inlining budget and
        // the JIT would leave the innermost helpers as calls (measured: 13 ns instead of ~2 ns per element).
        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static TVector Evaluate(TVector z, out TVector first, out TVector second)
        {
            TVector sin = SinCos(z, out first);
            second = Neg(sin);
            return sin;
        }
    }
}
