using System.Collections.Generic;
using Landscape.Generators.Common;
using Landscape.Generators.Objective.Model;

namespace Landscape.Generators.Objective;

public sealed partial class ObjectiveGenerator
{
    /// <summary>
    /// Straight-line C# for a set of output nodes of an expression graph. Every node reachable from the outputs that is used
    /// more than once (counting uses as outputs) gets a temporary, <c>t0, t1, …</c> in index — hence topological and stable
    /// — order; every other node is written inline in its single user, parenthesized by C# precedence, so the code keeps the
    /// shape of the formulas. Leaves (literals, coordinates, members) are always inline.
    /// </summary>
    /// <remarks>
    /// Temporaries are computed unconditionally, including those used only inside one branch of a conditional. That is safe:
    /// double arithmetic never throws, and a NaN or ∞ in the branch not taken does not reach the result.
    /// </remarks>
    private sealed class StraightLineCode
    {
        // C# precedence levels, lowest first.
        private const int Conditional = 1;
        private const int LogicalOr = 2;
        private const int LogicalAnd = 3;
        private const int Equality = 4;
        private const int Relational = 5;
        private const int Additive = 6;
        private const int Multiplicative = 7;
        private const int Unary = 8;
        private const int Primary = 9;

        private readonly ExpressionGraph _graph;
        private readonly ObjectiveSpec _spec;
        private readonly bool[] _reachable;
        private readonly string?[] _temporaries;
        private readonly List<int> _temporaryOrder = new();
        private readonly string[] _coordinates;

        /// <summary>Plans the code for <paramref name="outputs"/>; temporaries avoid every name in <paramref name="reserved"/>.</summary>
        public StraightLineCode(ExpressionGraph graph, ObjectiveSpec spec, IReadOnlyList<int> outputs, ISet<string> reserved)
        {
            _graph = graph;
            _spec = spec;
            _reachable = new bool[graph.Count];
            _temporaries = new string?[graph.Count];
            _coordinates = new string[spec.Coordinates.Count];
            for (int i = 0; i < _coordinates.Length; i++) _coordinates[i] = SymbolFacts.EscapeIdentifier(spec.Coordinates[i]);

            // Reachability and use counts: one sweep from the highest index down (operands always have lower indices).
            var uses = new int[graph.Count];
            foreach (int output in outputs)
            {
                _reachable[output] = true;
                uses[output]++;
            }
            for (int id = graph.Count - 1; id >= 0; id--)
            {
                if (!_reachable[id]) continue;
                ExprNode node = graph[id];
                int weight = node.Op == Op.Sign ? 3 : 1; // sign(a) is written with a three times
                foreach (int operand in new[] { node.A, node.B, node.C })
                {
                    if (operand < 0) continue;
                    _reachable[operand] = true;
                    uses[operand] += weight;
                }
            }

            string prefix = TemporaryPrefix(reserved);
            for (int id = 0; id < graph.Count; id++)
            {
                if (!_reachable[id] || graph[id].IsLeaf || uses[id] < 2) continue;
                _temporaries[id] = prefix + Literals.Int(_temporaryOrder.Count);
                _temporaryOrder.Add(id);
            }
        }

        /// <summary>The number of distinct nodes the code evaluates (leaves included).</summary>
        public int NodeCount
        {
            get
            {
                int count = 0;
                foreach (bool r in _reachable) if (r) count++;
                return count;
            }
        }

        /// <summary>True when a reachable node has operation <paramref name="op"/>.</summary>
        public bool Uses(Op op)
        {
            for (int id = 0; id < _reachable.Length; id++)
                if (_reachable[id] && _graph[id].Op == op) return true;
            return false;
        }

        /// <summary>Writes one local per coordinate the code reads (<c>double x = point[0];</c>), then the temporaries.</summary>
        public void WriteLocals(SourceWriter w, string point)
        {
            var read = new bool[_coordinates.Length];
            for (int id = 0; id < _reachable.Length; id++)
                if (_reachable[id] && _graph[id].Op == Op.Coordinate) read[_graph[id].Payload] = true;
            for (int i = 0; i < read.Length; i++)
                if (read[i]) w.WriteLine($"double {_coordinates[i]} = {point}[{Literals.Int(i)}];");
            foreach (int id in _temporaryOrder)
            {
                string type = _graph[id].IsBoolean ? "bool" : "double";
                w.WriteLine($"{type} {_temporaries[id]} = {Raw(id, out _)};");
            }
        }

        /// <summary>The C# expression of node <paramref name="id"/>: its temporary, or the node written inline.</summary>
        public string Render(int id) => Render(id, 0);

        private string Render(int id, int minimum)
        {
            if (_temporaries[id] is { } name) return name;
            string text = Raw(id, out int precedence);
            return precedence < minimum ? "(" + text + ")" : text;
        }

        /// <summary>The node written out (not its temporary), with the precedence of its top-level operator.</summary>
        private string Raw(int id, out int precedence)
        {
            ExprNode node = _graph[id];
            Primitive primitive = Derivatives.Table[(int)node.Op];
            precedence = Primary;
            switch (node.Op)
            {
                case Op.Constant:
                {
                    string literal = Literals.Double(node.Value);
                    if (literal[0] == '-') precedence = Unary;
                    return literal;
                }
                case Op.BoolConstant:
                    return node.Payload != 0 ? "true" : "false";
                case Op.Coordinate:
                    return _coordinates[node.Payload];
                case Op.Member:
                {
                    string member = _spec.Members[(int)node.Payload].Expression;
                    if (member[0] == '(') precedence = Unary; // (double)this.N
                    return member;
                }
                case Op.Negate:
                {
                    precedence = Unary;
                    string operand = Render(node.A, Unary);
                    return operand[0] == '-' ? "-(" + operand + ")" : "-" + operand; // never "--"
                }
                case Op.Not:
                    precedence = Unary;
                    return "!" + Render(node.A, Unary);
                case Op.Add or Op.Subtract:
                    precedence = Additive;
                    return Render(node.A, Additive) + " " + primitive.Emitted + " " + Render(node.B, Additive + 1);
                case Op.Multiply or Op.Divide:
                    precedence = Multiplicative;
                    return Render(node.A, Multiplicative) + " " + primitive.Emitted + " " + Render(node.B, Multiplicative + 1);
                case Op.Less or Op.LessOrEqual or Op.Greater or Op.GreaterOrEqual:
                    precedence = Relational;
                    return Render(node.A, Additive) + " " + primitive.Emitted + " " + Render(node.B, Additive);
                case Op.Equal or Op.NotEqual:
                    precedence = Equality;
                    return Render(node.A, Additive) + " " + primitive.Emitted + " " + Render(node.B, Additive);
                case Op.And:
                    precedence = LogicalAnd;
                    return Render(node.A, LogicalAnd) + " && " + Render(node.B, LogicalAnd + 1);
                case Op.Or:
                    precedence = LogicalOr;
                    return Render(node.A, LogicalOr) + " || " + Render(node.B, LogicalOr + 1);
                case Op.Conditional:
                    precedence = Conditional;
                    return Render(node.A, LogicalOr) + " ? " + Render(node.B, LogicalOr) + " : " + Render(node.C, Conditional);
                case Op.Sign:
                {
                    // sign(a) with sign(±0) = ±0 and sign(NaN) = NaN (Math.Sign would throw on NaN).
                    string a = Render(node.A, Additive);
                    return $"({a} > 0d ? 1d : {a} < 0d ? -1d : {a})";
                }
                case Op.Pow or Op.Max or Op.Min:
                    return $"{primitive.Emitted}({Render(node.A)}, {Render(node.B)})";
                default:
                    return $"{primitive.Emitted}({Render(node.A)})";
            }
        }

        /// <summary>"t", unless some reserved name looks like a temporary ("t3"); then "t_", "t__", ….</summary>
        private static string TemporaryPrefix(ISet<string> reserved)
        {
            string prefix = "t";
            while (true)
            {
                bool clash = false;
                foreach (string name in reserved)
                {
                    if (name.Length <= prefix.Length || !name.StartsWith(prefix, System.StringComparison.Ordinal)) continue;
                    bool digits = true;
                    for (int i = prefix.Length; i < name.Length; i++) digits &= name[i] is >= '0' and <= '9';
                    clash |= digits;
                }
                if (!clash) return prefix;
                prefix += "_";
            }
        }
    }
}
