using System;

namespace Landscape;

/// <summary>
/// 2-D average pooling, PyTorch's <c>AvgPool2d</c>: the mean of each <see cref="Size"/>×<see cref="Size"/> window of each
/// channel, windows <see cref="Stride"/> apart, floor mode. Padded zeros always count in the mean (PyTorch's default
/// <c>count_include_pad = true</c>; not a property), so every window divides by Size².
/// </summary>
/// <param name="size">The window side (≥ 1, at most the padded input).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AvgPool2dAttribute(int size) : Attribute
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

    /// <summary>Zero padding on every side (default 0; at most <see cref="Size"/>/2, as PyTorch requires).</summary>
    public int Padding { get; set; }
}
