namespace Landscape.Experiments;

/// <summary>
/// One claim of a study stated as a measured quantity: what is claimed, the value measured, the range or relation
/// expected (human-readable, e.g. "∈ [1.9, 2.1]"), and whether the measurement satisfies it.
/// </summary>
/// <param name="Text">The claim, e.g. "2-cycle satisfies f'(x*)/x* = 2/η".</param>
/// <param name="Measured">The measured value the verdict is based on.</param>
/// <param name="Expected">The expected range or relation, as text.</param>
/// <param name="Holds">Whether the measurement satisfies the expectation.</param>
public sealed record Claim(string Text, double Measured, string Expected, bool Holds);
