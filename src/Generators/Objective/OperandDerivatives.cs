namespace Landscape.Generators.Objective;

/// <summary>The derivatives of an operand list, for a <see cref="DerivativeRule"/>: −1 where an operand is bool.</summary>
/// <param name="A">Derivative of the first operand.</param>
/// <param name="B">Derivative of the second operand.</param>
/// <param name="C">Derivative of the third operand.</param>
internal readonly record struct OperandDerivatives(int A, int B, int C);
