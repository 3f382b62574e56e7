using System;

namespace Landscape.Data;

/// <summary>
/// The raw contents of an MNIST-style IDX image file: <see cref="Count"/> grayscale images of
/// <see cref="Rows"/> × <see cref="Columns"/> pixels, as read by <see cref="Mnist.ReadImages"/>.
/// </summary>
public sealed class MnistImages
{
    private readonly byte[] _pixels;

    internal MnistImages(int count, int rows, int columns, byte[] pixels)
    {
        Count = count;
        Rows = rows;
        Columns = columns;
        _pixels = pixels;
    }

    /// <summary>The number of images (the first dimension of the file).</summary>
    public int Count { get; }

    /// <summary>The number of pixel rows per image (28 for MNIST).</summary>
    public int Rows { get; }

    /// <summary>The number of pixel columns per image (28 for MNIST).</summary>
    public int Columns { get; }

    /// <summary>Pixels per image: <see cref="Rows"/> · <see cref="Columns"/> (784 for MNIST).</summary>
    public int PixelsPerImage => Rows * Columns;

    /// <summary>
    /// The pixels in file order, [Count × Rows × Columns] row-major: image i's pixel (r, c) is at
    /// i · Rows · Columns + r · Columns + c. Values are 0 (background) to 255 (full ink).
    /// </summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>The pixels of image <paramref name="index"/> ([Rows × Columns] row-major).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, Count).</exception>
    public ReadOnlySpan<byte> Image(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Expected 0 ≤ index < {Count}.");
        return new ReadOnlySpan<byte>(_pixels, index * PixelsPerImage, PixelsPerImage);
    }

    /// <inheritdoc/>
    public override string ToString() => $"MnistImages({Count} images of {Rows}×{Columns})";
}
