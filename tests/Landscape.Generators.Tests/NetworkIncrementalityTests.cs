using System;
using System.Collections.Generic;
using System.Linq;
using Landscape.Generators.Network.Model;
using Landscape.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Landscape.Generators.Tests;

/// <summary>
/// Incrementality scenarios (STYLE H2): one driver runs on a compilation, then on an edited one, and the tracked steps
/// say what was recomputed. Same input → Cached; equivalent input (comments, reformatting, moved declaration) →
/// Unchanged with identical output; a semantic change → Modified; an unrelated new type → the network stays Cached.
/// </summary>
public sealed class NetworkIncrementalityTests
{
    private const string Network = """
        using Landscape;

        namespace Samples;

        [Network(LossFunction.MeanSquaredError)]
        [Input(4)]
        [Dense(8, Activation.Tanh)]
        [Dense(2)]
        public partial class Net;
        """;

    private static readonly CSharpParseOptions s_parseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview);

    [Fact]
    public void IdenticalInput_SameCompilation_EveryTrackedStepIsCached()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Network);
        GeneratorHarness.Run(compilation);

        (GeneratorDriverRunResult first, GeneratorDriverRunResult second) = RunTwice(compilation, compilation);
        Assert.Equal([IncrementalStepRunReason.New], Reasons(first, TrackingNames.ParseNetwork));
        Assert.Equal([IncrementalStepRunReason.New], Reasons(first, TrackingNames.NetworkSpecs));
        Assert.Equal([IncrementalStepRunReason.Cached], Reasons(second, TrackingNames.ParseNetwork));
        Assert.Equal([IncrementalStepRunReason.Cached], Reasons(second, TrackingNames.NetworkSpecs));
        Assert.All(PipelineSteps.SourceOutputReasons(second), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.Equal(SourceOf(first), SourceOf(second));
    }

    [Fact]
    public void IdenticalInput_ClonedCompilation_ParseReruns_ToAnEqualSpec()
    {
        // A new Compilation object reruns the semantic transform of ForAttributeWithMetadataName; the spec compares
        // equal (Unchanged), so everything after it is served from the cache.
        CSharpCompilation compilation = GeneratorHarness.Compile(Network);
        (GeneratorDriverRunResult first, GeneratorDriverRunResult second) = RunTwice(compilation, compilation.Clone());
        Assert.Equal([IncrementalStepRunReason.Unchanged], Reasons(second, TrackingNames.ParseNetwork));
        Assert.Equal([IncrementalStepRunReason.Cached], Reasons(second, TrackingNames.NetworkSpecs));
        Assert.All(PipelineSteps.SourceOutputReasons(second), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.Equal(SourceOf(first), SourceOf(second));
    }

    [Theory]
    [InlineData("comment")]
    [InlineData("reformat")]
    [InlineData("move")]
    public void EquivalentEdit_SpecUnchanged_OutputIdentical(string edit)
    {
        string edited = edit switch
        {
            // A comment inside the declaration and a doc comment on it.
            "comment" => Network
                .Replace("[Network(", "/// <summary>A net.</summary>\n[Network(", StringComparison.Ordinal)
                .Replace("[Dense(2)]", "[Dense(2 /* the output layer */)] // logits", StringComparison.Ordinal),
            // One attribute list per line → one list; spacing changed; a body instead of ';'.
            "reformat" => """
                using Landscape;
                namespace   Samples ;
                [ Network( LossFunction.MeanSquaredError ), Input( 4 ), Dense( 8 , Activation.Tanh ), Dense( 2 ) ]
                public   partial class Net { }
                """,
            // The declaration moves down the file, below an unrelated type.
            "move" => Network.Replace("[Network(", "internal static class Helper { }\n\n[Network(", StringComparison.Ordinal),
            _ => throw new ArgumentOutOfRangeException(nameof(edit)),
        };
        CSharpCompilation compilation = GeneratorHarness.Compile(Network);
        CSharpCompilation changed = Replace(compilation, 0, edited);
        GeneratorHarness.Run(changed);

        (GeneratorDriverRunResult first, GeneratorDriverRunResult second) = RunTwice(compilation, changed);
        // The file changed, so its declaration is parsed again, but to an equal result: downstream steps do not rerun.
        Assert.Equal([IncrementalStepRunReason.Unchanged], Reasons(second, TrackingNames.ParseNetwork));
        Assert.Single(Reasons(second, TrackingNames.NetworkSpecs), r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.All(PipelineSteps.SourceOutputReasons(second), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.Equal(SourceOf(first), SourceOf(second));
    }

    [Fact]
    public void LayerSizeChange_RegeneratesWithTheNewSize()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Network);
        CSharpCompilation changed = Replace(compilation, 0, Network.Replace("[Dense(8, Activation.Tanh)]", "[Dense(16, Activation.Tanh)]", StringComparison.Ordinal));
        GeneratorHarness.Run(changed);

        (GeneratorDriverRunResult first, GeneratorDriverRunResult second) = RunTwice(compilation, changed);
        Assert.Equal([IncrementalStepRunReason.Modified], Reasons(second, TrackingNames.ParseNetwork));
        Assert.Equal([IncrementalStepRunReason.Modified], Reasons(second, TrackingNames.NetworkSpecs));
        Assert.Contains(IncrementalStepRunReason.Modified, PipelineSteps.SourceOutputReasons(second));
        string before = SourceOf(first), after = SourceOf(second);
        Assert.Contains("//   dense0.weight  [8×4] at 0", before, StringComparison.Ordinal);
        Assert.Contains("//   dense0.weight  [16×4] at 0", after, StringComparison.Ordinal);
        Assert.Contains("private const int TotalParameters = 58;", before, StringComparison.Ordinal);  // 8·4 + 8 + 2·8 + 2
        Assert.Contains("private const int TotalParameters = 114;", after, StringComparison.Ordinal); // 16·4 + 16 + 2·16 + 2
    }

    [Theory]
    [InlineData("[Dense(8, Activation.Relu)]")]
    [InlineData("[Dense(8, Activation.Tanh, Bias = false)]")]
    [InlineData("[Dense(8, Activation.Tanh, InitScale = 0.5)]")]
    [InlineData("[Dense(8, Activation.Tanh, Init = Init.He)]")]
    public void AnySemanticChange_IsModified(string layer)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Network);
        CSharpCompilation changed = Replace(compilation, 0, Network.Replace("[Dense(8, Activation.Tanh)]", layer, StringComparison.Ordinal));
        (GeneratorDriverRunResult first, GeneratorDriverRunResult second) = RunTwice(compilation, changed);
        Assert.Equal([IncrementalStepRunReason.Modified], Reasons(second, TrackingNames.NetworkSpecs));
        Assert.NotEqual(SourceOf(first), SourceOf(second));
    }

    [Fact]
    public void UnrelatedTypeInAnotherFile_NetworkStaysCached()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Network);
        CSharpCompilation changed = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Samples; public sealed class Unrelated { public int Value { get; set; } }", s_parseOptions, path: "Unrelated.cs"));
        GeneratorHarness.Run(changed);

        (GeneratorDriverRunResult first, GeneratorDriverRunResult second) = RunTwice(compilation, changed);
        // The compilation changed, so the parse may rerun (Unchanged), but the spec and the source output stay Cached.
        Assert.Single(Reasons(second, TrackingNames.ParseNetwork), r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.Equal([IncrementalStepRunReason.Cached], Reasons(second, TrackingNames.NetworkSpecs));
        Assert.All(PipelineSteps.SourceOutputReasons(second), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.Equal(SourceOf(first), SourceOf(second));
    }

    [Fact]
    public void EditingAnotherNetwork_LeavesTheFirstCached()
    {
        const string other = """
            using Landscape;

            namespace Samples;

            [Network(LossFunction.SoftmaxCrossEntropy)]
            [Input(3)]
            [Dense(5)]
            public partial class Other;
            """;
        CSharpCompilation compilation = GeneratorHarness.Compile(Network, other);
        CSharpCompilation changed = Replace(compilation, 1, other.Replace("[Dense(5)]", "[Dense(6)]", StringComparison.Ordinal));
        GeneratorHarness.Run(changed);

        (GeneratorDriverRunResult first, GeneratorDriverRunResult second) = RunTwice(compilation, changed);
        IReadOnlyList<(object Value, IncrementalStepRunReason Reason)> specs = PipelineSteps.Outputs(second, TrackingNames.NetworkSpecs);
        Assert.Equal(2, specs.Count);
        Assert.Equal(IncrementalStepRunReason.Cached, Assert.Single(specs, s => ((NetworkSpec)s.Value).TypeName == "Net").Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(specs, s => ((NetworkSpec)s.Value).TypeName == "Other").Reason);
        Assert.Equal(SourceOf(first, "Samples.Net.g.cs"), SourceOf(second, "Samples.Net.g.cs"));
    }

    [Fact]
    public void DiagnosticLocation_FollowsTheCode_WithoutRegeneratingSource()
    {
        // An invalid network: moving it down re-reports its diagnostic at the new position (the diagnostics pipeline
        // is Modified), while nothing is generated either way.
        const string invalid = """
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(0)]
            [Dense(2)]
            public partial class Net;
            """;
        CSharpCompilation compilation = GeneratorHarness.Compile(invalid);
        CSharpCompilation changed = Replace(compilation, 0, invalid.Replace("[Network(", "\n\n[Network(", StringComparison.Ordinal));
        GeneratorHarness.Run(changed);

        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Diagnostic before = Assert.Single(driver.GetRunResult().Diagnostics);
        driver = driver.RunGenerators(changed);
        GeneratorDriverRunResult second = driver.GetRunResult();
        Diagnostic after = Assert.Single(second.Diagnostics);
        Assert.Equal("LSG0104", after.Id);
        Assert.Equal(before.Location.GetLineSpan().StartLinePosition.Line + 2, after.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal([IncrementalStepRunReason.Modified], Reasons(second, TrackingNames.NetworkDiagnostics));
        Assert.Empty(PipelineSteps.Reasons(second, TrackingNames.NetworkSpecs));
        Assert.Empty(second.GeneratedTrees);
    }

    [Fact]
    public void FixingAnError_GeneratesTheSource_AndClearsTheDiagnostic()
    {
        string invalid = Network.Replace("[Input(4)]", "[Input(-4)]", StringComparison.Ordinal);
        CSharpCompilation compilation = GeneratorHarness.Compile(invalid);
        GeneratorHarness.Run(compilation);
        CSharpCompilation fixedCompilation = Replace(compilation, 0, Network);

        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Equal("LSG0104", Assert.Single(driver.GetRunResult().Diagnostics).Id);
        Assert.Empty(driver.GetRunResult().GeneratedTrees);

        GeneratorDriverRunResult second = driver.RunGenerators(fixedCompilation).GetRunResult();
        Assert.Empty(second.Diagnostics);
        Assert.Equal(["NetworkCatalog.g.cs", "Samples.Net.g.cs"], second.GeneratedTrees.Select(Path).Order(StringComparer.Ordinal));
        Assert.Equal([IncrementalStepRunReason.New], Reasons(second, TrackingNames.NetworkSpecs));

        static string Path(SyntaxTree tree) => System.IO.Path.GetFileName(tree.FilePath);
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>Runs one driver on <paramref name="first"/> and then on <paramref name="second"/>, returning both run results.</summary>
    private static (GeneratorDriverRunResult First, GeneratorDriverRunResult Second) RunTwice(Compilation first, Compilation second)
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);
        GeneratorDriverRunResult firstResult = driver.GetRunResult();
        Assert.Empty(firstResult.Diagnostics);
        driver = driver.RunGenerators(second);
        GeneratorDriverRunResult secondResult = driver.GetRunResult();
        Assert.Empty(secondResult.Diagnostics);
        return (firstResult, secondResult);
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string text)
    {
        SyntaxTree old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, s_parseOptions, path: old.FilePath));
    }

    private static IReadOnlyList<IncrementalStepRunReason> Reasons(GeneratorDriverRunResult result, string step)
    {
        IReadOnlyList<IncrementalStepRunReason> reasons = PipelineSteps.Reasons(result, step);
        Assert.NotEmpty(reasons);
        return reasons;
    }

    private static string SourceOf(GeneratorDriverRunResult result, string hintName = "Samples.Net.g.cs") =>
        Assert.Single(result.Results.SelectMany(r => r.GeneratedSources), s => s.HintName == hintName).SourceText.ToString();
}
