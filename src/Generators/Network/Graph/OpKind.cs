namespace Landscape.Generators.Network.Graph;

/// <summary>The kinds of op a network graph holds; each kind but <see cref="Input"/> has one rules object (Rules/OpRuleTable).</summary>
internal enum OpKind
{
    /// <summary>The examples x: no inputs, no parameters, no derivatives (R x = 0).</summary>
    Input,

    /// <summary>z = a Wᵀ + b, then the op's activation.</summary>
    Dense,

    /// <summary>The loss head: per-example losses ℓ of the network output (its only input) and the targets y.</summary>
    Loss,
}
