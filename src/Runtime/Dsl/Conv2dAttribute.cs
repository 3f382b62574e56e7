using System;

namespace Landscape;

/// <summary>
/// A 2-D convolution layer, PyTorch's <c>Conv2d</c>: <see cref="Channels"/> filters of <see cref="Kernel"/>×<see cref="Kernel"/>
/// over every input channel, with <see cref="Stride"/> and zero <see cref="Padding"/> on every side (no dilation or groups),
/// plus a bias per filter, followed by <see cref="Activation"/>. It reads an image value (C×H×W) and produces
/// <see cref="Channels"/>×OH×OW, OH = ⌊(H + 2·Padding − Kernel)/Stride⌋ + 1 (floor mode), OW likewise.
/// </summary>
/// <remarks>
/// The weight is a block of <see cref="ParameterKind.Weight"/> with Rows = <see cref="Channels"/> and Columns = C·K·K,
/// row-major, which is PyTorch's [out, in, kh, kw]; one filter is one row (filter normalization is per row). The bias
/// follows it. Initialization uses fan-in = C·K·K.
/// </remarks>
/// <param name="channels">Output channels, i.e. filters (≥ 1).</param>
/// <param name="kernel">The side of the square kernel (≥ 1, at most the padded input).</param>
/// <param name="activation">The elementwise nonlinearity after the bias.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2dAttribute(int channels, int kernel, Activation activation = Activation.Identity) : Attribute
{
    /// <summary>Output channels (≥ 1).</summary>
    public int Channels { get; } = channels;

    /// <summary>The side of the square kernel (≥ 1).</summary>
    public int Kernel { get; } = kernel;

    /// <summary>The elementwise nonlinearity.</summary>
    public Activation Activation { get; } = activation;

    /// <summary>The step between windows (default 1; ≥ 1).</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Zeros added on every side of the input (default 0; ≥ 0).</summary>
    public int Padding { get; set; }

    /// <summary>Whether the layer has a bias per filter (default true).</summary>
    public bool Bias { get; set; } = true;

    /// <summary>The weight initialization scheme (default LeCun normal, fan-in = in-channels·K·K).</summary>
    public Init Init { get; set; } = Init.Default;

    /// <summary>Multiplies the initialization standard deviation (default 1; finite and ≥ 0).</summary>
    public double InitScale { get; set; } = 1.0;
}
