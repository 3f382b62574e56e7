using System;
using System.Collections.Immutable;
using System.Linq;
using Landscape.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Landscape.Generators.Tests.Fuzzing;

/// <summary>What one fuzz variant did to the generators and the compiler.</summary>
/// <param name="Crash">A generator threw (an exception in the run result, CS8785, or the generator's own LSG0999), with the detail; null otherwise.</param>
/// <param name="GeneratorErrors">The generators reported at least one LSG error.</param>
/// <param name="UserErrors">The compiler reported an error in the variant's own source (or without a location).</param>
/// <param name="GeneratedErrors">
/// The compiler reported an error located in generated source. Generated code is compiled only when the variant has no
/// syntax error, no LSG error and no error of its own (see <see cref="FuzzHarness.Run"/>), since only then can it matter.
/// </param>
/// <param name="GeneratedFiles">How many per-declaration files the generators added (the network catalog aside).</param>
/// <param name="Errors">The first few error diagnostics of the final compilation and the generators, for messages.</param>
/// <param name="Reported">The IDs of the LSG errors the generators reported, sorted and comma-separated.</param>
/// <param name="Expected">
/// What <see cref="NetworkOracle"/> expects of a variant without compiler errors that declares one network: <see cref="NetworkOracle.Valid"/>
/// or the ID of the first rule the declaration breaks; null when it has no opinion.
/// </param>
internal sealed record FuzzOutcome(string? Crash, bool GeneratorErrors, bool UserErrors, bool GeneratedErrors, int GeneratedFiles, string Errors, string Reported, string? Expected)
{
    /// <summary>The variant is valid: neither the compiler (on the user's code) nor a generator found an error.</summary>
    public bool Valid => !GeneratorErrors && !UserErrors;

    /// <summary>
    /// The variant keeps the contract: no crash; and every error of the final compilation is accounted for by an LSG
    /// error or a compiler error in the user's code — generated code never fails to compile on its own, so a valid
    /// variant compiles.
    /// </summary>
    public bool KeepsContract => Crash is null && (!GeneratedErrors || GeneratorErrors || UserErrors) && AgreesWithOracle;

    /// <summary>
    /// The network generator agrees with the oracle: no LSG error on a declaration it calls valid, and the error it
    /// expects among those reported on one it calls invalid.
    /// </summary>
    public bool AgreesWithOracle => Expected is null
        || (Expected == NetworkOracle.Valid ? !GeneratorErrors : Reported.Split(',').Contains(Expected, StringComparer.Ordinal));
}

/// <summary>
/// Runs the generators on fuzz variants cheaply: one base compilation (references loaded once and shared by every
/// variant through <see cref="Compilation.AddSyntaxTrees(SyntaxTree[])"/>), one fresh driver per variant, no step tracking.
/// </summary>
internal static class FuzzHarness
{
    private static readonly CSharpParseOptions s_parseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview);

    private static readonly Lazy<CSharpCompilation> s_base = new(() => GeneratorHarness.Compile());

    /// <summary>The generators under test.</summary>
    public static ImmutableArray<ISourceGenerator> Generators { get; } =
    [
        new Network.NetworkGenerator().AsSourceGenerator(),
        new Objective.ObjectiveGenerator().AsSourceGenerator(),
        new Landscape.Generators.Experiment.ExperimentGenerator().AsSourceGenerator(),
    ];

    /// <summary>Compiles <paramref name="source"/> with the generators and classifies the result.</summary>
    public static FuzzOutcome Run(string source)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source, s_parseOptions, path: "Variant.cs");
        Compilation compilation = s_base.Value.AddSyntaxTrees(tree);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(Generators, parseOptions: s_parseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorDriverRunResult result = driver.GetRunResult();

        string? crash = result.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null)?.ToString()
            ?? generatorDiagnostics.FirstOrDefault(d => d.Id is "CS8785" or "LSG0999")?.ToString();
        bool generatorErrors = generatorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("LSG", StringComparison.Ordinal));

        // Compile only as far as the verdict needs: a variant with a syntax error is diagnosed already; otherwise bind the
        // variant itself (cheap: one small file), which the oracle needs to be free of errors; only a variant that is clean
        // so far and has no LSG error (a valid one) is compiled in full, where every remaining error is in generated code.
        // This keeps thousands of variants within the time budget.
        Diagnostic[] errors = tree.GetDiagnostics().Where(IsError).ToArray();
        if (errors.Length == 0)
            errors = output.GetSemanticModel(tree).GetDiagnostics().Where(IsError).ToArray();
        string? expected = errors.Length == 0 ? NetworkOracle.Judge(output, tree) : null;
        if (errors.Length == 0 && !generatorErrors)
            errors = output.GetDiagnostics().Where(IsError).ToArray();
        bool userErrors = errors.Any(d => d.Location.SourceTree is null || d.Location.SourceTree == tree);
        bool generatedErrors = errors.Any(d => d.Location.SourceTree is not null && d.Location.SourceTree != tree);
        string shown = string.Join("\n", generatorDiagnostics.Concat(errors).Take(6).Select(d => d.ToString()));
        // The per-declaration files; an assembly with networks also gets one NetworkCatalog.g.cs, not counted here.
        int files = result.Results.Sum(r => r.GeneratedSources.Count(s => s.HintName != Network.NetworkGenerator.CatalogHintName));
        string reported = string.Join(",", generatorDiagnostics.Where(d => d.Id.StartsWith("LSG", StringComparison.Ordinal)).Select(d => d.Id).Distinct().Order(StringComparer.Ordinal));
        return new FuzzOutcome(crash, generatorErrors, userErrors, generatedErrors, files, shown, reported, expected);
    }

    private static bool IsError(Diagnostic diagnostic) => diagnostic.Severity == DiagnosticSeverity.Error;
}
