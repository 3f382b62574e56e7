using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Landscape.Reporting;

namespace Landscape.Experiments.Tests.Reporting;

public sealed class FigureRendererTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private Figure NewFigure(string name = "f", string title = "Title")
    {
        var context = new ExperimentContext("demo", _temp.Path, Profile.Test);
        return context.Plot(name, title);
    }

    [Fact]
    public void Log_axes_label_decades_and_drop_non_positive_points_only_from_the_drawing()
    {
        var figure = NewFigure().Axes("|t|", "ΔL", AxisScale.Log, AxisScale.Log);
        figure.Line("ΔL", [0.0, 1e-4, 1e-2, 1, 100, -1], [1.0, 1e-8, 1e-4, 1, 1e4, 5]);
        figure.Line("quadratic", [1e-4, 100], [1e-8, 1e4], dashed: true);
        figure.HorizontalLine("zero is not drawable", 0).VerticalLine("radius", 0.5);

        string svg = FigureRenderer.RenderSvg(figure);

        var document = XDocument.Parse(svg);
        Assert.Equal("svg", document.Root!.Name.LocalName);
        string text = string.Concat(document.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
        Assert.Contains("1e-4", text, StringComparison.Ordinal);
        Assert.Contains("1e4", text, StringComparison.Ordinal);
        Assert.Contains("quadratic", text, StringComparison.Ordinal);
        Assert.Contains("radius", text, StringComparison.Ordinal);
        Assert.DoesNotContain("zero is not drawable", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_log_axis_spanning_less_than_two_decades_still_has_labelled_ticks()
    {
        // Sharpness between 2 and 8: decade ticks would leave the y axis without a single number.
        var figure = NewFigure().Axes("step", "sharpness", yScale: AxisScale.Log);
        figure.Line("η = 0.5", [0.0, 100, 200], [2.7, 3.3, 3.5]).HorizontalLine("2/η", 4).HorizontalLine("2/η, η = 1", 2);

        var document = XDocument.Parse(FigureRenderer.RenderSvg(figure));
        string[] labels = document.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToArray();
        foreach (string tick in new[] { "2", "3", "4" }) // every mantissa: 1-2-5 would put only "2" inside 2…4
            Assert.True(labels.Contains(tick), $"no tick '{tick}' among: {string.Join(" | ", labels)}");
        Assert.DoesNotContain(labels, l => l.StartsWith("1e", StringComparison.Ordinal));
    }

    [Fact]
    public void Png_and_svg_files_are_written_for_lines_scatter_and_heat_maps()
    {
        var lines = NewFigure("lines").Axes("x", "y");
        lines.Scatter("points", [1.0, 2, 3], [3.0, double.NaN, 1]);
        lines.Line("single", [2.0], [2.0]);
        var heat = NewFigure("heat").Axes("α", "β");
        heat.HeatmapOf("loss", [0.0, 0.5, 1], [-1.0, 1], new double[,] { { 1, 2, 3 }, { 4, double.NaN, 6 } });
        var empty = NewFigure("empty");

        foreach (var figure in new[] { lines, heat, empty })
        {
            var files = FigureRenderer.Write(figure, _temp.Path);
            Assert.Equal([figure.Name + ".png", figure.Name + ".svg"], files);
            Assert.True(new FileInfo(Path.Combine(_temp.Path, figure.Name + ".png")).Length > 1000);
            XDocument.Load(Path.Combine(_temp.Path, figure.Name + ".svg"));
        }
        Assert.Contains("loss", File.ReadAllText(Path.Combine(_temp.Path, "heat.svg")), StringComparison.Ordinal);
    }

    [Fact]
    public void Contour_lines_are_drawn_over_a_finite_heat_map_only()
    {
        double[] x = [-1.0, -0.5, 0, 0.5, 1];
        var bowl = new double[5, 5];
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 5; j++) bowl[i, j] = x[i] * x[i] + x[j] * x[j];
        int Elements(Figure figure) => XDocument.Parse(FigureRenderer.RenderSvg(figure)).Descendants().Count();

        int plain = Elements(NewFigure("plain").HeatmapOf("L", x, x, bowl));
        Figure contoured = NewFigure("contoured").HeatmapOf("L", x, x, bowl).Contours(4);
        Assert.Equal(4, contoured.Heatmap!.Contours);
        // Four closed level sets of x² + y² inside the grid: the drawing gains their paths.
        Assert.True(Elements(contoured) >= plain + 4, $"{Elements(contoured)} elements with contours, {plain} without");

        bowl[2, 2] = double.NaN; // undefined lines around a hole: none are drawn
        Assert.Equal(Elements(NewFigure("holed").HeatmapOf("L", x, x, bowl)), Elements(NewFigure("holed-contoured").HeatmapOf("L", x, x, bowl).Contours(4)));

        Assert.Throws<InvalidOperationException>(() => NewFigure("none").Contours(3));
        // The cells are drawn sharp in the SVG (a browser would otherwise blend a coarse grid into a smooth field).
        var images = XDocument.Parse(FigureRenderer.RenderSvg(contoured)).Descendants().Where(e => e.Name.LocalName == "image").ToArray();
        Assert.NotEmpty(images);
        Assert.All(images, image => Assert.Equal("image-rendering:pixelated", (string?)image.Attribute("style")));
        Assert.Throws<ArgumentOutOfRangeException>(() => NewFigure("negative").HeatmapOf("L", x, x, bowl).Contours(-1));
    }

    [Fact]
    public void Too_small_images_are_refused()
    {
        var figure = NewFigure();
        Assert.Throws<ArgumentOutOfRangeException>(() => FigureRenderer.RenderPng(figure, 10, 10));
    }
}
