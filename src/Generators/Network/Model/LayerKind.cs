namespace Landscape.Generators.Network.Model;

/// <summary>The layer attributes a network declaration lists, in the order the parser meets them.</summary>
internal enum LayerKind
{
    /// <summary><c>[Dense(units, activation)]</c>: z = W a + b (an image value is flattened in (c, h, w) order first).</summary>
    Dense,

    /// <summary><c>[Conv2d(channels, kernel, activation)]</c>: a square convolution with stride and zero padding.</summary>
    Conv2d,

    /// <summary><c>[MaxPool2d(size)]</c>: the maximum of each window (padding −∞).</summary>
    MaxPool2d,

    /// <summary><c>[AvgPool2d(size)]</c>: the mean of each window, padded zeros counted.</summary>
    AvgPool2d,

    /// <summary><c>[GlobalAvgPool2d]</c>: the mean over height and width, C×H×W → C flat values.</summary>
    GlobalAvgPool2d,

    /// <summary><c>[ResidualBegin]</c>: the value entering here is the block's shortcut input x.</summary>
    ResidualBegin,

    /// <summary><c>[ResidualEnd(activation, Projection)]</c>: σ(F(x) + S(x)).</summary>
    ResidualEnd,
}
