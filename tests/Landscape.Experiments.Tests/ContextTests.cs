using System;
using System.IO;
using System.Linq;

namespace Landscape.Experiments.Tests;

public sealed class ContextTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "landscape-context-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Result_collects_tables_and_claims_and_writes_nothing_itself()
    {
        var context = new ExperimentContext("demo", _directory, Profile.Test, seed: 3);
        var table = context.Table("growth", "t", "delta", "direction");
        table.Add(1e-5, 0.1, "top");
        table.Add(2.0, double.NaN, "random");
        context.ClaimWithin("exponent near 2", 1.97, 1.9, 2.1);
        context.Claim("overshoot", 12.5, "> 1", false);

        var result = context.Result();

        Assert.Equal(ExperimentStatus.ClaimsFailed, result.Status);
        Assert.Equal("overshoot", Assert.Single(result.FailedClaims).Text);
        Assert.Equal(["growth.csv", "growth.json"], result.Files);
        Assert.Same(table, Assert.Single(result.Tables));
        Assert.False(File.Exists(Path.Combine(_directory, "growth.csv")), "the context only collects; the runner writes");

        result.WriteTables(context);
        Assert.Equal("t,delta,direction\n1E-05,0.1,top\n2,NaN,random\n", File.ReadAllText(Path.Combine(_directory, "growth.csv")));
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, "growth.json")));
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(1e-5, rows[0][0].GetDouble());
        Assert.Equal("NaN", rows[1][1].GetString());
        Assert.Equal(new[] { 1e-5, 2.0 }, table.Column("t"));
    }

    [Fact]
    public void Bad_names_and_ragged_rows_are_refused_with_the_reason()
    {
        var context = new ExperimentContext("demo", _directory);
        Assert.Contains("only ASCII letters", Assert.Throws<ArgumentException>(() => context.Table("a/b", "x")).Message);
        var table = context.Table("ok", "x", "y");
        Assert.Contains("has 2 columns", Assert.Throws<ArgumentException>(() => table.Add(1.0)).Message);
        Assert.Contains("already exists", Assert.Throws<ArgumentException>(() => context.Table("ok", "z")).Message);
        Assert.Contains("contains a line break", Assert.Throws<ArgumentException>(() => table.Add("a\nb", 1.0)).Message);
    }

    [Fact]
    public void Texts_with_commas_and_quotes_are_quoted_in_csv_and_plain_in_json()
    {
        var context = new ExperimentContext("demo", _directory);
        var table = context.Table("networks", "name", "architecture", "parameters");
        table.Add("fc", "784-32-32-10 tanh/tanh/identity, MSE", 26506);
        table.Add("q", "say \"hi\"", 1);

        Assert.Equal("name,architecture,parameters\nfc,\"784-32-32-10 tanh/tanh/identity, MSE\",26506\nq,\"say \"\"hi\"\"\",1\n", table.ToCsv());
        using var json = System.Text.Json.JsonDocument.Parse(table.ToJson());
        Assert.Equal("784-32-32-10 tanh/tanh/identity, MSE", json.RootElement.GetProperty("rows")[0][1].GetString());
        Assert.Equal("say \"hi\"", json.RootElement.GetProperty("rows")[1][1].GetString());
    }

    [Fact]
    public void ByProfile_picks_the_profile_value()
    {
        Assert.Equal(1, new ExperimentContext("d", _directory, Profile.Test).ByProfile(1, 2, 3));
        Assert.Equal(2, new ExperimentContext("d", _directory, Profile.Quick).ByProfile(1, 2, 3));
        Assert.Equal(3, new ExperimentContext("d", _directory, Profile.Full).ByProfile(1, 2, 3));
    }
}
