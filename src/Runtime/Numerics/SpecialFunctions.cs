using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Landscape.Numerics;

/// <summary>
/// Special functions missing from <see cref="System.Math"/>, in double precision, as scalars and as
/// <see cref="Vector256{T}"/>/<see cref="Vector512{T}"/> lanes. The vector overloads run the same operations as the
/// scalar ones lane by lane, so they return bit-identical results.
/// </summary>
/// <remarks>
/// The methods are not inlined on purpose: each is its own JIT compilation root, inside which all of the lane
/// arithmetic is inlined (inlined into a caller's loop, it could exceed that caller's inlining budget).
/// </remarks>
public static class SpecialFunctions
{
    /// <summary>Computes erf x = (2/√π) ∫₀ˣ e^(−t²) dt.</summary>
    /// <remarks>Error below 1 ulp against a 1200-bit reference; erf(±0) = ±0, erf(±∞) = ±1, erf(NaN) = NaN.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double Erf(double x) => LaneMath<ScalarLanes, double, bool>.Erf(x);

    /// <summary>Computes erf x = (2/√π) ∫₀ˣ e^(−t²) dt in each lane.</summary>
    /// <remarks>
    /// Error below 1 ulp against a 1200-bit reference; erf(±0) = ±0, erf(±∞) = ±1, erf(NaN) = NaN. Every lane equals
    /// the scalar overload's result for that element, bit for bit.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector256<double> Erf(Vector256<double> x) => LaneMath<Vector256Lanes, Vector256<double>, Vector256<double>>.Erf(x);

    /// <summary>Computes erf x = (2/√π) ∫₀ˣ e^(−t²) dt in each lane.</summary>
    /// <remarks>
    /// Error below 1 ulp against a 1200-bit reference; erf(±0) = ±0, erf(±∞) = ±1, erf(NaN) = NaN. Every lane equals
    /// the scalar overload's result for that element, bit for bit.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<double> Erf(Vector512<double> x) => LaneMath<Vector512Lanes, Vector512<double>, Vector512<double>>.Erf(x);

    /// <summary>Computes erfc x = 1 − erf x.</summary>
    /// <remarks>
    /// Computed without cancellation, so the relative error stays below 2 ulp also in the upper tail, where erfc x is
    /// tiny (subnormal beyond x ≈ 26.5, 0 beyond x ≈ 27.3); erfc(−∞) = 2, erfc(+∞) = 0, erfc(NaN) = NaN.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double Erfc(double x) => LaneMath<ScalarLanes, double, bool>.Erfc(x);

    /// <summary>Computes erfc x = 1 − erf x in each lane.</summary>
    /// <remarks>
    /// Computed without cancellation, so the relative error stays below 2 ulp also in the upper tail, where erfc x is
    /// tiny (subnormal beyond x ≈ 26.5, 0 beyond x ≈ 27.3); erfc(−∞) = 2, erfc(+∞) = 0, erfc(NaN) = NaN. Every lane
    /// equals the scalar overload's result for that element, bit for bit.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector256<double> Erfc(Vector256<double> x) => LaneMath<Vector256Lanes, Vector256<double>, Vector256<double>>.Erfc(x);

    /// <summary>Computes erfc x = 1 − erf x in each lane.</summary>
    /// <remarks>
    /// Computed without cancellation, so the relative error stays below 2 ulp also in the upper tail, where erfc x is
    /// tiny (subnormal beyond x ≈ 26.5, 0 beyond x ≈ 27.3); erfc(−∞) = 2, erfc(+∞) = 0, erfc(NaN) = NaN. Every lane
    /// equals the scalar overload's result for that element, bit for bit.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<double> Erfc(Vector512<double> x) => LaneMath<Vector512Lanes, Vector512<double>, Vector512<double>>.Erfc(x);

    /// <summary>Computes Φ(z) = ½ erfc(−z/√2), the standard normal distribution function.</summary>
    /// <remarks>
    /// Relative error below 2 ulp also in the lower tail, where the argument −z/√2 is carried in double-double
    /// precision (Φ is subnormal below z ≈ −37.5 and 0 below z ≈ −38.5); Φ(−∞) = 0, Φ(+∞) = 1, Φ(NaN) = NaN.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double NormalCdf(double z) => LaneMath<ScalarLanes, double, bool>.NormalCdf(z, out _);

    /// <summary>Computes Φ(z) = ½ erfc(−z/√2), the standard normal distribution function in each lane.</summary>
    /// <remarks>
    /// Relative error below 2 ulp also in the lower tail, where the argument −z/√2 is carried in double-double
    /// precision (Φ is subnormal below z ≈ −37.5 and 0 below z ≈ −38.5); Φ(−∞) = 0, Φ(+∞) = 1, Φ(NaN) = NaN. Every lane
    /// equals the scalar overload's result for that element, bit for bit.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector256<double> NormalCdf(Vector256<double> z) => LaneMath<Vector256Lanes, Vector256<double>, Vector256<double>>.NormalCdf(z, out _);

    /// <summary>Computes Φ(z) = ½ erfc(−z/√2), the standard normal distribution function in each lane.</summary>
    /// <remarks>
    /// Relative error below 2 ulp also in the lower tail, where the argument −z/√2 is carried in double-double
    /// precision (Φ is subnormal below z ≈ −37.5 and 0 below z ≈ −38.5); Φ(−∞) = 0, Φ(+∞) = 1, Φ(NaN) = NaN. Every lane
    /// equals the scalar overload's result for that element, bit for bit.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<double> NormalCdf(Vector512<double> z) => LaneMath<Vector512Lanes, Vector512<double>, Vector512<double>>.NormalCdf(z, out _);

    /// <summary>Computes eˣ − 1.</summary>
    /// <remarks>
    /// Accurate also for small |x|, where eˣ − 1 cancels: error below 1 ulp; expm1(−0) = −0, expm1(−∞) = −1, +∞ above x
    /// ≈ 709.78, NaN for NaN.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double Expm1(double x) => LaneMath<ScalarLanes, double, bool>.Expm1(x);

    /// <summary>Computes eˣ − 1 in each lane.</summary>
    /// <remarks>
    /// Accurate also for small |x|, where eˣ − 1 cancels: error below 1 ulp; expm1(−0) = −0, expm1(−∞) = −1, +∞ above x
    /// ≈ 709.78, NaN for NaN. Every lane equals the scalar overload's result for that element, bit for bit.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector256<double> Expm1(Vector256<double> x) => LaneMath<Vector256Lanes, Vector256<double>, Vector256<double>>.Expm1(x);

    /// <summary>Computes eˣ − 1 in each lane.</summary>
    /// <remarks>
    /// Accurate also for small |x|, where eˣ − 1 cancels: error below 1 ulp; expm1(−0) = −0, expm1(−∞) = −1, +∞ above x
    /// ≈ 709.78, NaN for NaN. Every lane equals the scalar overload's result for that element, bit for bit.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<double> Expm1(Vector512<double> x) => LaneMath<Vector512Lanes, Vector512<double>, Vector512<double>>.Expm1(x);

    /// <summary>Computes log(1 + x).</summary>
    /// <remarks>
    /// Accurate also for small |x|: error below 1 ulp; log1p(−0) = −0, log1p(−1) = −∞, log1p(+∞) = +∞, NaN for x &lt;
    /// −1 and for NaN.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double Log1p(double x) => LaneMath<ScalarLanes, double, bool>.Log1p(x);

    /// <summary>Computes log(1 + x) in each lane.</summary>
    /// <remarks>
    /// Accurate also for small |x|: error below 1 ulp; log1p(−0) = −0, log1p(−1) = −∞, log1p(+∞) = +∞, NaN for x &lt;
    /// −1 and for NaN. Every lane equals the scalar overload's result for that element, bit for bit.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector256<double> Log1p(Vector256<double> x) => LaneMath<Vector256Lanes, Vector256<double>, Vector256<double>>.Log1p(x);

    /// <summary>Computes log(1 + x) in each lane.</summary>
    /// <remarks>
    /// Accurate also for small |x|: error below 1 ulp; log1p(−0) = −0, log1p(−1) = −∞, log1p(+∞) = +∞, NaN for x &lt;
    /// −1 and for NaN. Every lane equals the scalar overload's result for that element, bit for bit.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<double> Log1p(Vector512<double> x) => LaneMath<Vector512Lanes, Vector512<double>, Vector512<double>>.Log1p(x);
}
