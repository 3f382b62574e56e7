using Landscape.Generators.Network.Model;

namespace Landscape.Generators.Network.Graph;

/// <summary>
/// The shapes layers produce (DESIGN §2b, PyTorch's semantics), in one place for the parser's validation pass and the
/// lowering. Callers check the preconditions (a spatial input for spatial layers, a window within the padded input);
/// sizes are computed in <see cref="long"/> so that the parser can report an overflow instead of wrapping.
/// </summary>
internal static class ShapeInference
{
    /// <summary>⌊(size + 2·padding − window)/stride⌋ + 1: PyTorch's floor-mode output size of a window sweep.</summary>
    public static long Sweep(long size, long window, long stride, long padding) => (size + 2 * padding - window) / stride + 1;

    /// <summary>The stride product a residual block's projection uses: the product of its convolutions' and poolings' strides.</summary>
    public static long StrideOf(LayerSpec layer) => layer.Kind is LayerKind.Conv2d or LayerKind.MaxPool2d or LayerKind.AvgPool2d ? layer.Stride : 1;

    /// <summary>
    /// The value <paramref name="layer"/> produces from <paramref name="input"/> (dense, convolution or pooling layers;
    /// residual markers pass shapes through and are handled by the caller).
    /// </summary>
    public static (long Channels, long Height, long Width, bool Spatial) Output(LayerSpec layer, Shape input) => layer.Kind switch
    {
        LayerKind.Dense => (layer.Units, 1, 1, false),
        LayerKind.Conv2d => (layer.Units, Sweep(input.Height, layer.Kernel, layer.Stride, layer.Padding), Sweep(input.Width, layer.Kernel, layer.Stride, layer.Padding), true),
        LayerKind.MaxPool2d or LayerKind.AvgPool2d => (input.Channels, Sweep(input.Height, layer.Kernel, layer.Stride, layer.Padding), Sweep(input.Width, layer.Kernel, layer.Stride, layer.Padding), true),
        LayerKind.GlobalAvgPool2d => (input.Channels, 1, 1, false),
        _ => (input.Channels, input.Height, input.Width, input.IsSpatial),
    };

    /// <summary>A 1×1 projection with <paramref name="stride"/> applied to <paramref name="input"/>, producing <paramref name="channels"/>.</summary>
    public static Shape Projection(Shape input, int channels, long stride) => input.IsSpatial
        ? Shape.Spatial(channels, (int)Sweep(input.Height, 1, stride, 0), (int)Sweep(input.Width, 1, stride, 0))
        : Shape.Flat(channels);
}
