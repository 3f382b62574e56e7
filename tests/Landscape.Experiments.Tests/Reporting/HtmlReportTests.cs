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
}
