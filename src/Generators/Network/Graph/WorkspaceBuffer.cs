using Landscape.Generators.Common;

namespace Landscape.Generators.Network.Graph;

/// <summary>
/// One array of the generated workspace, sized per chunk of examples: <see cref="Copies"/> stacked chunks of rows of
/// <see cref="Width"/> numbers (two copies hold a quantity and its R-image, see <see cref="BufferPlan"/>). A
/// <see cref="PerBlock"/> buffer instead holds one row per block of the chunk (scratch a block reuses example by example).
/// </summary>
/// <param name="Name">The workspace field, e.g. <c>Activations1</c>.</param>
/// <param name="Copies">1, or 2 for a buffer stacking a quantity with its R-image.</param>
/// <param name="Width">Numbers per example.</param>
/// <param name="WidthText">How generated code writes the width: the literal, or a constant such as <c>OutputSize</c>.</param>
/// <param name="Comment">What the buffer holds, written after its declaration, or null.</param>
internal sealed record WorkspaceBuffer(string Name, int Copies, int Width, string WidthText, string? Comment)
{
    /// <summary>A buffer whose width is written as a literal.</summary>
    public WorkspaceBuffer(string name, int copies, int width, string? comment)
        : this(name, copies, width, Literals.Int(width), comment)
    {
    }

    /// <summary>Whether the elements are ints (a max pooling's argmax) rather than doubles.</summary>
    public bool Integers { get; init; }

    /// <summary>Whether the buffer holds one row per block of the chunk rather than one per example.</summary>
    public bool PerBlock { get; init; }

    /// <summary>
    /// Whether the buffer holds something a Hessian operator keeps per chunk at its fixed point (it does not depend on the
    /// direction: values, σ′, deltas, a loss head's probabilities, an argmax); in the operator's passes such a buffer is the
    /// cache's, not the workspace's.
    /// </summary>
    public bool FixedPoint { get; init; }

    /// <summary>
    /// Whether only the operator's cache has the buffer (σ″ and the upstream deltas, which the fused passes never keep),
    /// not the workspace.
    /// </summary>
    public bool CacheOnly { get; init; }

    /// <summary>The C# element type.</summary>
    public string ElementType => Integers ? "int" : "double";

    /// <summary>The array length for chunks of <paramref name="chunkSize"/> examples.</summary>
    public long Length(int chunkSize) => (long)Copies * Rows(chunkSize) * Width;

    /// <summary>The bytes of the array for chunks of <paramref name="chunkSize"/> examples.</summary>
    public long Bytes(int chunkSize) => Length(chunkSize) * (Integers ? sizeof(int) : sizeof(double));

    /// <summary>The length as generated code writes it, in terms of the workspace's <c>Chunk</c> (or <c>Blocks</c>) constant.</summary>
    public string LengthText => (Copies == 1 ? "" : $"{Literals.Int(Copies)} * ") + (PerBlock ? "Blocks" : "Chunk") + " * " + WidthText;

    /// <summary>The array length in the operator's cache, for a chunk of <c>rows</c> examples, as generated code writes it.</summary>
    public string CacheLengthText => (Copies == 1 ? "" : $"{Literals.Int(Copies)} * ") + "rows * " + WidthText;

    /// <summary>The bytes per example in the operator's cache.</summary>
    public long CacheBytesPerExample => (long)Copies * Width * (Integers ? sizeof(int) : sizeof(double));

    /// <summary>Rows of the buffer: the chunk's examples, or its blocks.</summary>
    private int Rows(int chunkSize)
    {
        int block = Summation.BlockSize(chunkSize);
        return PerBlock ? (chunkSize + block - 1) / block : chunkSize;
    }
}
