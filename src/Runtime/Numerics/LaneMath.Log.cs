using System;
using System.Runtime.CompilerServices;

namespace Landscape.Numerics;

internal abstract partial class LaneMath<TLanes, TVector, TMask>
{
    // log(1 + u): with w = fl(1 + u) = 2^k·(1 + f), 1 + f ∈ [√2/2, √2), and c the rounding error of w (1 + u = w + c),
    //   log(1 + u) = k ln 2 + log(1 + f) + c/w   (to first order in c/w ≤ 2^−53).
    // log(1 + f) = 2 atanh(s) with s = f/(2 + f), |s| ≤ 3 − 2√2 ≈ 0.1716:
    //   log(1 + f) = 2s + s·R,  R = Σ_{n≥1} 2 s^(2n)/(2n + 1),
    // and since 2s = f − s·f and f²/2 − s·f = s·f²/2, with hf = f²/2:
    //   log(1 + f) = f − hf + s·(hf + R),
    // which keeps the leading term f exact and puts every rounding error into terms at most |f|/5 in size.

    private const long SqrtHalfBits = 0x3FE6A09E667F3BCD;        // bit pattern of √2/2 (rounded down)
    private const long OneBits = 0x3FF0000000000000;             // bit pattern of 1.0
    private const long MantissaMask = 0x000FFFFFFFFFFFFF;

    // ln 2 = Ln2HiShort + Ln2LoShort where Ln2HiShort has 41 significant bits, so k·Ln2HiShort is exact for |k| < 2^12.
    private const double Ln2HiShort = 0.6931471805598903;
    private const double Ln2LoShort = 5.497923018708371e-14;

    // R = Σ_{n=1}^{10} 2 z^n/(2n + 1), z = s²; the omitted terms are < 2·0.1716^22/23 < 1.3·10^−18, relative to log(1 + f) ≈ 2s
    // below 10^−17 even after multiplying by s.
    private const double Log2Over3 = 2.0 / 3;
    private const double Log2Over5 = 2.0 / 5;
    private const double Log2Over7 = 2.0 / 7;
    private const double Log2Over9 = 2.0 / 9;
    private const double Log2Over11 = 2.0 / 11;
    private const double Log2Over13 = 2.0 / 13;
    private const double Log2Over15 = 2.0 / 15;
    private const double Log2Over17 = 2.0 / 17;
    private const double Log2Over19 = 2.0 / 19;
    private const double Log2Over21 = 2.0 / 21;

    /// <summary>log(1 + u) for u ≥ −1 (−1 gives −∞, +∞ gives +∞), −0 for −0, NaN for NaN and u &lt; −1. Error ≲ 1 ulp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Log1p(TVector u)
    {
        TVector result = Log1pFinite(u);
        result = TLanes.Select(TLanes.Equal(u, C(0.0)), u, result);
        result = TLanes.Select(TLanes.Equal(u, C(double.PositiveInfinity)), u, result);
        result = TLanes.Select(TLanes.Equal(u, C(-1.0)), C(double.NegativeInfinity), result);
        return TLanes.Select(TLanes.LessThan(u, C(-1.0)), C(double.NaN), result);
    }

    /// <summary>log(1 + u) for finite u &gt; −1 and NaN (NaN propagates); other inputs give unspecified values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Log1pFinite(TVector u)
    {
        TVector w = Add(C(1.0), u);

        // Adding bits(1) − bits(√2/2) carries into the exponent field exactly when the significand of w is ≥ that of
        // √2, so the exponent field of wb is k + 1023 with w / 2^k ∈ [√2/2, √2).
        TVector wb = TLanes.IntegerAdd(w, OneBits - SqrtHalfBits);
        TVector k = Sub(TLanes.IntegerAdd(TLanes.ShiftRightLogical(wb, 52), ShifterBits - 1023), C(Shifter));
        // 1 + f = w / 2^k: the significand of wb re-based at √2/2 (undoes the offset added above).
        TVector m = TLanes.IntegerAdd(TLanes.BitwiseAnd(wb, C(BitConverter.Int64BitsToDouble(MantissaMask))), SqrtHalfBits);

        TMask kIsZero = TLanes.Equal(k, C(0.0));
        // For k = 0, 1 + u = 1 + f exactly with f = u. Otherwise f = m − 1 (exact, m ∈ [√2/2, √2]) and the rounding
        // error of w is c = u − (w − 1) for k ≤ 1 and c = 1 − (w − u) for k ≥ 2 (both exact: Fast2Sum with the larger
        // operand first; w − 1 and w − u are exact by Sterbenz's lemma).
        TVector f = TLanes.Select(kIsZero, u, Sub(m, C(1.0)));
        TVector c = TLanes.Select(TLanes.GreaterThanOrEqual(k, C(2.0)), Sub(C(1.0), Sub(w, u)), Sub(u, Sub(w, C(1.0))));
        TVector cOverW = TLanes.Select(kIsZero, C(0.0), Div(c, w));

        TVector s = Div(f, Add(C(2.0), f));
        TVector z = Mul(s, s);
        TVector z2 = Mul(z, z);
        TVector z4 = Mul(z2, z2);
        TVector r = Fma(
            Mul(z4, z4),
            Poly(z, Log2Over19, Log2Over21),
            Poly(z, z2, z4, Log2Over3, Log2Over5, Log2Over7, Log2Over9, Log2Over11, Log2Over13, Log2Over15, Log2Over17));
        r = Mul(r, z);

        TVector hf = Mul(Mul(C(0.5), f), f);
        // k ln 2 + (f − (hf − (s (hf + R) + (k·Ln2LoShort + c/w)))), smallest terms first.
        TVector small = Fma(s, Add(hf, r), Fma(k, C(Ln2LoShort), cOverW));
        return Fma(k, C(Ln2HiShort), Sub(f, Sub(hf, small)));
    }
}
