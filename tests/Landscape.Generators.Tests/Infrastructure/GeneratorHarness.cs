using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Landscape.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Landscape.Generators.Tests.Infrastructure;

/// <summary>
/// What one generator run produced: the per-declaration <see cref="Sources"/> and, apart from them, the assembly's
/// network catalog (so that a test of one network's file sees that file alone).
/// </summary>
internal sealed record GeneratorOutput(
    Compilation InputCompilation,
    Compilation OutputCompilation,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<(string HintName, string Text)> Sources,
    string? NetworkCatalog)
{
    /// <summary>Errors of the compilation that includes the generated sources.</summary>
    public IReadOnlyList<Diagnostic> CompilationErrors =>
        OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    /// <summary>The single generated source (fails if there is not exactly one).</summary>
    public string SingleSource => Assert.Single(Sources).Text;
}

/// <summary>
/// Runs the Landscape generators the way the compiler does. Every run goes through <see cref="Run"/>, which also runs the
/// driver a second time on a clone of the compilation and asserts that every tracked step is cached, and that no step's
/// output holds a Roslyn symbol, syntax node, location or compilation (which would defeat incrementality).
/// </summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    /// <summary>The framework (from TRUSTED_PLATFORM_ASSEMBLIES, no download) plus Landscape.Runtime.</summary>
    public static ImmutableArray<MetadataReference> References => s_references.Value;

    /// <summary>Parses <paramref name="sources"/> into a compilation against <see cref="References"/>.</summary>
    public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
        "Landscape.TestInput",
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview), path: $"Input{i}.cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: false));

    /// <summary>Runs the generators on <paramref name="sources"/> and checks incrementality on a second run.</summary>
    public static GeneratorOutput Run(params string[] sources) => Run(Compile(sources));

    /// <summary>Runs the generators on <paramref name="compilation"/> and checks incrementality on a second run.</summary>
    public static GeneratorOutput Run(Compilation compilation)
    {
        GeneratorDriver driver = CreateDriver();
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorDriverRunResult first = driver.GetRunResult();
        Assert.DoesNotContain(diagnostics, d => d.Id == "CS8785"); // the generator threw

        // Second run on a clone: every tracked step must be served from the cache.
        GeneratorDriver second = driver.RunGenerators(compilation.Clone());
        AssertAllCached(second.GetRunResult());
        AssertNoForbiddenTypes(first);

        var all = first.Results.SelectMany(r => r.GeneratedSources)
            .Select(s => (s.HintName, Text: s.SourceText.ToString()))
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .ToList();
        string? catalog = all.Where(s => s.HintName == Network.NetworkGenerator.CatalogHintName).Select(s => s.Text).SingleOrDefault();
        var sources = all.Where(s => s.HintName != Network.NetworkGenerator.CatalogHintName).ToImmutableArray();
        return new GeneratorOutput(compilation, output, diagnostics, sources, catalog);
    }

    /// <summary>A driver with step tracking on, as the IDE runs it.</summary>
    public static GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        new ISourceGenerator[] { new Network.NetworkGenerator().AsSourceGenerator(), new Objective.ObjectiveGenerator().AsSourceGenerator() },
        parseOptions: CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview),
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>The tracked step names declared in <see cref="TrackingNames"/>.</summary>
    public static IReadOnlyList<string> TrackingStepNames { get; } = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();

    /// <summary>Asserts that every output of every tracked step is Cached or Unchanged.</summary>
    public static void AssertAllCached(GeneratorDriverRunResult result)
    {
        foreach (GeneratorRunResult run in result.Results)
        {
            foreach ((string name, ImmutableArray<IncrementalGeneratorRunStep> steps) in run.TrackedSteps)
            {
                if (!TrackingStepNames.Contains(name)) continue;
                foreach (IncrementalGeneratorRunStep step in steps)
                foreach ((object _, IncrementalStepRunReason reason) in step.Outputs)
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"Step '{name}' output was {reason}, expected Cached or Unchanged on an identical rerun.");
            }
        }
    }

    /// <summary>Walks each tracked step's outputs and fails on symbols, syntax, locations or compilations.</summary>
    public static void AssertNoForbiddenTypes(GeneratorDriverRunResult result)
    {
        foreach (GeneratorRunResult run in result.Results)
        foreach ((string name, ImmutableArray<IncrementalGeneratorRunStep> steps) in run.TrackedSteps)
        {
            if (!TrackingStepNames.Contains(name)) continue;
            foreach (IncrementalGeneratorRunStep step in steps)
            foreach ((object value, IncrementalStepRunReason _) in step.Outputs)
                VisitObjectGraph(value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }
    }

    private static void VisitObjectGraph(object? node, string step, HashSet<object> seen)
    {
        if (node is null || !seen.Add(node)) return;
        Type type = node.GetType();
        Assert.False(node is Compilation or ISymbol or SyntaxNode or SyntaxTree or Location or SemanticModel,
            $"Step '{step}' holds a {type.Name}; pipeline models must hold only equatable data.");
        if (type.IsPrimitive || type.IsEnum || node is string) return;
        if (node is System.Collections.IEnumerable sequence)
        {
            foreach (object? item in sequence) VisitObjectGraph(item, step, seen);
            return;
        }
        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            VisitObjectGraph(field.GetValue(node), step, seen);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        var references = tpa.Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(Landscape.IModel).Assembly.Location));
        references.Add(MetadataReference.CreateFromFile(typeof(Landscape.Experiments.IExperiment).Assembly.Location));
        return references.ToImmutableArray();
    }
}
