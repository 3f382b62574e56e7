namespace Landscape.Generators.Network.Graph;

/// <summary>The role of a parameter block; its name is the runtime's <c>ParameterKind</c> member it becomes.</summary>
internal enum BlockKind
{
    /// <summary>A weight matrix, one row per output unit (or, later, per filter).</summary>
    Weight,

    /// <summary>A bias vector.</summary>
    Bias,
}
