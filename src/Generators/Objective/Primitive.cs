using Landscape.Generators.Objective.Model;

namespace Landscape.Generators.Objective;

/// <summary>
/// One primitive of the objective language, with its value and derivative side by side: the name it has in C# source
/// (<c>Math.Exp</c>), how generated code evaluates it, and its derivative rule (forward mode: d(self) from the operands'
/// derivatives). Second derivatives are the same rules applied to the first-derivative graph.
/// </summary>
/// <param name="Op">The IR operation.</param>
/// <param name="MathName">The <c>System.Math</c> method that the parser maps to this primitive, or null (operators, internal nodes).</param>
/// <param name="Arity">Number of double arguments of the Math method.</param>
/// <param name="Emitted">How generated code writes it: the function called (<c>double.Exp</c>, bit-identical to Math.Exp) or the operator.</param>
/// <param name="Rule">The derivative rule in math notation, for documentation and the generated header.</param>
/// <param name="Derivative">The derivative rule.</param>
internal sealed record Primitive(Op Op, string? MathName, int Arity, string Emitted, string Rule, DerivativeRule? Derivative);
