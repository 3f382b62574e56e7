using System;
using System.Collections.Generic;
using Landscape.Generators.Common;
using Landscape.Generators.Network.Graph;
using static Landscape.Generators.Network.RuntimeNames;

namespace Landscape.Generators.Network.Rules;

/// <summary>
/// What the rules see while the block drivers write one block method: the writer, the pass, the graph and its buffer plan,
/// and the block's locals. In a block, r examples start at row <c>start</c> of the chunk (which has <c>rows</c>); <c>p</c> is
/// θ, <c>v</c> the direction, <c>x</c> and <c>y</c> the block's inputs and targets. Each local span is declared once, on
/// first request, so a delta written by several uses is declared by the first.
/// </summary>
internal sealed class BlockContext
{
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);

    /// <summary>A context for one block method of <paramref name="pass"/>.</summary>
    public BlockContext(SourceWriter writer, OpGraph graph, BufferPlan plan, Pass pass)
    {
        Writer = writer;
        Graph = graph;
        Plan = plan;
        Pass = pass;
    }

    /// <summary>Where the block's code goes.</summary>
    public SourceWriter Writer { get; }

    /// <summary>The graph being emitted.</summary>
    public OpGraph Graph { get; }

    /// <summary>Its buffers.</summary>
    public BufferPlan Plan { get; }

    /// <summary>What the block computes.</summary>
    public Pass Pass { get; }

    /// <summary>Whether the block computes R-images (the HVP pass, and each product of a Hessian operator).</summary>
    public bool Hessian => Pass is Pass.Hessian or Pass.Operator;

    /// <summary>Whether the block computes the values, σ′ and deltas (every pass but an operator's product, which reads them from its cache).</summary>
    public bool ComputesValues => Pass != Pass.Operator;

    /// <summary>Whether the block keeps σ″ and the upstream deltas in the operator's cache (the fixed-point pass).</summary>
    public bool KeepsFixedPoint => Pass == Pass.FixedPoint;

    /// <summary>The value of op <paramref name="id"/>.</summary>
    public ValueBuffers Value(int id) => Plan.Value(id);

    /// <summary>Writes one line (or several) of code.</summary>
    public void Line(string text) => Writer.WriteLine(text);

    /// <summary>Declares <c>Span {local} = {expression};</c> unless <paramref name="local"/> is already declared.</summary>
    public void Declare(string local, string expression) => Declare(Span, local, expression);

    /// <summary>Declares the block's rows of the value a.</summary>
    public void DeclareValue(ValueBuffers value) => Declare(value.Local, Rows(value.Values!, BufferPlan.ValueHalf));

    /// <summary>Declares the block's rows of R a.</summary>
    public void DeclareRValue(ValueBuffers value) => Declare(value.RLocal, Rows(value.Values!, BufferPlan.RValueHalf));

    /// <summary>
    /// Declares the block's rows of σ′ (and, in the HVP pass and an operator's product, R σ′; in the operator's passes σ″, and
    /// the upstream deltas when the value has a delta).
    /// </summary>
    public void DeclareDerivatives(ValueBuffers value)
    {
        Declare(value.DerivativeLocal, Rows(value.Derivatives!, 0));
        if (Hessian) Declare(value.RDerivativeLocal, Rows(value.RDerivatives!, 0));
        if (Pass is not (Pass.FixedPoint or Pass.Operator)) return;
        Declare(value.SecondLocal, Rows(value.Second!, 0));
        Declare(value.UpstreamLocal, Rows(value.Upstream!, 0));
    }

    /// <summary>Declares the block's rows of the delta g (and, in the HVP pass, R g), in this pass's halves.</summary>
    public void DeclareDeltas(ValueBuffers value)
    {
        Declare(value.DeltaLocal, Rows(value.Deltas!, BufferPlan.DeltaHalf(Pass)));
        if (Hessian) Declare(value.RDeltaLocal, Rows(value.Deltas!, BufferPlan.RDeltaHalf));
    }

    /// <summary>
    /// Declares the block's rows of an op's scratch buffer (in stacked half <paramref name="half"/>), or, for a per-block
    /// buffer, the block's one row.
    /// </summary>
    /// <returns>Whether this call declared it (false: an earlier call did).</returns>
    public bool DeclareScratch(string local, WorkspaceBuffer buffer, int half = 0)
    {
        string type = buffer.Integers ? "global::System.Span<int>" : Span;
        if (!buffer.PerBlock) return Declare(type, local, Rows(buffer, half));
        string w = Literals.Int(buffer.Width);
        string block = "start / BlockSize"; // the block's number in the chunk (Predict's one block at a time is block 0)
        return Declare(type, local, $"{Owner(buffer)}.{buffer.Name}.AsSpan(({(half == 0 ? block : "Workspace.Blocks + " + block)}) * {w}, {w})");
    }

    /// <summary>
    /// Declares the network output read-only, with the <c>OutputSize</c> constant as its width: the loss block reads it after
    /// calling <c>Forward</c>, which wrote it.
    /// </summary>
    public void DeclareOutput(ValueBuffers output) =>
        Declare(ReadOnlySpan, output.Local, $"ws.{output.Values!.Name}.AsSpan(start * OutputSize, r * OutputSize)");

    /// <summary>The block's r rows of <paramref name="buffer"/> in stacked half <paramref name="half"/>.</summary>
    private string Rows(WorkspaceBuffer buffer, int half)
    {
        string w = Literals.Int(buffer.Width);
        string first = half == 0 ? "start" : "(rows + start)";
        return $"{Owner(buffer)}.{buffer.Name}.AsSpan({first} * {w}, r * {w})";
    }

    /// <summary>Whose array <paramref name="buffer"/> is in this pass: the operator's chunk cache for a kept buffer in its passes, else the workspace.</summary>
    private string Owner(WorkspaceBuffer buffer) => OwnerOf(buffer, Pass);

    /// <summary>
    /// Whose array <paramref name="buffer"/> is in <paramref name="pass"/>: <c>cache</c> (the operator's chunk, a local of the
    /// operator's methods) for a <see cref="WorkspaceBuffer.FixedPoint"/> buffer in the operator's passes, else <c>ws</c>.
    /// </summary>
    public static string OwnerOf(WorkspaceBuffer buffer, Pass pass) =>
        buffer.FixedPoint && (pass is Pass.FixedPoint or Pass.Operator) ? "cache" : "ws";

    /// <summary>Writes <c>{type} {local} = {expression};</c> the first time <paramref name="local"/> is requested; returns whether it did.</summary>
    private bool Declare(string type, string local, string expression)
    {
        if (!_declared.Add(local)) return false;
        Writer.WriteLine($"{type} {local} = {expression};");
        return true;
    }
}
