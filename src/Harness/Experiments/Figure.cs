using System;
using System.Collections.Generic;

namespace Landscape.Experiments;

/// <summary>
/// A figure an experiment declares: axes, series, reference lines and optionally a heat map. It is a data model only;
/// the run writes it as <c>&lt;name&gt;.png</c> and <c>&lt;name&gt;.svg</c> (ScottPlot) and embeds it in
/// <c>report.html</c> with its <see cref="Caption"/>.
/// </summary>
public sealed class Figure
{
    private readonly List<FigureSeries> _series = [];
    private readonly List<ReferenceLine> _references = [];

    internal Figure(string name, string title)
    {
        Name = name;
        Title = title;
    }

    /// <summary>The file stem.</summary>
    public string Name { get; }

    /// <summary>The title drawn above the plot.</summary>
    public string Title { get; }

    /// <summary>A sentence for the report saying what the figure shows and what to look for.</summary>
    public string Caption { get; set; } = "";

    /// <summary>
    /// The row this figure shares in the report (empty = a row of its own): consecutive figures with the same non-empty
    /// row are placed side by side in <c>report.html</c>, in declaration order, so that two surfaces can be compared at a
    /// glance. Set by <see cref="SideBySide"/>.
    /// </summary>
    public string Row { get; private set; } = "";

    /// <summary>The x-axis label.</summary>
    public string XLabel { get; private set; } = "";

    /// <summary>The y-axis label.</summary>
    public string YLabel { get; private set; } = "";

    /// <summary>The x-axis scale.</summary>
    public AxisScale XScale { get; private set; }

    /// <summary>The y-axis scale.</summary>
    public AxisScale YScale { get; private set; }

    /// <summary>The series in drawing order.</summary>
    public IReadOnlyList<FigureSeries> Series => _series;

    /// <summary>The reference lines.</summary>
    public IReadOnlyList<ReferenceLine> References => _references;

    /// <summary>The heat map, if any.</summary>
    public HeatmapData? Heatmap { get; private set; }

    /// <summary>Sets the axis labels and scales.</summary>
    public Figure Axes(string xLabel, string yLabel, AxisScale xScale = AxisScale.Linear, AxisScale yScale = AxisScale.Linear)
    {
        XLabel = xLabel;
        YLabel = yLabel;
        XScale = xScale;
        YScale = yScale;
        return this;
    }

    /// <summary>Adds a line series (the arrays are copied).</summary>
    public Figure Line(string label, ReadOnlySpan<double> x, ReadOnlySpan<double> y, bool dashed = false) => Add(label, SeriesKind.Line, x, y, dashed);

    /// <summary>Adds a scatter series (the arrays are copied).</summary>
    public Figure Scatter(string label, ReadOnlySpan<double> x, ReadOnlySpan<double> y) => Add(label, SeriesKind.Scatter, x, y, false);

    /// <summary>Adds a horizontal reference line at <paramref name="y"/>.</summary>
    public Figure HorizontalLine(string label, double y)
    {
        _references.Add(new ReferenceLine(label, y, Vertical: false));
        return this;
    }

    /// <summary>Adds a vertical reference line at <paramref name="x"/>.</summary>
    public Figure VerticalLine(string label, double x)
    {
        _references.Add(new ReferenceLine(label, x, Vertical: true));
        return this;
    }

    /// <summary>Sets the heat map (the arrays are copied).</summary>
    /// <exception cref="ArgumentException">The value grid is not <c>y.Length × x.Length</c>.</exception>
    public Figure HeatmapOf(string label, ReadOnlySpan<double> x, ReadOnlySpan<double> y, double[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.GetLength(0) != y.Length || values.GetLength(1) != x.Length)
            throw new ArgumentException($"Heat map '{label}' of figure '{Name}' has a {values.GetLength(0)}×{values.GetLength(1)} grid; expected {y.Length}×{x.Length} (y × x).", nameof(values));
        Heatmap = new HeatmapData(label, x.ToArray(), y.ToArray(), (double[,])values.Clone());
        return this;
    }

    /// <summary>
    /// Draws <paramref name="count"/> contour lines over the heat map, at evenly spaced values strictly between its smallest
    /// and largest value (a grid holding NaN or infinite values gets none: the lines would be undefined around them).
    /// </summary>
    /// <exception cref="InvalidOperationException">The figure has no heat map yet (call <see cref="HeatmapOf"/> first).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public Figure Contours(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (Heatmap is null) throw new InvalidOperationException($"Figure '{Name}' has no heat map to draw contour lines on; call HeatmapOf first.");
        Heatmap = Heatmap with { Contours = count };
        return this;
    }

    /// <summary>
    /// Places this figure in the report's row <paramref name="row"/>: consecutive figures declared with the same row are
    /// shown side by side (see <see cref="Row"/>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="row"/> is empty.</exception>
    public Figure SideBySide(string row)
    {
        ArgumentException.ThrowIfNullOrEmpty(row);
        Row = row;
        return this;
    }

    private Figure Add(string label, SeriesKind kind, ReadOnlySpan<double> x, ReadOnlySpan<double> y, bool dashed)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (x.Length != y.Length)
            throw new ArgumentException($"Series '{label}' of figure '{Name}' has {x.Length} x values and {y.Length} y values.", nameof(y));
        _series.Add(new FigureSeries(label, kind, x.ToArray(), y.ToArray(), dashed));
        return this;
    }
}
