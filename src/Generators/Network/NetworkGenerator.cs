using Landscape.Generators.Common;
using Landscape.Generators.Network.Catalog;
using Landscape.Generators.Network.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Landscape.Generators.Network;

/// <summary>
/// Turns a <c>[Network]</c> class into an <c>IModel</c> with fused loss, gradient and exact Hessian-vector-product code.
/// Parser: symbols → <see cref="NetworkSpec"/> + diagnostics. Emitter: spec → C# text (no symbol APIs). Per assembly, the
/// networks are also listed in one generated <c>Landscape.NetworkCatalog</c> (NetworkGenerator.Catalog.cs).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class NetworkGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Stage 1: find [Network] classes. The predicate checks syntax shape only; the transform snapshots everything the
        // emitter needs into an equatable Result<NetworkSpec>, so later stages are cached until the declaration changes.
        IncrementalValuesProvider<Result<NetworkSpec>> results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypeNames.NetworkAttribute,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (attributeContext, cancellationToken) => Parse(attributeContext, cancellationToken))
            .WithTrackingName(TrackingNames.ParseNetwork);

        // Stage 2 (diagnostics pipeline): report what the parser found, separately from the source so that a change in a
        // diagnostic's position does not regenerate source, and a change in source does not re-report.
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = results
            .Select(static (result, _) => result.Diagnostics)
            .Where(static d => d.Count > 0)
            .WithTrackingName(TrackingNames.NetworkDiagnostics);
        context.RegisterSourceOutput(diagnostics, static (productionContext, items) => GeneratorOutputs.ReportDiagnostics(productionContext, items));

        // Stage 3 (source pipeline): one file per valid network.
        IncrementalValuesProvider<NetworkSpec> specs = results
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(TrackingNames.NetworkSpecs);
        context.RegisterSourceOutput(specs, static (productionContext, spec) =>
            GeneratorOutputs.AddSource(productionContext, spec.HintName, spec.TypeName, () => Emit(spec)));

        // Stage 4 (catalog): each spec's catalog entry (lowered once here; the FLOP counts walk its op graph), collected and
        // sorted by name into one NetworkCatalog.g.cs per assembly. Entries are small equatable records, so an edit that
        // leaves every network's entry unchanged does not regenerate the catalog, and the per-network files never depend on it.
        IncrementalValueProvider<NetworkCatalogSpec> catalog = specs
            .Select(static (spec, _) => CatalogEntry(spec))
            .WithTrackingName(TrackingNames.NetworkCatalogEntries)
            .Collect()
            .Select(static (entries, _) => Catalog(entries))
            .WithTrackingName(TrackingNames.NetworkCatalog);
        context.RegisterSourceOutput(catalog, static (productionContext, spec) =>
        {
            // An assembly without networks gets no catalog at all (and so no NetworkCatalog type).
            if (spec.Networks.Count == 0) return;
            GeneratorOutputs.AddSource(productionContext, CatalogHintName, "NetworkCatalog", () => EmitCatalog(spec));
        });
    }
}
