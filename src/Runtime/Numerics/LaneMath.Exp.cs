using System.Runtime.CompilerServices;

namespace Landscape.Numerics;

internal abstract partial class LaneMath<TLanes, TVector, TMask>
{
    // e^x = 2^k · e^r with k = round(x / ln 2) and r = x − k ln 2, |r| ≤ ln 2 / 2 (plus the rounding of x / ln 2).

    /// <summary>1.5 · 2^52: for |y| &lt; 2^51, fl(y + Shifter) − Shifter is y rounded to an integer, and the low bits of fl(y + Shifter) hold that integer.</summary>
    internal const double Shifter = 6755399441055744.0;

    /// <summary>The bit pattern of <see cref="Shifter"/>: bits(Shifter + k) − ShifterBits = k for |k| &lt; 2^51.</summary>
    internal const long ShifterBits = 0x4338000000000000;

    internal const double InvLn2 = 1.4426950408889634;      // 1 / ln 2
    internal const double Ln2Hi = 0.6931471805599453;        // ln 2 rounded to double
    internal const double Ln2Lo = 2.3190468138462996e-17;    // ln 2 − Ln2Hi rounded to double

    // Arguments are clamped to [ExpMinArgument, ExpMaxArgument] so that k ∈ [−1076, 1024]; the clamped values still
    // overflow to +∞ (e^710 > double.MaxValue, as e^x does for x > ln(double.MaxValue) ≈ 709.78) or round to 0
    // (e^−746 < 2^−1075, as e^x does for x < ln(2^−1075) ≈ −745.13).
    private const double ExpMaxArgument = 710.0;
    private const double ExpMinArgument = -746.0;

    // Above this, k = 1024 is possible and 2^k overflows on its own; there e^x − 1 = e^x in double precision.
    private const double Expm1LargeArgument = 709.0;

    // Taylor coefficients 1/n! (n! is exact in double for n ≤ 18, so each quotient is correctly rounded).
    private const double InvFactorial2 = 1.0 / 2;
    private const double InvFactorial3 = 1.0 / 6;
    private const double InvFactorial4 = 1.0 / 24;
    private const double InvFactorial5 = 1.0 / 120;
    private const double InvFactorial6 = 1.0 / 720;
    private const double InvFactorial7 = 1.0 / 5040;
    private const double InvFactorial8 = 1.0 / 40320;
    private const double InvFactorial9 = 1.0 / 362880;
    private const double InvFactorial10 = 1.0 / 3628800;
    private const double InvFactorial11 = 1.0 / 39916800;
    private const double InvFactorial12 = 1.0 / 479001600;
    private const double InvFactorial13 = 1.0 / 6227020800;

    /// <summary>
    /// Range reduction shared by e^x and e^x − 1: returns p = e^r − 1 as a double-double
    /// (<paramref name="pLow"/> ≤ ulp(p)/2) and two powers of two with e^x = (1 + p) · scale1 · scale2; each scale is a
    /// normal number, so their product is exact whenever 2^k is representable.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector ExpReduce(TVector x, out TVector pLow, out TVector scale1, out TVector scale2)
    {
        x = Clamp(x, ExpMinArgument, ExpMaxArgument);
        TVector t = Fma(x, InvLn2, Shifter);    // Shifter + k
        TVector k = Sub(t, C(Shifter));

        // r = x − k ln 2 = rh + rl. The fma computes x − k·Ln2Hi exactly before rounding, and that difference is a
        // multiple of 2^−54 smaller than 1/2 in magnitude, so r1 is exact; subtracting k·Ln2Lo (|k·Ln2Lo| < 2.5·10^−14)
        // keeps its rounding error in rl (Fast2Sum).
        TVector r1 = Fma(Neg(k), C(Ln2Hi), x);
        TVector c = Mul(k, C(Ln2Lo));
        TVector rh = Sub(r1, c);
        TVector rl = Sub(Sub(r1, rh), c);

        // e^r − 1 = rh + rh² Σ_{n=2}^{13} rh^(n−2)/n! + rl·(1 + rh) + O(rl·rh²); the Taylor remainder
        // rh^14/14! < 5·10^−18 for |rh| ≤ 0.35.
        TVector r2 = Mul(rh, rh);
        TVector r4 = Mul(r2, r2);
        TVector q = Fma(
            Mul(r4, r4),
            Poly(rh, r2, InvFactorial10, InvFactorial11, InvFactorial12, InvFactorial13),
            Poly(rh, r2, r4, InvFactorial2, InvFactorial3, InvFactorial4, InvFactorial5, InvFactorial6, InvFactorial7, InvFactorial8, InvFactorial9));
        TVector tail = Fma(r2, q, Fma(rl, rh, rl));
        TVector p = Add(rh, tail);
        pLow = Add(Sub(rh, p), tail);            // Fast2Sum: |tail| ≤ |rh|/5

        // 2^k = 2^k1 · 2^k2 with k2 = floor(k/2) and k1 = k − k2, both in [−538, 512]. With j = k + 2048 ≥ 0 (integer
        // arithmetic on the bit pattern of t): k2 + 1024 = j >>> 1 and k1 + 1024 = j − (j >>> 1); the biased exponent
        // of 2^m is m + 1023, placed in bits 52..62.
        TVector j = TLanes.IntegerAdd(t, 2048 - ShifterBits);
        TVector half = TLanes.ShiftRightLogical(j, 1);
        scale2 = TLanes.ShiftLeft(TLanes.IntegerAdd(half, -1), 52);
        scale1 = TLanes.ShiftLeft(TLanes.IntegerAdd(TLanes.IntegerSubtract(j, half), -1), 52);
        return p;
    }

    /// <summary>(1 + p + pLow)·scale1·scale2 with one rounding of the significand: 1 + p is split exactly (Fast2Sum) and the tails are added last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector ExpScale(TVector p, TVector pLow, TVector scale1, TVector scale2)
    {
        TVector one = Add(C(1.0), p);
        TVector oneLow = Add(Sub(C(1.0), one), p);
        // scale1 is normal and a power of two, so the only rounding is that of the sum; multiplying by scale2 is exact
        // unless the result is subnormal.
        return Mul(Mul(Add(one, Add(oneLow, pLow)), scale1), scale2);
    }

    /// <summary>
    /// e^x as a double-double: returns e^x as <see cref="Exp(TVector)"/> does (the same bits) and sets <paramref name="low"/> to
    /// the rounding error of that result (to about 2^−100 relative), for x where e^x is normal.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Exp(TVector x, out TVector low)
    {
        TVector p = ExpReduce(x, out TVector pLow, out TVector scale1, out TVector scale2);
        TVector one = Add(C(1.0), p);
        TVector small = Add(Add(Sub(C(1.0), one), p), pLow);
        TVector sum = Add(one, small);
        low = Mul(Mul(Add(Sub(one, sum), small), scale1), scale2);      // Fast2Sum: |small| < |one|
        return Mul(Mul(sum, scale1), scale2);
    }

    /// <summary>e^x (error below 0.75 ulp); +∞ above ≈ 709.78, 0 below ≈ −745.13 (subnormal results in between), NaN for NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Exp(TVector x)
    {
        TVector p = ExpReduce(x, out TVector pLow, out TVector scale1, out TVector scale2);
        return ExpScale(p, pLow, scale1, scale2);
    }

    /// <summary>e^x − 1, accurate near 0 (error below 0.75 ulp); −0 for −0, −1 for −∞, +∞ above ≈ 709.78, NaN for NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Expm1(TVector x)
    {
        TVector e = ExpAndExpm1(x, out TVector m);
        return TLanes.Select(TLanes.GreaterThan(x, C(Expm1LargeArgument)), e, m);
    }

    /// <summary>Returns e^x and sets <paramref name="expm1"/> to e^x − 1 from one range reduction (valid for x ≤ 709; see <see cref="Expm1"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector ExpAndExpm1(TVector x, out TVector expm1)
    {
        TVector p = ExpReduce(x, out TVector pLow, out TVector scale1, out TVector scale2);
        // e^x − 1 = 2^k·p + (2^k − 1) + 2^k·pLow. With s = 2^k (exact for k ≤ 1023; 0 or subnormal below 2^−1022, where
        // e^x − 1 = −1 anyway) the first two terms are exact doubles, summed exactly by TwoSum; the rounding errors
        // and the tail are added before the single final rounding.
        TVector s = Mul(scale1, scale2);
        TVector a = Mul(s, p);
        TVector b = Sub(s, C(1.0));
        TVector sum = Add(a, b);
        TVector bb = Sub(sum, a);
        TVector error = Add(Sub(a, Sub(sum, bb)), Sub(b, bb));
        TVector m = Add(sum, Fma(s, pLow, error));
        expm1 = TLanes.Select(TLanes.Equal(x, C(0.0)), x, m);    // keeps the sign of zero
        return ExpScale(p, pLow, scale1, scale2);
    }
}
