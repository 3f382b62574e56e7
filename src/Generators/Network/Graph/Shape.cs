using Landscape.Generators.Common;

namespace Landscape.Generators.Network.Graph;

/// <summary>
/// The shape of one example's value: flat (<see cref="Size"/> features) or spatial (channels × height × width, stored in
/// (c, h, w) order, as PyTorch's NCHW rows). Only flat shapes are produced today; the spatial form is for convolutions.
/// </summary>
/// <param name="Channels">Features of a flat value; channels of a spatial one.</param>
/// <param name="Height">1 for a flat value.</param>
/// <param name="Width">1 for a flat value.</param>
/// <param name="IsSpatial">Whether the value is (c, h, w) rather than flat (a dense op flattens it).</param>
internal readonly record struct Shape(int Channels, int Height, int Width, bool IsSpatial)
{
    /// <summary>A flat value of <paramref name="size"/> features.</summary>
    public static Shape Flat(int size) => new(size, 1, 1, false);

    /// <summary>A spatial value of <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/>.</summary>
    public static Shape Spatial(int channels, int height, int width) => new(channels, height, width, true);

    /// <summary>Numbers per example: the row width of the value's buffers.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>"200" for a flat value, "6×28×28" for a spatial one.</summary>
    public override string ToString() => IsSpatial
        ? $"{Literals.Int(Channels)}×{Literals.Int(Height)}×{Literals.Int(Width)}"
        : Literals.Int(Size);
}
