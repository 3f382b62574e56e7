using System;

namespace Landscape;

/// <summary>
/// Closes a residual block: the output is σ(F(x) + S(x)), x the value that entered at <see cref="ResidualBeginAttribute"/>,
/// F the layers between, σ <see cref="Activation"/>. S(x) = x when F(x) has x's shape. With <see cref="Projection"/>, S is
/// learned: for an image value a 1×1 convolution with bias whose stride is the product of the strides inside the block
/// (it must reproduce F(x)'s height and width), for a flat value a dense map with bias; its parameters
/// <c>residual{k}.weight</c> and <c>.bias</c> come after the block's own layers, initialized with fan-in = x's channels
/// (or features).
/// </summary>
/// <param name="activation">The nonlinearity applied to F(x) + S(x).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ResidualEndAttribute(Activation activation = Activation.Identity) : Attribute
{
    /// <summary>The elementwise nonlinearity on the sum.</summary>
    public Activation Activation { get; } = activation;

    /// <summary>Whether the shortcut is a learned projection (required when F(x) and x differ in shape; default false).</summary>
    public bool Projection { get; set; }
}
