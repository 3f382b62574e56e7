using System;
using System.Collections.Generic;
using Landscape.Generators.Objective.Model;

namespace Landscape.Generators.Objective;

/// <summary>
/// Symbolic differentiation of an objective's expression graph, and the table of primitives with each one's value and
/// derivative rule side by side.
/// </summary>
/// <remarks>
/// Forward mode on the DAG: for a coordinate xⱼ, the derivative of every node reachable from the target is computed once, in
/// index (topological) order, from its operands' derivatives, and memoized per coordinate. Second derivatives reuse the
/// same memo: ∂²f/∂xᵢ∂xⱼ is the derivative with respect to xⱼ of the node ∂f/∂xᵢ, for j ≤ i, and the Hessian is emitted
/// mirrored so it is exactly symmetric. The graph's smart constructors simplify and hash-cons every derivative node.
/// Conditions are not differentiated: d(c ? a : b) = c ? da : db, the derivative of the branch the condition chooses (at a
/// branch boundary, too).
/// </remarks>
internal static class Derivatives
{
    /// <summary>ln 10 rounded to double (written as a literal so the output does not depend on the host's Math.Log).</summary>
    private const double Ln10 = 2.302585092994046;

    /// <summary>ln 2 rounded to double.</summary>
    private const double Ln2 = 0.6931471805599453;

    /// <summary>Every primitive, indexed by <see cref="Op"/>.</summary>
    public static IReadOnlyList<Primitive> Table { get; } = BuildTable();

    /// <summary>The primitives that have a Math method, in table order (the supported-functions list of the diagnostics).</summary>
    public static IReadOnlyList<Primitive> MathFunctions { get; } = BuildMathFunctions();

    /// <summary>The primitive for a Math method name with <paramref name="arity"/> double arguments, or null.</summary>
    public static Primitive? FindMathFunction(string name, int arity)
    {
        foreach (Primitive p in MathFunctions)
            if (p.Arity == arity && string.Equals(p.MathName, name, StringComparison.Ordinal)) return p;
        return null;
    }

    /// <summary>Computes ∇f and the lower triangle of ∇²f for the spec's f.</summary>
    public static DerivativeProgram Differentiate(ObjectiveSpec spec)
    {
        ExpressionGraph graph = ExpressionGraph.ForDerivatives(spec.Nodes);
        int n = spec.Coordinates.Count;
        var memo = new Dictionary<int, int>[n];
        var gradient = new int[n];
        for (int i = 0; i < n; i++)
        {
            memo[i] = new Dictionary<int, int>();
            gradient[i] = Differentiate(graph, memo[i], i, spec.Root);
        }
        var hessian = new int[n * (n + 1) / 2];
        for (int i = 0; i < n; i++)
        for (int j = 0; j <= i; j++)
            hessian[i * (i + 1) / 2 + j] = Differentiate(graph, memo[j], j, gradient[i]);
        return new DerivativeProgram(graph, spec.Root, gradient, hessian);
    }

    /// <summary>
    /// d(target)/d(coordinate), computing and memoizing the derivative of every not-yet-memoized node reachable from target
    /// (conditions excluded) in ascending index order, so each operand's derivative exists before its user's. Iterative, so
    /// deep expressions cannot overflow the compiler's stack.
    /// </summary>
    private static int Differentiate(ExpressionGraph graph, Dictionary<int, int> memo, int coordinate, int target)
    {
        if (memo.TryGetValue(target, out int known)) return known;
        var pending = new List<int>();
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        stack.Push(target);
        seen.Add(target);
        while (stack.Count > 0)
        {
            int id = stack.Pop();
            pending.Add(id);
            ExprNode node = graph[id];
            foreach (int operand in DifferentiatedOperands(node))
            {
                if (operand >= 0 && !memo.ContainsKey(operand) && seen.Add(operand)) stack.Push(operand);
            }
        }
        pending.Sort();
        foreach (int id in pending)
        {
            ExprNode node = graph[id];
            int d = node.Op switch
            {
                Op.Constant or Op.Member => graph.Constant(0),
                Op.Coordinate => graph.Constant(node.Payload == coordinate ? 1 : 0),
                _ => Table[(int)node.Op].Derivative!(graph, id, node, new OperandDerivatives(Lookup(memo, graph, node.A), Lookup(memo, graph, node.B), Lookup(memo, graph, node.C))),
            };
            memo[id] = d;
        }
        return memo[target];
    }

    /// <summary>The operands whose derivatives the node's rule needs: none for leaves, not the condition of ?:.</summary>
    private static IEnumerable<int> DifferentiatedOperands(ExprNode node)
    {
        if (node.IsLeaf || node.IsBoolean) yield break;
        if (node.Op != Op.Conditional) yield return node.A;
        yield return node.B;
        yield return node.C;
    }

    private static int Lookup(Dictionary<int, int> memo, ExpressionGraph graph, int operand) =>
        operand >= 0 && !graph[operand].IsBoolean && memo.TryGetValue(operand, out int d) ? d : -1;

    private static Primitive[] BuildTable()
    {
        Primitive[] rows =
        [
            // Leaves: differentiated directly in Differentiate (constants and members 0, coordinates 0 or 1).
            new(Op.Constant, null, 0, "", "c′ = 0", null),
            new(Op.BoolConstant, null, 0, "", "(bool)", null),
            new(Op.Coordinate, null, 0, "", "∂xᵢ/∂xⱼ = δᵢⱼ", null),
            new(Op.Member, null, 0, "", "m′ = 0 (members are constants)", null),

            // Arithmetic.
            new(Op.Negate, null, 1, "-", "(−a)′ = −a′", static (g, _, _, d) => g.Negate(d.A)),
            new(Op.Add, null, 2, "+", "(a + b)′ = a′ + b′", static (g, _, _, d) => g.Add(d.A, d.B)),
            new(Op.Subtract, null, 2, "-", "(a − b)′ = a′ − b′", static (g, _, _, d) => g.Subtract(d.A, d.B)),
            new(Op.Multiply, null, 2, "*", "(a·b)′ = a′·b + a·b′",
                static (g, _, n, d) => g.Add(g.Multiply(d.A, n.B), g.Multiply(n.A, d.B))),
            new(Op.Divide, null, 2, "/", "(a/b)′ = (a′ − (a/b)·b′)/b",
                static (g, self, n, d) => g.Divide(g.Subtract(d.A, g.Multiply(self, d.B)), n.B)),

            // Elementary functions (Math.X; generated code calls double.X, which is the same method).
            new(Op.Exp, "Exp", 1, "double.Exp", "(eᵃ)′ = eᵃ·a′", static (g, self, _, d) => g.Multiply(self, d.A)),
            new(Op.Log, "Log", 1, "double.Log", "(ln a)′ = a′/a", static (g, _, n, d) => g.Divide(d.A, n.A)),
            new(Op.Log10, "Log10", 1, "double.Log10", "(log₁₀ a)′ = a′/(ln 10·a)",
                static (g, _, n, d) => g.Divide(d.A, g.Multiply(g.Constant(Ln10), n.A))),
            new(Op.Log2, "Log2", 1, "double.Log2", "(log₂ a)′ = a′/(ln 2·a)",
                static (g, _, n, d) => g.Divide(d.A, g.Multiply(g.Constant(Ln2), n.A))),
            new(Op.Sqrt, "Sqrt", 1, "double.Sqrt", "(√a)′ = a′/(2√a)",
                static (g, self, _, d) => g.Divide(d.A, g.Multiply(g.Constant(2), self))),
            new(Op.Cbrt, "Cbrt", 1, "double.Cbrt", "(∛a)′ = a′/(3·∛a·∛a)",
                static (g, self, _, d) => g.Divide(d.A, g.Multiply(g.Constant(3), g.Multiply(self, self)))),
            new(Op.Tanh, "Tanh", 1, "double.Tanh", "(tanh a)′ = (1 − tanh²a)·a′",
                static (g, self, _, d) => g.Multiply(g.Subtract(g.Constant(1), g.Multiply(self, self)), d.A)),
            new(Op.Sinh, "Sinh", 1, "double.Sinh", "(sinh a)′ = cosh a·a′",
                static (g, _, n, d) => g.Multiply(g.Function(Op.Cosh, n.A), d.A)),
            new(Op.Cosh, "Cosh", 1, "double.Cosh", "(cosh a)′ = sinh a·a′",
                static (g, _, n, d) => g.Multiply(g.Function(Op.Sinh, n.A), d.A)),
            new(Op.Sin, "Sin", 1, "double.Sin", "(sin a)′ = cos a·a′",
                static (g, _, n, d) => g.Multiply(g.Function(Op.Cos, n.A), d.A)),
            new(Op.Cos, "Cos", 1, "double.Cos", "(cos a)′ = −sin a·a′",
                static (g, _, n, d) => g.Negate(g.Multiply(g.Function(Op.Sin, n.A), d.A))),
            new(Op.Tan, "Tan", 1, "double.Tan", "(tan a)′ = (1 + tan²a)·a′",
                static (g, self, _, d) => g.Multiply(g.Add(g.Constant(1), g.Multiply(self, self)), d.A)),
            new(Op.Atan, "Atan", 1, "double.Atan", "(arctan a)′ = a′/(1 + a²)",
                static (g, _, n, d) => g.Divide(d.A, g.Add(g.Constant(1), g.Multiply(n.A, n.A)))),
            new(Op.Asinh, "Asinh", 1, "double.Asinh", "(arsinh a)′ = a′/√(1 + a²)",
                static (g, _, n, d) => g.Divide(d.A, g.Function(Op.Sqrt, g.Add(g.Constant(1), g.Multiply(n.A, n.A))))),

            // Piecewise functions.
            new(Op.Abs, "Abs", 1, "double.Abs", "|a|′ = sign(a)·a′, sign(0) = 0",
                static (g, _, n, d) => g.Multiply(g.Function(Op.Sign, n.A), d.A)),
            new(Op.Sign, null, 1, "", "sign′ = 0 (piecewise constant)", static (g, _, _, _) => g.Constant(0)),
            new(Op.Pow, "Pow", 2, "double.Pow", "(aᵇ)′ = b·aᵇ⁻¹·a′ + aᵇ·ln a·b′ (the second term vanishes for a constant exponent)",
                static (g, self, n, d) => g.Add(
                    g.Multiply(g.Multiply(n.B, g.Pow(n.A, g.Subtract(n.B, g.Constant(1)))), d.A),
                    g.Multiply(g.Multiply(self, g.Function(Op.Log, n.A)), d.B))),
            new(Op.Max, "Max", 2, "double.Max", "max(a, b)′ = a ≥ b ? a′ : b′",
                static (g, _, n, d) => g.Conditional(g.Compare(Op.GreaterOrEqual, n.A, n.B), d.A, d.B)),
            new(Op.Min, "Min", 2, "double.Min", "min(a, b)′ = a ≤ b ? a′ : b′",
                static (g, _, n, d) => g.Conditional(g.Compare(Op.LessOrEqual, n.A, n.B), d.A, d.B)),
            new(Op.Conditional, null, 3, "?:", "(c ? a : b)′ = c ? a′ : b′",
                static (g, _, n, d) => g.Conditional(n.A, d.B, d.C)),

            // Conditions (bool; never differentiated).
            new(Op.Less, null, 2, "<", "(bool)", null),
            new(Op.LessOrEqual, null, 2, "<=", "(bool)", null),
            new(Op.Greater, null, 2, ">", "(bool)", null),
            new(Op.GreaterOrEqual, null, 2, ">=", "(bool)", null),
            new(Op.Equal, null, 2, "==", "(bool)", null),
            new(Op.NotEqual, null, 2, "!=", "(bool)", null),
            new(Op.And, null, 2, "&&", "(bool)", null),
            new(Op.Or, null, 2, "||", "(bool)", null),
            new(Op.Not, null, 1, "!", "(bool)", null),
        ];
        for (int i = 0; i < rows.Length; i++)
            if ((int)rows[i].Op != i) throw new InvalidOperationException($"Primitive table row {i} is {rows[i].Op}; rows must follow the Op enum.");
        return rows;
    }

    private static Primitive[] BuildMathFunctions()
    {
        var list = new List<Primitive>();
        foreach (Primitive p in Table)
            if (p.MathName is not null) list.Add(p);
        return list.ToArray();
    }
}
