namespace Landscape.Generators.Network.Graph;

/// <summary>The kinds of op a network graph holds; each kind has one rules object (Rules/OpRuleTable), in this order.</summary>
internal enum OpKind
{
    /// <summary>The examples x: no inputs, no parameters, no derivatives (R x = 0).</summary>
    Input,

    /// <summary>z = a Wᵀ + b (a spatial a flattened in (c, h, w) order), then the op's activation.</summary>
    Dense,

    /// <summary>A 2-D convolution: per example Z = W·im2col(a) + b per channel, then the op's activation.</summary>
    Convolution,

    /// <summary>Max pooling over windows of each channel; derivatives through the recorded argmax.</summary>
    MaxPool,

    /// <summary>Average pooling over windows of each channel, padded zeros counted (linear).</summary>
    AvgPool,

    /// <summary>Mean over height and width of each channel: C×H×W → C (linear).</summary>
    GlobalAvgPool,

    /// <summary>A residual block's end: z = F + S(x) with S the identity or a learned projection, then the activation.</summary>
    Residual,

    /// <summary>The loss head: per-example losses ℓ of the network output (its only input) and the targets y.</summary>
    Loss,
}
