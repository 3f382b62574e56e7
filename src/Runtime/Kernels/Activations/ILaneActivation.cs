using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Landscape.Numerics;

namespace Landscape.Kernels;

/// <summary>
/// The adapter the activation structs share: <see cref="IActivation"/>'s twelve members (scalar, Vector256 and
/// Vector512; σ, σ′, σ″ and the fused evaluation) implemented once, over the lane-generic kernel a struct supplies.
/// </summary>
/// <remarks>
/// σ′ and σ″ on their own are the fused evaluation with the other outputs discarded, so each struct writes σ, σ′ and
/// σ″ once, in <see cref="Evaluate{TLanes, TVector, TMask}"/>, and every width runs the same lane operations.
/// </remarks>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
internal interface ILaneActivation<TSelf> : IActivation
    where TSelf : struct, ILaneActivation<TSelf>
{
    /// <summary>Returns σ(z) and sets <paramref name="first"/> = σ′(z) and <paramref name="second"/> = σ″(z) in each lane.</summary>
    static abstract TVector Evaluate<TLanes, TVector, TMask>(TVector z, out TVector first, out TVector second)
        where TLanes : struct, ILanes<TVector, TMask>
        where TVector : struct;

    /// <summary>σ(z) in each lane: the fused evaluation's value unless the struct has a cheaper value-only kernel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TVector Value<TLanes, TVector, TMask>(TVector z)
        where TLanes : struct, ILanes<TVector, TMask>
        where TVector : struct
        => TSelf.Evaluate<TLanes, TVector, TMask>(z, out _, out _);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static double IActivation.Value(double z) => TSelf.Value<ScalarLanes, double, bool>(z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static double IActivation.Derivative(double z)
    {
        TSelf.Evaluate<ScalarLanes, double, bool>(z, out double first, out _);
        return first;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static double IActivation.SecondDerivative(double z)
    {
        TSelf.Evaluate<ScalarLanes, double, bool>(z, out _, out double second);
        return second;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static double IActivation.Evaluate(double z, out double first, out double second)
        => TSelf.Evaluate<ScalarLanes, double, bool>(z, out first, out second);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<double> IActivation.Value(Vector256<double> z) => TSelf.Value<Vector256Lanes, Vector256<double>, Vector256<double>>(z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<double> IActivation.Derivative(Vector256<double> z)
    {
        TSelf.Evaluate<Vector256Lanes, Vector256<double>, Vector256<double>>(z, out Vector256<double> first, out _);
        return first;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<double> IActivation.SecondDerivative(Vector256<double> z)
    {
        TSelf.Evaluate<Vector256Lanes, Vector256<double>, Vector256<double>>(z, out _, out Vector256<double> second);
        return second;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<double> IActivation.Evaluate(Vector256<double> z, out Vector256<double> first, out Vector256<double> second)
        => TSelf.Evaluate<Vector256Lanes, Vector256<double>, Vector256<double>>(z, out first, out second);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<double> IActivation.Value(Vector512<double> z) => TSelf.Value<Vector512Lanes, Vector512<double>, Vector512<double>>(z);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<double> IActivation.Derivative(Vector512<double> z)
    {
        TSelf.Evaluate<Vector512Lanes, Vector512<double>, Vector512<double>>(z, out Vector512<double> first, out _);
        return first;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<double> IActivation.SecondDerivative(Vector512<double> z)
    {
        TSelf.Evaluate<Vector512Lanes, Vector512<double>, Vector512<double>>(z, out _, out Vector512<double> second);
        return second;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<double> IActivation.Evaluate(Vector512<double> z, out Vector512<double> first, out Vector512<double> second)
        => TSelf.Evaluate<Vector512Lanes, Vector512<double>, Vector512<double>>(z, out first, out second);
}
