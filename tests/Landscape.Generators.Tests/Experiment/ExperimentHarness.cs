using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Landscape.Experiments;
using Landscape.Generators.Experiment;
using Landscape.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Landscape.Generators.Tests.Experiment;

/// <summary>
/// Runs the <see cref="ExperimentGenerator"/> the way <see cref="GeneratorHarness"/> runs the others: a second run on a
/// cloned compilation must be served from the cache, and no tracked step may hold a symbol, syntax node or location.
/// It also compiles the generated catalog, loads it into a collectible context and hands out its descriptors.
/// </summary>
internal static class ExperimentHarness
{
    /// <summary>The usings every test declaration starts with.</summary>
    public const string Usings = "using System;\nusing Landscape;\nusing Landscape.Experiments;\n\n";

    /// <summary>A driver with step tracking on, with the experiment generator only.</summary>
    public static GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        new ISourceGenerator[] { new ExperimentGenerator().AsSourceGenerator() },
        parseOptions: CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview),
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator on <paramref name="sources"/> and checks incrementality on a second run.</summary>
    public static GeneratorOutput Run(params string[] sources) => Run(GeneratorHarness.Compile(sources));

    /// <summary>Runs the generator on <paramref name="compilation"/> and checks incrementality on a second run.</summary>
    public static GeneratorOutput Run(Compilation compilation)
    {
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorDriverRunResult first = driver.GetRunResult();
        Assert.DoesNotContain(diagnostics, d => d.Id == "CS8785"); // the generator threw
        Assert.All(first.Results, r => Assert.Null(r.Exception));

        GeneratorDriver second = driver.RunGenerators(compilation.Clone());
        GeneratorHarness.AssertAllCached(second.GetRunResult());
        GeneratorHarness.AssertNoForbiddenTypes(first);

        var sources = first.Results.SelectMany(r => r.GeneratedSources)
            .Select(s => (s.HintName, s.SourceText.ToString()))
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .ToImmutableArray();
        return new GeneratorOutput(compilation, output, diagnostics, sources, NetworkCatalog: null);
    }

    /// <summary>
    /// Runs the generator on <paramref name="sources"/> (which must be valid and give no diagnostic), compiles the result,
    /// and loads it; dispose the returned catalog to unload the assembly.
    /// </summary>
    public static LoadedCatalog Load(params string[] sources)
    {
        GeneratorOutput output = Run(sources);
        Assert.Empty(output.GeneratorDiagnostics);
        GeneratedCodeAssert.Compiles(output);
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = output.OutputCompilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        var context = new AssemblyLoadContext("experiment-catalog", isCollectible: true);
        try
        {
            Assembly assembly = context.LoadFromStream(image);
            return new LoadedCatalog(context, assembly, output.SingleSource);
        }
        catch
        {
            context.Unload();
            throw;
        }
    }
}

/// <summary>A compiled test assembly's <c>Landscape.Experiments.ExperimentCatalog</c>, reached by reflection (it is internal).</summary>
internal sealed class LoadedCatalog : IDisposable
{
    private readonly AssemblyLoadContext _context;
    private readonly Type _catalog;

    public LoadedCatalog(AssemblyLoadContext context, Assembly assembly, string source)
    {
        _context = context;
        Assembly = assembly;
        Source = source;
        _catalog = assembly.GetType("Landscape.Experiments.ExperimentCatalog", throwOnError: true)!;
    }

    /// <summary>The loaded assembly.</summary>
    public Assembly Assembly { get; }

    /// <summary>The generated catalog's source.</summary>
    public string Source { get; }

    /// <summary><c>ExperimentCatalog.All</c>.</summary>
    public IReadOnlyList<ExperimentDescriptor> All =>
        (IReadOnlyList<ExperimentDescriptor>)_catalog.GetProperty("All", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    /// <summary><c>ExperimentCatalog.Find(name)</c>.</summary>
    public ExperimentDescriptor? Find(string name) =>
        (ExperimentDescriptor?)_catalog.GetMethod("Find", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [name]);

    /// <summary>The descriptor named <paramref name="name"/>, which must exist.</summary>
    public ExperimentDescriptor Get(string name) => Find(name) ?? throw new InvalidOperationException("No experiment " + name);

    /// <summary>The value of property <paramref name="property"/> of <paramref name="experiment"/>.</summary>
    public static object? Property(IExperiment experiment, string property) =>
        experiment.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.GetValue(experiment);

    /// <inheritdoc/>
    public void Dispose() => _context.Unload();
}
