using Landscape.Generators.Objective.Model;

namespace Landscape.Generators.Objective;

/// <summary>Builds d(self) from the node, its operands' derivatives and the graph's smart constructors.</summary>
internal delegate int DerivativeRule(ExpressionGraph g, int self, ExprNode node, OperandDerivatives d);
