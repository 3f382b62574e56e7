using Landscape.Generators.Common;

namespace Landscape.Generators.Network.Graph;

/// <summary>
/// One array of the generated workspace, sized per chunk of examples: <see cref="Copies"/> stacked chunks of rows of
/// <see cref="Width"/> numbers (two copies hold a quantity and its R-image, see <see cref="BufferPlan"/>).
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

    /// <summary>The array length for chunks of <paramref name="chunkSize"/> examples.</summary>
    public long Length(int chunkSize) => (long)Copies * chunkSize * Width;

    /// <summary>The length as generated code writes it, in terms of the workspace's <c>Chunk</c> constant.</summary>
    public string LengthText => Copies == 1 ? $"Chunk * {WidthText}" : $"{Literals.Int(Copies)} * Chunk * {WidthText}";
}
