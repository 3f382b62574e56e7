using System;
using System.Collections.Generic;

namespace Landscape.Tests.Reference;

/// <summary>
/// A minimal reverse-mode automatic differentiation tape over <see cref="Dual"/> numbers (micrograd-style, scalar nodes).
/// Every value carries a tangent along a direction v; every recorded node keeps the local partial derivatives with
/// respect to its (at most two) parents, themselves as duals. <see cref="Backward"/> then accumulates adjoints as duals,
/// whose values are the gradient and whose tangents are H·v: forward-over-reverse, derived mechanically from the
/// forward computation and independent of any hand-written backward or R-operator code.
/// </summary>
internal sealed class Tape
{
    private readonly List<Dual> _values = [];
    private readonly List<(int A, Dual DA, int B, Dual DB)> _parents = [];
    private readonly bool _recordsParents;

    /// <summary>A tape; with <paramref name="recordsParents"/> false it only evaluates (forward values, no <see cref="Backward"/>).</summary>
    public Tape(bool recordsParents = true) => _recordsParents = recordsParents;

    /// <summary>The number of nodes recorded.</summary>
    public int Count => _values.Count;

    /// <summary>The value (with tangent) of node <paramref name="node"/>.</summary>
    public Dual this[int node] => _values[node];

    /// <summary>A leaf: a parameter (tangent = its direction component) or a constant (tangent 0).</summary>
    public int Leaf(Dual value) => Record(value, -1, default, -1, default);

    /// <summary>a + b.</summary>
    public int Add(int a, int b) => Record(_values[a] + _values[b], a, 1, b, 1);

    /// <summary>a − b.</summary>
    public int Subtract(int a, int b) => Record(_values[a] - _values[b], a, 1, b, -1);

    /// <summary>a · b.</summary>
    public int Multiply(int a, int b) => Record(_values[a] * _values[b], a, _values[b], b, _values[a]);

    /// <summary>c · a for a constant c.</summary>
    public int Scale(int a, double c) => Record(c * _values[a], a, c, -1, default);

    /// <summary>σ(a) for a scalar function with σ′ and σ″ given at the value: the partial is σ′(a) as a dual (tangent σ″·ȧ).</summary>
    public int Apply(int a, Func<double, double> value, Func<double, double> first, Func<double, double> second)
    {
        Dual x = _values[a];
        return Record(Dual.Apply(x, value(x.V), first(x.V)), a, Dual.Apply(x, first(x.V), second(x.V)), -1, default);
    }

    /// <summary>exp(a).</summary>
    public int Exp(int a)
    {
        Dual e = Dual.Exp(_values[a]);
        return Record(e, a, e, -1, default);
    }

    /// <summary>log(a).</summary>
    public int Log(int a) => Record(Dual.Log(_values[a]), a, 1 / _values[a], -1, default);

    /// <summary>Σ nodes, added left to right.</summary>
    public int Sum(IReadOnlyList<int> nodes)
    {
        if (nodes.Count == 0) return Leaf(0);
        int total = nodes[0];
        for (int i = 1; i < nodes.Count; i++) total = Add(total, nodes[i]);
        return total;
    }

    /// <summary>
    /// The adjoints ∂output/∂node of every node, as duals: values are the gradient, tangents the directional derivative
    /// of the gradient along the leaves' tangents (H·v).
    /// </summary>
    public Dual[] Backward(int output)
    {
        if (!_recordsParents) throw new InvalidOperationException("This tape only evaluates; it has no parents to differentiate through.");
        var adjoint = new Dual[_values.Count];
        adjoint[output] = 1;
        for (int node = output; node >= 0; node--)
        {
            Dual g = adjoint[node];
            if (g.V == 0 && g.T == 0) continue;
            var (a, da, b, db) = _parents[node];
            if (a >= 0) adjoint[a] += g * da;
            if (b >= 0) adjoint[b] += g * db;
        }
        return adjoint;
    }

    private int Record(Dual value, int a, Dual da, int b, Dual db)
    {
        _values.Add(value);
        if (_recordsParents) _parents.Add((a, da, b, db));
        return _values.Count - 1;
    }
}
