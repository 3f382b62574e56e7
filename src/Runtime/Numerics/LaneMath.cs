using System.Runtime.CompilerServices;

namespace Landscape.Numerics;

/// <summary>
/// Elementary and special functions written once against <see cref="ILanes{TVector, TMask}"/>, so that the scalar,
/// <c>Vector256</c> and <c>Vector512</c> instantiations run the same sequence of correctly rounded lane operations and
/// agree bit for bit. Accuracy is stated on each function (measured against high-precision references in the tests).
/// </summary>
/// <remarks>
/// The class holds only static members; it is abstract rather than static so that kernels written against the same
/// lanes (the activation operators) can derive from it and call these helpers unqualified.
/// </remarks>
/// <typeparam name="TLanes">The lane operations (<see cref="ScalarLanes"/>, <see cref="Vector256Lanes"/> or <see cref="Vector512Lanes"/>).</typeparam>
/// <typeparam name="TVector">The register type.</typeparam>
/// <typeparam name="TMask">The comparison result type.</typeparam>
internal abstract partial class LaneMath<TLanes, TVector, TMask>
    where TLanes : struct, ILanes<TVector, TMask>
    where TVector : struct
{
    /// <summary>Only derived kernel classes, which are never instantiated either, call this.</summary>
    private protected LaneMath()
    {
    }

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector C(double value) => TLanes.Create(value);

    /// <summary>a + b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Add(TVector a, TVector b) => TLanes.Add(a, b);

    /// <summary>a − b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Sub(TVector a, TVector b) => TLanes.Subtract(a, b);

    /// <summary>a · b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Mul(TVector a, TVector b) => TLanes.Multiply(a, b);

    /// <summary>a / b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Div(TVector a, TVector b) => TLanes.Divide(a, b);

    /// <summary>−x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Neg(TVector x) => TLanes.Negate(x);

    /// <summary>a·b + c with one rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Fma(TVector a, TVector b, TVector c) => TLanes.FusedMultiplyAdd(a, b, c);

    /// <summary>a·b + c with one rounding (b, c constants).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Fma(TVector a, double b, double c) => TLanes.FusedMultiplyAdd(a, TLanes.Create(b), TLanes.Create(c));

    // Polynomials are evaluated in Estrin's scheme (pairs c_i + c_(i+1)·x, then combined with x², x⁴, x⁸): the same
    // roundings at every width, but a dependency chain of ~log2(n) fused multiply-adds instead of n, which is what
    // bounds the throughput of these kernels.

    /// <summary>c0 + c1·x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Poly(TVector x, double c0, double c1) => Fma(x, c1, c0);

    /// <summary>c0 + c1·x + c2·x² + c3·x³ (Estrin), given x2 = x².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Poly(TVector x, TVector x2, double c0, double c1, double c2, double c3)
        => Fma(x2, Poly(x, c2, c3), Poly(x, c0, c1));

    /// <summary>Σ_{i&lt;8} c_i x^i (Estrin), given x2 = x², x4 = x⁴.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Poly(TVector x, TVector x2, TVector x4, double c0, double c1, double c2, double c3, double c4, double c5, double c6, double c7)
        => Fma(x4, Poly(x, x2, c4, c5, c6, c7), Poly(x, x2, c0, c1, c2, c3));

    /// <summary>|<paramref name="magnitude"/>| with the sign bit of <paramref name="sign"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector CopySign(TVector magnitude, TVector sign)
        => TLanes.Xor(TLanes.Abs(magnitude), TLanes.BitwiseAnd(sign, C(-0.0)));

    /// <summary>x clamped to [lo, hi]; NaN passes through (every comparison with NaN is false).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Clamp(TVector x, double lo, double hi)
    {
        x = TLanes.Select(TLanes.GreaterThan(x, C(hi)), C(hi), x);
        return TLanes.Select(TLanes.LessThan(x, C(lo)), C(lo), x);
    }
}
