using System;
using System.Collections.Generic;
using Landscape.Generators.Common;
using Landscape.Generators.Objective.Model;

namespace Landscape.Generators.Objective;

/// <summary>
/// A hash-consed expression DAG under construction. Every node is created through a "smart constructor" that first
/// simplifies and then interns: a structurally equal node that already exists is returned instead of a new one, so
/// shared subexpressions — written twice by the user or produced again by the chain rule — become one node, and the
/// emitter only has to give each node used more than once a temporary (common-subexpression elimination).
/// Node indices are assigned in creation order and operands always exist before their users, so index order is a
/// topological order.
/// </summary>
/// <remarks>
/// <para>
/// Two simplification levels. Rules that never change a double result are always applied: constant folding of
/// <c>− + − × ÷</c> (IEEE arithmetic gives the same bits at compile time as at run time), <c>x·1 = x</c>,
/// <c>x/1 = x</c>, <c>x·(−1) = −x</c>, <c>x − (+0) = x</c>, <c>x + (−0) = x</c>, <c>−(−x) = x</c>, <c>x¹ = x</c>,
/// <c>x⁰ = 1</c>, <c>|−x| = |x|</c>, selecting a branch of <c>?:</c> whose condition folds, and
/// <c>c ? a : a = a</c>. The parser builds the user's f with only these (<see cref="PreserveValues"/>), so the generated
/// value is bit-for-bit the value of the user's method.
/// </para>
/// <para>
/// Derivatives additionally use algebraic identities that can differ from IEEE evaluation only in the sign of a zero or
/// at infinities and NaN: <c>x + 0 = x</c>, <c>x·0 = 0</c>, <c>0/x = 0</c>, <c>x − x = 0</c>, <c>0 − x = −x</c>,
/// <c>a + (−b) = a − b</c>, <c>−(a − b) = b − a</c>, negations pulled out of products and quotients, constants moved to
/// the left of products and merged (<c>c₁·(c₂·x) = (c₁c₂)·x</c>). Transcendental functions are never folded: their last
/// bit depends on the math library of the machine running the compiler, and the output must not.
/// </para>
/// </remarks>
internal sealed class ExpressionGraph
{
    private readonly List<ExprNode> _nodes = new();
    private readonly Dictionary<ExprNode, int> _ids = new();

    /// <summary>Creates an empty graph.</summary>
    /// <param name="preserveValues">True to apply only the value-preserving rules (for the user's f).</param>
    public ExpressionGraph(bool preserveValues) => PreserveValues = preserveValues;

    /// <summary>True when only rules that never change a double result are applied.</summary>
    public bool PreserveValues { get; }

    /// <summary>The number of nodes.</summary>
    public int Count => _nodes.Count;

    /// <summary>The node with index <paramref name="id"/>.</summary>
    public ExprNode this[int id] => _nodes[id];

    /// <summary>
    /// A graph for differentiation (all simplification rules on) that starts with <paramref name="nodes"/> verbatim, so the
    /// indices of the spec's nodes are unchanged and derivative terms are shared with f's subexpressions.
    /// </summary>
    public static ExpressionGraph ForDerivatives(EquatableArray<ExprNode> nodes)
    {
        var graph = new ExpressionGraph(preserveValues: false);
        foreach (ExprNode node in nodes)
        {
            int id = graph.Intern(node);
            if (id != graph.Count - 1) throw new InvalidOperationException("The spec's expression graph holds a duplicate node.");
        }
        return graph;
    }

    /// <summary>The nodes, for the spec.</summary>
    public EquatableArray<ExprNode> ToEquatableArray() => _nodes.ToEquatableArray();

    // ---------------------------------------------------------------- leaves

    /// <summary>The constant <paramref name="value"/>.</summary>
    public int Constant(double value) => Intern(new ExprNode(Op.Constant, BitConverter.DoubleToInt64Bits(value), -1, -1, -1));

    /// <summary>The bool constant <paramref name="value"/>.</summary>
    public int Bool(bool value) => Intern(new ExprNode(Op.BoolConstant, value ? 1 : 0, -1, -1, -1));

    /// <summary>Coordinate θ[<paramref name="index"/>].</summary>
    public int Coordinate(int index) => Intern(new ExprNode(Op.Coordinate, index, -1, -1, -1));

    /// <summary>The member with index <paramref name="index"/> in the spec's member list.</summary>
    public int Member(int index) => Intern(new ExprNode(Op.Member, index, -1, -1, -1));

    // ---------------------------------------------------------------- arithmetic

    /// <summary>−a.</summary>
    public int Negate(int a)
    {
        if (TryConstant(a, out double x)) return Constant(-x);
        ExprNode node = _nodes[a];
        if (node.Op == Op.Negate) return node.A;                                            // −(−x) = x
        if (!PreserveValues && node.Op == Op.Subtract) return Subtract(node.B, node.A);     // −(a − b) = b − a
        return Node(Op.Negate, a);
    }

    /// <summary>a + b.</summary>
    public int Add(int a, int b)
    {
        if (TryConstant(a, out double x) && TryConstant(b, out double y)) return Constant(x + y);
        if (IsNegativeZero(b)) return a;                                                    // x + (−0) = x, exactly
        if (!PreserveValues)
        {
            if (IsZero(a)) return b;                                                        // 0 + x = x
            if (IsZero(b)) return a;                                                        // x + 0 = x
            if (IsNegation(b, out int nb)) return Subtract(a, nb);                          // a + (−b) = a − b
            if (IsNegation(a, out int na)) return Subtract(b, na);                          // (−a) + b = b − a
        }
        return Node(Op.Add, a, b);
    }

    /// <summary>a − b.</summary>
    public int Subtract(int a, int b)
    {
        if (TryConstant(a, out double x) && TryConstant(b, out double y)) return Constant(x - y);
        if (IsPositiveZero(b)) return a;                                                    // x − (+0) = x, exactly
        if (!PreserveValues)
        {
            if (IsZero(b)) return a;                                                        // x − 0 = x
            if (a == b) return Constant(0);                                                 // x − x = 0
            if (IsZero(a)) return Negate(b);                                                // 0 − x = −x
            if (IsNegation(b, out int nb)) return Add(a, nb);                               // a − (−b) = a + b
            if (IsNegation(a, out int na)) return Negate(Add(na, b));                       // (−a) − b = −(a + b)
        }
        return Node(Op.Subtract, a, b);
    }

    /// <summary>a · b.</summary>
    public int Multiply(int a, int b)
    {
        if (TryConstant(a, out double x) && TryConstant(b, out double y)) return Constant(x * y);
        if (IsConstant(a, 1)) return b;                                                     // 1·x = x, exactly
        if (IsConstant(b, 1)) return a;                                                     // x·1 = x, exactly
        if (IsConstant(a, -1)) return Negate(b);                                            // (−1)·x = −x, exactly
        if (IsConstant(b, -1)) return Negate(a);                                            // x·(−1) = −x, exactly
        if (!PreserveValues)
        {
            if (IsZero(a) || IsZero(b)) return Constant(0);                                 // 0·x = x·0 = 0
            if (IsConstantNode(b) && !IsConstantNode(a)) return Multiply(b, a);             // constants to the left
            if (IsNegation(a, out int na)) return Negate(Multiply(na, b));                  // (−a)·b = −(a·b)
            if (IsNegation(b, out int nb)) return Negate(Multiply(a, nb));                  // a·(−b) = −(a·b)
            if (TryConstant(a, out double c1))
            {
                ExprNode right = _nodes[b];
                if (right.Op == Op.Multiply && TryConstant(right.A, out double c2)) return Multiply(Constant(c1 * c2), right.B); // c₁·(c₂·x)
                if (right.Op == Op.Divide && TryConstant(right.A, out double c3)) return Divide(Constant(c1 * c3), right.B);     // c₁·(c₃/x)
            }
        }
        return Node(Op.Multiply, a, b);
    }

    /// <summary>a / b.</summary>
    public int Divide(int a, int b)
    {
        if (TryConstant(a, out double x) && TryConstant(b, out double y)) return Constant(x / y);
        if (IsConstant(b, 1)) return a;                                                     // x/1 = x, exactly
        if (IsConstant(b, -1)) return Negate(a);                                            // x/(−1) = −x, exactly
        if (!PreserveValues)
        {
            if (IsZero(a)) return Constant(0);                                              // 0/x = 0
            if (a == b) return Constant(1);                                                 // x/x = 1
            if (IsNegation(a, out int na)) return Negate(Divide(na, b));                    // (−a)/b = −(a/b)
            if (IsNegation(b, out int nb)) return Negate(Divide(a, nb));                    // a/(−b) = −(a/b)
        }
        return Node(Op.Divide, a, b);
    }

    // ---------------------------------------------------------------- functions

    /// <summary>A one-argument function (<see cref="Op.Exp"/> … <see cref="Op.Sign"/>) of a.</summary>
    public int Function(Op op, int a)
    {
        if (op == Op.Abs)
        {
            if (TryConstant(a, out double x)) return Constant(Math.Abs(x));                 // exact
            ExprNode node = _nodes[a];
            if (node.Op is Op.Abs) return a;                                                // ||x|| = |x|
            if (node.Op is Op.Negate) return Function(Op.Abs, node.A);                      // |−x| = |x|
        }
        if (op == Op.Sign && TryConstant(a, out double s)) return Constant(s > 0 ? 1 : s < 0 ? -1 : s);
        return Node(op, a);
    }

    /// <summary>aᵇ (Math.Pow).</summary>
    public int Pow(int a, int b)
    {
        if (IsConstant(b, 1)) return a;                                                     // x¹ = x, exactly
        if (IsZero(b)) return Constant(1);                                                  // x⁰ = 1 for every x, NaN included
        return Node(Op.Pow, a, b);
    }

    /// <summary>max(a, b) (<see cref="Op.Max"/>) or min(a, b) (<see cref="Op.Min"/>).</summary>
    public int MaxMin(Op op, int a, int b) => a == b ? a : Node(op, a, b);

    // ---------------------------------------------------------------- piecewise and conditions

    /// <summary>condition ? whenTrue : whenFalse.</summary>
    public int Conditional(int condition, int whenTrue, int whenFalse)
    {
        ExprNode c = _nodes[condition];
        if (c.Op == Op.BoolConstant) return c.Payload != 0 ? whenTrue : whenFalse;
        if (whenTrue == whenFalse) return whenTrue;
        return Node(Op.Conditional, condition, whenTrue, whenFalse);
    }

    /// <summary>A comparison (<see cref="Op.Less"/> … <see cref="Op.NotEqual"/>) of a and b.</summary>
    public int Compare(Op op, int a, int b)
    {
        if (TryConstant(a, out double x) && TryConstant(b, out double y))
        {
            return Bool(op switch
            {
                Op.Less => x < y,
                Op.LessOrEqual => x <= y,
                Op.Greater => x > y,
                Op.GreaterOrEqual => x >= y,
                Op.Equal => x == y,
                _ => x != y,
            });
        }
        return Node(op, a, b);
    }

    /// <summary>a &amp;&amp; b.</summary>
    public int And(int a, int b)
    {
        if (TryBool(a, out bool x)) return x ? b : Bool(false);
        if (TryBool(b, out bool y)) return y ? a : Bool(false);                             // no side effects, so a && false = false
        return a == b ? a : Node(Op.And, a, b);
    }

    /// <summary>a || b.</summary>
    public int Or(int a, int b)
    {
        if (TryBool(a, out bool x)) return x ? Bool(true) : b;
        if (TryBool(b, out bool y)) return y ? Bool(true) : a;
        return a == b ? a : Node(Op.Or, a, b);
    }

    /// <summary>!a.</summary>
    public int Not(int a)
    {
        if (TryBool(a, out bool x)) return Bool(!x);
        if (_nodes[a].Op == Op.Not) return _nodes[a].A;
        return Node(Op.Not, a);
    }

    // ---------------------------------------------------------------- queries

    /// <summary>True when node <paramref name="id"/> is a double constant; its value in <paramref name="value"/>.</summary>
    public bool TryConstant(int id, out double value)
    {
        ExprNode node = _nodes[id];
        value = node.Op == Op.Constant ? node.Value : 0;
        return node.Op == Op.Constant;
    }

    /// <summary>True when node <paramref name="id"/> is the constant +0 or −0.</summary>
    public bool IsZero(int id) => TryConstant(id, out double v) && v == 0;

    private bool IsConstantNode(int id) => _nodes[id].Op == Op.Constant;

    private bool IsConstant(int id, double value) => TryConstant(id, out double v) && v == value;

    private bool IsPositiveZero(int id) => _nodes[id] is { Op: Op.Constant, Payload: 0 };

    private bool IsNegativeZero(int id) => _nodes[id] is { Op: Op.Constant, Payload: long.MinValue };

    private bool IsNegation(int id, out int operand)
    {
        ExprNode node = _nodes[id];
        operand = node.Op == Op.Negate ? node.A : -1;
        return node.Op == Op.Negate;
    }

    private bool TryBool(int id, out bool value)
    {
        ExprNode node = _nodes[id];
        value = node.Op == Op.BoolConstant && node.Payload != 0;
        return node.Op == Op.BoolConstant;
    }

    private int Node(Op op, int a, int b = -1, int c = -1) => Intern(new ExprNode(op, 0, a, b, c));

    private int Intern(ExprNode node)
    {
        if (_ids.TryGetValue(node, out int id)) return id;
        id = _nodes.Count;
        _nodes.Add(node);
        _ids.Add(node, id);
        return id;
    }
}
