"""Derives the constants and polynomial coefficients of Landscape.Numerics (src/Runtime/Numerics/LaneMath*.cs) and of
TanhActivation (src/Runtime/Kernels/Activations/TanhActivation.cs). Not part of the build; needs only mpmath.

Method: weighted least squares (weight = 1/the error scale stated per polynomial) over 120 first-kind Chebyshev points
of the interval, in 60-digit arithmetic, in the monomial basis of the stated centred variable -- close to the minimax
fit of the same degree. Coefficients are rounded to double one at a time, lowest degree first, and the remaining ones
refitted, so later coefficients absorb the rounding of earlier ones. A prescribed c0 (the exact value at 0) is kept
exact and its rounding error printed as c0Low, which the code adds back. The printed error is that of the polynomial
as the code evaluates it, on a 2001-point grid.
Run: python3 tools/derive_coefficients.py   (about 20 s)
"""
import mpmath as mp
mp.mp.dps = 60

def fit_rounded(f, a, b, n, centre, scale, npts=120, c0=None):
    """Weighted least-squares polynomial fit (weight 1/scale) over npts Chebyshev points of [a, b], in the
    monomial basis of v = x - centre. Coefficients are rounded to double one at a time (lowest degree first) and
    the remaining ones refitted, so later coefficients absorb the rounding error of earlier ones."""
    a, b, centre = mp.mpf(a), mp.mpf(b), mp.mpf(centre)
    xs = [(a + b) / 2 + (b - a) / 2 * mp.cos(mp.pi * (k + mp.mpf(1) / 2) / npts) for k in range(npts)]
    fs = [f(x) for x in xs]
    ws = [1 / scale(x) for x in xs]
    # A prescribed c0 is subtracted exactly (the code adds its rounding error back as a separate low part).
    fixed = [] if c0 is None else [c0]
    for i in range(len(fixed), n + 1):
        m = n + 1 - i
        A = mp.matrix(npts, m)
        y = mp.matrix(npts, 1)
        for k, x in enumerate(xs):
            v = x - centre
            y[k] = (fs[k] - sum(mp.mpf(c) * v ** j for j, c in enumerate(fixed))) * ws[k]
            for j in range(m):
                A[k, j] = v ** (i + j) * ws[k]
        c, _ = mp.qr_solve(A, y)
        fixed.append(float(c[0]))
    return fixed

def max_err(f, coeffs, a, b, centre, scale, npts=2000):
    a, b, centre = mp.mpf(a), mp.mpf(b), mp.mpf(centre)
    m = mp.mpf(0)
    for i in range(npts + 1):
        x = a + (b - a) * mp.mpf(i) / npts
        v = x - centre
        p = mp.mpf(0)
        for cc in reversed(coeffs):
            p = p * v + mp.mpf(cc)
        m = max(m, abs(p - f(x)) / scale(x))
    return m

def show(name, f, a, b, n, centre, scale, note, c0=None):
    exact = fit_rounded(f, a, b, n, centre, scale, c0=c0)
    e = max_err(f, exact, a, b, centre, scale)
    rounded = [float(c) for c in exact]
    print(f"// {name}: {note}; degree {n} on [{mp.nstr(mp.mpf(a), 8)}, {mp.nstr(mp.mpf(b), 8)}], centre {mp.nstr(mp.mpf(centre), 8)}; max weighted error of the polynomial as evaluated (double coefficients; c0 + c0Low where split) {mp.nstr(e, 3)}")
    for i, ci in enumerate(rounded):
        print(f"    private const double {name}{i} = {ci!r};")
    if c0 is not None:
        print(f"    private const double {name}0Low = {float(mp.mpf(c0) - mp.mpf(rounded[0]))!r};")
    print()

def split(value, bits):
    """value = hi + lo with hi carrying `bits` significant bits (so small integer multiples of hi are exact)."""
    e = mp.floor(mp.log(abs(value), 2))
    q = mp.mpf(2) ** (e - bits + 1)
    hi = mp.nint(value / q) * q
    return float(hi), float(value - hi)

if __name__ == "__main__":
    print("// constants")
    print("InvLn2", repr(float(1 / mp.log(2))))
    print("Ln2Hi(fl)", repr(float(mp.log(2))), "Ln2Lo", repr(float(mp.log(2) - mp.mpf(float(mp.log(2))))))
    print("Ln2 split 42 bits", split(mp.log(2), 42))
    p1 = mp.mpf(float(mp.pi / 2)); p2 = mp.mpf(float(mp.pi / 2 - p1)); p3 = mp.mpf(float(mp.pi / 2 - p1 - p2))
    print("PiOver2 P1 P2 P3", repr(float(p1)), repr(float(p2)), repr(float(p3)))
    print("TwoOverPi", repr(float(2 / mp.pi)))
    print("InvSqrt2 hi lo", repr(float(1 / mp.sqrt(2))), repr(float(1 / mp.sqrt(2) - mp.mpf(float(1 / mp.sqrt(2))))))
    k = 1 / mp.sqrt(2 * mp.pi)
    print("InvSqrt2Pi hi lo", repr(float(k)), repr(float(k - mp.mpf(float(k)))))
    erf1 = mp.erf(1)
    import struct
    erx = struct.unpack('f', struct.pack('f', float(erf1)))[0]
    print("ErfOneSingle", repr(erx), "1-erx", repr(1 - erx))
    print()

    # TanhActivation: e^r - 1 = r + r^2 S(r), |r| <= ln2/2 (the reduction's k = round(-2|z|/ln 2) can land a hair
    # beyond, hence the 2^-40 margin). Weight |r|: for k = 0 the kernel's numerator 1 - e^-2|z| is -(e^r - 1) itself, so
    # the error must be small relative to r (this also bounds the absolute error, |r| <= 0.35).
    def tanhExpS(r):
        if r == 0:
            return mp.mpf(1) / 2
        return (mp.expm1(r) - r) / r ** 2
    h = mp.log(2) / 2 * (1 + mp.mpf(2) ** -40)
    show("TanhExpS", tanhExpS, -h, h, 10, 0, lambda r: 1 / abs(r) if r != 0 else mp.mpf(10) ** 30,
         "S(r) = (e^r - 1 - r)/r^2; weight |r| (error of r^2 S relative to r); S(0) = 1/2 exact", c0=mp.mpf(1) / 2)

    # erf(x) = x + x y(x^2), |x| < 0.84375
    def erfY(w):
        if w == 0:
            return 2 / mp.sqrt(mp.pi) - 1
        x = mp.sqrt(w)
        return mp.erf(x) / x - 1
    show("ErfA", erfY, 0, mp.mpf(0.84375) ** 2, 11, 0, lambda w: 1,
         "y(w) = erf(sqrt w)/sqrt w - 1, w = x^2; absolute error; y(0) = 2/sqrt(pi) - 1 rounded", c0=2 / mp.sqrt(mp.pi) - 1)

    # erf(1 + s) = ErfOneSingle + R(s), s in [-0.15625, 0.25]; weight erfc(1+s)
    C = mp.mpf(erx)
    show("ErfB", lambda s: mp.erf(1 + s) - C, -0.15625, 0.25, 14, 0, lambda s: mp.erfc(1 + s),
         "R(s) = erf(1 + s) - ErfOneSingle; error relative to erfc(1 + s)")

    # erfc(x) = exp(-x^2) * t * G(t), t = 1/x
    G = lambda t: mp.erfc(1 / t) * mp.exp(1 / t ** 2) / t
    show("ErfcC1", G, 1 / mp.mpf(2.5), 1 / mp.mpf(1.25), 17, mp.mpf(0.6), G,
         "G(t) = x erfcx(x), t = 1/x, x in [1.25, 2.5]; relative error")
    show("ErfcC2", G, 1 / mp.mpf(28), 1 / mp.mpf(2.5), 21, (1 / mp.mpf(28) + 1 / mp.mpf(2.5)) / 2, G,
         "G(t) = x erfcx(x), t = 1/x, x in [2.5, 28]; relative error")
