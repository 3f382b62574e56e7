using System;

namespace Landscape;

/// <summary>
/// 2-D max pooling, PyTorch's <c>MaxPool2d</c>: the maximum of each <see cref="Size"/>×<see cref="Size"/> window of each
/// channel, windows <see cref="Stride"/> apart, the input padded with −∞ on every side (floor mode, no dilation). Gradients
/// and R-values flow through the chosen cell; on ties the first maximum in row-major window order, as PyTorch.
/// </summary>
/// <param name="size">The window side (≥ 1, at most the padded input).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool2dAttribute(int size) : Attribute
{
    private int? _stride;

    /// <summary>The window side (≥ 1).</summary>
    public int Size { get; } = size;

    /// <summary>The step between windows (default: <see cref="Size"/>; ≥ 1).</summary>
    public int Stride
    {
        get => _stride ?? Size;
        set => _stride = value;
    }

    /// <summary>Padding on every side (default 0; at most <see cref="Size"/>/2, as PyTorch requires).</summary>
    public int Padding { get; set; }
}
