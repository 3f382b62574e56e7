using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Landscape.Reporting;

namespace Landscape.Experiments.Tests.Reporting;

public sealed class HtmlReportTests
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    [Fact]
    public void Escape_covers_markup_characters_and_control_characters()
    {
        Assert.Equal("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", HtmlReport.Escape("a <b> & \"c\" 'd'"));
        Assert.Equal("x\uFFFDy\tz", HtmlReport.Escape("x\u0001y\tz"));
    }

    [Fact]
    public void Hostile_text_stays_text()
    {
        var manifest = new Manifest
        {
            Experiment = "<script>alert(1)</script>",
            Summary = "]]> & <!-- -->",
            Settings = new Dictionary<string, string> { ["name"] = "</td><td>" },
            Versions = MachineFacts.Current(),
            Status = ExperimentStatus.Failed,
            Error = "IOException: <bad> & \u0007",
            Claims = [new Claim("<b>bold</b>", 1, "\"quoted\"", false)],
            Measurements = [new Measurement("m & n", double.NaN, "<unit>")],
            Files = ["a b.csv", "report.html"],
        };

        var table = new ResultTable("a b", ["<th>"]).Add("</td><td>");
        var document = XDocument.Parse(HtmlReport.Render(manifest, [table], []));

        Assert.Empty(document.Descendants(Xhtml + "script"));
        Assert.Empty(document.Descendants(Xhtml + "b"));
        Assert.Equal("<script>alert(1)</script>", document.Descendants(Xhtml + "h1").Single().Value);
        Assert.Contains(document.Descendants(Xhtml + "a"), a => (string)a.Attribute("href")! == "a%20b.csv");
        Assert.Contains("IOException: <bad> &", document.Root!.Value, StringComparison.Ordinal);
        Assert.Contains(document.Descendants(Xhtml + "td"), td => td.Value == "</td><td>");
    }

    [Fact]
    public void Figures_sharing_a_row_are_placed_side_by_side_in_declaration_order()
    {
        var context = new ExperimentContext("demo", System.IO.Path.GetTempPath(), Profile.Test);
        Figure[] figures =
        [
            context.Plot("alone", "Alone").Line("a", [0.0, 1], [0.0, 1]),
            context.Plot("left", "Left").Line("a", [0.0, 1], [0.0, 1]).SideBySide("pair"),
            context.Plot("right", "Right").Line("a", [0.0, 1], [0.0, 1]).SideBySide("pair"),
            context.Plot("after", "After").Line("a", [0.0, 1], [0.0, 1]),
        ];
        var manifest = new Manifest { Experiment = "demo", Summary = "", Settings = new Dictionary<string, string>(), Versions = MachineFacts.Current(), Status = ExperimentStatus.Passed };
        var document = XDocument.Parse(HtmlReport.Render(manifest, [], figures.Select(f => new ReportFigure(f, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")).ToArray()));

        XElement row = document.Descendants(Xhtml + "div").Single(d => (string?)d.Attribute("class") == "figure-row");
        Assert.Equal(["figure-left", "figure-right"], row.Elements(Xhtml + "figure").Select(f => (string)f.Attribute("id")!));
        string[] order = document.Descendants(Xhtml + "figure").Select(f => (string)f.Attribute("id")!).ToArray();
        Assert.Equal(["figure-alone", "figure-left", "figure-right", "figure-after"], order);
        Assert.Throws<ArgumentException>(() => figures[0].SideBySide(""));
    }
}
