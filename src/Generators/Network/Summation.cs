using System;
using Landscape.Generators.Network.Graph;

namespace Landscape.Generators.Network;

/// <summary>
/// The chunk and block sizes of a generated network (DESIGN §2b), chosen here and nowhere else. They are a pure function of
/// the declaration (through its buffer plan), never of the machine, its memory or the thread count, because the summation
/// order depends on them: chunk size = the largest power of two ≤ <see cref="MaxChunkSize"/> whose chunk workspace
/// (<see cref="ChunkBytes"/>) is at most <see cref="ChunkBudgetBytes"/>, at least 1; block size = min(<see cref="MaxBlockSize"/>,
/// max(1, chunk size / 8)). A network whose chunk workspace exceeds the budget even at chunk size 1 is too large (LSG0107). Every dense
/// network of a few thousand units per layer gets 512 / 64, Runtime's <c>ExampleBlocks</c> defaults (a test pins the two).
/// </summary>
internal static class Summation
{
    /// <summary>The largest chunk size: <c>ExampleBlocks.ChunkSize</c>.</summary>
    public const int MaxChunkSize = 512;

    /// <summary>The largest block size: <c>ExampleBlocks.BlockSize</c>.</summary>
    public const int MaxBlockSize = 64;

    /// <summary>The most bytes one chunk's workspace buffers may take: 256 MiB.</summary>
    public const long ChunkBudgetBytes = 256L * 1024 * 1024;

    /// <summary>
    /// The bytes of the workspace arrays that scale with the chunk size: the planned chunk buffers and the chunk's losses,
    /// for chunks of <paramref name="chunkSize"/> examples (θ, v, the packed weights and the trees' partials depend on the
    /// parameter count only).
    /// </summary>
    public static long ChunkBytes(BufferPlan plan, int chunkSize)
    {
        long bytes = (long)chunkSize * sizeof(double);
        foreach (WorkspaceBuffer buffer in plan.Buffers) bytes += buffer.Bytes(chunkSize);
        return bytes;
    }

    /// <summary>Whether even a chunk of one example exceeds <see cref="ChunkBudgetBytes"/> (the network is too large).</summary>
    public static bool ExceedsBudget(BufferPlan plan) => ChunkBytes(plan, 1) > ChunkBudgetBytes;

    /// <summary>The chunk size: the largest power of two ≤ <see cref="MaxChunkSize"/> within the budget, at least 1.</summary>
    public static int ChunkSize(BufferPlan plan)
    {
        int size = MaxChunkSize;
        while (size > 1 && ChunkBytes(plan, size) > ChunkBudgetBytes) size /= 2;
        return size;
    }

    /// <summary>
    /// The block size for chunks of <paramref name="chunkSize"/> examples: min(<see cref="MaxBlockSize"/>, max(1, chunk size /
    /// <see cref="MinBlocksPerChunk"/>)), so a chunk always has work for several threads (64 for a chunk of 512).
    /// </summary>
    public static int BlockSize(int chunkSize) => Math.Min(MaxBlockSize, Math.Max(1, chunkSize / MinBlocksPerChunk));

    /// <summary>
    /// How many blocks a chunk is cut into at least (when it has that many examples): a network whose chunk shrank to fit
    /// the budget (a convolutional network's patch matrices) still spreads each chunk over the worker threads.
    /// </summary>
    public const int MinBlocksPerChunk = 8;
}
