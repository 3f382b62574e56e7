using System;

namespace Landscape.Kernels;

public static partial class Convolution
{
    /// <summary>
    /// The forward products of a block, one example at a time: P_e = im2col(x_e) into <paramref name="scratch"/>, then
    /// Z_e = W·P_e (<c>Gemm.NN(O, L, Q, …)</c>) written straight into the example's NCHW output row, or added to it when
    /// <paramref name="accumulate"/> (R-forward terms, residual projections). Each output value is one GEMM dot product
    /// over q in increasing order. A 1×1 kernel with stride 1 and no padding uses x_e itself as P_e.
    /// </summary>
    /// <remarks>Working one example at a time keeps the patch matrix in cache and the workspace at one patch matrix per block.</remarks>
    /// <param name="weight">W [O × Q] row-major, Q = C·K·K (PyTorch's [out, in, kh, kw]).</param>
    /// <param name="input">The block's inputs, rows × C·H·W in NCHW order.</param>
    /// <param name="scratch">Q·L values for one example's patch matrix (may be empty for the 1×1 stride-1 unpadded case).</param>
    /// <param name="output">rows × O·L values.</param>
    /// <param name="rows">Examples in the block (≥ 0).</param>
    /// <param name="channels">Input channels C.</param>
    /// <param name="height">Input height H.</param>
    /// <param name="width">Input width W.</param>
    /// <param name="outChannels">Output channels O (≥ 1).</param>
    /// <param name="kernel">Kernel side K.</param>
    /// <param name="stride">Stride S.</param>
    /// <param name="padding">Zero padding P.</param>
    /// <param name="accumulate">Add to <paramref name="output"/> instead of overwriting it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range (see <see cref="OutputSize"/>).</exception>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    public static void Forward(
        ReadOnlySpan<double> weight, ReadOnlySpan<double> input, Span<double> scratch, Span<double> output,
        int rows, int channels, int height, int width, int outChannels, int kernel, int stride, int padding, bool accumulate = false)
    {
        Products products = Products.Create(rows, channels, height, width, outChannels, kernel, stride, padding);
        products.Check(weight.Length, nameof(weight), "the weight (O·Q)", products.WeightLength);
        products.Check(input.Length, nameof(input), "the inputs (rows·C·H·W)", (long)rows * products.InputLength);
        products.Check(output.Length, nameof(output), "the outputs (rows·O·L)", (long)rows * products.OutputLength);
        products.CheckScratch(scratch.Length);
        for (int e = 0; e < rows; e++)
        {
            ReadOnlySpan<double> patches = products.Patches(input.Slice(e * products.InputLength, products.InputLength), scratch);
            Gemm.NN(outChannels, products.Positions, products.PatchSize, weight, products.PatchSize, patches, products.Positions,
                    output.Slice(e * products.OutputLength, products.OutputLength), products.Positions, accumulate);
        }
    }

    /// <summary>
    /// The forward and R-forward products of a block in one sweep, one example at a time: for each example e in order,
    /// when <paramref name="rInput"/> is given, R P_e = im2col(R x_e) and R Z_e = W·R P_e; then P_e = im2col(x_e),
    /// Z_e = W·P_e and R Z_e = V·P_e, added to R Z_e when <paramref name="rInput"/> is given. These are the products of
    /// <see cref="Forward"/>(W, x → Z), <see cref="Forward"/>(W, R x → R Z) and <see cref="Forward"/>(V, x → R Z,
    /// accumulate), each output value the same FMA chain in the same order, so the same bits; P_e is formed once for
    /// both W·P_e and V·P_e, and packed once for both when the products take the packed path.
    /// </summary>
    /// <param name="weight">W [O × Q] row-major, Q = C·K·K.</param>
    /// <param name="directionWeight">V [O × Q], the direction's part for W.</param>
    /// <param name="input">The block's inputs x, rows × C·H·W in NCHW order.</param>
    /// <param name="rInput">Their R-images R x (rows × C·H·W), or empty when the input does not depend on θ.</param>
    /// <param name="scratch">Q·L values for one example's patch matrix (may be empty for the 1×1 stride-1 unpadded case).</param>
    /// <param name="output">Z, rows × O·L values (overwritten).</param>
    /// <param name="rOutput">R Z, rows × O·L values (overwritten).</param>
    /// <param name="rows">Examples in the block (≥ 0).</param>
    /// <param name="channels">Input channels C.</param>
    /// <param name="height">Input height H.</param>
    /// <param name="width">Input width W.</param>
    /// <param name="outChannels">Output channels O (≥ 1).</param>
    /// <param name="kernel">Kernel side K.</param>
    /// <param name="stride">Stride S.</param>
    /// <param name="padding">Zero padding P.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range (see <see cref="OutputSize"/>).</exception>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    public static void ForwardWithR(
        ReadOnlySpan<double> weight, ReadOnlySpan<double> directionWeight, ReadOnlySpan<double> input, ReadOnlySpan<double> rInput,
        Span<double> scratch, Span<double> output, Span<double> rOutput,
        int rows, int channels, int height, int width, int outChannels, int kernel, int stride, int padding)
    {
        Products products = Products.Create(rows, channels, height, width, outChannels, kernel, stride, padding);
        bool hasR = !rInput.IsEmpty;
        products.Check(weight.Length, nameof(weight), "the weight (O·Q)", products.WeightLength);
        products.Check(directionWeight.Length, nameof(directionWeight), "the direction's weight (O·Q)", products.WeightLength);
        products.Check(input.Length, nameof(input), "the inputs (rows·C·H·W)", (long)rows * products.InputLength);
        if (hasR) products.Check(rInput.Length, nameof(rInput), "the inputs' R-images (rows·C·H·W)", (long)rows * products.InputLength);
        products.Check(output.Length, nameof(output), "the outputs (rows·O·L)", (long)rows * products.OutputLength);
        products.Check(rOutput.Length, nameof(rOutput), "the outputs' R-images (rows·O·L)", (long)rows * products.OutputLength);
        products.CheckScratch(scratch.Length);
        int q = products.PatchSize, l = products.Positions, n = products.InputLength, o = products.OutputLength;
        for (int e = 0; e < rows; e++)
        {
            Span<double> z = output.Slice(e * o, o), rz = rOutput.Slice(e * o, o);
            if (hasR)
            {
                ReadOnlySpan<double> rPatches = products.Patches(rInput.Slice(e * n, n), scratch);
                Gemm.NN(outChannels, l, q, weight, q, rPatches, l, rz, l);
            }
            ReadOnlySpan<double> patches = products.Patches(input.Slice(e * n, n), scratch);
            Gemm.NNPair(outChannels, l, q, weight, directionWeight, q, patches, l, z, false, rz, hasR, l);
        }
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
    /// <param name="scratch">Q·L values for one example's patch deltas (may be empty for the 1×1 stride-1 unpadded case).</param>
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
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range (see <see cref="OutputSize"/>).</exception>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    public static void InputDeltas(
        ReadOnlySpan<double> weight, ReadOnlySpan<double> outputDeltas, ReadOnlySpan<double> directionWeight, ReadOnlySpan<double> directionDeltas,
        Span<double> scratch, Span<double> inputDeltas, int rows, int channels, int height, int width, int outChannels, int kernel, int stride, int padding, bool accumulate = false)
    {
        Products products = Products.Create(rows, channels, height, width, outChannels, kernel, stride, padding);
        bool second = !directionWeight.IsEmpty;
        products.Check(weight.Length, nameof(weight), "the weight (O·Q)", products.WeightLength);
        products.Check(outputDeltas.Length, nameof(outputDeltas), "the output deltas (rows·O·L)", (long)rows * products.OutputLength);
        if (second)
        {
            products.Check(directionWeight.Length, nameof(directionWeight), "the direction's weight (O·Q)", products.WeightLength);
            products.Check(directionDeltas.Length, nameof(directionDeltas), "the second deltas (rows·O·L)", (long)rows * products.OutputLength);
        }
        products.Check(inputDeltas.Length, nameof(inputDeltas), "the input deltas (rows·C·H·W)", (long)rows * products.InputLength);
        products.CheckScratch(scratch.Length);
        int q = products.PatchSize, l = products.Positions, o = products.OutputLength, n = products.InputLength;
        for (int e = 0; e < rows; e++)
        {
            Span<double> target = products.Direct ? inputDeltas.Slice(e * n, n) : scratch;
            Gemm.TN(q, l, outChannels, weight, q, outputDeltas.Slice(e * o, o), l, target, l, products.Direct && accumulate);
            if (second)
                Gemm.TN(q, l, outChannels, directionWeight, q, directionDeltas.Slice(e * o, o), l, target, l, accumulate: true);
            if (!products.Direct) Col2Im(scratch, inputDeltas.Slice(e * n, n), 1, channels, height, width, kernel, stride, padding, accumulate);
        }
    }

    /// <summary>
    /// Adds a block's weight gradient to <paramref name="gradient"/>: ∇W += Σ_e G_e·P_eᵀ with P_e = im2col(x_e) formed
    /// again in <paramref name="scratch"/>, one <c>Gemm.NT(O, Q, L, …, accumulate: true)</c> per example in increasing e,
    /// so each ∇W[o, q] is one chain over (e, oh, ow) in order. Runs on the calling thread (generated networks call it
    /// from each block, and blocks run in parallel).
    /// </summary>
    /// <param name="outputDeltas">G, rows × O·L.</param>
    /// <param name="input">The block's inputs x (or their R-images), rows × C·H·W.</param>
    /// <param name="scratch">Q·L values for one example's patch matrix (may be empty for the 1×1 stride-1 unpadded case).</param>
    /// <param name="gradient">∇W [O × Q], accumulated into.</param>
    /// <param name="rows">Examples (≥ 0).</param>
    /// <param name="channels">Input channels C.</param>
    /// <param name="height">Input height H.</param>
    /// <param name="width">Input width W.</param>
    /// <param name="outChannels">O.</param>
    /// <param name="kernel">K.</param>
    /// <param name="stride">S.</param>
    /// <param name="padding">P.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range (see <see cref="OutputSize"/>).</exception>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    public static void WeightGradient(
        ReadOnlySpan<double> outputDeltas, ReadOnlySpan<double> input, Span<double> scratch, Span<double> gradient,
        int rows, int channels, int height, int width, int outChannels, int kernel, int stride, int padding)
    {
        Products products = Products.Create(rows, channels, height, width, outChannels, kernel, stride, padding);
        products.Check(outputDeltas.Length, nameof(outputDeltas), "the output deltas (rows·O·L)", (long)rows * products.OutputLength);
        products.Check(input.Length, nameof(input), "the inputs (rows·C·H·W)", (long)rows * products.InputLength);
        products.Check(gradient.Length, nameof(gradient), "the weight gradient (O·Q)", products.WeightLength);
        products.CheckScratch(scratch.Length);
        for (int e = 0; e < rows; e++)
        {
            ReadOnlySpan<double> patches = products.Patches(input.Slice(e * products.InputLength, products.InputLength), scratch);
            Gemm.NT(outChannels, products.PatchSize, products.Positions, outputDeltas.Slice(e * products.OutputLength, products.OutputLength), products.Positions,
                    patches, products.Positions, gradient, products.PatchSize, accumulate: true);
        }
    }

    /// <summary>The sizes of one convolution's per-example products, checked once per call.</summary>
    private readonly struct Products
    {
        private readonly SpatialShape _shape;

        private Products(SpatialShape shape, int outChannels)
        {
            _shape = shape;
            OutChannels = outChannels;
            Positions = shape.OutputHeight * shape.OutputWidth;
            PatchSize = shape.Channels * shape.Kernel * shape.Kernel;
            InputLength = shape.Channels * shape.Height * shape.Width;
            OutputLength = outChannels * Positions;
            Direct = shape.Kernel == 1 && shape.Stride == 1 && shape.Padding == 0;
        }

        public int OutChannels { get; }

        /// <summary>L = OH·OW.</summary>
        public int Positions { get; }

        /// <summary>Q = C·K·K.</summary>
        public int PatchSize { get; }

        /// <summary>C·H·W.</summary>
        public int InputLength { get; }

        /// <summary>O·L.</summary>
        public int OutputLength { get; }

        /// <summary>O·Q.</summary>
        public long WeightLength => (long)OutChannels * PatchSize;

        /// <summary>Whether P_e is x_e itself (1×1 kernel, stride 1, no padding).</summary>
        public bool Direct { get; }

        public static Products Create(int rows, int channels, int height, int width, int outChannels, int kernel, int stride, int padding)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
            return new Products(SpatialShape.Create(rows, channels, height, width, kernel, stride, padding, pooling: false), outChannels);
        }

        public void Check(int length, string name, string description, long expected) => SpatialShape.CheckLength(length, expected, name, description);

        /// <summary>The scratch holds one example's patch matrix (Q·L values), unless P_e is x_e.</summary>
        public void CheckScratch(int length)
        {
            if (!Direct) SpatialShape.CheckLength(length, (long)PatchSize * Positions, "scratch", "one example's patch matrix (Q·L)");
        }

        /// <summary>P_e of one example: im2col into <paramref name="scratch"/>, or the example itself.</summary>
        public ReadOnlySpan<double> Patches(ReadOnlySpan<double> example, Span<double> scratch)
        {
            if (Direct) return example;
            Span<double> patches = scratch.Slice(0, PatchSize * Positions);
            Im2Col(example, patches, 1, _shape.Channels, _shape.Height, _shape.Width, _shape.Kernel, _shape.Stride, _shape.Padding);
            return patches;
        }
    }
}
