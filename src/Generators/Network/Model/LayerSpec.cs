namespace Landscape.Generators.Network.Model;

/// <summary>
/// One layer attribute as declared, validated by the parser's shape pass (shapes themselves are inferred again by the
/// lowering, from the input, with <see cref="Graph.ShapeInference"/>).
/// </summary>
/// <param name="Kind">Which attribute.</param>
/// <param name="Units">A dense layer's units, a convolution's output channels; 0 for the others.</param>
/// <param name="Activation">The activation (dense, convolution, residual end); identity for the others.</param>
/// <param name="Bias">Whether a dense or convolution layer has a bias (a projection always has one).</param>
/// <param name="Init">The weight initialization of a dense or convolution layer.</param>
/// <param name="InitScale">The factor on that initialization's standard deviation.</param>
internal sealed record LayerSpec(LayerKind Kind, int Units, ActivationKind Activation, bool Bias, InitKind Init, double InitScale)
{
    /// <summary>A convolution's kernel side or a pooling window's side; 0 for the others.</summary>
    public int Kernel { get; init; }

    /// <summary>The stride of a convolution or pooling layer (1 for the others).</summary>
    public int Stride { get; init; } = 1;

    /// <summary>The padding of a convolution or pooling layer on every side.</summary>
    public int Padding { get; init; }

    /// <summary>Whether a residual end has a learned projection shortcut.</summary>
    public bool Projection { get; init; }

    /// <summary>A dense layer of <paramref name="units"/>.</summary>
    public static LayerSpec Dense(int units, ActivationKind activation, bool bias = true, InitKind init = InitKind.Default, double initScale = 1.0) =>
        new(LayerKind.Dense, units, activation, bias, init, initScale);
}
