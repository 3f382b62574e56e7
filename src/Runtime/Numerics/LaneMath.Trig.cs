using System;
using System.Runtime.CompilerServices;

namespace Landscape.Numerics;

internal abstract partial class LaneMath<TLanes, TVector, TMask>
{
    // sin and cos: x = n·π/2 + r, n = round(2x/π), |r| ≤ π/4; then by n mod 4 the results are ±sin r or ±cos r.
    // π/2 = PiOver2Part1 + PiOver2Part2 + PiOver2Part3 + O(10^−49) (each part is the previous remainder rounded to double).
    private const double TwoOverPi = 0.6366197723675814;
    private const double PiOver2Part1 = 1.5707963267948966;
    private const double PiOver2Part2 = 6.123233995736766e-17;
    private const double PiOver2Part3 = -1.4973849048591698e-33;

    // Above this magnitude the three-part reduction would lose accuracy; those (rare) lanes use Math.Sin/Math.Cos,
    // which reduce exactly. Below it, n < 2^28 and the neglected part of π/2 contributes < 10^−40.
    private const double TrigReductionLimit = 268435456.0;   // 2^28

    // sin r = r + r³ Σ_{i=0}^{7} (−1)^(i+1) z^i/(2i+3)!, z = r²; the next term r^19/19! < 10^−19 for |r| ≤ π/4.
    private const double Sin3 = -1.0 / 6;
    private const double Sin5 = 1.0 / 120;
    private const double Sin7 = -1.0 / 5040;
    private const double Sin9 = 1.0 / 362880;
    private const double Sin11 = -1.0 / 39916800;
    private const double Sin13 = 1.0 / 6227020800;
    private const double Sin15 = -1.0 / 1307674368000;
    private const double Sin17 = 1.0 / 355687428096000;

    // cos r = 1 − z/2 + z² Σ_{i=0}^{7} (−1)^i z^i/(2i+4)!; the next term r^20/20! < 4·10^−21 for |r| ≤ π/4.
    private const double Cos4 = 1.0 / 24;
    private const double Cos6 = -1.0 / 720;
    private const double Cos8 = 1.0 / 40320;
    private const double Cos10 = -1.0 / 3628800;
    private const double Cos12 = 1.0 / 479001600;
    private const double Cos14 = -1.0 / 87178291200;
    private const double Cos16 = 1.0 / 20922789888000;
    private const double Cos18 = -1.0 / 6402373705728000;

    /// <summary>Returns sin x and sets <paramref name="cos"/> to cos x (error ≲ 1 ulp); ±0 ↦ (±0, 1); ±∞ and NaN ↦ NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector SinCos(TVector x, out TVector cos)
    {
        TVector t = Fma(x, TwoOverPi, Shifter);      // Shifter + n
        TVector n = Sub(t, C(Shifter));

        // r = x − n·π/2 as a double-double rh + rl. The fma makes x − n·PiOver2Part1 exact (a multiple of 2^−53
        // below 1 in magnitude); the remaining parts are subtracted with their rounding errors tracked (TwoProduct, TwoSum).
        TVector r1 = Fma(Neg(n), C(PiOver2Part1), x);
        TVector b = Mul(n, C(PiOver2Part2));
        TVector bLow = Add(Fma(n, C(PiOver2Part2), Neg(b)), Mul(n, C(PiOver2Part3)));
        TVector rh = Sub(r1, b);
        TVector bb = Sub(rh, r1);
        TVector rl = Sub(Sub(Sub(r1, Sub(rh, bb)), Add(b, bb)), bLow);

        TVector z = Mul(rh, rh);
        TVector zLow = Fma(rh, rh, Neg(z));

        // sin(rh + rl) ≈ sin rh + rl·cos rh ≈ rh + (rh·z·S(z) + rl·(1 − z/2)).
        TVector z2 = Mul(z, z);
        TVector z4 = Mul(z2, z2);
        TVector sPoly = Poly(z, z2, z4, Sin3, Sin5, Sin7, Sin9, Sin11, Sin13, Sin15, Sin17);
        TVector sinR = Add(rh, Fma(Mul(rh, z), sPoly, Mul(rl, Fma(z, -0.5, 1.0))));

        // cos(rh + rl) ≈ cos rh − rl·rh, with cos rh = 1 − (z + zLow)/2 + z²·C(z). w = fl(1 − z/2) and its exact
        // rounding error (1 − w) − z/2 are kept separately, so the leading sum is effectively exact.
        TVector cPoly = Poly(z, z2, z4, Cos4, Cos6, Cos8, Cos10, Cos12, Cos14, Cos16, Cos18);
        TVector hz = Mul(C(0.5), z);
        TVector w = Sub(C(1.0), hz);
        TVector tail = Add(Sub(Sub(Sub(C(1.0), w), hz), Mul(C(0.5), zLow)), Fma(z2, cPoly, Neg(Mul(rh, rl))));
        TVector cosR = Add(w, tail);

        // n mod 4 = 0: (s, c); 1: (c, −s); 2: (−s, −c); 3: (−c, s). Bit 0 of n swaps, bit 1 of n (of n + 1) negates sin (cos).
        TMask odd = TLanes.TestBits(t, 1);
        TVector sinX = TLanes.Select(odd, cosR, sinR);
        TVector cosX = TLanes.Select(odd, sinR, cosR);
        TVector signBit = C(-0.0);
        sinX = TLanes.Xor(sinX, TLanes.BitwiseAnd(TLanes.ShiftLeft(t, 62), signBit));
        cosX = TLanes.Xor(cosX, TLanes.BitwiseAnd(TLanes.ShiftLeft(TLanes.IntegerAdd(t, 1), 62), signBit));
        sinX = TLanes.Select(TLanes.Equal(x, C(0.0)), x, sinX);      // sin(±0) = ±0

        TMask huge = TLanes.GreaterThan(TLanes.Abs(x), C(TrigReductionLimit));
        if (TLanes.Any(huge))
        {
            sinX = TLanes.ApplyWhere<SinFunction>(huge, x, sinX);
            cosX = TLanes.ApplyWhere<CosFunction>(huge, x, cosX);
        }
        cos = cosX;
        return sinX;
    }

    /// <summary>sin x for the per-lane fallback.</summary>
    private readonly struct SinFunction : IScalarFunction
    {
        public static double Invoke(double x) => Math.Sin(x);
    }

    /// <summary>cos x for the per-lane fallback.</summary>
    private readonly struct CosFunction : IScalarFunction
    {
        public static double Invoke(double x) => Math.Cos(x);
    }
}
