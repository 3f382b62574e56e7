namespace Landscape;

/// <summary>
/// A contiguous block of the parameter vector: θ[<see cref="Offset"/> .. <see cref="Offset"/> + <see cref="Length"/>),
/// viewed as a row-major <see cref="Rows"/> × <see cref="Columns"/> matrix (a vector is Rows × 1).
/// </summary>
/// <param name="Name">Stable name, e.g. <c>dense0.weight</c>, <c>dense0.bias</c> or an objective coordinate name.</param>
/// <param name="Offset">Index of the first element in the flat parameter vector.</param>
/// <param name="Length">Number of elements; equals <see cref="Rows"/> × <see cref="Columns"/>.</param>
/// <param name="Rows">Rows (output units for weights and biases).</param>
/// <param name="Columns">Columns (fan-in for weights, 1 for vectors).</param>
/// <param name="Kind">Weight, bias or coordinate.</param>
public sealed record ParameterBlock(string Name, int Offset, int Length, int Rows, int Columns, ParameterKind Kind);
