namespace Landscape.Experiments;

/// <summary>A reported quantity without a pass/fail verdict (e.g. the saturated-teacher exponent).</summary>
/// <param name="Name">What was measured.</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">Unit or short qualifier, empty when dimensionless.</param>
public sealed record Measurement(string Name, double Value, string Unit = "");
