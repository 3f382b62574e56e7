using System.Collections.Generic;
using Landscape.Generators.Network.Graph;
using Landscape.Generators.Network.Rules;

namespace Landscape.Generators.Network;

/// <summary>
/// FLOPs of one example for the loss, the gradient and the Hessian-vector product, counted from the op graph: 2 per
/// multiply-add of every op's <see cref="LinearMap"/> (dense maps, convolutions as their im2col GEMMs, projections);
/// activations, biases, pooling, residual adds and the loss head are not counted. With I the multiply-adds of the maps
/// whose input does not depend on θ (no delta, R x = 0) and S those of the others:
/// <list type="bullet">
/// <item>loss = forward = 2(I + S);</item>
/// <item>gradient = forward (I + S) + input deltas (S: Wᵀ g) + weight gradients (I + S: g aᵀ) = 2(2I + 3S);</item>
/// <item>HVP without gradient output = forward (I + S) + R-forward (I + 2S: R z = W R a + V a) + deltas (S) + R-deltas
/// (2S: Wᵀ R g + Vᵀ g) + weight terms (I + 2S: R g aᵀ + g R aᵀ) = 2(3I + 8S).</item>
/// </list>
/// The same counts as bench/'s analytic ones (BENCHMARKS.md), which a test checks for P1–P4.
/// </summary>
/// <param name="Maps">Every linear map, in graph order.</param>
/// <param name="InputMultiplyAdds">I: multiply-adds of the maps reading a value that does not depend on θ.</param>
/// <param name="OtherMultiplyAdds">S: multiply-adds of the other maps.</param>
internal sealed record FlopCount(IReadOnlyList<LinearMap> Maps, long InputMultiplyAdds, long OtherMultiplyAdds)
{
    /// <summary>FLOPs of L(θ) per example: 2(I + S).</summary>
    public long Loss => 2 * (InputMultiplyAdds + OtherMultiplyAdds);

    /// <summary>FLOPs of L(θ) and ∇L(θ) per example: 2(2I + 3S).</summary>
    public long Gradient => 2 * (2 * InputMultiplyAdds + 3 * OtherMultiplyAdds);

    /// <summary>FLOPs of H(θ)·v per example (no gradient output): 2(3I + 8S).</summary>
    public long Hvp => 2 * (3 * InputMultiplyAdds + 8 * OtherMultiplyAdds);

    /// <summary>Counts the maps of <paramref name="graph"/>'s ops through their rules.</summary>
    public static FlopCount Of(OpGraph graph)
    {
        var maps = new List<LinearMap>();
        long input = 0, other = 0;
        foreach (OpNode node in graph.Layers)
        {
            if (OpRuleTable.For(node).Map(node) is not { } map) continue;
            maps.Add(map);
            if (graph.DependsOnParameters(map.Source)) other += map.MultiplyAdds;
            else input += map.MultiplyAdds;
        }
        return new FlopCount(maps, input, other);
    }

    /// <summary>Whether <paramref name="map"/> is counted in I (its input does not depend on θ).</summary>
    public static bool ReadsInput(OpGraph graph, LinearMap map) => !graph.DependsOnParameters(map.Source);
}
