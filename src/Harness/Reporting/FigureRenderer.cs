using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Landscape.Experiments;
using ScottPlot;

namespace Landscape.Reporting;

/// <summary>
/// Draws an <see cref="Figure"/> with ScottPlot as PNG and SVG. Log axes are drawn the way ScottPlot 5 expects them:
/// the data are plotted as log10 values, and the axis gets integer-decade major ticks labelled 10^k with minor ticks
/// at 2…9 × 10^k; an axis whose data span less than two decades (where decade ticks would leave it with one label or
/// none) labels 1, 2 and 5 × 10^k instead, or every m × 10^k when fewer than three of those fall inside the data. Points whose coordinate on a log axis is not positive are left out of the drawing (never out of the
/// tables); NaN and infinite points are left out on any axis.
/// </summary>
/// <remarks>
/// The images are views of the tables, not data of record: the PNG bytes may differ between machines (font
/// rasterization), while the CSV tables stay byte-identical.
/// </remarks>
public static class FigureRenderer
{
    /// <summary>The default image width in pixels.</summary>
    public const int DefaultWidth = 800;

    /// <summary>Titles longer than this many characters are drawn with a proportionally smaller font.</summary>
    private const int LongTitle = 60;

    /// <summary>The default image height in pixels.</summary>
    public const int DefaultHeight = 500;

    /// <summary>Renders <paramref name="figure"/> as PNG bytes.</summary>
    public static byte[] RenderPng(Figure figure, int width = DefaultWidth, int height = DefaultHeight)
    {
        CheckSize(width, height);
        var plot = Build(figure, vector: false);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>Renders <paramref name="figure"/> as an SVG document.</summary>
    /// <remarks>
    /// A heat map is embedded as a bitmap with one pixel per cell; its <c>&lt;image&gt;</c> elements are marked
    /// <c>image-rendering: pixelated</c> so that a browser scaling the SVG draws sharp cells, as the PNG has them, instead
    /// of blending a coarse grid (a 5×5 map) into a smooth field that was never measured.
    /// </remarks>
    public static string RenderSvg(Figure figure, int width = DefaultWidth, int height = DefaultHeight)
    {
        CheckSize(width, height);
        var plot = Build(figure, vector: true);
        string svg = plot.GetSvgXml(width, height);
        return figure.Heatmap is null ? svg : svg.Replace("<image ", "<image style=\"image-rendering:pixelated\" ", StringComparison.Ordinal);
    }

    /// <summary>
    /// Writes <c>&lt;name&gt;.png</c> and <c>&lt;name&gt;.svg</c> into <paramref name="directory"/>, atomically, and
    /// returns the two file names.
    /// </summary>
    public static IReadOnlyList<string> Write(Figure figure, string directory, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string png = figure.Name + ".png";
        string svg = figure.Name + ".svg";
        AtomicFile.WriteAllBytes(Path.Combine(directory, png), RenderPng(figure, width, height));
        AtomicFile.WriteAllText(Path.Combine(directory, svg), RenderSvg(figure, width, height));
        return [png, svg];
    }

    private static void CheckSize(int width, int height)
    {
        if (width < 100 || height < 100)
            throw new ArgumentOutOfRangeException(nameof(width), $"Figure size {width}×{height} is too small; both sides must be at least 100 pixels.");
    }

    /// <remarks>
    /// Skia's SVG canvas has no dash path effects (it prints "Unsupported path effect" and draws the line solid), so
    /// for <paramref name="vector"/> output dashed series and reference lines are drawn solid and thinner instead.
    /// </remarks>
    private static Plot Build(Figure figure, bool vector)
    {
        LinePattern dashed = vector ? LinePattern.Solid : LinePattern.Dashed;
        LinePattern dotted = vector ? LinePattern.Solid : LinePattern.Dotted;
        ArgumentNullException.ThrowIfNull(figure);
        var plot = new Plot();
        plot.Title(figure.Title);
        // Long titles shrink so they fit the default width instead of being cut off at both ends.
        if (figure.Title.Length > LongTitle) plot.Axes.Title.Label.FontSize = Math.Max(10f, plot.Axes.Title.Label.FontSize * LongTitle / figure.Title.Length);
        plot.XLabel(figure.XLabel);
        plot.YLabel(figure.YLabel);
        bool logX = figure.XScale == AxisScale.Log;
        bool logY = figure.YScale == AxisScale.Log;
        bool anyLegend = false;
        var xRange = new LogRange();
        var yRange = new LogRange();

        if (figure.Heatmap is { } heatmap)
            anyLegend |= AddHeatmap(plot, heatmap, logX, logY);

        var palette = new ScottPlot.Palettes.Category10();
        int colorIndex = 0;
        foreach (var series in figure.Series)
        {
            var (xs, ys) = Visible(series.X, series.Y, logX, logY);
            var color = palette.GetColor(colorIndex++);
            if (xs.Length == 0) continue;
            xRange.Include(xs);
            yRange.Include(ys);
            var scatter = plot.Add.Scatter(xs, ys, color);
            scatter.LegendText = series.Label;
            if (series.Kind == SeriesKind.Line)
            {
                scatter.LineWidth = series.Dashed && vector ? 1 : 2;
                scatter.MarkerSize = xs.Length == 1 ? 6 : 0;
                scatter.LinePattern = series.Dashed ? dashed : LinePattern.Solid;
            }
            else
            {
                scatter.LineWidth = 0;
                scatter.MarkerSize = 6;
            }
            anyLegend |= series.Label.Length > 0;
        }

        foreach (var reference in figure.References)
        {
            bool log = reference.Vertical ? logX : logY;
            if (!double.IsFinite(reference.Value) || (log && reference.Value <= 0)) continue;
            double at = log ? Math.Log10(reference.Value) : reference.Value;
            (reference.Vertical ? xRange : yRange).Include([at]);
            var color = Colors.Black.WithAlpha(0.7);
            if (reference.Vertical)
            {
                var line = plot.Add.VerticalLine(at, vector ? 1f : 1.5f, color, dotted);
                line.LegendText = reference.Label;
            }
            else
            {
                var line = plot.Add.HorizontalLine(at, vector ? 1f : 1.5f, color, dotted);
                line.LegendText = reference.Label;
            }
            anyLegend |= reference.Label.Length > 0;
        }

        if (logX) UseLogTicks(plot.Axes.Bottom, xRange);
        if (logY) UseLogTicks(plot.Axes.Left, yRange);
        if (anyLegend) plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>Adds the heat map and its colour bar; returns false (a heat map has no legend entry).</summary>
    private static bool AddHeatmap(Plot plot, HeatmapData data, bool logX, bool logY)
    {
        int rows = data.Values.GetLength(0), columns = data.Values.GetLength(1);
        if (rows == 0 || columns == 0) return false;
        double[] xs = Transform(data.X, logX), ys = Transform(data.Y, logY);
        if (!AllFinite(xs) || !AllFinite(ys))
            throw new ArgumentException($"Heat map '{data.Label}' has coordinates that cannot be drawn (non-finite, or not positive on a log axis).", nameof(data));

        // ScottPlot draws row 0 at the top; our row 0 sits at Y[0]. Flip the rows when Y increases.
        bool increasingY = ys.Length < 2 || ys[^1] >= ys[0];
        var grid = new double[rows, columns];
        for (int i = 0; i < rows; i++)
        {
            int source = increasingY ? rows - 1 - i : i;
            for (int j = 0; j < columns; j++) grid[i, j] = data.Values[source, j];
        }

        var heatmap = plot.Add.Heatmap(grid);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        var (left, right) = CellEdges(xs);
        var (bottom, top) = CellEdges(ys);
        heatmap.Extent = new CoordinateRect(Math.Min(left, right), Math.Max(left, right), Math.Min(bottom, top), Math.Max(bottom, top));
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = data.Label;
        if (data.Contours > 0) AddContours(plot, data, xs, ys);
        return false;
    }

    /// <summary>
    /// Contour lines over the heat map at <see cref="HeatmapData.Contours"/> evenly spaced values strictly between the
    /// grid's extremes, in black; none when a value is NaN or infinite or the grid is constant or thinner than 2×2.
    /// </summary>
    private static void AddContours(Plot plot, HeatmapData data, double[] xs, double[] ys)
    {
        int rows = data.Values.GetLength(0), columns = data.Values.GetLength(1);
        if (rows < 2 || columns < 2) return;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        var grid = new Coordinates3d[rows, columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                double z = data.Values[i, j];
                if (!double.IsFinite(z)) return;
                min = Math.Min(min, z);
                max = Math.Max(max, z);
                grid[i, j] = new Coordinates3d(xs[j], ys[i], z);
            }
        }
        if (!(max > min)) return;
        var levels = new double[data.Contours];
        for (int k = 0; k < levels.Length; k++) levels[k] = min + (max - min) * (k + 1) / (levels.Length + 1);
        var contours = new ScottPlot.Plottables.ContourLines { ContourLineLevels = levels };
        contours.Update(grid);
        contours.LineColor = Colors.Black.WithAlpha(0.8);
        contours.LineWidth = 1;
        contours.LabelStyle.IsVisible = false;
        plot.Add.Plottable(contours);
    }

    /// <summary>The outer edges of cells centred on <paramref name="centers"/> (half a spacing beyond each end).</summary>
    private static (double First, double Last) CellEdges(double[] centers)
    {
        if (centers.Length == 1) return (centers[0] - 0.5, centers[0] + 0.5);
        double firstHalf = (centers[1] - centers[0]) / 2, lastHalf = (centers[^1] - centers[^2]) / 2;
        return (centers[0] - firstHalf, centers[^1] + lastHalf);
    }

    private static double[] Transform(double[] values, bool log)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = log ? (values[i] > 0 ? Math.Log10(values[i]) : double.NaN) : values[i];
        return result;
    }

    private static bool AllFinite(double[] values) => Array.TrueForAll(values, double.IsFinite);

    /// <summary>The drawable points: finite, and positive on log axes (log10-transformed there).</summary>
    private static (double[] X, double[] Y) Visible(double[] x, double[] y, bool logX, bool logY)
    {
        var xs = new List<double>(x.Length);
        var ys = new List<double>(y.Length);
        for (int i = 0; i < x.Length; i++)
        {
            double a = x[i], b = y[i];
            if (!double.IsFinite(a) || !double.IsFinite(b)) continue;
            if ((logX && a <= 0) || (logY && b <= 0)) continue;
            xs.Add(logX ? Math.Log10(a) : a);
            ys.Add(logY ? Math.Log10(b) : b);
        }
        return (xs.ToArray(), ys.ToArray());
    }

    /// <summary>
    /// Integer decades as major ticks labelled 10^k, minor ticks at 2…9 × 10^k, for log10-transformed data; when the data
    /// (<paramref name="range"/>, in log10 units) span less than two decades, labelled ticks at 1, 2, 5 × 10^k (every
    /// m × 10^k if fewer than three of those lie inside the data), so a narrow log axis is never left without numbers.
    /// </summary>
    private static void UseLogTicks(IAxis axis, LogRange range)
    {
        if (range.IsEmpty || range.Max - range.Min >= 2)
        {
            axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = DecadeLabel,
            };
            return;
        }
        // Ticks are placed over the data's range plus a quarter decade on each side (ScottPlot's auto-scaling margin shows
        // part of it; ticks outside the visible limits are simply not drawn). The 1-2-5 mantissas are used when at least
        // three of them fall inside the data's own range; otherwise every mantissa 1…9.
        double low = range.Min - 0.25, high = range.Max + 0.25;
        var manual = new ScottPlot.TickGenerators.NumericManual();
        int[] mantissas = LogPositions([1, 2, 5], range.Min, range.Max).Count() >= 3 ? [1, 2, 5] : [1, 2, 3, 4, 5, 6, 7, 8, 9];
        foreach (double at in LogPositions(mantissas, low, high)) manual.AddMajor(at, TickLabel(Math.Pow(10, at)));
        axis.TickGenerator = manual;
    }

    /// <summary>The positions log10(m × 10^k), m in <paramref name="mantissas"/> and any k, that lie in [<paramref name="low"/>, <paramref name="high"/>], ascending.</summary>
    private static IEnumerable<double> LogPositions(int[] mantissas, double low, double high)
    {
        for (int k = (int)Math.Floor(low); k <= (int)Math.Ceiling(high); k++)
        {
            foreach (int m in mantissas)
            {
                double at = k + Math.Log10(m);
                if (at >= low && at <= high) yield return at;
            }
        }
    }

    /// <summary>A tick value on a narrow log axis: 3 significant digits, invariant culture (0.02, 5, 300, 2e+06).</summary>
    private static string TickLabel(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    /// <summary>The extent of the drawn values along one log axis, in log10 units.</summary>
    private sealed class LogRange
    {
        public double Min { get; private set; } = double.PositiveInfinity;

        public double Max { get; private set; } = double.NegativeInfinity;

        public bool IsEmpty => Min > Max;

        public void Include(ReadOnlySpan<double> values)
        {
            foreach (double v in values)
            {
                if (!double.IsFinite(v)) continue;
                Min = Math.Min(Min, v);
                Max = Math.Max(Max, v);
            }
        }
    }

    private static string DecadeLabel(double exponent)
    {
        int k = (int)Math.Round(exponent);
        return k switch
        {
            0 => "1",
            1 => "10",
            _ => "1e" + k.ToString(CultureInfo.InvariantCulture),
        };
    }
}
