using System.Runtime.CompilerServices;

namespace Landscape.Numerics;

internal abstract partial class LaneMath<TLanes, TVector, TMask>
{
    // erf and erfc on a = |x|, in three regions (the structure of the classic Sun fdlibm s_erf.c / Cody approximations;
    // the polynomials here are our own fits, derived by tools/derive_coefficients.py: weighted least squares on Chebyshev
    // points in 60-digit arithmetic, coefficients rounded to double one at a time with the remaining ones refitted).
    //   A  a < 0.84375:       erf a = a + a·yA(a²),  yA(w) = erf(√w)/√w − 1                 (fit error < 1.3·10^−17 absolute in yA)
    //   B  0.84375 ≤ a < 1.25: erf a = E1 + RB(a − 1), E1 = erf(1) rounded to 24 bits      (fit error < 1.7·10^−18 relative to erfc a)
    //   C  a ≥ 1.25:           erfc a = e^(−a²)·t·G(t), t = 1/a, G(t) = a·e^(a²)·erfc a   (fit error < 1.5·10^−17 relative)
    //      with G fitted on t ∈ [0.4, 0.8] (C1, a < 2.5) and on t ∈ [1/28, 0.4] (C2).
    // erfc a < 2^−1074 for a > 27.3, so arguments are clamped to 28 (where e^(−a²) is already 0).
    private const double ErfRegionB = 0.84375;
    private const double ErfRegionC = 1.25;
    private const double ErfRegionC2 = 2.5;
    private const double ErfArgumentLimit = 28.0;
    private const double ErfOneSingle = 0.8427007794380188;       // erf(1) rounded to 24 bits: 1 ± ErfOneSingle are exact
    private const double ErfcOneSingle = 0.1572992205619812;      // 1 − ErfOneSingle (exact)
    private const double ErfcC1Centre = 0.6;
    private const double ErfcC2Centre = 0.21785714285714286;      // (1/28 + 0.4)/2

    // yA(w), degree 11 in w = a²; yA(0) = 2/√π − 1 = ErfA0 + ErfA0Low.
    private const double ErfA0Low = -1.2420116002463032e-17;
    private const double ErfA0 = 0.1283791670955126;
    private const double ErfA1 = -0.3761263890318375;
    private const double ErfA2 = 0.11283791670954794;
    private const double ErfA3 = -0.026866170645039187;
    private const double ErfA4 = 0.005223977624155846;
    private const double ErfA5 = -0.0008548326918497575;
    private const double ErfA6 = 0.00012055327576264408;
    private const double ErfA7 = -1.492546728935438e-05;
    private const double ErfA8 = 1.6457972647456058e-06;
    private const double ErfA9 = -1.630366957905114e-07;
    private const double ErfA10 = 1.4208824386612233e-08;
    private const double ErfA11 = -8.88760019866595e-10;

    // RB(s) = erf(1 + s) − ErfOneSingle, degree 14 in s = a − 1 ∈ [−0.15625, 0.25].
    private const double ErfB0 = 1.3511696070497865e-08;
    private const double ErfB1 = 0.4151074974205947;
    private const double ErfB2 = -0.4151074974205947;
    private const double ErfB3 = 0.13836916580685718;
    private const double ErfB4 = 0.069184582903454;
    private const double ErfB5 = -0.0691845829020549;
    private const double ErfB6 = 0.004612305521309107;
    private const double ErfB7 = 0.015154718051084693;
    private const double ErfB8 = -0.004777030153940841;
    private const double ErfB9 = -0.0018851844781036682;
    private const double ErfB10 = 0.0012262609218145868;
    private const double ErfB11 = 8.54771265443148e-05;
    private const double ErfB12 = -0.00019950752555526326;
    private const double ErfB13 = 1.8387749263823696e-05;
    private const double ErfB14 = 2.0072415297953128e-05;

    // G(t), degree 17 in v = t − 0.6, t ∈ [0.4, 0.8].
    private const double ErfcC10 = 0.49381246228201886;
    private const double ErfcC11 = -0.17138075875024034;
    private const double ErfcC12 = -0.007002649624072605;
    private const double ErfcC13 = 0.08021881214425332;
    private const double ErfcC14 = -0.08431841702447959;
    private const double ErfcC15 = 0.05075075413154115;
    private const double ErfcC16 = -0.004958640673356146;
    private const double ErfcC17 = -0.03454446266971337;
    private const double ErfcC18 = 0.056527961440384425;
    private const double ErfcC19 = -0.056781399023033086;
    private const double ErfcC110 = 0.037237529566514285;
    private const double ErfcC111 = -0.00455865330567436;
    private const double ErfcC112 = -0.03163848562878225;
    private const double ErfcC113 = 0.061241913273017305;
    private const double ErfcC114 = -0.07714265926048018;
    private const double ErfcC115 = 0.07033039752365329;
    private const double ErfcC116 = -0.02022642205434214;
    private const double ErfcC117 = -0.03518300303075098;

    // G(t), degree 21 in v = t − ErfcC2Centre, t ∈ [1/28, 0.4].
    private const double ErfcC20 = 0.5516565357082848;
    private const double ErfcC21 = -0.10797810865046197;
    private const double ErfcC22 = -0.18903041045228103;
    private const double ErfcC23 = 0.22003079695899153;
    private const double ErfcC24 = 0.022176068383182625;
    private const double ErfcC25 = -0.35264796709900315;
    private const double ErfcC26 = 0.40832664727743;
    private const double ErfcC27 = 0.142380544757016;
    private const double ErfcC28 = -1.1687598774729504;
    private const double ErfcC29 = 1.6396800440426074;
    private const double ErfcC210 = 0.2202393380409894;
    private const double ErfcC211 = -5.31613217798111;
    private const double ErfcC212 = 10.304126323902304;
    private const double ErfcC213 = -4.560759314693792;
    private const double ErfcC214 = -25.806290352842385;
    private const double ErfcC215 = 78.70481751794343;
    private const double ErfcC216 = -102.25153584120456;
    private const double ErfcC217 = -78.50715916875315;
    private const double ErfcC218 = 796.7575193708458;
    private const double ErfcC219 = -1361.5483412553585;
    private const double ErfcC220 = -1558.350404440827;
    private const double ErfcC221 = 5429.63962916472;

    /// <summary>
    /// erfc(a) for a = <paramref name="aHigh"/> + <paramref name="aLow"/> ≥ 0 (|aLow| ≤ ulp(aHigh), aHigh ≤ 28), given
    /// a² = h + <paramref name="squareLow"/> (|squareLow| ≤ ulp(h)) and <paramref name="expMinusHigh"/> = e^(−h) in every
    /// lane with aHigh ≥ 1.25; also sets <paramref name="erf"/> = erf(a). NaN lanes give NaN in both.
    /// </summary>
    /// <remarks>
    /// Not inlined on purpose: as its own JIT compilation root, all of its lane helpers are inlined; inlined into a
    /// caller that also inlines e^x, the helpers would exceed the caller's inlining budget and remain calls.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static TVector ErfcCore(TVector aHigh, TVector aLow, TVector expMinusHigh, TVector squareLow, out TVector erf)
    {
        TMask inA = TLanes.LessThan(aHigh, C(ErfRegionB));
        TMask belowC = TLanes.LessThan(aHigh, C(ErfRegionC));
        TMask inC1 = TLanes.And(TLanes.GreaterThanOrEqual(aHigh, C(ErfRegionC)), TLanes.LessThan(aHigh, C(ErfRegionC2)));
        TMask inC2 = TLanes.Or(TLanes.GreaterThanOrEqual(aHigh, C(ErfRegionC2)), TLanes.IsNaN(aHigh));
        TVector erfc = C(0.0);
        erf = C(0.0);

        if (TLanes.MayNeed(inA))
        {
            TVector w = Mul(aHigh, aHigh);
            TVector w2 = Mul(w, w);
            TVector w4 = Mul(w2, w2);
            TVector q = Fma(
                Mul(w4, w4),
                Fma(w2, C(ErfA11), Poly(w, ErfA9, ErfA10)),
                Poly(w, w2, w4, ErfA1, ErfA2, ErfA3, ErfA4, ErfA5, ErfA6, ErfA7, ErfA8));     // y = ErfA0 + w·q(w)
            TVector y = Fma(q, w, C(ErfA0));
            // a² = w + wLow (rounding error of w by fma, plus 2·aHigh·aLow). y(a²) = y(w) + wLow·y′(w) to first order,
            // y′ = q + w·q′ with q′ ≈ ErfA2 + 2·ErfA3·w (the omitted terms change y′ by < 1%). Without this, the rounding
            // of w alone costs up to 2.5 ulp in erfc near a = 0.84, where erfc a ≈ 0.23 is much smaller than erf a.
            TVector wLow = Fma(Add(aHigh, aHigh), aLow, Fma(aHigh, aHigh, Neg(w)));
            TVector yPrime = Fma(w, Fma(w, C(2 * ErfA3), C(ErfA2)), q);
            // a·y(a²) + aLow: the small part of erf a = a + a·y (with the rounding error of y(0) = ErfA0 added back).
            TVector small = Fma(aHigh, y, Fma(aHigh, Fma(yPrime, wLow, C(ErfA0Low)), aLow));
            TVector erfA = Add(aHigh, small);
            // erfc a = (1 − a) − small, with 1 − a split exactly into d + dl (Fast2Sum, 1 ≥ a), so the result is
            // rounded once: d + (dl − small).
            TVector d = Sub(C(1.0), aHigh);
            TVector dl = Sub(Sub(C(1.0), d), aHigh);
            TVector erfcA = Add(d, Sub(dl, small));
            erf = TLanes.Select(inA, erfA, erf);
            erfc = TLanes.Select(inA, erfcA, erfc);
        }

        TMask inB = TLanes.And(belowC, TLanes.GreaterThanOrEqual(aHigh, C(ErfRegionB)));
        if (TLanes.MayNeed(inB))
        {
            TVector s = Add(Sub(aHigh, C(1.0)), aLow);     // aHigh − 1 is exact (Sterbenz)
            TVector s2 = Mul(s, s);
            TVector s4 = Mul(s2, s2);
            TVector r = Fma(
                Mul(s4, s4),
                Fma(s4, Fma(s2, C(ErfB14), Poly(s, ErfB12, ErfB13)), Poly(s, s2, ErfB8, ErfB9, ErfB10, ErfB11)),
                Poly(s, s2, s4, ErfB0, ErfB1, ErfB2, ErfB3, ErfB4, ErfB5, ErfB6, ErfB7));
            erf = TLanes.Select(inB, Add(C(ErfOneSingle), r), erf);
            erfc = TLanes.Select(inB, Sub(C(ErfcOneSingle), r), erfc);
        }

        TMask inC = TLanes.Or(inC1, inC2);
        if (TLanes.MayNeed(inC))
        {
            // t = 1/(aHigh + aLow) = t0 + tLow to first order, with the division's residual 1 − t0·aHigh exact (fma).
            TVector t0 = Div(C(1.0), aHigh);
            TVector tLow = Mul(Sub(Fma(Neg(t0), aHigh, C(1.0)), Mul(aLow, t0)), t0);
            TVector g = C(0.0);          // G = c0 + v·g, with c0 and v of the lane's piece
            TVector c0 = C(0.0);
            TVector vPiece = C(0.0);
            if (TLanes.MayNeed(inC1))
            {
                TVector v = Add(Sub(t0, C(ErfcC1Centre)), tLow);
                TVector v2 = Mul(v, v);
                TVector v4 = Mul(v2, v2);
                TVector v8 = Mul(v4, v4);
                TVector g1 = Fma(
                    v8,
                    Fma(v8, C(ErfcC117), Poly(v, v2, v4, ErfcC19, ErfcC110, ErfcC111, ErfcC112, ErfcC113, ErfcC114, ErfcC115, ErfcC116)),
                    Poly(v, v2, v4, ErfcC11, ErfcC12, ErfcC13, ErfcC14, ErfcC15, ErfcC16, ErfcC17, ErfcC18));
                g = TLanes.Select(inC1, g1, g);
                c0 = TLanes.Select(inC1, C(ErfcC10), c0);
                vPiece = TLanes.Select(inC1, v, vPiece);
            }

            if (TLanes.Any(inC2))
            {
                TVector v = Add(Sub(t0, C(ErfcC2Centre)), tLow);
                TVector v2 = Mul(v, v);
                TVector v4 = Mul(v2, v2);
                TVector v8 = Mul(v4, v4);
                TVector high = Fma(v4, C(ErfcC221), Poly(v, v2, ErfcC217, ErfcC218, ErfcC219, ErfcC220));
                TVector g2 = Fma(
                    v8,
                    Fma(v8, high, Poly(v, v2, v4, ErfcC29, ErfcC210, ErfcC211, ErfcC212, ErfcC213, ErfcC214, ErfcC215, ErfcC216)),
                    Poly(v, v2, v4, ErfcC21, ErfcC22, ErfcC23, ErfcC24, ErfcC25, ErfcC26, ErfcC27, ErfcC28));
                g = TLanes.Select(inC2, g2, g);
                c0 = TLanes.Select(inC2, C(ErfcC20), c0);
                vPiece = TLanes.Select(inC2, v, vPiece);
            }

            // The last Horner step G = c0 + v·g is kept as a double-double gh + gl (|v·g| < |c0|/4: Fast2Sum).
            TVector product = Mul(vPiece, g);
            TVector gh = Add(c0, product);
            TVector gl = Add(Add(Sub(c0, gh), product), Fma(vPiece, g, Neg(product)));

            // erfc a = e^(−h)·(1 − l)·(t0 + tLow)·(gh + gl) up to second-order terms: the product t0·gh is split exactly
            // (fma) and every small term is gathered into one correction, so the result is rounded once after e^(−h)·(t0·gh).
            TVector tg = Mul(t0, gh);
            TVector tgLow = Fma(tLow, gh, Fma(t0, gl, Fma(t0, gh, Neg(tg))));
            TVector erfcC = Fma(expMinusHigh, tg, Mul(expMinusHigh, Fma(Neg(tg), squareLow, tgLow)));
            erf = TLanes.Select(inC, Sub(C(1.0), erfcC), erf);
            erfc = TLanes.Select(inC, erfcC, erfc);
        }

        return erfc;
    }

    /// <summary>erf x (error ≲ 1 ulp); ±0 ↦ ±0, ±∞ ↦ ±1, NaN ↦ NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Erf(TVector x)
    {
        TVector a = ClampAbs(x, out TVector e, out TVector squareLow);
        ErfcCore(a, C(0.0), e, squareLow, out TVector erf);
        return CopySign(erf, x);
    }

    /// <summary>erfc x = 1 − erf x (relative error ≲ 2 ulp, also in the tail); −∞ ↦ 2, +∞ ↦ 0, NaN ↦ NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Erfc(TVector x)
    {
        TVector a = ClampAbs(x, out TVector e, out TVector squareLow);
        TVector erfc = ErfcCore(a, C(0.0), e, squareLow, out _);
        // erfc(−a) = 2 − erfc a.
        return TLanes.Select(TLanes.LessThan(x, C(0.0)), Sub(C(2.0), erfc), erfc);
    }

    /// <summary>
    /// a = min(|x|, 28) (NaN stays NaN); where some lane has a ≥ 1.25, also a² = h + <paramref name="squareLow"/> exactly
    /// (fma) and <paramref name="expMinusHigh"/> = e^(−h).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector ClampAbs(TVector x, out TVector expMinusHigh, out TVector squareLow)
    {
        TVector a = TLanes.Abs(x);
        a = TLanes.Select(TLanes.GreaterThan(a, C(ErfArgumentLimit)), C(ErfArgumentLimit), a);
        expMinusHigh = C(0.0);
        squareLow = C(0.0);
        if (TLanes.MayNeed(TLanes.GreaterThanOrEqual(a, C(ErfRegionC))))
        {
            TVector h = Mul(a, a);
            squareLow = Fma(a, a, Neg(h));
            expMinusHigh = Exp(Neg(h));
        }
        return a;
    }

    // Φ(z) = erfc(−z/√2)/2. The argument a = |z|/√2 is carried as a double-double and a² = z²/2 exactly, because
    // erfc's relative sensitivity to its argument grows like 2a² (a rounded a would cost ~z² ulp in the tails).
    private const double InvSqrt2High = 0.7071067811865476;      // 1/√2 rounded
    private const double InvSqrt2Low = -4.833646656726457e-17;   // 1/√2 − InvSqrt2High
    private const double InvSqrt2Pi = 0.3989422804014327;        // 1/√(2π) rounded
    private const double InvSqrt2PiLow = -2.49232720227773e-17;  // 1/√(2π) − InvSqrt2Pi
    private const double NormalArgumentLimit = 40.0;             // Φ(−40) < 2^−1074 and Φ(40) = 1 in double

    /// <summary>
    /// Φ(z), the standard normal distribution function (relative error ≲ 2 ulp, also in the lower tail); −∞ ↦ 0, +∞ ↦ 1,
    /// NaN ↦ NaN. Sets <paramref name="pdf"/> = φ(z) = e^(−z²/2)/√(2π), the standard normal density, for z clamped to [−40, 40]
    /// (0 at ±∞, relative error ≲ 1.5 ulp).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector NormalCdf(TVector z, out TVector pdf)
    {
        TVector zc = Clamp(z, -NormalArgumentLimit, NormalArgumentLimit);
        TVector az = TLanes.Abs(zc);
        TVector aHigh = Mul(az, C(InvSqrt2High));
        TVector aLow = Add(Fma(az, C(InvSqrt2High), Neg(aHigh)), Mul(az, C(InvSqrt2Low)));
        // z²/2 = h + l exactly (the fma gives the rounding error of z·z; halving is exact).
        TVector zz = Mul(zc, zc);
        TVector h = Mul(C(0.5), zz);
        TVector l = Mul(C(0.5), Fma(zc, zc, Neg(zz)));
        TVector expMinusHigh = Exp(Neg(h));
        // φ = e^(−h)·(1 − l)·(InvSqrt2Pi + InvSqrt2PiLow) up to l² < 10^−25, rounded once.
        pdf = Fma(expMinusHigh, C(InvSqrt2Pi), Mul(expMinusHigh, Fma(Neg(l), C(InvSqrt2Pi), C(InvSqrt2PiLow))));
        TVector erfc = ErfcCore(aHigh, aLow, expMinusHigh, l, out TVector erf);
        // z < 0: Φ = erfc(a)/2. z ≥ 0: Φ = (1 + erf a)/2, or 1 − erfc(a)/2 where erf a was itself formed as 1 − erfc a.
        TVector upper = TLanes.Select(
            TLanes.LessThan(aHigh, C(ErfRegionC)),
            Fma(erf, 0.5, 0.5),
            Fma(erfc, C(-0.5), C(1.0)));
        return TLanes.Select(TLanes.LessThan(zc, C(0.0)), Mul(C(0.5), erfc), upper);
    }
}
