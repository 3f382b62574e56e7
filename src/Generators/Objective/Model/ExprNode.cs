using System;

namespace Landscape.Generators.Objective.Model;

/// <summary>
/// One node of an objective's expression graph: an operation, a payload and up to three operands given as indices of
/// earlier nodes (so the node list is always in topological order). Nodes are hash-consed by
/// <see cref="ExpressionGraph"/>: two structurally equal nodes are the same node, which is what makes common-subexpression
/// elimination free.
/// </summary>
/// <remarks>
/// Constants are stored as IEEE bits so that equality is exact: <c>0.0</c> and <c>−0.0</c> (equal as doubles) stay
/// distinct nodes, and NaN equals itself.
/// </remarks>
/// <param name="Op">The operation.</param>
/// <param name="Payload">Constant bits, bool value, coordinate index or member index, by <see cref="Op"/>; 0 otherwise.</param>
/// <param name="A">First operand, or −1.</param>
/// <param name="B">Second operand, or −1.</param>
/// <param name="C">Third operand, or −1.</param>
internal readonly record struct ExprNode(Op Op, long Payload, int A, int B, int C)
{
    /// <summary>The value of a <see cref="Op.Constant"/> node.</summary>
    public double Value => BitConverter.Int64BitsToDouble(Payload);

    /// <summary>True for nodes with a bool value (comparisons, logical operators, bool constants).</summary>
    public bool IsBoolean => Op is Op.BoolConstant or Op.Less or Op.LessOrEqual or Op.Greater or Op.GreaterOrEqual
        or Op.Equal or Op.NotEqual or Op.And or Op.Or or Op.Not;

    /// <summary>True for leaves: constants, coordinates and member reads.</summary>
    public bool IsLeaf => Op is Op.Constant or Op.BoolConstant or Op.Coordinate or Op.Member;
}
