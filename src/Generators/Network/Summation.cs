namespace Landscape.Generators.Network;

/// <summary>
/// The generator's copy of Runtime's <c>Landscape.Models.ExampleBlocks</c> sizes (the generator cannot reference Runtime;
/// a test pins these to the runtime constants), used where the generator itself needs the numbers: the parser's array-size
/// check and the summation note in every generated header.
/// </summary>
internal static class Summation
{
    /// <summary>Examples per chunk: <c>ExampleBlocks.ChunkSize</c>.</summary>
    public const int ChunkSize = 512;

    /// <summary>Examples per parallel block inside a chunk: <c>ExampleBlocks.BlockSize</c>.</summary>
    public const int BlockSize = 64;
}
