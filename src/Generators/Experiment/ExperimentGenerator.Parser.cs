using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Landscape.Generators.Common;
using Landscape.Generators.Experiment.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Landscape.Generators.Experiment;

public sealed partial class ExperimentGenerator
{
    /// <summary>The example name shown when an invalid name has no usable kebab-case form.</summary>
    private const string ExampleName = "edge-of-stability";

    /// <summary>
    /// Builds the spec of one [Experiment] class, or the diagnostics that explain why it cannot be in the catalog. Never
    /// throws for user errors; an unexpected exception becomes LSG0999. Code the compiler already rejects (a missing or
    /// ill-typed attribute argument, the attribute applied twice) yields neither a spec nor a diagnostic.
    /// </summary>
    internal static ParsedExperiment Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        if (context.TargetSymbol is not INamedTypeSymbol symbol) return Nothing();
        try
        {
            return ParseCore(context, declaration, symbol, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var failure = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, LocationInfo.From(declaration.Identifier.GetLocation()),
                symbol.Name, exception.GetType().Name + ": " + exception.Message);
            return new ParsedExperiment(new Result<ExperimentSpec>(null, new EquatableArray<DiagnosticInfo>([failure])), null);
        }
    }

    private static ParsedExperiment ParseCore(GeneratorAttributeSyntaxContext context, TypeDeclarationSyntax declaration, INamedTypeSymbol symbol, CancellationToken cancellationToken)
    {
        // A half-typed declaration ("partial class" with no name yet): the compiler reports it; generate nothing.
        if (declaration.Identifier.IsMissing) return Nothing();

        // [Experiment] twice (on two partial declarations): the compiler reports CS0579. Parsing each declaration would
        // put the type in the catalog twice and report it as its own duplicate.
        if (symbol.GetAttributes().Count(a => a.AttributeClass?.ToDisplayString() == KnownTypeNames.ExperimentAttribute) > 1) return Nothing();

        AttributeData attribute = context.Attributes[0];
        if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Length != 1
            || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error) || attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error))
            return Nothing();

        var diagnostics = new List<DiagnosticInfo>();
        var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        LocationInfo? nameLocation = LocationInfo.From(NameArgument(attributeSyntax)) ?? LocationInfo.From(attributeSyntax);
        LocationInfo? typeLocation = LocationInfo.From(declaration.Identifier.GetLocation());
        string typeDisplay = symbol.ToDisplayString();

        // The name: lower-case kebab case, so that it can be typed on the command line as is.
        string? name = attribute.ConstructorArguments[0].Value as string;
        if (!KebabCase.IsValid(name))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidExperimentName, nameLocation, NameDisplay(name), NameSuggestion(name)));
        ExperimentNameClaim? claim = name is null ? null : new ExperimentNameClaim(name, typeDisplay, nameLocation);
        string summary = "";
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
            if (named.Key == "Summary") summary = named.Value.Value as string ?? "";

        // The type: partial, creatable with 'new T()' from the generated catalog, and an IExperiment.
        if (!SymbolFacts.IsPartial(symbol, cancellationToken))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExperimentNotPartial, typeLocation, symbol.Name));
        string? notCreatable = SymbolFacts.WhyNotCreatable(symbol, context.SemanticModel.Compilation);
        if (notCreatable is not null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExperimentNotCreatable, typeLocation, symbol.Name, notCreatable));
        if (!symbol.AllInterfaces.Any(i => i.ToDisplayString() == KnownTypeNames.IExperiment))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExperimentNotIExperiment, typeLocation, symbol.Name, WhyNotIExperiment(symbol)));

        cancellationToken.ThrowIfCancellationRequested();

        // The settings, in source order.
        List<SettingSpec>? settings = ParseSettings(symbol, name ?? symbol.Name, diagnostics, cancellationToken);

        if (diagnostics.Count > 0 || settings is null || name is null)
            return new ParsedExperiment(new Result<ExperimentSpec>(null, diagnostics.ToEquatableArray()), claim);

        var spec = new ExperimentSpec(
            name,
            summary,
            symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            symbol.Name,
            settings.ToEquatableArray());
        return new ParsedExperiment(new Result<ExperimentSpec>(spec, EquatableArray<DiagnosticInfo>.Empty), claim);
    }

    private static ParsedExperiment Nothing() => new(new Result<ExperimentSpec>(null, EquatableArray<DiagnosticInfo>.Empty), null);

    /// <summary>What is missing for the type to be an IExperiment: the interface, or also (or instead) a proper Run method.</summary>
    private static string WhyNotIExperiment(INamedTypeSymbol type)
    {
        const string signature = "'public ExperimentResult Run(ExperimentContext context)'";
        List<IMethodSymbol> runs = [];
        for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
            runs.AddRange(t.GetMembers("Run").OfType<IMethodSymbol>());
        if (runs.Count == 0)
            return $"add ': IExperiment' to the declaration and a method {signature}";
        if (runs.Any(IsRunMethod))
            return "it has the method Run(ExperimentContext) but does not list the interface; add ': IExperiment' to the declaration";
        string found = runs[0].ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        return $"its method '{found}' is not 'ExperimentResult Run(ExperimentContext)'; change it to {signature} and add ': IExperiment' to the declaration";
    }

    /// <summary>Whether <paramref name="method"/> has the shape of <c>IExperiment.Run</c>.</summary>
    private static bool IsRunMethod(IMethodSymbol method) =>
        !method.IsStatic && !method.IsGenericMethod && method.Parameters.Length == 1 && method.Parameters[0].RefKind == RefKind.None
        && method.Parameters[0].Type.ToDisplayString() == KnownTypeNames.ExperimentContext
        && method.ReturnType.ToDisplayString() == KnownTypeNames.ExperimentResult;

    /// <summary>
    /// LSG0301 on the name argument of every experiment whose name another experiment also claims, listing the types
    /// that share it. Claims are ordered first, so the diagnostics do not depend on the order files are parsed in.
    /// </summary>
    internal static EquatableArray<DiagnosticInfo> DuplicateNames(ImmutableArray<ExperimentNameClaim> claims)
    {
        var diagnostics = new List<DiagnosticInfo>();
        foreach (IGrouping<string, ExperimentNameClaim> group in claims
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ThenBy(c => c.Location?.FilePath ?? "", StringComparer.Ordinal)
            .ThenBy(c => c.Location?.Span.Start ?? 0)
            .GroupBy(c => c.Name, StringComparer.Ordinal))
        {
            List<ExperimentNameClaim> sharing = group.ToList();
            if (sharing.Count < 2) continue;
            string types = string.Join(", ", sharing.Select(c => "'" + c.TypeName + "'").Distinct(StringComparer.Ordinal));
            foreach (ExperimentNameClaim claim in sharing)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateExperimentName, claim.Location, claim.Name, types));
        }
        return diagnostics.ToEquatableArray();
    }

    /// <summary>
    /// LSG0309 for a [Setting] property whose type has no [Experiment] (the warning pipeline); nothing for a setting of an
    /// experiment, which <see cref="ParseSettings"/> validates.
    /// </summary>
    internal static EquatableArray<DiagnosticInfo> ParseSettingOutsideExperiment(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IPropertySymbol { ContainingType: { } type } property) return EquatableArray<DiagnosticInfo>.Empty;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KnownTypeNames.ExperimentAttribute))
                return EquatableArray<DiagnosticInfo>.Empty;
            var warning = DiagnosticInfo.Create(DiagnosticDescriptors.SettingWithoutExperiment, PropertyLocation(property, context.TargetNode), property.Name, type.Name);
            return new EquatableArray<DiagnosticInfo>([warning]);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var failure = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, LocationInfo.From(context.TargetNode), property.Name, exception.GetType().Name + ": " + exception.Message);
            return new EquatableArray<DiagnosticInfo>([failure]);
        }
    }

    /// <summary>The name argument of <c>[Experiment(...)]</c>: the first positional argument, or the one written <c>name: ...</c>.</summary>
    private static AttributeArgumentSyntax? NameArgument(AttributeSyntax? syntax)
    {
        if (syntax?.ArgumentList is not { } list) return null;
        foreach (AttributeArgumentSyntax argument in list.Arguments)
        {
            if (argument.NameEquals is not null) continue;
            if (argument.NameColon is { } nameColon && nameColon.Name.Identifier.ValueText != "name") continue;
            return argument;
        }
        return null;
    }

    /// <summary>The name as shown in LSG0302: quoted, or "null".</summary>
    private static string NameDisplay(string? name) => name is null ? "null" : "'" + name + "'";

    /// <summary>The fix LSG0302 proposes: the kebab-case form of the name when it is valid, else an example.</summary>
    private static string NameSuggestion(string? name)
    {
        string kebab = name is null ? "" : KebabCase.From(name);
        return KebabCase.IsValid(kebab) ? $"use '{kebab}'" : $"use a name such as '{ExampleName}'";
    }
}
