using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Landscape.Generators.Tests.Objectives;

/// <summary>The node kinds of a random expression tree.</summary>
internal enum RandomKind
{
    Variable, Constant, Member,
    Add, Subtract, Multiply, Divide, Negate, Plus, CastToDouble,
    Function, PowConstant, PowMember, PowVariable, Max, Min, Conditional,
    Compare, And, Or, Not,
}

/// <summary>One node of a random expression tree; the same node object may appear twice (a shared subexpression).</summary>
internal sealed class RandomExpr
{
    public RandomKind Kind { get; init; }

    /// <summary>Variable index, or the comparison/function name, or the literal/member text.</summary>
    public int Index { get; init; }

    public string Text { get; init; } = "";

    public double Value { get; init; }

    public RandomExpr? A { get; init; }

    public RandomExpr? B { get; init; }

    public RandomExpr? C { get; init; }

    /// <summary>
    /// True when C# types the node as int (int literals, the int member N, and arithmetic or ?: of those). Such nodes are
    /// cast to double before int arithmetic or an int overload (Math.Abs(int), Math.Max(int, int)) could form, exactly as
    /// the generator requires (it rejects integer arithmetic with LSG0209).
    /// </summary>
    public bool IsInt => Kind switch
    {
        RandomKind.Constant => Text is "2" or "3" or "(7 / 2)",
        RandomKind.Member => Text == "N",
        RandomKind.Add or RandomKind.Subtract or RandomKind.Multiply or RandomKind.Divide => A!.IsInt && B!.IsInt,
        RandomKind.Negate or RandomKind.Plus => A!.IsInt,
        RandomKind.Conditional => B!.IsInt && C!.IsInt,
        _ => false,
    };
}

/// <summary>
/// A random [Objective]: an expression body, or a block of locals (declared, compound-assigned, coordinates reassigned)
/// and a return. It renders itself as C# and evaluates itself independently of the generator: the value exactly as C#
/// computes it (for bit-for-bit comparison), hyper-dual derivatives, and the signs of every branch-switch quantity
/// (comparisons, |u| and ∛u at 0, max/min ties), which tell whether a finite-difference stencil stays on one piece.
/// </summary>
/// <remarks>
/// Domains are kept valid by construction: logarithms take 1 + u², square roots 0.5 + u², non-integer powers and member
/// powers a base 1 + u², variable exponents a base 1.5 + sin u, tan takes tanh u, divisions divide by 1.5 + u².
/// </remarks>
internal sealed class RandomObjective
{
    /// <summary>Values of the members every random objective type declares (A and B double, N an int converted to double).</summary>
    public static readonly (string Name, double Value)[] Members = [("A", 1.25), ("B", -0.5), ("N", 2), ("this.A", 1.25)];

    private static readonly (string Text, double Value)[] s_constants =
        [("2", 2.0), ("0.5", 0.5), ("1.5", 1.5), ("3", 3.0), ("0.25", 0.25), ("1e-1", 0.1), ("2.0", 2.0), ("(7 / 2)", 3.0), ("(1.0 / 3)", 1.0 / 3), ("(-0.75)", -0.75)];

    private static readonly string[] s_functions = ["Exp", "Log", "Log10", "Log2", "Sqrt", "Cbrt", "Tanh", "Sinh", "Cosh", "Sin", "Cos", "Tan", "Atan", "Asinh", "Abs"];

    private static readonly string[] s_comparisons = ["<", "<=", ">", ">=", "==", "!="];

    private readonly List<(int Target, string Operator, RandomExpr Value, bool Declare)> _statements = new();
    private readonly Random _random;
    private int _variables;

    private RandomObjective(Random random, int dimension)
    {
        _random = random;
        Dimension = dimension;
    }

    public int Dimension { get; }

    public bool ExpressionBody { get; private set; }

    public RandomExpr Return { get; private set; } = null!;

    /// <summary>A random objective of 1–3 coordinates with expression depth at most 6.</summary>
    public static RandomObjective Create(Random random)
    {
        var objective = new RandomObjective(random, 1 + random.Next(3));
        objective.Build();
        return objective;
    }

    private void Build()
    {
        _variables = Dimension;
        ExpressionBody = _random.NextDouble() < 0.4;
        if (ExpressionBody)
        {
            Return = Generate(6);
            return;
        }
        int locals = 1 + _random.Next(3);
        for (int k = 0; k < locals; k++)
        {
            int target = _variables;
            _statements.Add((target, "=", Generate(3), true));
            _variables++;
            if (_random.NextDouble() < 0.5)
                _statements.Add((target, new[] { "+=", "-=", "*=", "=" }[_random.Next(4)], Generate(2), false));
        }
        if (_random.NextDouble() < 0.3) _statements.Add((_random.Next(Dimension), "=", Generate(2), false)); // reassign a coordinate
        Return = Generate(4);
    }

    // ------------------------------------------------------------------ generation

    private RandomExpr Generate(int depth)
    {
        if (depth <= 0 || _random.NextDouble() < 0.15) return Leaf();
        int d = depth - 1;
        switch (_random.Next(16))
        {
            case 0: return Node(RandomKind.Add, Generate(d), Generate(d));
            case 1: return Node(RandomKind.Subtract, Generate(d), Generate(d));
            case 2:
            case 3: return Node(RandomKind.Multiply, Generate(d), Generate(d));
            case 4:
            {
                RandomExpr u = Generate(d - 1);
                return Node(RandomKind.Divide, Generate(d), Node(RandomKind.Add, Constant("1.5", 1.5), Node(RandomKind.Multiply, u, u)));
            }
            case 5: return _random.NextDouble() < 0.8 ? Node(RandomKind.Negate, Generate(d)) : Node(RandomKind.Plus, Generate(d));
            case 6:
            case 7:
            case 8: return FunctionOf(d);
            case 9:
            {
                // Integer exponents take any base; others a base 1 + u².
                RandomExpr u = Generate(d);
                (string text, double value) = new[] { ("2", 2.0), ("3", 3.0), ("0.5", 0.5), ("1.5", 1.5), ("-0.5", -0.5), ("2.5", 2.5) }[_random.Next(6)];
                RandomExpr baseExpr = value is 2 or 3 ? u : Node(RandomKind.Add, Constant("1", 1), Node(RandomKind.Multiply, u, u));
                return new RandomExpr { Kind = RandomKind.PowConstant, A = baseExpr, Text = text, Value = value };
            }
            case 10:
            {
                RandomExpr u = Generate(d);
                return new RandomExpr { Kind = RandomKind.PowMember, A = Node(RandomKind.Add, Constant("1", 1), Node(RandomKind.Multiply, u, u)), Text = "A", Value = 1.25 };
            }
            case 11:
                return Node(RandomKind.PowVariable, Node(RandomKind.Add, Constant("1.5", 1.5), Fn("Sin", Generate(d - 1))), Generate(d));
            case 12: return Node(_random.NextDouble() < 0.5 ? RandomKind.Max : RandomKind.Min, Generate(d), Generate(d));
            default: return new RandomExpr { Kind = RandomKind.Conditional, A = Condition(d), B = Generate(d), C = Generate(d) };
        }
    }

    private RandomExpr FunctionOf(int d)
    {
        string name = s_functions[_random.Next(s_functions.Length)];
        RandomExpr u = Generate(d);
        return name switch
        {
            "Log" or "Log10" or "Log2" => Fn(name, Node(RandomKind.Add, Constant("1", 1), Node(RandomKind.Multiply, u, u))),
            "Sqrt" => Fn(name, Node(RandomKind.Add, Constant("0.5", 0.5), Node(RandomKind.Multiply, u, u))),
            "Tan" => Fn(name, Fn("Tanh", u)),
            _ => Fn(name, u),
        };
    }

    private RandomExpr Condition(int d)
    {
        double p = _random.NextDouble();
        if (p < 0.15) return Node(RandomKind.And, Comparison(d), Comparison(d));
        if (p < 0.3) return Node(RandomKind.Or, Comparison(d), Comparison(d));
        if (p < 0.4) return Node(RandomKind.Not, Comparison(d));
        return Comparison(d);
    }

    private RandomExpr Comparison(int d) => new()
    {
        Kind = RandomKind.Compare,
        Text = s_comparisons[_random.Next(s_comparisons.Length)],
        A = Generate(Math.Max(0, d - 1)),
        B = _random.NextDouble() < 0.5 ? Leaf() : Generate(Math.Max(0, d - 1)),
    };

    private RandomExpr Leaf()
    {
        double p = _random.NextDouble();
        if (p < 0.55) return new RandomExpr { Kind = RandomKind.Variable, Index = _random.Next(_variables) };
        if (p < 0.8)
        {
            (string text, double value) = s_constants[_random.Next(s_constants.Length)];
            return Constant(text, value);
        }
        (string name, double member) = Members[_random.Next(Members.Length)];
        return new RandomExpr { Kind = RandomKind.Member, Text = name, Value = member };
    }

    private static RandomExpr Constant(string text, double value) => new() { Kind = RandomKind.Constant, Text = text, Value = value };

    private static RandomExpr Fn(string name, RandomExpr a) => new() { Kind = RandomKind.Function, Text = name, A = Double(a) };

    /// <summary>A node; an int-typed operand that would make the operation int-typed (or pick an int overload) is cast to double.</summary>
    private static RandomExpr Node(RandomKind kind, RandomExpr a, RandomExpr? b = null)
    {
        bool arithmetic = kind is RandomKind.Add or RandomKind.Subtract or RandomKind.Multiply or RandomKind.Divide or RandomKind.Max or RandomKind.Min;
        if (arithmetic && a.IsInt && b!.IsInt) a = Double(a);
        if (kind is RandomKind.Negate or RandomKind.Plus) a = Double(a);
        return new() { Kind = kind, A = a, B = b };
    }

    private static RandomExpr Double(RandomExpr a) => a.IsInt ? new RandomExpr { Kind = RandomKind.CastToDouble, A = a } : a;

    // ------------------------------------------------------------------ rendering

    /// <summary>The C# declaration of the objective as the type <paramref name="typeName"/>.</summary>
    public string Render(string typeName)
    {
        var text = new StringBuilder();
        text.Append("public sealed partial class ").Append(typeName).Append('\n').Append("{\n");
        text.Append("    public double A { get; set; } = 1.25;\n    public double B = -0.5;\n    public int N { get; } = 2;\n\n");
        text.Append("    [Objective]\n    public double Value(");
        for (int i = 0; i < Dimension; i++) text.Append(i > 0 ? ", " : "").Append("double x").Append(i);
        text.Append(')');
        if (ExpressionBody)
        {
            text.Append(" => ").Append(Render(Return)).Append(";\n}\n");
            return text.ToString();
        }
        text.Append("\n    {\n");
        foreach ((int target, string op, RandomExpr value, bool declare) in _statements)
            text.Append("        ").Append(declare ? "double " : "").Append(VariableName(target)).Append(' ').Append(op).Append(' ').Append(Render(value)).Append(";\n");
        text.Append("        return ").Append(Render(Return)).Append(";\n    }\n}\n");
        return text.ToString();
    }

    private string VariableName(int index) => index < Dimension ? "x" + index.ToString(CultureInfo.InvariantCulture) : "l" + (index - Dimension).ToString(CultureInfo.InvariantCulture);

    private string Render(RandomExpr e) => e.Kind switch
    {
        RandomKind.Variable => VariableName(e.Index),
        RandomKind.Constant or RandomKind.Member => e.Text,
        RandomKind.Add => $"({Render(e.A!)} + {Render(e.B!)})",
        RandomKind.Subtract => $"({Render(e.A!)} - {Render(e.B!)})",
        RandomKind.Multiply => $"({Render(e.A!)} * {Render(e.B!)})",
        RandomKind.Divide => $"({Render(e.A!)} / {Render(e.B!)})",
        RandomKind.Negate => $"(-{Render(e.A!)})",
        RandomKind.Plus => $"(+{Render(e.A!)})",
        RandomKind.CastToDouble => $"((double){Render(e.A!)})",
        RandomKind.Function => $"Math.{e.Text}({Render(e.A!)})",
        RandomKind.PowConstant or RandomKind.PowMember => $"Math.Pow({Render(e.A!)}, {e.Text})",
        RandomKind.PowVariable => $"Math.Pow({Render(e.A!)}, {Render(e.B!)})",
        RandomKind.Max => $"Math.Max({Render(e.A!)}, {Render(e.B!)})",
        RandomKind.Min => $"Math.Min({Render(e.A!)}, {Render(e.B!)})",
        RandomKind.Conditional => $"({Render(e.A!)} ? {Render(e.B!)} : {Render(e.C!)})",
        RandomKind.Compare => $"({Render(e.A!)} {e.Text} {Render(e.B!)})",
        RandomKind.And => $"({Render(e.A!)} && {Render(e.B!)})",
        RandomKind.Or => $"({Render(e.A!)} || {Render(e.B!)})",
        RandomKind.Not => $"!{Render(e.A!)}",
        _ => throw new InvalidOperationException(e.Kind.ToString()),
    };

    // ------------------------------------------------------------------ evaluation

    /// <summary>
    /// f at <paramref name="point"/> with hyper-dual seeds: ε₁ on coordinate <paramref name="i"/> and ε₂ on
    /// <paramref name="j"/> (−1 for none). The sign of every branch-switch quantity met is appended to
    /// <paramref name="switches"/>.
    /// </summary>
    public HyperDual Evaluate(double[] point, int i, int j, List<int> switches)
    {
        var env = new HyperDual[_variables];
        for (int k = 0; k < Dimension; k++) env[k] = new HyperDual(point[k], k == i ? 1 : 0, k == j ? 1 : 0, 0);
        if (ExpressionBody) return Evaluate(Return, env, switches);
        foreach ((int target, string op, RandomExpr value, bool _) in _statements)
        {
            HyperDual v = Evaluate(value, env, switches);
            env[target] = op switch
            {
                "=" => v,
                "+=" => env[target] + v,
                "-=" => env[target] - v,
                _ => env[target] * v,
            };
        }
        return Evaluate(Return, env, switches);
    }

    private static HyperDual Evaluate(RandomExpr e, HyperDual[] env, List<int> switches)
    {
        switch (e.Kind)
        {
            case RandomKind.Variable: return env[e.Index];
            case RandomKind.Constant:
            case RandomKind.Member: return HyperDual.Constant(e.Value);
            case RandomKind.Add: return Evaluate(e.A!, env, switches) + Evaluate(e.B!, env, switches);
            case RandomKind.Subtract: return Evaluate(e.A!, env, switches) - Evaluate(e.B!, env, switches);
            case RandomKind.Multiply: return Evaluate(e.A!, env, switches) * Evaluate(e.B!, env, switches);
            case RandomKind.Divide: return Evaluate(e.A!, env, switches) / Evaluate(e.B!, env, switches);
            case RandomKind.Negate: return -Evaluate(e.A!, env, switches);
            case RandomKind.Plus:
            case RandomKind.CastToDouble: return Evaluate(e.A!, env, switches);
            case RandomKind.PowConstant:
            case RandomKind.PowMember: return HyperDual.Pow(Evaluate(e.A!, env, switches), e.Value);
            case RandomKind.PowVariable: return HyperDual.Pow(Evaluate(e.A!, env, switches), Evaluate(e.B!, env, switches));
            case RandomKind.Max:
            case RandomKind.Min:
            {
                HyperDual a = Evaluate(e.A!, env, switches), b = Evaluate(e.B!, env, switches);
                switches.Add(Sign(a.V - b.V));
                return e.Kind == RandomKind.Max ? HyperDual.Max(a, b) : HyperDual.Min(a, b);
            }
            case RandomKind.Conditional:
            {
                bool condition = Condition(e.A!, env, switches);
                HyperDual a = Evaluate(e.B!, env, switches), b = Evaluate(e.C!, env, switches);
                return condition ? a : b;
            }
            case RandomKind.Function:
            {
                HyperDual a = Evaluate(e.A!, env, switches);
                if (e.Text is "Abs" or "Cbrt") switches.Add(Sign(a.V));
                return e.Text switch
                {
                    "Exp" => HyperDual.Exp(a),
                    "Log" => HyperDual.Log(a),
                    "Log10" => HyperDual.Log10(a),
                    "Log2" => HyperDual.Log2(a),
                    "Sqrt" => HyperDual.Sqrt(a),
                    "Cbrt" => HyperDual.Cbrt(a),
                    "Tanh" => HyperDual.Tanh(a),
                    "Sinh" => HyperDual.Sinh(a),
                    "Cosh" => HyperDual.Cosh(a),
                    "Sin" => HyperDual.Sin(a),
                    "Cos" => HyperDual.Cos(a),
                    "Tan" => HyperDual.Tan(a),
                    "Atan" => HyperDual.Atan(a),
                    "Asinh" => HyperDual.Asinh(a),
                    _ => HyperDual.Abs(a),
                };
            }
            default: throw new InvalidOperationException(e.Kind.ToString());
        }
    }

    /// <summary>The sign of a switch quantity, 0 for 0 and NaN (Math.Sign throws on NaN).</summary>
    private static int Sign(double value) => value > 0 ? 1 : value < 0 ? -1 : 0;

    private static bool Condition(RandomExpr e, HyperDual[] env, List<int> switches)
    {
        switch (e.Kind)
        {
            case RandomKind.Compare:
            {
                double a = Evaluate(e.A!, env, switches).V, b = Evaluate(e.B!, env, switches).V;
                switches.Add(Sign(a - b));
                return e.Text switch
                {
                    "<" => a < b,
                    "<=" => a <= b,
                    ">" => a > b,
                    ">=" => a >= b,
                    "==" => a == b,
                    _ => a != b,
                };
            }
            // Both sides are evaluated (no short circuit) so that every switch quantity is recorded.
            case RandomKind.And:
            {
                bool a = Condition(e.A!, env, switches), b = Condition(e.B!, env, switches);
                return a && b;
            }
            case RandomKind.Or:
            {
                bool a = Condition(e.A!, env, switches), b = Condition(e.B!, env, switches);
                return a || b;
            }
            default: return !Condition(e.A!, env, switches);
        }
    }
}
