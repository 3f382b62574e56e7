using System;

namespace Landscape;

/// <summary>A fully connected layer z = W a + b, followed by <see cref="Activation"/>. Layers apply in source order.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute(int units, Activation activation = Activation.Identity) : Attribute
{
    /// <summary>Output units (≥ 1).</summary>
    public int Units { get; } = units;

    /// <summary>The elementwise nonlinearity.</summary>
    public Activation Activation { get; } = activation;

    /// <summary>Whether the layer has a bias vector (default true).</summary>
    public bool Bias { get; set; } = true;

    /// <summary>The weight initialization scheme (default LeCun normal).</summary>
    public Init Init { get; set; } = Init.Default;

    /// <summary>Multiplies the initialization standard deviation (default 1; finite and ≥ 0).</summary>
    public double InitScale { get; set; } = 1.0;
}
