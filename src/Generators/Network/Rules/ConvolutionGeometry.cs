using Landscape.Generators.Common;
using Landscape.Generators.Network.Graph;

namespace Landscape.Generators.Network.Rules;

/// <summary>
/// The sizes of one convolution-shaped product (a <c>[Conv2d]</c>, or a residual block's 1×1 projection): input C×H×W,
/// output O×OH×OW, kernel K, stride S, padding P; Q = C·K·K patch rows and L = OH·OW positions per example. The
/// argument lists the runtime's <c>Convolution</c> and <c>Pooling</c> kernels take are written here once.
/// </summary>
internal sealed record ConvolutionGeometry(int Channels, int Height, int Width, int OutChannels, int OutHeight, int OutWidth, int Kernel, int Stride, int Padding)
{
    /// <summary>The geometry of <paramref name="node"/> reading its input at <paramref name="slot"/>.</summary>
    public static ConvolutionGeometry Of(OpNode node, OpGraph graph, int slot = 0)
    {
        Shape input = graph[node.Inputs[slot]].Shape, output = node.Shape;
        return new ConvolutionGeometry(input.Channels, input.Height, input.Width, output.Channels, output.Height, output.Width, node.Kernel, node.Stride, node.Padding);
    }

    /// <summary>Q = C·K·K: rows of one example's patch matrix.</summary>
    public int PatchSize => Channels * Kernel * Kernel;

    /// <summary>L = OH·OW: output positions per channel.</summary>
    public int Positions => OutHeight * OutWidth;

    /// <summary>Q·L: one example's patch matrix.</summary>
    public int PatchWidth => PatchSize * Positions;

    /// <summary>Whether the patch matrix is the input itself (a 1×1 kernel, stride 1, no padding), so im2col is skipped.</summary>
    public bool DirectPatches => Kernel == 1 && Stride == 1 && Padding == 0;

    /// <summary>"C, H, W": the input extents as kernel arguments.</summary>
    public string InputArguments => $"{Literals.Int(Channels)}, {Literals.Int(Height)}, {Literals.Int(Width)}";

    /// <summary>"K, S, P": the window arguments.</summary>
    public string WindowArguments => $"{Literals.Int(Kernel)}, {Literals.Int(Stride)}, {Literals.Int(Padding)}";

    /// <summary>"K×K, stride S, padding P" for comments.</summary>
    public string Describe => $"{Literals.Int(Kernel)}×{Literals.Int(Kernel)}, stride {Literals.Int(Stride)}, padding {Literals.Int(Padding)}";
}
