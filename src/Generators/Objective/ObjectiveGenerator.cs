using Landscape.Generators.Common;
using Landscape.Generators.Objective.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Landscape.Generators.Objective;

/// <summary>
/// Turns the <c>[Objective]</c> method of a partial type into an <c>IModel</c> with exact, symbolic gradient and Hessian.
/// Parser: syntax + semantic model → <see cref="ObjectiveSpec"/> (the expression graph of f) + diagnostics. Emitter: spec →
/// derivatives (<see cref="Derivatives"/>) → straight-line C# (no symbol APIs).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class ObjectiveGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Stage 1: find [Objective] methods. The predicate checks syntax shape only; the transform compiles the method body
        // into an equatable expression graph (no symbols, syntax or locations survive it), so later stages stay cached until
        // the objective itself changes.
        IncrementalValuesProvider<Result<ObjectiveSpec>> results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypeNames.ObjectiveAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (attributeContext, cancellationToken) => Parse(attributeContext, cancellationToken))
            .WithTrackingName(TrackingNames.ParseObjective);

        // Stage 2 (diagnostics pipeline): report what the parser found, separately from the source, so that moving an error
        // does not regenerate source and a change in the source does not re-report.
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = results
            .Select(static (result, _) => result.Diagnostics)
            .Where(static d => d.Count > 0)
            .WithTrackingName(TrackingNames.ObjectiveDiagnostics);
        context.RegisterSourceOutput(diagnostics, static (productionContext, items) => GeneratorOutputs.ReportDiagnostics(productionContext, items));

        // Stage 3 (source pipeline): one file per valid objective. Differentiation happens here, in the output step: it is a
        // pure function of the spec, so it reruns only when the spec changes.
        IncrementalValuesProvider<ObjectiveSpec> specs = results
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(TrackingNames.ObjectiveSpecs);
        context.RegisterSourceOutput(specs, static (productionContext, spec) =>
            GeneratorOutputs.AddSource(productionContext, spec.HintName, spec.FullName, () => Emit(spec)));
    }
}
