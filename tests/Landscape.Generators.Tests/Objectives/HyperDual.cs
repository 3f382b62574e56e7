using System;

namespace Landscape.Generators.Tests.Objectives;

/// <summary>
/// A hyper-dual number v + a·ε₁ + b·ε₂ + ab·ε₁ε₂ with ε₁² = ε₂² = 0: evaluating f at x + ε₁eᵢ + ε₂eⱼ gives f, ∂ᵢf, ∂ⱼf and
/// ∂ᵢ∂ⱼf exactly (no truncation error), which makes it an independent oracle for generated first and second derivatives.
/// The value part of every operation is computed exactly as generated code computes it (same operation, same order), so
/// values can be compared bit for bit.
/// </summary>
internal readonly record struct HyperDual(double V, double A, double B, double AB)
{
    public static HyperDual Constant(double v) => new(v, 0, 0, 0);

    public static HyperDual operator +(HyperDual x, HyperDual y) => new(x.V + y.V, x.A + y.A, x.B + y.B, x.AB + y.AB);

    public static HyperDual operator -(HyperDual x, HyperDual y) => new(x.V - y.V, x.A - y.A, x.B - y.B, x.AB - y.AB);

    public static HyperDual operator -(HyperDual x) => new(-x.V, -x.A, -x.B, -x.AB);

    // (x·y): product rule, with the ε₁ε₂ part collecting both cross terms.
    public static HyperDual operator *(HyperDual x, HyperDual y) =>
        new(x.V * y.V, x.A * y.V + x.V * y.A, x.B * y.V + x.V * y.B, x.AB * y.V + x.A * y.B + x.B * y.A + x.V * y.AB);

    // x/y = x·(1/y), with the value part computed as the division itself.
    public static HyperDual operator /(HyperDual x, HyperDual y)
    {
        HyperDual product = x * Chain(y, 1 / y.V, -1 / (y.V * y.V), 2 / (y.V * y.V * y.V));
        return product with { V = x.V / y.V };
    }

    /// <summary>f(x) given f(v), f′(v), f″(v): (f, f′a, f′b, f′·ab + f″·a·b).</summary>
    public static HyperDual Chain(HyperDual x, double f, double d1, double d2) =>
        new(f, d1 * x.A, d1 * x.B, d1 * x.AB + d2 * x.A * x.B);

    public static HyperDual Exp(HyperDual x)
    {
        double e = Math.Exp(x.V);
        return Chain(x, e, e, e);
    }

    public static HyperDual Log(HyperDual x) => Chain(x, Math.Log(x.V), 1 / x.V, -1 / (x.V * x.V));

    public static HyperDual Log10(HyperDual x) => Chain(x, Math.Log10(x.V), 1 / (x.V * Math.Log(10)), -1 / (x.V * x.V * Math.Log(10)));

    public static HyperDual Log2(HyperDual x) => Chain(x, Math.Log2(x.V), 1 / (x.V * Math.Log(2)), -1 / (x.V * x.V * Math.Log(2)));

    public static HyperDual Sqrt(HyperDual x)
    {
        double s = Math.Sqrt(x.V);
        return Chain(x, s, 0.5 / s, -0.25 / (s * s * s));
    }

    public static HyperDual Cbrt(HyperDual x)
    {
        double c = Math.Cbrt(x.V);
        return Chain(x, c, 1 / (3 * c * c), -2 / (9 * c * c * c * c * c));
    }

    public static HyperDual Tanh(HyperDual x)
    {
        double t = Math.Tanh(x.V);
        return Chain(x, t, 1 - t * t, -2 * t * (1 - t * t));
    }

    public static HyperDual Sinh(HyperDual x) => Chain(x, Math.Sinh(x.V), Math.Cosh(x.V), Math.Sinh(x.V));

    public static HyperDual Cosh(HyperDual x) => Chain(x, Math.Cosh(x.V), Math.Sinh(x.V), Math.Cosh(x.V));

    public static HyperDual Sin(HyperDual x) => Chain(x, Math.Sin(x.V), Math.Cos(x.V), -Math.Sin(x.V));

    public static HyperDual Cos(HyperDual x) => Chain(x, Math.Cos(x.V), -Math.Sin(x.V), -Math.Cos(x.V));

    public static HyperDual Tan(HyperDual x)
    {
        double t = Math.Tan(x.V);
        return Chain(x, t, 1 + t * t, 2 * t * (1 + t * t));
    }

    public static HyperDual Atan(HyperDual x)
    {
        double q = 1 + x.V * x.V;
        return Chain(x, Math.Atan(x.V), 1 / q, -2 * x.V / (q * q));
    }

    public static HyperDual Asinh(HyperDual x)
    {
        double q = 1 + x.V * x.V;
        return Chain(x, Math.Asinh(x.V), 1 / Math.Sqrt(q), -x.V / (q * Math.Sqrt(q)));
    }

    /// <summary>|x| with |x|′ = sign(x), sign(0) = 0, |x|″ = 0.</summary>
    public static HyperDual Abs(HyperDual x) => Chain(x, Math.Abs(x.V), x.V > 0 ? 1 : x.V < 0 ? -1 : 0, 0);

    /// <summary>xᶜ for a constant exponent (any base when c is an integer).</summary>
    public static HyperDual Pow(HyperDual x, double c) =>
        Chain(x, Math.Pow(x.V, c), c * Math.Pow(x.V, c - 1), c * (c - 1) * Math.Pow(x.V, c - 2));

    /// <summary>xʸ = exp(y·ln x) for x &gt; 0, with the value part computed by Math.Pow.</summary>
    public static HyperDual Pow(HyperDual x, HyperDual y) => Exp(y * Log(x)) with { V = Math.Pow(x.V, y.V) };

    /// <summary>max(x, y): the derivative of x where x ≥ y, else of y; the value by Math.Max.</summary>
    public static HyperDual Max(HyperDual x, HyperDual y) => (x.V >= y.V ? x : y) with { V = Math.Max(x.V, y.V) };

    /// <summary>min(x, y): the derivative of x where x ≤ y, else of y; the value by Math.Min.</summary>
    public static HyperDual Min(HyperDual x, HyperDual y) => (x.V <= y.V ? x : y) with { V = Math.Min(x.V, y.V) };
}
