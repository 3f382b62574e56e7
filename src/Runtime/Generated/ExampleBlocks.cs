using System;

namespace Landscape.Models;

/// <summary>
/// How generated networks split a dataset: chunks of at most a chunk size of examples are processed one after
/// another; inside a chunk, blocks of a block size of examples run their forward and backward passes in parallel
/// (per-example results do not depend on the split), then the chunk's partial sums are formed alone (its loss sum in
/// example order, its weight gradients by GEMMs from +0 whose every output element sums over the chunk's examples in a
/// fixed order), and the chunks' partials are combined by the pairwise tree of <see cref="ChunkTree"/>. Each generated
/// network states its own sizes as constants, chosen by the generator from the declaration alone (at most
/// <see cref="ChunkSize"/> and <see cref="BlockSize"/>, which every network of moderate width gets), never derived from the
/// machine or the thread count, which is why results are bit-identical for any <see cref="Parallelism.MaxThreads"/>.
/// </summary>
public static class ExampleBlocks
{
    /// <summary>The default and largest number of examples per chunk (bounds the workspace: buffers hold one chunk of activations).</summary>
    public const int ChunkSize = 512;

    /// <summary>The default and largest number of examples per parallel block inside a chunk.</summary>
    public const int BlockSize = 64;

    /// <summary>The number of blocks of <paramref name="blockSize"/> examples that cover <paramref name="rows"/> examples.</summary>
    public static int BlockCount(int rows, int blockSize = BlockSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSize);
        return (rows + blockSize - 1) / blockSize;
    }

    /// <summary><paramref name="initial"/> + Σ values[i], added in index order (a deterministic reduction of one chunk's per-example losses).</summary>
    public static double SumInOrder(ReadOnlySpan<double> values, double initial = 0)
    {
        double sum = initial;
        foreach (double v in values) sum += v;
        return sum;
    }
}
