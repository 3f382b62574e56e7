using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Landscape.Generators.Common;
using Landscape.Generators.Objective.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Landscape.Generators.Objective;

public sealed partial class ObjectiveGenerator
{
    /// <summary>The characters C# treats as line terminators (a comment must never contain one).</summary>
    private static readonly string[] s_newLines = ["\r\n", "\r", "\n", "\u0085", "\u2028", "\u2029"];

    /// <summary>
    /// Builds the spec of one [Objective] method, or the diagnostics that explain why it cannot be generated. Never throws
    /// for user errors; an unexpected exception becomes LSG0999. Code the compiler already rejects (unresolved names,
    /// half-typed expressions) yields neither a spec nor a diagnostic: the compiler's own error is the one to fix.
    /// </summary>
    internal static Result<ObjectiveSpec> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var method = (MethodDeclarationSyntax)context.TargetNode;
        if (context.TargetSymbol is not IMethodSymbol symbol) return Failure();
        try
        {
            return ParseCore(context, method, symbol, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Failure(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, LocationInfo.From(method.Identifier.GetLocation()),
                symbol.ContainingType?.Name + "." + symbol.Name, exception.GetType().Name + ": " + exception.Message));
        }
    }

    private static Result<ObjectiveSpec> ParseCore(GeneratorAttributeSyntaxContext context, MethodDeclarationSyntax method, IMethodSymbol symbol, CancellationToken cancellationToken)
    {
        INamedTypeSymbol type = symbol.ContainingType;
        LocationInfo? methodLocation = LocationInfo.From(method.Identifier.GetLocation());

        // One objective per type: the first [Objective] method (by file path, then position) generates; each other one
        // reports LSG0205 at its attribute and nothing else, so the type's own diagnostics are reported once.
        IMethodSymbol? first = FirstObjective(type, cancellationToken);
        if (first is not null && !SymbolEqualityComparer.Default.Equals(first, symbol))
        {
            SyntaxNode? attribute = context.Attributes.FirstOrDefault()?.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
            return Failure(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateObjective, LocationInfo.From(attribute) ?? methodLocation, type.Name, first.Name));
        }

        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || method.Parent is not TypeDeclarationSyntax typeDeclaration)
        {
            string kind = type.TypeKind switch
            {
                TypeKind.Interface => "interface",
                TypeKind.Enum => "enum",
                _ => type.TypeKind.ToString().ToLowerInvariant(),
            };
            return Failure(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedObjectiveType, methodLocation, symbol.Name, kind, type.Name));
        }

        var diagnostics = new List<DiagnosticInfo>();
        bool broken = false; // the compiler reports an error here; generate nothing and add nothing
        LocationInfo? typeLocation = LocationInfo.From(typeDeclaration.Identifier.GetLocation());

        // The type: partial, not generic, every containing type partial (the generated part reopens all of them).
        if (!typeDeclaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ObjectiveNotPartial, typeLocation, type.Name));
        if (SymbolFacts.FirstGeneric(type) is { } generic)
        {
            string what = ReferenceEquals(generic, type)
                ? $"Objective type '{type.ToDisplayString()}'"
                : $"Objective type '{type.Name}', nested in generic type '{generic.ToDisplayString()}',";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ObjectiveGeneric, typeLocation, what));
        }
        foreach (INamedTypeSymbol outer in SymbolFacts.ContainingTypes(type))
        {
            if (!SymbolFacts.IsPartial(outer, cancellationToken))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ObjectiveContainingTypeNotPartial, typeLocation, outer.Name, type.Name));
        }

        // The method: instance, non-generic, returns double, and every parameter is a by-value double coordinate.
        if (symbol.IsStatic)
        {
            SyntaxToken staticKeyword = method.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.StaticKeyword));
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ObjectiveStatic, LocationInfo.From(staticKeyword.GetLocation()) ?? methodLocation, symbol.Name));
        }
        if (symbol.IsGenericMethod)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ObjectiveGeneric, LocationInfo.From(method.TypeParameterList) ?? methodLocation, $"[Objective] method '{symbol.Name}'"));
        bool signatureValid = true;
        if (symbol.ReturnType.TypeKind == TypeKind.Error) broken = true;
        else if (symbol.ReturnType.SpecialType != SpecialType.System_Double || symbol.ReturnsByRef || symbol.ReturnsByRefReadonly)
        {
            string returned = (symbol.ReturnsByRef ? "ref " : symbol.ReturnsByRefReadonly ? "ref readonly " : "") + symbol.ReturnType.ToDisplayString();
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidObjectiveReturnType, LocationInfo.From(method.ReturnType), symbol.Name, returned));
            signatureValid = false;
        }
        if (symbol.Parameters.Length == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoCoordinates, LocationInfo.From(method.ParameterList), symbol.Name));
            signatureValid = false;
        }
        for (int i = 0; i < symbol.Parameters.Length; i++)
        {
            IParameterSymbol parameter = symbol.Parameters[i];
            ParameterSyntax? syntax = i < method.ParameterList.Parameters.Count ? method.ParameterList.Parameters[i] : null;
            string? problem = null;
            LocationInfo? location = LocationInfo.From(syntax);
            if (parameter.Type.TypeKind == TypeKind.Error)
            {
                broken = true;
                continue;
            }
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                SyntaxToken modifier = syntax?.Modifiers.FirstOrDefault(m => m.Kind() is SyntaxKind.RefKeyword or SyntaxKind.OutKeyword or SyntaxKind.InKeyword or SyntaxKind.ParamsKeyword) ?? default;
                problem = $"is declared '{(modifier.IsKind(SyntaxKind.None) ? parameter.RefKind.ToString().ToLowerInvariant() : modifier.Text)}'";
                location = LocationInfo.From(modifier.GetLocation()) ?? location;
            }
            else if (parameter.Type.SpecialType != SpecialType.System_Double)
            {
                problem = $"has type '{parameter.Type.ToDisplayString()}'";
                location = LocationInfo.From(syntax?.Type) ?? location;
            }
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidCoordinate, location, parameter.Name, problem));
                signatureValid = false;
            }
        }

        bool hasInitialPoint = FindInitialPoint(type, diagnostics);
        cancellationToken.ThrowIfCancellationRequested();

        // The body: compiled into the expression graph of f (only when the signature makes sense, so that e.g. an int
        // coordinate does not also produce "integer arithmetic" errors at every use).
        BodyParser? body = null;
        int root = -1;
        if (signatureValid && !broken)
        {
            body = new BodyParser(context.SemanticModel, symbol, type, diagnostics, cancellationToken);
            root = body.ParseMethod(method);
            broken |= body.Broken;
        }

        if (diagnostics.Count > 0) return Failure(diagnostics.ToArray());
        if (broken || body is null || root < 0) return Failure();

        string? ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
        var spec = new ObjectiveSpec(
            ns,
            SymbolFacts.ContainingDeclarations(type),
            SymbolFacts.PartialDeclaration(type),
            SymbolFacts.EscapeIdentifier(type.Name),
            type.ToDisplayString(),
            SymbolFacts.HintName(type),
            symbol.Name,
            symbol.Parameters.Select(p => p.Name).ToEquatableArray(),
            body.Members.ToEquatableArray(),
            body.Graph.ToEquatableArray(),
            root,
            hasInitialPoint,
            SourceLines(typeDeclaration, method).ToEquatableArray());
        return new Result<ObjectiveSpec>(spec, EquatableArray<DiagnosticInfo>.Empty);
    }

    private static Result<ObjectiveSpec> Failure(params DiagnosticInfo[] diagnostics) => new(null, new EquatableArray<DiagnosticInfo>(diagnostics));

    /// <summary>The type's [Objective] method that generates: the first by (file path, position), ordinal.</summary>
    private static IMethodSymbol? FirstObjective(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        IMethodSymbol? first = null;
        (string Path, int Start) firstKey = default;
        foreach (ISymbol member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IMethodSymbol candidate || !HasObjectiveAttribute(candidate)) continue;
            SyntaxReference? reference = candidate.DeclaringSyntaxReferences.FirstOrDefault();
            (string Path, int Start) key = (reference?.SyntaxTree.FilePath ?? "", reference?.Span.Start ?? 0);
            if (first is null || string.CompareOrdinal(key.Path, firstKey.Path) < 0 || (key.Path == firstKey.Path && key.Start < firstKey.Start))
            {
                first = candidate;
                firstKey = key;
            }
        }
        return first;
    }

    private static bool HasObjectiveAttribute(IMethodSymbol method)
    {
        foreach (AttributeData attribute in method.GetAttributes())
            if (attribute.AttributeClass?.ToDisplayString() == KnownTypeNames.ObjectiveAttribute) return true;
        return false;
    }

    /// <summary>
    /// The Initialize convention: a parameterless, non-generic method <c>double[] InitialPoint()</c> declared on the type
    /// (static or instance). Any other member named InitialPoint is LSG0216, so a near miss is not silently ignored.
    /// </summary>
    private static bool FindInitialPoint(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics)
    {
        bool found = false;
        foreach (ISymbol member in type.GetMembers("InitialPoint"))
        {
            bool valid = member is IMethodSymbol
            {
                MethodKind: MethodKind.Ordinary, Parameters.Length: 0, IsGenericMethod: false, ReturnsByRef: false, ReturnsByRefReadonly: false,
                ReturnType: IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double },
            };
            if (valid) found = true;
            else diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidInitialPoint, LocationInfo.From(member.Locations.FirstOrDefault()), type.Name));
        }
        return found;
    }

    /// <summary>The type's header and the method as written, for the generated file's header comment.</summary>
    private static List<string> SourceLines(TypeDeclarationSyntax type, MethodDeclarationSyntax method)
    {
        var lines = new List<string>();
        var header = new StringBuilder();
        foreach (SyntaxToken modifier in type.Modifiers) header.Append(modifier.Text).Append(' ');
        header.Append(type.Keyword.Text);
        if (type is RecordDeclarationSyntax { ClassOrStructKeyword: { RawKind: not 0 } kind }) header.Append(' ').Append(kind.Text);
        header.Append(' ').Append(type.Identifier.Text);
        if (type.TypeParameterList is not null) header.Append(type.TypeParameterList.ToString());
        if (type.ParameterList is not null) header.Append(type.ParameterList.ToString());
        lines.Add(OneLineText.Collapse(header.ToString()));

        int indent = method.GetLocation().GetLineSpan().StartLinePosition.Character;
        string[] methodLines = method.ToString().Split(s_newLines, StringSplitOptions.None);
        for (int i = 0; i < methodLines.Length; i++)
        {
            string line = methodLines[i].TrimEnd();
            if (i > 0)
            {
                int strip = 0;
                while (strip < indent && strip < line.Length && char.IsWhiteSpace(line[strip])) strip++;
                line = line.Substring(strip);
            }
            lines.Add("    " + line);
        }
        return lines;
    }
}
