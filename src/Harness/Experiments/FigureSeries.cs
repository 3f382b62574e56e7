namespace Landscape.Experiments;

/// <summary>One data series of a figure.</summary>
/// <param name="Label">Legend text.</param>
/// <param name="Kind">Line or scatter.</param>
/// <param name="X">Abscissae.</param>
/// <param name="Y">Ordinates (same length as <paramref name="X"/>; NaN points are skipped).</param>
/// <param name="Dashed">Draw the line dashed (predictions, references).</param>
public sealed record FigureSeries(string Label, SeriesKind Kind, double[] X, double[] Y, bool Dashed = false);
