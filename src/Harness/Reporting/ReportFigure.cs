using Landscape.Experiments;

namespace Landscape.Reporting;

/// <summary>A figure ready for the report: the model (title, caption) and its rendered SVG.</summary>
/// <param name="Figure">The figure.</param>
/// <param name="Svg">The SVG document rendered from it.</param>
public sealed record ReportFigure(Figure Figure, string Svg);
