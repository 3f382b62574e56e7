using System;
using System.Collections.Generic;
using System.Linq;
using Landscape.Generators.Common;
using Landscape.Generators.Network.Model;

namespace Landscape.Generators.Network.Graph;

/// <summary>
/// Plans the workspace of a graph. Each layer's value gets a buffer ([a; R a] when it depends on θ), σ′ and R σ′ buffers
/// when it is activated and needs a delta, and a delta buffer ([R g; g]) when it depends on θ; the input's value is the
/// examples x and gets none. Each use of a value that has a delta gets a <see cref="DeltaWrite"/>: the backward walk visits
/// consumers from the last op to the first, so the first use it meets assigns the delta, later ones accumulate, and the
/// last completes it.
/// </summary>
internal static class BufferPlanner
{
    /// <summary>Plans <paramref name="graph"/>; <paramref name="scratch"/> gives each op's own extra buffers (e.g. a loss head's probabilities).</summary>
    public static BufferPlan Plan(OpGraph graph, Func<OpNode, IEnumerable<WorkspaceBuffer>> scratch)
    {
        var buffers = new List<WorkspaceBuffer>();
        var values = new Dictionary<int, ValueBuffers>();
        var writes = new Dictionary<Use, DeltaWrite>();
        int label = 0;
        foreach (OpNode node in graph.Nodes)
        {
            if (node.Kind == OpKind.Input)
                values.Add(node.Id, new ValueBuffers(node.Id, -1, node.Shape.Size, null, null, null, null));
            else if (node.Kind != OpKind.Loss)
                values.Add(node.Id, PlanValue(graph, node, label++, buffers));
            buffers.AddRange(scratch(node));
            PlanDeltaWrites(graph, node, writes);
        }
        return new BufferPlan(buffers, values, writes);
    }

    /// <summary>The buffers of layer value number <paramref name="k"/>, appended to <paramref name="buffers"/> in declaration order.</summary>
    private static ValueBuffers PlanValue(OpGraph graph, OpNode node, int k, List<WorkspaceBuffer> buffers)
    {
        bool dependsOnParameters = graph.DependsOnParameters(node.Id);
        bool activated = node.Activation != ActivationKind.Identity && dependsOnParameters;
        int width = node.Shape.Size;
        string n = Literals.Int(k);
        var value = dependsOnParameters
            ? new WorkspaceBuffer("Activations" + n, 2, width, $"[a{n}; R a{n}]") { FixedPoint = true }
            : new WorkspaceBuffer("Activations" + n, 1, width, $"a{n}") { FixedPoint = true };
        WorkspaceBuffer? first = activated ? new WorkspaceBuffer("First" + n, 1, width, $"σ'(z{n})") { FixedPoint = true } : null;
        WorkspaceBuffer? rFirst = activated ? new WorkspaceBuffer("RFirst" + n, 1, width, $"R σ'(z{n}) = σ''(z{n}) ⊙ R z{n}") : null;
        WorkspaceBuffer? deltas = dependsOnParameters ? new WorkspaceBuffer("Deltas" + n, 2, width, $"[R g{n}; g{n}] (HVP) or g{n} (gradient)") { FixedPoint = true } : null;
        foreach (WorkspaceBuffer? buffer in new[] { value, first, rFirst, deltas })
            if (buffer is not null) buffers.Add(buffer);
        WorkspaceBuffer? second = activated ? new WorkspaceBuffer("Second" + n, 1, width, $"σ''(z{n})") { FixedPoint = true, CacheOnly = true } : null;
        WorkspaceBuffer? upstream = activated ? new WorkspaceBuffer("Upstream" + n, 1, width, $"∂L/∂a{n}, g{n} before its σ' step") { FixedPoint = true, CacheOnly = true } : null;
        return new ValueBuffers(node.Id, k, width, value, first, rFirst, deltas) { Second = second, Upstream = upstream };
    }

    /// <summary>
    /// The delta writes into the value of <paramref name="node"/>: its uses in backward-walk order (consumer descending,
    /// then slot ascending); the first assigns, the rest accumulate, the last completes.
    /// </summary>
    private static void PlanDeltaWrites(OpGraph graph, OpNode node, Dictionary<Use, DeltaWrite> writes)
    {
        if (!graph.DependsOnParameters(node.Id)) return;
        List<Use> uses = graph.Consumers(node.Id).OrderByDescending(u => u.Consumer).ThenBy(u => u.Slot).ToList();
        for (int i = 0; i < uses.Count; i++)
            writes.Add(uses[i], new DeltaWrite(Accumulate: i > 0, Completes: i == uses.Count - 1));
    }
}
