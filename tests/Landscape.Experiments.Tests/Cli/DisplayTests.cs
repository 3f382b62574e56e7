using System.IO;
using Landscape.Experiments.Display;

namespace Landscape.Experiments.Tests.Cli;

public sealed class DisplayTests
{
    [Fact]
    public void Plain_progress_prints_start_every_tenth_and_done()
    {
        var output = new StringWriter();
        var sink = new PlainProgressSink(output);
        using (var task = sink.Start("train", 4))
        {
            for (int i = 0; i < 4; i++) task.Increment();
        }
        Assert.Equal("train: 0%\ntrain: 20%\ntrain: 50%\ntrain: 70%\ntrain: done\n", output.ToString().Replace("\r\n", "\n", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Plain_claims_table_aligns_columns_and_counts_holding_claims()
    {
        string text = ClaimsTable.Plain([
            new ClaimRow("edge-of-stability", new Claim("sharpness / (2/η)", 1.0123456, "∈ [0.9, 1.1]", true)),
            new ClaimRow("e4", new Claim("exponent", 0.5, "∈ [0.25, 0.75]", false)),
        ]);
        var lines = text.Split('\n');
        Assert.Equal("EXPERIMENT         CLAIM              MEASURED  EXPECTED        HOLDS", lines[0]);
        Assert.Equal("edge-of-stability  sharpness / (2/η)  1.012     ∈ [0.9, 1.1]    ✓", lines[1]);
        Assert.Equal("e4                 exponent           0.5       ∈ [0.25, 0.75]  ✗", lines[2]);
        Assert.Equal("1 of 2 claims hold.", lines[3]);
    }

    [Fact]
    public void Plain_terminal_is_not_interactive()
    {
        var terminal = Terminal.Plain(new StringWriter(), new StringWriter());
        Assert.False(terminal.Interactive);
        Assert.False(terminal.Color);
    }
}
