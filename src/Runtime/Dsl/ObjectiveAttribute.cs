using System;

namespace Landscape;

/// <summary>
/// Declares a differentiable scalar objective f(x₁, …, xₙ). The source generator turns the containing <c>partial</c>
/// class, record or struct into an <see cref="IModel"/> whose parameter vector is the method's <c>double</c> parameters
/// (the coordinates, in order) and whose loss is f; the type's members are constants read at run time. Gradient,
/// Hessian-vector product and a dense <c>Hessian(ReadOnlySpan&lt;double&gt;, Span&lt;double&gt;)</c> are generated from
/// symbolic derivatives at compile time, and <c>Value(ReadOnlySpan&lt;double&gt;)</c> evaluates f at a point.
/// </summary>
/// <remarks>
/// <para>
/// The method body may be an expression body, or a block of <c>double</c>/<c>bool</c> local declarations, assignments
/// to locals (and to the coordinates) and one final <c>return</c>. Expressions: <c>+ − × ÷</c>, unary minus and plus,
/// numeric literals and constants, the type's fields and properties (and primary-constructor parameters), the
/// <c>double</c> overloads of <c>Math.Exp, Log, Log10, Log2, Sqrt, Cbrt, Pow, Tanh, Sinh, Cosh, Sin, Cos, Tan, Atan,
/// Asinh, Abs, Max, Min</c>, and the conditional operator <c>c ? a : b</c> whose condition compares values
/// (<c>&lt; &lt;= &gt; &gt;= == !=</c>, combined with <c>&amp;&amp; || !</c>). Anything else is a compile-time
/// diagnostic (LSG02xx) at the offending syntax.
/// </para>
/// <para>
/// Piecewise rules: the derivative of <c>c ? a : b</c> is <c>c ? a′ : b′</c>, so at a branch boundary it is the derivative
/// of the branch the condition chooses; <c>Math.Abs(u)′ = sign(u)·u′</c> with sign(0) = 0; <c>Math.Max(a, b)′</c> is
/// <c>a′</c> where a ≥ b and <c>b′</c> otherwise (<c>Math.Min</c>: <c>a′</c> where a ≤ b).
/// </para>
/// <para>
/// <see cref="IModel.Initialize"/> writes zeros, unless the type declares a parameterless method
/// <c>double[] InitialPoint()</c>: then it copies that point (the seed is ignored; the array must have one value per
/// coordinate).
/// </para>
/// </remarks>
/// <example><code>
/// public sealed partial record Valley(double A, double B)
/// {
///     [Objective] double Value(double x, double y) { var s = 1 + B * y * y; return s * (Math.Sqrt(1 + A * x * x) - 1) - y; }
/// }
/// </code></example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ObjectiveAttribute : Attribute
{
}
