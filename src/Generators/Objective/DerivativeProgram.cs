namespace Landscape.Generators.Objective;

/// <summary>The gradient and lower-triangle Hessian of f, as nodes of one graph shared with f.</summary>
/// <param name="Graph">The graph: f's nodes first (same indices as in the spec), then the derivative nodes.</param>
/// <param name="Value">The node of f.</param>
/// <param name="Gradient">∂f/∂xᵢ, one node per coordinate.</param>
/// <param name="Hessian">∂²f/∂xᵢ∂xⱼ for j ≤ i, packed row by row: entry (i, j) at i(i+1)/2 + j.</param>
internal sealed record DerivativeProgram(ExpressionGraph Graph, int Value, int[] Gradient, int[] Hessian);
