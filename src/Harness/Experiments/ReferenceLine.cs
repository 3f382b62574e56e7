namespace Landscape.Experiments;

/// <summary>A horizontal or vertical reference line (e.g. 2/η, the quadratic radius).</summary>
/// <param name="Label">Legend text.</param>
/// <param name="Value">Where the line is (y for horizontal, x for vertical).</param>
/// <param name="Vertical">Vertical when true, horizontal otherwise.</param>
public sealed record ReferenceLine(string Label, double Value, bool Vertical);
