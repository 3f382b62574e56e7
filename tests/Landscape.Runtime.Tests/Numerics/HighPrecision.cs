using System;
using System.Numerics;

namespace Landscape.Tests.Numerics;

/// <summary>
/// Reference values of elementary and special functions in binary fixed point: a real r is held as the integer
/// round(r · 2^<see cref="Bits"/>), with unbounded integer part. Every series below is summed until its terms vanish
/// at that resolution, so results carry ~1200 − log2(1/|r|) correct bits: far more than the 53 of a double for every
/// value the tests use (the smallest is the subnormal e^−745 ≈ 2^−1075, still known to > 100 bits).
/// </summary>
/// <remarks>
/// The algorithms are deliberately the plainest ones (Taylor and arctanh series, Machin's formula for π), sharing
/// nothing with the implementation under test.
/// </remarks>
internal static class HighPrecision
{
    /// <summary>Fractional bits of the fixed-point representation.</summary>
    public const int Bits = 1200;

    /// <summary>1 in fixed point.</summary>
    public static readonly BigInteger One = BigInteger.One << Bits;

    /// <summary>ln 2 = Σ_{k≥1} 1/(k·2^k).</summary>
    public static readonly BigInteger Ln2 = ComputeLn2();

    /// <summary>π = 16 atan(1/5) − 4 atan(1/239) (Machin).</summary>
    public static readonly BigInteger Pi = 16 * ArctanInverse(5) - 4 * ArctanInverse(239);

    /// <summary>√π.</summary>
    public static readonly BigInteger SqrtPi = Sqrt(Pi);

    /// <summary>1/√2.</summary>
    public static readonly BigInteger InvSqrt2 = Divide(One, Sqrt(2 * One));

    /// <summary>The exact value of a double (requires |x| ≥ 2^−Bits unless x = 0).</summary>
    public static BigInteger FromDouble(double x)
    {
        if (!double.IsFinite(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "Only finite values have a fixed-point representation.");
        }

        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        int shift = exponent - 1075 + Bits;     // x = mantissa · 2^(exponent − 1075)
        BigInteger raw = shift >= 0 ? (BigInteger)mantissa << shift : (BigInteger)mantissa >> -shift;
        if (shift < 0 && mantissa != 0 && ((BigInteger)mantissa & ((BigInteger.One << -shift) - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "The value is below the fixed-point resolution.");
        }

        return x < 0 ? -raw : raw;
    }

    /// <summary>The fixed-point value rounded to the nearest double (ties to even), subnormals and overflow included.</summary>
    public static double ToDouble(BigInteger raw)
    {
        int sign = raw.Sign;
        BigInteger m = BigInteger.Abs(raw);
        if (m.IsZero)
        {
            return 0.0;
        }

        long length = (long)m.GetBitLength();
        // Keep 53 significant bits, but never bits below 2^−1074 (the subnormal grid).
        long shift = Math.Max(length - 53, Bits - 1074);
        BigInteger kept = shift > 0 ? m >> (int)shift : m << (int)-shift;
        if (shift > 0)
        {
            BigInteger remainder = m - (kept << (int)shift);
            BigInteger half = BigInteger.One << (int)(shift - 1);
            if (remainder > half || (remainder == half && !kept.IsEven))
            {
                kept += 1;
            }
        }

        double value = Math.ScaleB((double)kept, (int)(shift - Bits));
        return sign < 0 ? -value : value;
    }

    /// <summary>a·b.</summary>
    public static BigInteger Multiply(BigInteger a, BigInteger b) => (a * b) >> Bits;

    /// <summary>a/b.</summary>
    public static BigInteger Divide(BigInteger a, BigInteger b) => (a << Bits) / b;

    /// <summary>√a for a ≥ 0 (Newton's iteration on integers).</summary>
    public static BigInteger Sqrt(BigInteger a)
    {
        BigInteger n = a << Bits;                 // √(a·2^B)·... = √a · 2^B in fixed point
        if (n.IsZero)
        {
            return n;
        }

        BigInteger x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            BigInteger y = (x + n / x) >> 1;
            if (y >= x)
            {
                return x;
            }

            x = y;
        }
    }

    /// <summary>e^x (x up to ~750 in magnitude).</summary>
    public static BigInteger Exp(BigInteger x)
    {
        // x = k ln 2 + r, |r| ≤ ln2/2; e^r by its Taylor series.
        BigInteger k = BigInteger.Divide(x + (Ln2 >> 1), Ln2);
        if (x + (Ln2 >> 1) < 0 && (x + (Ln2 >> 1)) % Ln2 != 0)
        {
            k -= 1;                                // floor division
        }

        BigInteger r = x - k * Ln2;
        BigInteger sum = One;
        BigInteger term = One;
        for (int n = 1; !term.IsZero; n++)
        {
            term = Multiply(term, r) / n;
            sum += term;
        }

        return k >= 0 ? sum << (int)k : sum >> (int)-k;
    }

    /// <summary>log y for y &gt; 0: y = 2^k·m, m ∈ [1, 2), log m = 2 atanh((m − 1)/(m + 1)).</summary>
    public static BigInteger Log(BigInteger y)
    {
        if (y.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(y), "log needs a positive argument.");
        }

        long k = (long)y.GetBitLength() - 1 - Bits;
        BigInteger m = k >= 0 ? y >> (int)k : y << (int)-k;
        BigInteger t = Divide(m - One, m + One);
        BigInteger t2 = Multiply(t, t);
        BigInteger sum = 0;
        BigInteger power = t;
        for (int j = 0; !power.IsZero; j++)
        {
            sum += power / (2 * j + 1);
            power = Multiply(power, t2);
        }

        return k * Ln2 + 2 * sum;
    }

    /// <summary>erf x for x ≥ 0: (2/√π) e^(−x²) Σ_{n≥0} 2^n x^(2n+1)/(1·3·…·(2n+1)), a series of positive terms.</summary>
    public static BigInteger Erf(BigInteger x)
    {
        if (x.Sign < 0)
        {
            return -Erf(-x);
        }

        BigInteger twoX2 = 2 * Multiply(x, x);
        BigInteger term = x;
        BigInteger sum = x;
        for (int n = 1; !term.IsZero; n++)
        {
            term = Multiply(term, twoX2) / (2 * n + 1);
            sum += term;
        }

        return Divide(2 * Multiply(Exp(-Multiply(x, x)), sum), SqrtPi);
    }

    /// <summary>
    /// erfc x = 1 − erf x; for x ≥ 4 by Laplace's continued fraction
    /// erfc x = (e^(−x²)/√π) / (x + (1/2)/(x + (2/2)/(x + (3/2)/(x + …)))), which keeps full relative precision in the
    /// tail, where 1 − erf x would cancel (erf is known only to ~2^−(Bits − 1.44x²) there).
    /// </summary>
    public static BigInteger Erfc(BigInteger x)
    {
        if (x < 4 * One)
        {
            return One - Erf(x);
        }

        // Evaluated bottom-up from ContinuedFractionTerms levels; at x ≥ 4 the truncation error is below 10^−90
        // relative (2^−300; checked against 120- to 400-digit arithmetic during development), and smaller for larger x.
        BigInteger tail = x;
        for (int n = ContinuedFractionTerms; n >= 1; n--)
        {
            tail = x + Divide((n * One) >> 1, tail);
        }

        return Divide(Divide(Exp(-Multiply(x, x)), SqrtPi), tail);
    }

    private const int ContinuedFractionTerms = 400;

    /// <summary>Φ(z) = erfc(−z/√2)/2.</summary>
    public static BigInteger NormalCdf(BigInteger z) => Erfc(-Multiply(z, InvSqrt2)) >> 1;

    /// <summary>φ(z) = e^(−z²/2)/√(2π).</summary>
    public static BigInteger NormalPdf(BigInteger z)
        => Multiply(Divide(Exp(-(Multiply(z, z) >> 1)), SqrtPi), InvSqrt2);

    /// <summary>sin x: x reduced modulo 2π (π to ~1200 bits, so |x| up to ~10^300 keeps ~200 bits), then Taylor.</summary>
    public static BigInteger Sin(BigInteger x) => SinCos(x, cosine: false);

    /// <summary>cos x (see <see cref="Sin"/>).</summary>
    public static BigInteger Cos(BigInteger x) => SinCos(x, cosine: true);

    private static BigInteger SinCos(BigInteger x, bool cosine)
    {
        BigInteger twoPi = 2 * Pi;
        BigInteger turns = BigInteger.Divide(x + Pi, twoPi);
        if (x + Pi < 0 && (x + Pi) % twoPi != 0)
        {
            turns -= 1;                            // floor division
        }

        BigInteger r = x - turns * twoPi;          // r ∈ [−π, π)
        BigInteger r2 = Multiply(r, r);
        BigInteger term = cosine ? One : r;
        BigInteger sum = term;
        for (int n = cosine ? 0 : 1; !term.IsZero; n += 2)
        {
            term = -Multiply(term, r2) / ((n + 1) * (n + 2));
            sum += term;
        }

        return sum;
    }

    /// <summary>
    /// The error of <paramref name="computed"/> in units in the last place of the exact value (the spacing of doubles at
    /// the exact value rounded to double; 2^−1074 for results in the subnormal range).
    /// </summary>
    public static double UlpError(double computed, BigInteger exact)
    {
        double rounded = ToDouble(exact);
        if (double.IsNaN(computed) || double.IsInfinity(computed) || double.IsInfinity(rounded))
        {
            return computed == rounded ? 0.0 : double.PositiveInfinity;
        }

        double ulp = UlpOf(rounded);
        BigInteger difference = BigInteger.Abs(FromDouble(computed) - exact);
        BigInteger ulpRaw = FromDouble(ulp);
        // difference / ulp to double precision, computed on integers scaled to keep ~60 significant bits.
        return (double)(difference * (BigInteger.One << 60) / ulpRaw) / Math.ScaleB(1.0, 60);
    }

    /// <summary>The spacing of doubles at |x| (the distance from |x| to the next larger double; 2^−1074 at 0).</summary>
    public static double UlpOf(double x)
    {
        double a = Math.Abs(x);
        return Math.BitIncrement(a) - a;
    }

    private static BigInteger ComputeLn2()
    {
        BigInteger sum = 0;
        BigInteger power = One;                   // 2^−k
        for (int k = 1; ; k++)
        {
            power >>= 1;
            BigInteger term = power / k;
            if (term.IsZero)
            {
                return sum;
            }

            sum += term;
        }
    }

    /// <summary>atan(1/n) = Σ (−1)^k / ((2k + 1) n^(2k+1)).</summary>
    private static BigInteger ArctanInverse(int n)
    {
        BigInteger sum = 0;
        BigInteger power = One / n;
        BigInteger n2 = (BigInteger)n * n;
        for (int k = 0; !power.IsZero; k++)
        {
            BigInteger term = power / (2 * k + 1);
            sum += k % 2 == 0 ? term : -term;
            power /= n2;
        }

        return sum;
    }
}
