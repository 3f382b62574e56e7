using System.Runtime.CompilerServices;
using Landscape.Numerics;

namespace Landscape.Kernels;

/// <summary>σ(z) = tanh z; σ′ = 1 − σ² = sech² z; σ″ = −2σσ′.</summary>
/// <remarks>
/// One path for all |z| ≤ 345: with e = e^(−2|z|) = 2^k(1 + p) from a fitted polynomial p(r) on the reduced argument,
/// N = 1 − e and D = 1 + e are formed as exact double-doubles (no cancellation, N relatively accurate for tiny z), and
/// tanh|z| = N/D and σ′ = 4e/D² (not 1 − σ², which cancels as σ saturates) each come from one division's
/// double-double reciprocal and one final rounding. Above 345, σ = ±1 and σ′ = 4e. Errors against a 1200-bit
/// reference: σ below 1 ulp, σ′ below 1.5 ulp, σ″ below 3 ulp.
/// </remarks>
public readonly struct TanhActivation : ILaneActivation<TanhActivation>
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TVector ILaneActivation<TanhActivation>.Evaluate<TLanes, TVector, TMask>(TVector z, out TVector first, out TVector second)
        => Kernel<TLanes, TVector, TMask>.Evaluate(z, out first, out second);

    /// <summary>σ, σ′ and σ″ written once for every lane width.</summary>
    private sealed class Kernel<TLanes, TVector, TMask> : LaneMath<TLanes, TVector, TMask>
        where TLanes : struct, ILanes<TVector, TMask>
        where TVector : struct
    {
        // e^r − 1 = r + r²·S(r) for |r| ≤ ln 2 / 2, S(0) = 1/2: tools/derive_coefficients.py (TanhExpS), degree 10,
        // weighted by |r| so that for k = 0 (where N = 1 − e = −(e^r − 1) itself is the result's numerator) the error
        // is relative to e^r − 1: max |r·(S − (e^r − 1 − r)/r²)| = 2.7·10^−19 ≈ 2^−61.7 with these double coefficients.
        private const double S0 = 0.5;
        private const double S1 = 0.16666666666666677;
        private const double S2 = 0.04166666666666668;
        private const double S3 = 0.008333333333321454;
        private const double S4 = 0.0013888888888877455;
        private const double S5 = 0.00019841269886514685;
        private const double S6 = 2.480158734057197e-05;
        private const double S7 = 2.7557243862350308e-06;
        private const double S8 = 2.755725926471717e-07;
        private const double S9 = 2.5109145832168022e-08;
        private const double S10 = 2.091947673019757e-09;

        // Below this |z|, k ≥ −996, so 2^k·(1 + p) stays normal and the exponent arithmetic below is exact. Above it
        // tanh = ±1 and σ′ = 4e^(−2|z|)/(1 + e^(−2|z|))² = 4e^(−2|z|) in double precision (a separate, rarely taken
        // branch; σ′ turns subnormal above |z| ≈ 354.6).
        private const double HugeLimit = 345.0;

        // −1077 ln 2: below this, 4e^x < 2^−1075 and σ′ rounds to 0.
        private const double FourExpUnderflow = -1077 * 0.6931471805599453;

        // NoInlining: compiled as its own root, every lane helper inlines into it; inlined into an epilogue loop, the
        // helper tree would exceed the caller's inlining budget and leave calls. σ alone is this with σ′ and σ″
        // discarded (one call per vector). Measurements and the alternatives tried (AggressiveInlining, a shared
        // core, two vectors per call): bench/PROFILE.md, "Activation kernels".
        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static TVector Evaluate(TVector z, out TVector first, out TVector second)
        {
            // One path for every |z| ≤ HugeLimit, without a range split (pre-activations spread over a few units would
            // make most vectors pay for both branches). With a = |z| and e = e^(−2a):
            //   tanh a = N/D with N = 1 − e, D = 1 + e,  and  σ′ = 4e/D²,
            // where e = 2^k(1 + p)(1 + rl) is carried unevaluated as eh + el, so N and D come out as exact
            // double-doubles (no cancellation: for k = 0, 1 − eh is exact and N keeps its relative accuracy for tiny a).
            // One division gives 1/D = yh(1 + ρ) with ρ from the exact fma residual; tanh a and σ′ are then each one fma
            // that forms the leading product exactly and adds the small corrections, i.e. each is rounded once.
            // σ″ = −2σσ′.
            TVector a = TLanes.Abs(z);
            TVector x = Sub(Neg(a), a);                         // −2a, exact
            TVector t = Fma(a, -2.0 * InvLn2, Shifter);         // Shifter + k, k = round(x / ln 2) ≤ 0 (−2·InvLn2 is exact)
            TVector k = Sub(t, C(Shifter));

            // x − k ln 2 = r + rl: the fma is exact (as in ExpReduce) and rl = −k·Ln2Lo (|rl| < 2.3·10^−14, zero for
            // k = 0) enters as the factor e^rl = 1 + rl + O(rl²) on 1 + p below, instead of renormalizing r + rl.
            TVector r = Fma(k, C(-Ln2Hi), x);
            TVector rl = Mul(k, C(-Ln2Lo));

            // p = e^r − 1 = r + r²·S(r) as p + pLow (Fast2Sum; |r²S| ≤ |r|/5).
            TVector r2 = Mul(r, r);
            TVector r4 = Mul(r2, r2);
            TVector sPoly = Fma(
                Mul(r4, r4),
                Fma(r2, C(S10), Poly(r, S8, S9)),
                Poly(r, r2, r4, S0, S1, S2, S3, S4, S5, S6, S7));
            TVector tail = Mul(r2, sPoly);
            TVector p = Add(r, tail);
            TVector pLow = Add(Sub(r, p), tail);

            // e = 2^k·(1 + p)·(1 + rl) = eh + el: 1 + p = one + oneLow (Fast2Sum), eh = 2^k·one exactly, and
            // el = 2^k·(oneLow + one·rl) (|el| < 2.3·10^−14·eh; the neglected terms are below 2^−90·eh). 2^k comes from
            // the low bits of t (k ≥ −996 below HugeLimit, so 2^k·one is normal and the scaling exact).
            TVector one = Add(C(1.0), p);
            TVector oneLow = Add(Add(Sub(C(1.0), one), p), pLow);
            // −k·2^52 = (bits(Shifter) − bits(t)) << 52: subtracting it from the bit pattern of a normal double
            // multiplies by 2^k exactly (integer work, off the multiply ports).
            TVector minusKExponent = TLanes.ShiftLeft(TLanes.IntegerSubtract(C(Shifter), t), 52);
            TVector eh = TLanes.IntegerSubtract(one, minusKExponent);
            TVector el = Mul(TLanes.IntegerSubtract(C(1.0), minusKExponent), Fma(one, rl, oneLow));

            // D = 1 + e and N = 1 − e as exact double-doubles (Fast2Sum, eh ≤ 1). For k = 0 (a < 0.17), 1 − eh is
            // exact (Sterbenz) and N ≈ 2a keeps its relative accuracy however small a is.
            TVector dh = Add(C(1.0), eh);
            TVector dl = Add(Add(Sub(C(1.0), dh), eh), el);
            TVector nh = Sub(C(1.0), eh);
            TVector nl = Sub(Sub(Sub(C(1.0), nh), eh), el);

            // 1/D = yh·(1 + ρ) to second order, ρ = 1 − yh·D: 1 − yh·dh is exact (fma residual of a correctly rounded
            // reciprocal); the two parts are formed in parallel.
            TVector yh = Div(C(1.0), dh);
            TVector minusYh = Neg(yh);
            TVector rho = Add(Fma(minusYh, dh, C(1.0)), Mul(minusYh, dl));

            // tanh a = N/D = (nh + nl)·yh·(1 + ρ) = nh·yh + c, c = yh·(nl + (nh + nl)·ρ): the fma forms nh·yh exactly
            // and adds c, so tanh is rounded once (c is ≲ 10^−13·tanh and needs only a few correct bits).
            TVector value = Fma(nh, yh, Mul(yh, Fma(Add(nh, nl), rho, nl)));

            // σ′ = 4e/D² = e·(2yh)²·(1 + 2ρ) with (2yh)² = y2 + y2l exactly (fma): σ′ = eh·y2 + eh·(y2l + 2ρ·y2) + el·y2,
            // where the final fma forms eh·y2 exactly and adds the rest, so σ′ is rounded once.
            TVector yh2 = Add(yh, yh);
            TVector y2 = Mul(yh2, yh2);
            TVector y2l = Fma(yh2, yh2, Neg(y2));
            TVector derivative = Fma(eh, y2, Fma(eh, Fma(y2, Add(rho, rho), y2l), Mul(el, y2)));

            TMask huge = TLanes.GreaterThan(a, C(HugeLimit));
            if (TLanes.MayNeed(huge))
            {
                // tanh a = 1 and (1 + e)² = 1 in double precision, so σ′ = 4e: e = (1 + p)·scale1·scale2 from
                // ExpReduce (which clamps x, so a = ∞ gives 0), with the 4 folded into the normal scale1 so that the
                // only rounding besides that of the significand is the final (possibly subnormal) one.
                TVector pe = ExpReduce(x, out TVector peLow, out TVector scale1, out TVector scale2);
                TVector onePe = Add(C(1.0), pe);
                TVector onePeLow = Add(Add(Sub(C(1.0), onePe), pe), peLow);
                TVector fourE = Mul(Mul(Add(onePe, onePeLow), Mul(scale1, C(4.0))), scale2);
                // ExpReduce clamps x at −746, where 4e^x would still round up to 2^−1074; 4e^x < 2^−1075 (rounds to
                // 0) once x < −1077 ln 2.
                fourE = TLanes.Select(TLanes.LessThan(x, C(FourExpUnderflow)), C(0.0), fourE);
                value = TLanes.Select(huge, C(1.0), value);
                derivative = TLanes.Select(huge, fourE, derivative);
            }

            // σ = sign(z)·tanh a and σ″ = −sign(z)·2·tanh a·σ′ (2·tanh a exact), both signs applied last.
            TVector sign = TLanes.BitwiseAnd(z, C(-0.0));
            first = derivative;
            second = TLanes.Xor(Mul(Add(value, value), derivative), TLanes.Xor(sign, C(-0.0)));
            return TLanes.Xor(TLanes.Abs(value), sign);
        }
    }
}
