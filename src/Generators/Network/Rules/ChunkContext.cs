using Landscape.Generators.Common;
using Landscape.Generators.Network.Graph;

namespace Landscape.Generators.Network.Rules;

/// <summary>
/// What the rules see while the chunk loop writes a chunk's weight terms, after every block of the chunk ran: the chunk has
/// <c>rows</c> examples, <c>x</c> is its inputs, and the chunk's sums go into its partials <c>gradientPart</c> (∇L) and
/// <c>productPart</c> (H·v), which start at +0 and which the chunk trees then combine over chunks.
/// </summary>
internal sealed class ChunkContext
{
    /// <summary>The span receiving the chunk's part of ∇L.</summary>
    public const string GradientTarget = "gradientPart";

    /// <summary>The span receiving the chunk's part of H·v.</summary>
    public const string ProductTarget = "productPart";

    /// <summary>A context for the chunk loop of <paramref name="pass"/>.</summary>
    public ChunkContext(SourceWriter writer, OpGraph graph, BufferPlan plan, Pass pass)
    {
        Writer = writer;
        Graph = graph;
        Plan = plan;
        Pass = pass;
    }

    /// <summary>Where the chunk's code goes.</summary>
    public SourceWriter Writer { get; }

    /// <summary>The graph being emitted.</summary>
    public OpGraph Graph { get; }

    /// <summary>The buffers.</summary>
    public BufferPlan Plan { get; }

    /// <summary>The pass whose blocks filled the buffers (it decides where g is).</summary>
    public Pass Pass { get; }

    /// <summary>The value of op <paramref name="id"/>.</summary>
    public ValueBuffers Value(int id) => Plan.Value(id);

    /// <summary>Writes one line of code.</summary>
    public void Line(string text) => Writer.WriteLine(text);

    /// <summary>The chunk's rows of a value: <c>x</c>, or the whole value buffer (a, then R a when stacked).</summary>
    public string Rows(ValueBuffers value) => value.Values is null ? value.Local : Array(value.Values);

    /// <summary>The chunk's rows of g in this pass: the delta buffer, or its second half in the HVP pass.</summary>
    public string Deltas(ValueBuffers value) => BufferPlan.DeltaHalf(Pass) == 0
        ? Array(value.Deltas!)
        : $"{Array(value.Deltas!)}.AsSpan(rows * {Literals.Int(value.Width)})";

    /// <summary>
    /// Exactly the chunk's rows of stacked half <paramref name="half"/> of <paramref name="buffer"/> (kernels that check
    /// lengths take these): <c>ws.B.AsSpan(0, rows * w)</c> or <c>ws.B.AsSpan(rows * w, rows * w)</c>.
    /// </summary>
    public string Half(WorkspaceBuffer buffer, int half)
    {
        string w = Literals.Int(buffer.Width);
        return $"{Array(buffer)}.AsSpan({(half == 0 ? "0" : $"rows * {w}")}, rows * {w})";
    }

    /// <summary>Exactly the chunk's rows of a value (half 0) or of its R-image (half 1); <c>x</c> for the input.</summary>
    public string ValueHalf(ValueBuffers value, int half) => value.Values is null ? value.Local : Half(value.Values, half);

    /// <summary>Exactly the chunk's rows of g in this pass.</summary>
    public string ExactDeltas(ValueBuffers value) => Half(value.Deltas!, BufferPlan.DeltaHalf(Pass));

    /// <summary>Exactly the chunk's rows of R g (the HVP pass).</summary>
    public string ExactRDeltas(ValueBuffers value) => Half(value.Deltas!, BufferPlan.RDeltaHalf);

    /// <summary>The whole delta buffer: [R g; g] over 2·rows in the HVP pass (its first <c>rows</c> are R g).</summary>
    public string StackedDeltas(ValueBuffers value) => Array(value.Deltas!);

    /// <summary>The array of <paramref name="buffer"/> in this pass: the workspace's, or the operator's chunk cache's.</summary>
    private string Array(WorkspaceBuffer buffer) => BlockContext.OwnerOf(buffer, Pass) + "." + buffer.Name;
}
