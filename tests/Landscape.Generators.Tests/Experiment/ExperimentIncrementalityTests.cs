using System;
using System.Linq;
using Landscape.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Landscape.Generators.Tests.Experiment;

/// <summary>
/// Incrementality scenarios (STYLE H2): one driver runs on a compilation, then on an edited one, and the tracked steps
/// say what was recomputed. An unrelated edit keeps everything cached; changing a default value (read at run time, not
/// part of the spec) does not regenerate the catalog; a new setting does.
/// </summary>
public sealed class ExperimentIncrementalityTests
{
    private const string Experiment = ExperimentHarness.Usings + """
        namespace Samples;

        [Experiment("sweep", Summary = "A sweep")]
        public sealed partial class Sweep : IExperiment
        {
            [Setting("Steps per run")] public int Steps { get; set; } = 3000;
            public ExperimentResult Run(ExperimentContext context) => context.Result();
        }
        """;

    private const string Unrelated = """
        namespace Samples;

        public static class Helper
        {
            public static int Twice(int x) => 2 * x;
        }
        """;

    private static readonly CSharpParseOptions s_parseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview);

    private static readonly string[] s_catalogSteps = [TrackingNames.ExperimentSpecs, TrackingNames.ExperimentCatalog];

    [Fact]
    public void IdenticalInput_EveryTrackedStepIsCached()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Experiment, Unrelated);
        (GeneratorDriverRunResult first, GeneratorDriverRunResult second) = RunTwice(compilation, compilation);
        Assert.Equal([IncrementalStepRunReason.New], PipelineSteps.Reasons(first, TrackingNames.ParseExperiment));
        Assert.Equal([IncrementalStepRunReason.New], PipelineSteps.Reasons(first, TrackingNames.ExperimentCatalog));
        foreach (string step in new[] { TrackingNames.ParseExperiment, TrackingNames.ExperimentNames, TrackingNames.ExperimentNameDiagnostics, TrackingNames.ExperimentSpecs, TrackingNames.ExperimentCatalog })
            Assert.All(PipelineSteps.Reasons(second, step), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(PipelineSteps.SourceOutputReasons(second), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.Equal(SourceOf(first), SourceOf(second));
    }

    [Fact]
    public void UnrelatedEdit_KeepsEverythingCached()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Experiment, Unrelated);
        SyntaxTree unrelated = compilation.SyntaxTrees.Single(t => t.FilePath == "Input1.cs");
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(unrelated,
            CSharpSyntaxTree.ParseText(Unrelated.Replace("2 * x", "x + x", StringComparison.Ordinal) + "\npublic sealed class Added { }\n", s_parseOptions, path: "Input1.cs"));

        (GeneratorDriverRunResult first, GeneratorDriverRunResult second) = RunTwice(compilation, edited);
        Assert.All(PipelineSteps.Reasons(second, TrackingNames.ParseExperiment),
            r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        foreach (string step in s_catalogSteps.Append(TrackingNames.ExperimentNames).Append(TrackingNames.ExperimentNameDiagnostics))
            Assert.All(PipelineSteps.Reasons(second, step), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(PipelineSteps.SourceOutputReasons(second), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.Equal(SourceOf(first), SourceOf(second));
    }

    [Fact]
    public void ChangedDefaultValue_DoesNotRegenerateTheCatalog()
    {
        // Defaults are read from a new instance at run time, so the spec does not hold them.
        (GeneratorDriverRunResult first, GeneratorDriverRunResult second) = RunEdited(Experiment.Replace("= 3000", "= 4000", StringComparison.Ordinal));
        Assert.Equal([IncrementalStepRunReason.Unchanged], PipelineSteps.Reasons(second, TrackingNames.ParseExperiment));
        Assert.Equal([IncrementalStepRunReason.Cached], PipelineSteps.Reasons(second, TrackingNames.ExperimentSpecs));
        Assert.Equal([IncrementalStepRunReason.Cached], PipelineSteps.Reasons(second, TrackingNames.ExperimentCatalog));
        Assert.Equal(SourceOf(first), SourceOf(second));
    }

    [Fact]
    public void MovedDeclaration_KeepsTheCatalog_ButRecomputesTheNameClaim()
    {
        (GeneratorDriverRunResult first, GeneratorDriverRunResult second) = RunEdited(Experiment.Replace("[Experiment(", "// moved down\n\n[Experiment(", StringComparison.Ordinal));
        Assert.Equal([IncrementalStepRunReason.Modified], PipelineSteps.Reasons(second, TrackingNames.ParseExperiment)); // the claim's location moved
        Assert.Equal([IncrementalStepRunReason.Unchanged], PipelineSteps.Reasons(second, TrackingNames.ExperimentSpecs));
        Assert.Equal([IncrementalStepRunReason.Modified], PipelineSteps.Reasons(second, TrackingNames.ExperimentNames));
        Assert.Equal([IncrementalStepRunReason.Unchanged], PipelineSteps.Reasons(second, TrackingNames.ExperimentNameDiagnostics)); // still none
        Assert.Equal([IncrementalStepRunReason.Cached], PipelineSteps.Reasons(second, TrackingNames.ExperimentCatalog));
        Assert.Equal(SourceOf(first), SourceOf(second));
    }

    [Fact]
    public void NewSetting_RegeneratesTheCatalog()
    {
        (GeneratorDriverRunResult first, GeneratorDriverRunResult second) = RunEdited(Experiment.Replace(
            "    public ExperimentResult Run", "    [Setting(\"Seed\")] public long Seed { get; set; }\n    public ExperimentResult Run", StringComparison.Ordinal));
        Assert.Equal([IncrementalStepRunReason.Modified], PipelineSteps.Reasons(second, TrackingNames.ExperimentSpecs));
        Assert.Equal([IncrementalStepRunReason.Modified], PipelineSteps.Reasons(second, TrackingNames.ExperimentCatalog));
        Assert.DoesNotContain("\"seed\"", SourceOf(first), StringComparison.Ordinal);
        Assert.Contains("\"seed\"", SourceOf(second), StringComparison.Ordinal);
    }

    private static (GeneratorDriverRunResult First, GeneratorDriverRunResult Second) RunEdited(string editedExperiment)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Experiment, Unrelated);
        SyntaxTree tree = compilation.SyntaxTrees.Single(t => t.FilePath == "Input0.cs");
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(editedExperiment, s_parseOptions, path: "Input0.cs"));
        return RunTwice(compilation, edited);
    }

    private static (GeneratorDriverRunResult First, GeneratorDriverRunResult Second) RunTwice(Compilation before, Compilation after)
    {
        GeneratorDriver driver = ExperimentHarness.CreateDriver().RunGenerators(before);
        GeneratorDriverRunResult first = driver.GetRunResult();
        GeneratorDriverRunResult second = driver.RunGenerators(after).GetRunResult();
        return (first, second);
    }

    private static string SourceOf(GeneratorDriverRunResult result) =>
        Assert.Single(result.Results.SelectMany(r => r.GeneratedSources)).SourceText.ToString();
}
