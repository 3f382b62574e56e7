using System.Collections.Immutable;
using System.Linq;
using Landscape.Generators.Common;
using Landscape.Generators.Experiment.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Landscape.Generators.Experiment;

/// <summary>
/// Collects the <c>[Experiment]</c> classes of an assembly into one generated <c>Landscape.Experiments.ExperimentCatalog</c>:
/// a descriptor per experiment (name, summary, settings with type, default and description) with a reflection-free
/// factory that binds <c>--setting value</c> pairs. Parser: symbols → <see cref="ExperimentSpec"/> + diagnostics.
/// Emitter: the sorted specs → C# text (no symbol APIs).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class ExperimentGenerator : IIncrementalGenerator
{
    /// <summary>The file name of the generated catalog (one per assembly).</summary>
    internal const string CatalogHintName = "ExperimentCatalog.g.cs";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Stage 1: find [Experiment] classes. The predicate checks syntax shape only; the transform snapshots the class and
        // its [Setting] properties into an equatable spec (no symbols, syntax or locations), plus the name it claims.
        IncrementalValuesProvider<ParsedExperiment> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypeNames.ExperimentAttribute,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (attributeContext, cancellationToken) => Parse(attributeContext, cancellationToken))
            .WithTrackingName(TrackingNames.ParseExperiment);

        // Stage 2 (diagnostics of each declaration): reported apart from the source, so that moving an error does not
        // regenerate the catalog and a change in the catalog does not re-report.
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = parsed
            .Select(static (item, _) => item.Result.Diagnostics)
            .Where(static d => d.Count > 0)
            .WithTrackingName(TrackingNames.ExperimentDiagnostics);
        context.RegisterSourceOutput(diagnostics, static (productionContext, items) => GeneratorOutputs.ReportDiagnostics(productionContext, items));

        // Stage 3 (duplicate names): the only rule that needs every experiment at once. Only the small name claims are
        // collected; the result is an equatable array, so an edit that keeps the names and their positions is cached.
        IncrementalValueProvider<EquatableArray<DiagnosticInfo>> nameDiagnostics = parsed
            .Where(static item => item.Claim is not null)
            .Select(static (item, _) => item.Claim!)
            .WithTrackingName(TrackingNames.ExperimentNames)
            .Collect()
            .Select(static (claims, _) => DuplicateNames(claims))
            .WithTrackingName(TrackingNames.ExperimentNameDiagnostics);
        context.RegisterSourceOutput(nameDiagnostics, static (productionContext, items) => GeneratorOutputs.ReportDiagnostics(productionContext, items));

        // Stage 4 (source): the valid specs, collected and sorted by name into one catalog. Emission is a few lines of
        // text per experiment, so it runs once over the sorted whole in the output step; it reruns only when a spec changes.
        IncrementalValueProvider<CatalogSpec> catalog = parsed
            .Where(static item => item.Result.Spec is not null)
            .Select(static (item, _) => item.Result.Spec!)
            .WithTrackingName(TrackingNames.ExperimentSpecs)
            .Collect()
            .Select(static (specs, _) => Catalog(specs))
            .WithTrackingName(TrackingNames.ExperimentCatalog);
        context.RegisterSourceOutput(catalog, static (productionContext, spec) =>
        {
            // An assembly without experiments gets no catalog at all (and so no ExperimentCatalog type).
            if (spec.Experiments.Count == 0) return;
            GeneratorOutputs.AddSource(productionContext, CatalogHintName, "ExperimentCatalog", () => Emit(spec));
        });

        // Stage 5 (warnings): [Setting] on a property of a type without [Experiment] would be silently ignored.
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> orphanSettings = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypeNames.SettingAttribute,
                static (node, _) => node is PropertyDeclarationSyntax or IndexerDeclarationSyntax,
                static (attributeContext, cancellationToken) => ParseSettingOutsideExperiment(attributeContext, cancellationToken))
            .Where(static d => d.Count > 0)
            .WithTrackingName(TrackingNames.SettingsWithoutExperiment);
        context.RegisterSourceOutput(orphanSettings, static (productionContext, items) => GeneratorOutputs.ReportDiagnostics(productionContext, items));
    }

    /// <summary>The catalog model: the specs ordered by name, then by type name (ordinal), so the output does not depend on file order.</summary>
    private static CatalogSpec Catalog(ImmutableArray<ExperimentSpec> specs) => new(specs
        .OrderBy(s => s.Name, System.StringComparer.Ordinal)
        .ThenBy(s => s.TypeName, System.StringComparer.Ordinal)
        .ToEquatableArray());
}
