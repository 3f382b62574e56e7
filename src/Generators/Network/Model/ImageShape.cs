namespace Landscape.Generators.Network.Model;

/// <summary>The shape of an image value: channels × height × width, stored in (c, h, w) order.</summary>
/// <param name="Channels">Channels (≥ 1).</param>
/// <param name="Height">Height (≥ 1).</param>
/// <param name="Width">Width (≥ 1).</param>
internal sealed record ImageShape(int Channels, int Height, int Width)
{
    /// <summary>The shape as written in generated comments and architecture strings: <c>1×28×28</c>.</summary>
    public override string ToString() => $"{Channels}×{Height}×{Width}";
}
