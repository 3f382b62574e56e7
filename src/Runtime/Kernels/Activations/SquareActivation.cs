using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Landscape.Numerics;

namespace Landscape.Kernels;

/// <summary>σ(z) = z²; σ′ = 2z; σ″ = 2.</summary>
public readonly struct SquareActivation : IActivation
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
