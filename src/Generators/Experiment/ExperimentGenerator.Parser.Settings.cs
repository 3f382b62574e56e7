using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Landscape.Generators.Common;
using Landscape.Generators.Experiment.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Landscape.Generators.Experiment;

public sealed partial class ExperimentGenerator
{
    /// <summary>
    /// The [Setting] properties declared on <paramref name="type"/>, in source order (file path, then position, ordinal),
    /// as specs; every problem found is added to <paramref name="diagnostics"/>. Returns null when a property has a type
    /// or attribute the compiler rejects (it reports that; the catalog is not generated).
    /// </summary>
    private static List<SettingSpec>? ParseSettings(INamedTypeSymbol type, string experimentName, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var marked = type.GetMembers()
            .OfType<IPropertySymbol>()
            .Select(p => (Property: p, Attribute: p.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KnownTypeNames.SettingAttribute)))
            .Where(p => p.Attribute is not null)
            .OrderBy(p => p.Property.Locations.FirstOrDefault()?.SourceTree?.FilePath ?? "", StringComparer.Ordinal)
            .ThenBy(p => p.Property.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0)
            .ToList();

        bool broken = false;
        var settings = new List<SettingSpec>();
        var propertyByName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((IPropertySymbol property, AttributeData? attribute) in marked)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (attribute!.AttributeConstructor is null || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error))
            {
                broken = true;
                continue;
            }
            SyntaxNode? syntax = property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
            LocationInfo? location = PropertyLocation(property, syntax);
            string description = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string ?? "" : "";

            string? accessProblem = WhyNotReadWrite(property);
            if (accessProblem is not null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SettingNotReadWrite, location, property.Name, accessProblem));

            if (ContainsErrorType(property.Type))
            {
                broken = true;
                continue;
            }
            (SettingKindSpec Kind, bool IsArray, EnumSpec? Enum)? settingType = ReadSettingType(property.Type);
            if (settingType is null)
            {
                LocationInfo? typeLocation = LocationInfo.From((syntax as BasePropertyDeclarationSyntax)?.Type) ?? location;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedSettingType, typeLocation, property.Name, property.Type.ToDisplayString()));
                continue;
            }

            // Two properties may differ only in case or underscores (MaxT and Max_T): both would be --max-t.
            string name = KebabCase.From(property.Name);
            if (propertyByName.TryGetValue(name, out string? first))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateSettingName, location, first, property.Name, experimentName, name));
                continue;
            }
            propertyByName[name] = property.Name;
            if (accessProblem is null)
                settings.Add(new SettingSpec(name, property.Name, settingType.Value.Kind, settingType.Value.IsArray, description, settingType.Value.Enum));
        }
        return broken ? null : settings;
    }

    /// <summary>Why the catalog cannot read and assign <paramref name="property"/>, or null when it can.</summary>
    private static string? WhyNotReadWrite(IPropertySymbol property)
    {
        if (property.IsIndexer) return "is an indexer";
        if (property.IsStatic) return "is static";
        if (property.DeclaredAccessibility != Microsoft.CodeAnalysis.Accessibility.Public) return $"is {SymbolFacts.Accessibility(property.DeclaredAccessibility)}";
        if (property.ReturnsByRef || property.ReturnsByRefReadonly) return "returns by reference";
        if (property.GetMethod is null) return "has no 'get' accessor";
        if (property.GetMethod.DeclaredAccessibility != Microsoft.CodeAnalysis.Accessibility.Public)
            return $"has a 'get' accessor that is {SymbolFacts.Accessibility(property.GetMethod.DeclaredAccessibility)}";
        if (property.SetMethod is null) return "has no 'set' accessor (it is read-only)";
        if (property.SetMethod.IsInitOnly) return "has an 'init' accessor, which the catalog cannot call after construction; use 'set'";
        if (property.SetMethod.DeclaredAccessibility != Microsoft.CodeAnalysis.Accessibility.Public)
            return $"has a 'set' accessor that is {SymbolFacts.Accessibility(property.SetMethod.DeclaredAccessibility)}";
        return null;
    }

    /// <summary>The setting kind of <paramref name="type"/>: a supported element type, or a one-dimensional array of one; null otherwise.</summary>
    private static (SettingKindSpec Kind, bool IsArray, EnumSpec? Enum)? ReadSettingType(ITypeSymbol type)
    {
        bool isArray = false;
        if (type is IArrayTypeSymbol array)
        {
            if (!array.IsSZArray) return null;
            type = array.ElementType;
            isArray = true;
        }
        SettingKindSpec? kind = type.SpecialType switch
        {
            SpecialType.System_Boolean => SettingKindSpec.Boolean,
            SpecialType.System_Int32 => SettingKindSpec.Int32,
            SpecialType.System_Int64 => SettingKindSpec.Int64,
            SpecialType.System_Double => SettingKindSpec.Double,
            SpecialType.System_String => SettingKindSpec.String,
            _ => type.TypeKind == TypeKind.Enum ? SettingKindSpec.Enum : null,
        };
        if (kind is null) return null;
        EnumSpec? enumSpec = kind == SettingKindSpec.Enum ? ReadEnum((INamedTypeSymbol)type) : null;
        return (kind.Value, isArray, enumSpec);
    }

    /// <summary>The enum's fully qualified name, its display name (with containing types) and its members in declaration order.</summary>
    private static EnumSpec ReadEnum(INamedTypeSymbol type)
    {
        var members = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.IsConst).Select(f => f.Name).ToEquatableArray();
        return new EnumSpec(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), SymbolFacts.NestedName(type), members);
    }

    private static bool ContainsErrorType(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Error || (type is IArrayTypeSymbol array && ContainsErrorType(array.ElementType));

    /// <summary>The property's name (an indexer's <c>this</c>), where its diagnostics are reported.</summary>
    private static LocationInfo? PropertyLocation(IPropertySymbol property, SyntaxNode? syntax) => syntax switch
    {
        PropertyDeclarationSyntax declaration => LocationInfo.From(declaration.Identifier.GetLocation()),
        IndexerDeclarationSyntax indexer => LocationInfo.From(indexer.ThisKeyword.GetLocation()),
        _ => LocationInfo.From(property.Locations.FirstOrDefault()),
    };
}
