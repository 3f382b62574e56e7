// Hand-written [Objective] declarations, compiled by the real build with Landscape.Generators as an analyzer. Together they
// cover every supported construct: expression and block bodies, locals (double and bool, reassigned, compound-assigned),
// coordinates reassigned, every Math function, Pow with constant, member and variable exponents, Abs/Max/Min and the
// conditional operator with comparisons, && || !, members of every kind (fields, properties, const, static, int and float
// members converted, primary-constructor parameters, chains through this), 1–6 coordinates, deep nesting, shared
// subexpressions, classes, records, structs, record structs and nested types. ObjectiveCases lists them with samplers.
using System;
using Landscape;

namespace Landscape.Tests.Objectives;

/// <summary>√(1 + A·x²) − 1: the Edge-of-Stability well of DESIGN.md §3.</summary>
public sealed partial record SqrtWell(double A)
{
    /// <summary>f(x).</summary>
    [Objective] public double Value(double x) => Math.Sqrt(1 + A * x * x) - 1;
}

/// <summary>The 2D valley of DESIGN.md §3: (1 + B·y²)(√(1 + A·x²) − 1) − y.</summary>
public sealed partial record Valley(double A, double B)
{
    /// <summary>f(x, y).</summary>
    [Objective] public double Value(double x, double y) { var s = 1 + B * y * y; return s * (Math.Sqrt(1 + A * x * x) - 1) - y; }
}

/// <summary>Rosenbrock's banana (A − x)² + B·(y − x²)², with init-only properties and Pow with a literal exponent.</summary>
public sealed partial class Rosenbrock
{
    /// <summary>a.</summary>
    public double A { get; init; } = 1;

    /// <summary>b.</summary>
    public double B { get; init; } = 100;

    /// <summary>f(x, y).</summary>
    [Objective] public double Value(double x, double y) => (A - x) * (A - x) + B * Math.Pow(y - x * x, 2);
}

/// <summary>Smoothed |x|^P: (x² + ε)^{P/2} − ε^{P/2}; Pow whose exponent is a member expression.</summary>
public sealed partial record SmoothedPower(double P, double Epsilon)
{
    /// <summary>f(x).</summary>
    [Objective] public double Value(double x) => Math.Pow(x * x + Epsilon, P / 2) - Math.Pow(Epsilon, P / 2);
}

/// <summary>Two-scale objective A·φ(x/S1) + B·φ(x/S2), φ(u) = u²/(1 + u²), as a block with reassignment and +=.</summary>
public sealed partial record TwoScale(double A, double B, double S1, double S2)
{
    /// <summary>f(x).</summary>
    [Objective]
    public double Value(double x)
    {
        double u = x / S1;
        double v = x / S2;
        double phi = u * u / (1 + u * u);
        phi = A * phi;
        phi += B * (v * v / (1 + v * v));
        return phi;
    }
}

/// <summary>Two scales in two coordinates, coupled: A·φ(x)·(1 + y²) + B·φ(y/S), φ(u) = log(1 + u²).</summary>
public sealed partial record TwoScale2D(double A, double B, double S)
{
    /// <summary>f(x, y).</summary>
    [Objective]
    public double Value(double x, double y)
    {
        var coarse = A * Math.Log(1 + x * x) * (1 + y * y);
        var w = y / S;
        var fine = B * Math.Log(1 + w * w);
        return coarse + fine;
    }
}

/// <summary>Huber loss in x plus a smooth term in y: piecewise through ?: on Math.Abs.</summary>
public sealed partial class Huber
{
    /// <summary>The quadratic-to-linear switch.</summary>
    public double Delta = 0.75;

    /// <summary>f(x, y).</summary>
    [Objective]
    public double Value(double x, double y)
    {
        double ax = Math.Abs(x);
        double h = ax <= Delta ? 0.5 * x * x : Delta * (ax - 0.5 * Delta);
        return h * (1 + 0.25 * y * y) + Math.Sin(y);
    }
}

/// <summary>|x| + |x − y|·y² + |sin y|: Abs inside products.</summary>
public sealed partial record AbsValley
{
    /// <summary>f(x, y).</summary>
    [Objective] public double Value(double x, double y) => Math.Abs(x) + Math.Abs(x - y) * y * y + Math.Abs(Math.Sin(y));
}

/// <summary>Math.Max and Math.Min, nested.</summary>
public sealed partial record MaxMin
{
    /// <summary>f(x, y).</summary>
    [Objective] public double Value(double x, double y) => Math.Max(x * x, y) + Math.Min(x, y * y) * Math.Max(Math.Min(x, y), -1.5);
}

/// <summary>Pow with variable exponents: (1 + x²)^y + 2^{xy} + (y² + ½)^{x/3}.</summary>
public sealed partial record PowVariableExponent
{
    /// <summary>f(x, y).</summary>
    [Objective] public double Value(double x, double y) => Math.Pow(1 + x * x, y) + Math.Pow(2, x * y) + Math.Pow(y * y + 0.5, x / 3);
}

/// <summary>Trigonometric functions: sin, cos, tan, atan.</summary>
public sealed partial record Trigonometric
{
    /// <summary>f(x, y).</summary>
    [Objective] public double Value(double x, double y) => Math.Sin(x * y) + Math.Cos(x - y) + Math.Tan(0.5 * Math.Tanh(y)) + Math.Atan(x * y);
}

/// <summary>Hyperbolic functions: tanh, sinh, cosh, asinh.</summary>
public sealed partial record Hyperbolic
{
    /// <summary>f(x, y).</summary>
    [Objective] public double Value(double x, double y) => Math.Tanh(x) * Math.Sinh(y / 2) + Math.Cosh(x * y / 3) + Math.Asinh(x - 2 * y);
}

/// <summary>Logarithms and the exponential: ln, log₁₀, log₂, exp.</summary>
public sealed partial record Logarithms
{
    /// <summary>f(x, y).</summary>
    [Objective] public double Value(double x, double y) => Math.Log(1 + x * x) + Math.Log10(2 + Math.Sin(y)) + Math.Log2(1 + y * y * x * x) + Math.Exp(-x * x);
}

/// <summary>Cube roots: ∛(2 + x²) + x·∛y (y is sampled away from 0, where ∛ has an infinite slope).</summary>
public sealed partial record CubeRoots
{
    /// <summary>f(x, y).</summary>
    [Objective] public double Value(double x, double y) => Math.Cbrt(2 + x * x) + x * Math.Cbrt(y);
}

/// <summary>Ten levels of nested functions.</summary>
public sealed partial record DeepNesting
{
    /// <summary>f(x, y).</summary>
    [Objective]
    public double Value(double x, double y) =>
        Math.Exp(Math.Sin(Math.Tanh(Math.Log(1 + Math.Sqrt(1 + Math.Pow(Math.Atan(x * y) + Math.Cosh(x / 2), 2)))) / (1.5 + Math.Cos(y))));
}

/// <summary>The same subexpressions written many times (x² + y² + z² and its pieces), in three coordinates.</summary>
public sealed partial record SharedSubexpressions
{
    /// <summary>f(x, y, z).</summary>
    [Objective]
    public double Value(double x, double y, double z)
    {
        var r2 = x * x + y * y + z * z;
        return Math.Exp(-r2) * r2 + Math.Sqrt(1 + r2) + (x * x + y * y + z * z) / (1 + x * x + y * y + z * z) + x * y * (x * x + y * y + z * z);
    }
}

/// <summary>Six coordinates: a chain of couplings and a quartic.</summary>
public sealed partial class SixCoordinates
{
    /// <summary>Coupling strength.</summary>
    public double Coupling { get; } = 0.3;

    /// <summary>f(u, v, w, x, y, z).</summary>
    [Objective]
    public double Value(double u, double v, double w, double x, double y, double z) =>
        (u - 1) * (u - 1) + 2 * (v - u) * (v - u) + Coupling * w * x * y + Math.Pow(z - w, 4) / 4 + Math.Sin(u * z) + Math.Exp(0.1 * (x + y + v));
}

/// <summary>Five coordinates through a block of locals with every compound assignment.</summary>
public sealed partial record FiveCoordinatesBlock(double Scale)
{
    /// <summary>f(a, b, c, d, e).</summary>
    [Objective]
    public double Value(double a, double b, double c, double d, double e)
    {
        double s = a * b;
        s += c * c;
        s -= d / 2;
        s *= 1 + e * e;
        s /= 2 + b * b;
        double t = s;
        t = t * t + Scale * a;
        return t + Math.Tanh(s) * e;
    }
}

/// <summary>Four coordinates: Pow with integer exponents on negative bases, and a quadrilinear term.</summary>
public sealed partial record FourCoordinates
{
    /// <summary>f(a, b, c, d).</summary>
    [Objective] public double Value(double a, double b, double c, double d) => Math.Pow(a, 3) * b - Math.Pow(c, 4) + a * b * c * d + Math.Pow(d, 2.0) / 3;
}

/// <summary>Conditions combined with &amp;&amp;, || and !.</summary>
public sealed partial record ConditionalLogic
{
    /// <summary>f(x, y).</summary>
    [Objective]
    public double Value(double x, double y) =>
        ((x > 0 && y > 0) || x < -1 ? x * x * y : Math.Sin(x) * y) + (!(x > y) ? y * y : x * y * y) + (x != 0.25 ? x : 0);
}

/// <summary>A C¹ piecewise quadratic through chained conditionals (x &lt; −1, −1 ≤ x &lt; 1, x ≥ 1), times a smooth factor.</summary>
public sealed partial record NestedConditionals
{
    /// <summary>f(x, y).</summary>
    [Objective]
    public double Value(double x, double y) => (x < -1 ? -2 * x - 1 : x < 1 ? x * x : 2 * x - 1) * (1 + Math.Exp(-y * y)) + (y >= 0.5 ? y : y <= -0.5 ? -y : 0.5 + y * y);
}

/// <summary>A bool local: inside the unit disc a paraboloid, outside a logarithm.</summary>
public sealed partial record BoolLocal
{
    /// <summary>f(x, y).</summary>
    [Objective]
    public double Value(double x, double y)
    {
        double r2 = x * x + y * y;
        bool inside = r2 < 1;
        bool right = x > 0;
        inside = inside || (right && y > 1.5);
        return inside ? 1 - r2 : Math.Log(r2) - r2 * 0.5 + (right ? x : -x);
    }
}

/// <summary>Settings object read through a member chain (this.Settings.Scale).</summary>
public sealed class ObjectiveSettings
{
    /// <summary>A scale.</summary>
    public double Scale { get; init; } = 1.25;

    /// <summary>A shift, as a float (converted to double when read).</summary>
    public float Shift = 0.5f;
}

/// <summary>Static constants used by <see cref="MemberKinds"/>.</summary>
public static class ObjectiveConstants
{
    /// <summary>A static readonly field read at run time.</summary>
    public static readonly double Gain = 0.7;

    /// <summary>A static property read at run time.</summary>
    public static int Count => 3;
}

/// <summary>Every kind of member read as a constant.</summary>
public sealed partial class MemberKinds
{
    private const double Half = 0.5;
    private static readonly double s_offset = 0.125;
    private readonly double _weight = 1.5;

    /// <summary>An int property, converted to double.</summary>
    public int Power { get; set; } = 3;

    /// <summary>A float field, converted to double.</summary>
    public float Tilt = 0.25f;

    /// <summary>A nested settings object.</summary>
    public ObjectiveSettings Settings { get; } = new();

    /// <summary>f(x, y).</summary>
    [Objective]
    public double Value(double x, double y) =>
        Half * x * x + s_offset * y + _weight * x * y + Math.Pow(y, Power) / 10 + Tilt * x
        + this.Settings.Scale * Math.Sin(x + Settings.Shift) + ObjectiveConstants.Gain * y * y + ObjectiveConstants.Count * x * y * y / 10
        + Math.PI / 4 * Math.Cos(y) + this._weight;
}

/// <summary>A class with a primary constructor: its parameters (double and int) are read by their bare names.</summary>
public sealed partial class PrimaryConstructorBowl(double curvature, int order)
{
    /// <summary>f(x, y).</summary>
    [Objective] public double Value(double x, double y) => curvature * (x * x + y * y) + Math.Pow(x - y, order) / order;
}

/// <summary>A readonly record struct: a monkey-saddle-like surface.</summary>
public readonly partial record struct Saddle(double K)
{
    /// <summary>f(x, y).</summary>
    [Objective] public double Value(double x, double y) => K * (x * x - y * y) + x * y * y * y / 6;
}

/// <summary>A struct with the InitialPoint convention.</summary>
public partial struct StructWithStart
{
    /// <summary>Target.</summary>
    public double Target;

    /// <summary>f(x, y, z).</summary>
    [Objective] public readonly double Value(double x, double y, double z) => (x - Target) * (x - Target) + Math.Exp(y) - y + z * z * z * z;

    /// <summary>The start (1, 2, 3).</summary>
    public readonly double[] InitialPoint() => [1.0, 2.0, 3.0];
}

/// <summary>A container for a nested objective.</summary>
public static partial class ObjectiveHolder
{
    /// <summary>A nested objective in a static partial class.</summary>
    public sealed partial class Nested
    {
        /// <summary>f(x).</summary>
        [Objective] public double Value(double x) => Math.Exp(x / 2) - x;
    }
}

/// <summary>Unary operators, double negation, int literals and integer constant expressions (with C#'s integer division).</summary>
public sealed partial record UnaryAndLiterals
{
    /// <summary>f(x, y).</summary>
    [Objective]
    public double Value(double x, double y) => -(-x) + +y - -(x * y) + -Math.Sin(-x) + (1.0 / 3) * x + (1 / 2) * y + 7 / 2 * x * x + (double)2 * y * y + 0 * y;
}

/// <summary>Coordinates reassigned before use.</summary>
public sealed partial record CoordinateReassignment(double Scale, double Shift)
{
    /// <summary>f(x, y).</summary>
    [Objective]
    public double Value(double x, double y)
    {
        x = x * Scale;
        y -= Shift;
        return x * x * y + Math.Exp(y) + x;
    }
}

/// <summary>A linear function: the Hessian is exactly zero.</summary>
public sealed partial record Linear
{
    /// <summary>f(x, y).</summary>
    [Objective] public double Value(double x, double y) => 3 * x - 2 * y + 5;
}

/// <summary>Quotients: xy/(1 + x² + y²) − x/(2 + cos y).</summary>
public sealed partial record Quotients
{
    /// <summary>f(x, y).</summary>
    [Objective] public double Value(double x, double y) => x * y / (1 + x * x + y * y) - x / (2 + Math.Cos(y));
}

/// <summary>Coordinates whose names collide with generated names (point, t0, hessian, gradient) and a keyword (@in).</summary>
public sealed partial record NameCollisions
{
    /// <summary>f(point, t0, hessian, gradient, in).</summary>
    [Objective]
    public double Value(double point, double t0, double hessian, double gradient, double @in)
    {
        double t1 = point * t0;
        return t1 * t1 + hessian * hessian * point + Math.Sin(gradient) * t1 + @in * @in * t0;
    }
}
