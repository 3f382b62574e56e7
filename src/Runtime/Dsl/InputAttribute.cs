using System;

namespace Landscape;

/// <summary>
/// The input of a <see cref="NetworkAttribute"/> declaration (exactly one per network): <c>[Input(size)]</c>, a flat
/// vector of features, or <c>[Input(channels, height, width)]</c>, an image whose example row holds its C·H·W values in
/// (c, h, w) order (PyTorch's NCHW, flattened; an MNIST row is 1×28×28). The two are told apart by the number of
/// constructor arguments. A <see cref="DenseAttribute"/> layer on an image flattens it in that order
/// (<c>torch.flatten(x, 1)</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>A flat input of <paramref name="size"/> features.</summary>
    public InputAttribute(int size)
    {
        Size = size;
        Channels = size;
        Height = 1;
        Width = 1;
    }

    /// <summary>An image input of <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/> values.</summary>
    public InputAttribute(int channels, int height, int width)
    {
        Channels = channels;
        Height = height;
        Width = width;
        Size = unchecked(channels * height * width);
        IsImage = true;
    }

    /// <summary>Input values per example (≥ 1): the features of a flat input, C·H·W of an image.</summary>
    public int Size { get; }

    /// <summary>Channels of an image input; the feature count of a flat one.</summary>
    public int Channels { get; }

    /// <summary>Height of an image input; 1 for a flat one.</summary>
    public int Height { get; }

    /// <summary>Width of an image input; 1 for a flat one.</summary>
    public int Width { get; }

    /// <summary>Whether the input was declared as an image (three arguments).</summary>
    public bool IsImage { get; }
}
