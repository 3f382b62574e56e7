using System;
using System.Collections.Generic;

namespace Landscape.Generators.Network.Graph;

/// <summary>
/// A network as a small graph of ops in topological order: one <see cref="OpKind.Input"/>, the layers, and one loss head
/// last. Each op produces one value; <see cref="Consumers"/> lists who reads it, so a value read twice (a residual fork)
/// is representable even though today's lowering builds a chain. Immutable; built by <see cref="NetworkLowering"/> (or by
/// hand in tests) and checked here.
/// </summary>
internal sealed class OpGraph
{
    /// <summary>Per op, the uses of its value.</summary>
    private readonly List<Use>[] _consumers;

    /// <summary>Per op, whether its value depends on θ.</summary>
    private readonly bool[] _dependsOnParameters;

    /// <summary>Checks and indexes <paramref name="nodes"/>.</summary>
    /// <exception cref="InvalidOperationException">The ids are not the positions, an input is not an earlier op, or there is not exactly one input op and one loss head (last).</exception>
    public OpGraph(IReadOnlyList<OpNode> nodes)
    {
        Nodes = nodes;
        _consumers = new List<Use>[nodes.Count];
        _dependsOnParameters = new bool[nodes.Count];
        var parameters = new List<ParameterEntry>();
        var layers = new List<OpNode>();
        OpNode? input = null, head = null;
        for (int id = 0; id < nodes.Count; id++)
        {
            OpNode node = nodes[id];
            if (node.Id != id) throw new InvalidOperationException($"Op '{node.Name}' has id {node.Id} at position {id}.");
            _consumers[id] = new List<Use>();
            bool depends = node.Parameters.Count > 0;
            for (int slot = 0; slot < node.Inputs.Count; slot++)
            {
                int source = node.Inputs[slot];
                if (source < 0 || source >= id) throw new InvalidOperationException($"Op '{node.Name}' reads op {source}, which does not come before it.");
                _consumers[source].Add(new Use(id, slot));
                depends |= _dependsOnParameters[source];
            }
            _dependsOnParameters[id] = depends;
            parameters.AddRange(node.Parameters);
            switch (node.Kind)
            {
                case OpKind.Input:
                    if (input is not null) throw new InvalidOperationException("A network graph has one input op.");
                    input = node;
                    break;
                case OpKind.Loss:
                    if (head is not null || id != nodes.Count - 1 || node.Inputs.Count != 1) throw new InvalidOperationException("A network graph ends in one loss head with one input.");
                    head = node;
                    break;
                default:
                    layers.Add(node);
                    break;
            }
        }
        Input = input ?? throw new InvalidOperationException("A network graph has one input op.");
        Head = head ?? throw new InvalidOperationException("A network graph ends in one loss head with one input.");
        Layers = layers;
        Parameters = parameters;
        int count = 0;
        foreach (ParameterEntry entry in parameters) count += entry.Length;
        ParameterCount = count;
    }

    /// <summary>Every op, indexed by id, in topological order.</summary>
    public IReadOnlyList<OpNode> Nodes { get; }

    /// <summary>The op whose value is the examples x.</summary>
    public OpNode Input { get; }

    /// <summary>The loss head (the last op).</summary>
    public OpNode Head { get; }

    /// <summary>The op whose value is the network output f(x): what Predict returns and the loss head reads.</summary>
    public OpNode Output => Nodes[Head.Inputs[0]];

    /// <summary>The ops between the input and the loss head, in topological order: what the forward walk visits.</summary>
    public IReadOnlyList<OpNode> Layers { get; }

    /// <summary>Every parameter block in layout order: op by op, each op's blocks in order.</summary>
    public IReadOnlyList<ParameterEntry> Parameters { get; }

    /// <summary>The length of the parameter vector.</summary>
    public int ParameterCount { get; }

    /// <summary>The op with id <paramref name="id"/>.</summary>
    public OpNode this[int id] => Nodes[id];

    /// <summary>The uses of op <paramref name="id"/>'s value, by consumer id then slot (ascending).</summary>
    public IReadOnlyList<Use> Consumers(int id) => _consumers[id];

    /// <summary>
    /// Whether op <paramref name="id"/>'s value depends on θ: the op or one of its ancestors has parameters. Only such values
    /// have an R-image (R x = 0) and a delta (nothing upstream needs ∂L/∂x).
    /// </summary>
    public bool DependsOnParameters(int id) => _dependsOnParameters[id];
}
