using System;
using System.Collections.Generic;
using Landscape.Generators.Common;
using Landscape.Generators.Objective;
using Landscape.Generators.Objective.Model;

namespace Landscape.Generators.Tests.Objectives;

/// <summary>
/// Each primitive's derivative rule in isolation (no compilation): for f = op(u(x)) with a smooth inner u, the first and
/// second derivatives produced by <see cref="Derivatives"/> — evaluated by a small interpreter of the IR — match exact
/// hyper-dual derivatives. The same check for + − × ÷ and unary minus on two coordinates.
/// </summary>
public sealed class PrimitiveRuleTests
{
    /// <summary>Both sides are exact formulas evaluated in different orders: agreement to ~1e-14; 1e-11 leaves margin.</summary>
    private const double Tolerance = 1e-11;

    public static IEnumerable<object[]> UnaryFunctions()
    {
        foreach (Primitive p in Derivatives.MathFunctions)
            if (p.Arity == 1) yield return [p.Op.ToString()];
    }

    [Theory]
    [MemberData(nameof(UnaryFunctions))]
    public void UnaryFunction_FirstAndSecondDerivatives_AreExact(string name)
    {
        Op op = Enum.Parse<Op>(name); // Op is internal, so the theory data carries its name
        // u(x) = 0.3 + 0.2·x·x keeps every function in its domain (Log, Sqrt need u > 0; Tan is far from its poles).
        var g = new ExpressionGraph(preserveValues: true);
        int x = g.Coordinate(0);
        int u = g.Add(g.Constant(0.3), g.Multiply(g.Constant(0.2), g.Multiply(x, x)));
        int f = g.Function(op, op == Op.Abs ? g.Subtract(u, g.Constant(0.5)) : u);
        foreach (double point in new[] { -1.3, -0.4, 0.7, 1.1 })
            Check(g, f, [point], p => Reference(op, p));
    }

    [Theory]
    [InlineData(nameof(Op.Pow))]
    [InlineData(nameof(Op.Max))]
    [InlineData(nameof(Op.Min))]
    [InlineData(nameof(Op.Add))]
    [InlineData(nameof(Op.Subtract))]
    [InlineData(nameof(Op.Multiply))]
    [InlineData(nameof(Op.Divide))]
    [InlineData(nameof(Op.Negate))]
    [InlineData(nameof(Op.Conditional))]
    public void BinaryOperation_FirstAndSecondDerivatives_AreExact(string name)
    {
        Op op = Enum.Parse<Op>(name);
        var g = new ExpressionGraph(preserveValues: true);
        int x = g.Coordinate(0), y = g.Coordinate(1);
        int a = g.Add(g.Constant(1.2), g.Multiply(x, y));             // 1.2 + xy > 0 on the points below
        int b = g.Add(g.Function(Op.Sin, y), g.Multiply(x, x));       // sin y + x²
        int f = op switch
        {
            Op.Pow => g.Pow(a, b),
            Op.Max or Op.Min => g.MaxMin(op, a, b),
            Op.Add => g.Add(a, b),
            Op.Subtract => g.Subtract(a, b),
            Op.Multiply => g.Multiply(a, b),
            Op.Divide => g.Divide(a, b),
            Op.Negate => g.Negate(g.Multiply(a, b)),
            _ => g.Conditional(g.Compare(Op.Greater, a, b), g.Function(Op.Exp, a), g.Multiply(b, b)),
        };
        foreach (double[] point in new[] { new[] { 0.3, 0.9 }, new[] { -0.2, 1.4 }, new[] { 0.8, -0.6 }, new[] { 1.1, 0.2 } })
            Check(g, f, point, p =>
            {
                HyperDual ha = HyperDual.Constant(1.2) + p[0] * p[1], hb = HyperDual.Sin(p[1]) + p[0] * p[0];
                return op switch
                {
                    Op.Pow => HyperDual.Pow(ha, hb),
                    Op.Max => HyperDual.Max(ha, hb),
                    Op.Min => HyperDual.Min(ha, hb),
                    Op.Add => ha + hb,
                    Op.Subtract => ha - hb,
                    Op.Multiply => ha * hb,
                    Op.Divide => ha / hb,
                    Op.Negate => -(ha * hb),
                    _ => ha.V > hb.V ? HyperDual.Exp(ha) : hb * hb,
                };
            });
    }

    private static HyperDual Reference(Op op, HyperDual[] p)
    {
        HyperDual u = HyperDual.Constant(0.3) + HyperDual.Constant(0.2) * (p[0] * p[0]);
        return op switch
        {
            Op.Exp => HyperDual.Exp(u),
            Op.Log => HyperDual.Log(u),
            Op.Log10 => HyperDual.Log10(u),
            Op.Log2 => HyperDual.Log2(u),
            Op.Sqrt => HyperDual.Sqrt(u),
            Op.Cbrt => HyperDual.Cbrt(u),
            Op.Tanh => HyperDual.Tanh(u),
            Op.Sinh => HyperDual.Sinh(u),
            Op.Cosh => HyperDual.Cosh(u),
            Op.Sin => HyperDual.Sin(u),
            Op.Cos => HyperDual.Cos(u),
            Op.Tan => HyperDual.Tan(u),
            Op.Atan => HyperDual.Atan(u),
            Op.Asinh => HyperDual.Asinh(u),
            Op.Abs => HyperDual.Abs(u - HyperDual.Constant(0.5)),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
        };
    }

    /// <summary>Differentiates f symbolically and compares ∇f and ∇²f, interpreted, with hyper-dual derivatives.</summary>
    private static void Check(ExpressionGraph g, int f, double[] point, Func<HyperDual[], HyperDual> reference)
    {
        int n = point.Length;
        var spec = new ObjectiveSpec(null, EquatableArray<string>.Empty, "partial class T", "T", "T", "T.g.cs", "Value",
            new EquatableArray<string>(n == 1 ? ["x"] : ["x", "y"]), EquatableArray<MemberSpec>.Empty, g.ToEquatableArray(), f, false, EquatableArray<string>.Empty);
        DerivativeProgram program = Derivatives.Differentiate(spec);
        for (int i = 0; i < n; i++)
        for (int j = 0; j <= i; j++)
        {
            var seeded = new HyperDual[n];
            for (int k = 0; k < n; k++) seeded[k] = new HyperDual(point[k], k == i ? 1 : 0, k == j ? 1 : 0, 0);
            HyperDual exact = reference(seeded);
            double gradient = Interpret(program.Graph, program.Gradient[i], point);
            double hessian = Interpret(program.Graph, program.Hessian[i * (i + 1) / 2 + j], point);
            Assert.True(Math.Abs(gradient - exact.A) <= Tolerance * Math.Max(1, Math.Abs(exact.A)), $"∂f/∂x{i} = {gradient:R}, exact {exact.A:R}");
            Assert.True(Math.Abs(hessian - exact.AB) <= Tolerance * Math.Max(1, Math.Abs(exact.AB)), $"∂²f/∂x{i}∂x{j} = {hessian:R}, exact {exact.AB:R}");
        }
    }

    /// <summary>A direct interpreter of the IR, with the semantics the emitter's code has.</summary>
    private static double Interpret(ExpressionGraph g, int id, double[] point)
    {
        var values = new double[id + 1];
        for (int k = 0; k <= id; k++)
        {
            ExprNode n = g[k];
            double a = n.A >= 0 ? values[n.A] : 0, b = n.B >= 0 ? values[n.B] : 0, c = n.C >= 0 ? values[n.C] : 0;
            values[k] = n.Op switch
            {
                Op.Constant => n.Value,
                Op.BoolConstant => n.Payload,
                Op.Coordinate => point[n.Payload],
                Op.Negate => -a,
                Op.Add => a + b,
                Op.Subtract => a - b,
                Op.Multiply => a * b,
                Op.Divide => a / b,
                Op.Exp => Math.Exp(a),
                Op.Log => Math.Log(a),
                Op.Log10 => Math.Log10(a),
                Op.Log2 => Math.Log2(a),
                Op.Sqrt => Math.Sqrt(a),
                Op.Cbrt => Math.Cbrt(a),
                Op.Tanh => Math.Tanh(a),
                Op.Sinh => Math.Sinh(a),
                Op.Cosh => Math.Cosh(a),
                Op.Sin => Math.Sin(a),
                Op.Cos => Math.Cos(a),
                Op.Tan => Math.Tan(a),
                Op.Atan => Math.Atan(a),
                Op.Asinh => Math.Asinh(a),
                Op.Abs => Math.Abs(a),
                Op.Sign => a > 0 ? 1 : a < 0 ? -1 : a,
                Op.Pow => Math.Pow(a, b),
                Op.Max => Math.Max(a, b),
                Op.Min => Math.Min(a, b),
                Op.Conditional => a != 0 ? b : c,
                Op.Less => a < b ? 1 : 0,
                Op.LessOrEqual => a <= b ? 1 : 0,
                Op.Greater => a > b ? 1 : 0,
                Op.GreaterOrEqual => a >= b ? 1 : 0,
                Op.Equal => a == b ? 1 : 0,
                Op.NotEqual => a != b ? 1 : 0,
                Op.And => a != 0 && b != 0 ? 1 : 0,
                Op.Or => a != 0 || b != 0 ? 1 : 0,
                Op.Not => a == 0 ? 1 : 0,
                _ => throw new ArgumentOutOfRangeException(nameof(id), n.Op, null),
            };
        }
        return values[id];
    }

    [Fact]
    public void KnownTypeName_MatchesTheRuntimeAttribute()
    {
        Assert.Equal(KnownTypeNames.ObjectiveAttribute, typeof(Landscape.ObjectiveAttribute).FullName);
        var usage = (AttributeUsageAttribute)Attribute.GetCustomAttribute(typeof(Landscape.ObjectiveAttribute), typeof(AttributeUsageAttribute))!;
        Assert.Equal(AttributeTargets.Method, usage.ValidOn);
        Assert.False(usage.AllowMultiple);
    }
}
