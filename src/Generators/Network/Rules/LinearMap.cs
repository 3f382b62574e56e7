namespace Landscape.Generators.Network.Rules;

/// <summary>
/// An op's linear map as the GEMM its kernels run per example: rows × columns of the weight times the output positions
/// (a dense map u × f at one position; a convolution O × C·K·K at OH·OW positions, its im2col GEMM; a 1×1 projection
/// O × C at the block output's positions). What the FLOP counts (<see cref="FlopCount"/>) count.
/// </summary>
/// <param name="Op">The op's name (<c>dense1</c>, <c>conv0</c>, <c>residual1</c>).</param>
/// <param name="Rows">The weight's rows: units or out-channels.</param>
/// <param name="Columns">The weight's columns: fan-in or in-channels·k·k.</param>
/// <param name="Positions">Output positions per example: OH·OW for a map on images, 1 for a dense map.</param>
/// <param name="Source">The id of the value the map reads (its input needs a delta and an R-image only if it depends on θ).</param>
internal sealed record LinearMap(string Op, int Rows, int Columns, int Positions, int Source)
{
    /// <summary>Multiply-adds per example: rows · columns · positions.</summary>
    public long MultiplyAdds => (long)Rows * Columns * Positions;
}
