namespace Landscape.Generators.Network.Graph;

/// <summary>One parameter block of an op, as the emitter names it: layout name, offset constant, offset and shape.</summary>
/// <param name="Name">The name in the parameter layout, e.g. <c>dense1.weight</c>.</param>
/// <param name="Constant">The generated offset constant, e.g. <c>Dense1Weight</c>.</param>
/// <param name="Offset">The offset of the block in the parameter vector.</param>
/// <param name="Rows">Rows of the row-major block (a weight's units; a bias's length).</param>
/// <param name="Columns">Columns of the row-major block (a weight's fan-in; 1 for a bias).</param>
/// <param name="Kind">Weight or bias (the runtime's <c>ParameterKind</c>).</param>
internal sealed record ParameterEntry(string Name, string Constant, int Offset, int Rows, int Columns, BlockKind Kind)
{
    /// <summary>Elements of the block.</summary>
    public int Length => Rows * Columns;
}
