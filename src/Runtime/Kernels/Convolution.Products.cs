using System;

namespace Landscape.Kernels;

public static partial class Convolution
{
    /// <summary>
    /// The forward products of a block: for each example e in order, Z_e = W·P_e (<c>Gemm.NN(O, L, Q, …)</c>), written
    /// straight into the example's NCHW output row, or added to it when <paramref name="accumulate"/> (R-forward terms,
    /// residual projections). Each output value is one GEMM dot product over q in increasing order.
    /// </summary>
    /// <param name="weight">W [O × Q] row-major (PyTorch's [out, in, kh, kw]).</param>
    /// <param name="patches">The block's patch matrices, rows × Q·L (see <see cref="Im2Col(ReadOnlySpan{double}, Span{double}, int, int, int, int, int, int, int)"/>); for a 1×1 kernel with stride 1 and no padding the input rows themselves.</param>
    /// <param name="output">rows × O·L values.</param>
    /// <param name="rows">Examples in the block (≥ 0).</param>
    /// <param name="outChannels">O (≥ 1).</param>
    /// <param name="patchSize">Q = C·K·K (≥ 1).</param>
    /// <param name="positions">L = OH·OW (≥ 1).</param>
    /// <param name="accumulate">Add to <paramref name="output"/> instead of overwriting it.</param>
    /// <exception cref="ArgumentException">A span's length is not exactly the block's.</exception>
    public static void Forward(ReadOnlySpan<double> weight, ReadOnlySpan<double> patches, Span<double> output, int rows, int outChannels, int patchSize, int positions, bool accumulate = false)
    {
        CheckProducts(weight.Length, patches.Length, output.Length, rows, outChannels, patchSize, positions, nameof(output));
        int q = patchSize * positions, o = outChannels * positions;
        for (int e = 0; e < rows; e++)
            Gemm.NN(outChannels, positions, patchSize, weight, patchSize, patches.Slice(e * q, q), positions, output.Slice(e * o, o), positions, accumulate);
    }

    /// <summary>
    /// The input deltas of a block: for each example e in order, dP_e = Wᵀ·G_e (<c>Gemm.TN(Q, L, O, …)</c>), plus
    /// Vᵀ·H_e when a second pair is given (the R-backward's R dP = Wᵀ R G + Vᵀ G), then scattered onto the input by
    /// <see cref="Col2Im(ReadOnlySpan{double}, Span{double}, int, int, int, int, int, int, int, bool)"/> (assigned, or
    /// added when <paramref name="accumulate"/>). A 1×1 kernel with stride 1 and no padding writes dP_e straight into
    /// the input deltas, so <paramref name="scratch"/> may then be empty.
    /// </summary>
    /// <param name="weight">W [O × Q].</param>
    /// <param name="outputDeltas">G, rows × O·L.</param>
    /// <param name="directionWeight">V [O × Q] for a second term, or empty.</param>
    /// <param name="directionDeltas">The H of the second term (rows × O·L), or empty with <paramref name="directionWeight"/>.</param>
    /// <param name="scratch">Q·L values for one example's patch deltas (unused, may be empty, for the 1×1 stride-1 unpadded case).</param>
    /// <param name="inputDeltas">rows × C·H·W values.</param>
    /// <param name="rows">Examples in the block (≥ 0).</param>
    /// <param name="channels">Input channels C.</param>
    /// <param name="height">Input height H.</param>
    /// <param name="width">Input width W.</param>
    /// <param name="outChannels">O.</param>
    /// <param name="kernel">K.</param>
    /// <param name="stride">S.</param>
    /// <param name="padding">P.</param>
    /// <param name="accumulate">Add to <paramref name="inputDeltas"/> instead of overwriting them.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    public static void InputDeltas(
        ReadOnlySpan<double> weight, ReadOnlySpan<double> outputDeltas, ReadOnlySpan<double> directionWeight, ReadOnlySpan<double> directionDeltas,
        Span<double> scratch, Span<double> inputDeltas, int rows, int channels, int height, int width, int outChannels, int kernel, int stride, int padding, bool accumulate = false)
    {
        SpatialShape shape = SpatialShape.Create(rows, channels, height, width, kernel, stride, padding, pooling: false);
        int positions = shape.OutputHeight * shape.OutputWidth, patchSize = channels * kernel * kernel;
        int q = patchSize * positions, o = outChannels * positions, n = channels * height * width;
        bool second = !directionWeight.IsEmpty;
        SpatialShape.CheckLength(weight.Length, (long)outChannels * patchSize, nameof(weight), "the weight (O·Q)");
        SpatialShape.CheckLength(outputDeltas.Length, (long)rows * o, nameof(outputDeltas), "the output deltas (rows·O·L)");
        if (second)
        {
            SpatialShape.CheckLength(directionWeight.Length, (long)outChannels * patchSize, nameof(directionWeight), "the direction's weight (O·Q)");
            SpatialShape.CheckLength(directionDeltas.Length, (long)rows * o, nameof(directionDeltas), "the second deltas (rows·O·L)");
        }
        SpatialShape.CheckLength(inputDeltas.Length, (long)rows * n, nameof(inputDeltas), "the input deltas (rows·C·H·W)");
        bool direct = kernel == 1 && stride == 1 && padding == 0;
        if (!direct) SpatialShape.CheckLength(scratch.Length, q, nameof(scratch), "one example's patch deltas (Q·L)");
        for (int e = 0; e < rows; e++)
        {
            Span<double> target = direct ? inputDeltas.Slice(e * n, n) : scratch;
            Gemm.TN(patchSize, positions, outChannels, weight, patchSize, outputDeltas.Slice(e * o, o), positions, target, positions, direct && accumulate);
            if (second)
                Gemm.TN(patchSize, positions, outChannels, directionWeight, patchSize, directionDeltas.Slice(e * o, o), positions, target, positions, accumulate: true);
            if (!direct) Col2Im(scratch, inputDeltas.Slice(e * n, n), 1, channels, height, width, kernel, stride, padding, accumulate);
        }
    }

    /// <summary>
    /// Adds a block's weight gradient to <paramref name="gradient"/>: ∇W += Σ_e G_e·P_eᵀ, one <c>Gemm.NT(O, Q, L, …,
    /// accumulate: true)</c> per example in increasing e, so each ∇W[o, q] is one chain over (e, oh, ow) in order. Runs on
    /// the calling thread (generated networks call it from each block, and blocks run in parallel).
    /// </summary>
    /// <param name="outputDeltas">G, rows × O·L.</param>
    /// <param name="patches">P, rows × Q·L (the input rows for a 1×1 stride-1 unpadded kernel).</param>
    /// <param name="gradient">∇W [O × Q], accumulated into.</param>
    /// <param name="rows">Examples (≥ 0).</param>
    /// <param name="outChannels">O.</param>
    /// <param name="patchSize">Q.</param>
    /// <param name="positions">L.</param>
    /// <exception cref="ArgumentException">A span's length is not exactly the block's.</exception>
    public static void WeightGradient(ReadOnlySpan<double> outputDeltas, ReadOnlySpan<double> patches, Span<double> gradient, int rows, int outChannels, int patchSize, int positions)
    {
        CheckProducts(gradient.Length, patches.Length, outputDeltas.Length, rows, outChannels, patchSize, positions, nameof(outputDeltas));
        int q = patchSize * positions, o = outChannels * positions;
        for (int e = 0; e < rows; e++)
            Gemm.NT(outChannels, patchSize, positions, outputDeltas.Slice(e * o, o), positions, patches.Slice(e * q, q), positions, gradient, patchSize, accumulate: true);
    }

    /// <summary>Checks the lengths of a weight (O·Q), a patch block (rows·Q·L) and an output block (rows·O·L).</summary>
    private static void CheckProducts(int weight, int patches, int output, int rows, int outChannels, int patchSize, int positions, string outputName)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(patchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(positions, 1);
        SpatialShape.CheckLength(weight, (long)outChannels * patchSize, "weight", "the weight (O·Q)");
        SpatialShape.CheckLength(patches, (long)rows * patchSize * positions, "patches", "the patches (rows·Q·L)");
        SpatialShape.CheckLength(output, (long)rows * outChannels * positions, outputName, "the block (rows·O·L)");
    }
}
