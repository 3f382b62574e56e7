using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Landscape.Generators.Common;

/// <summary>
/// Facts about user declarations that every generator's parser needs: how to name a type in generated source, how to
/// reopen it and its containing types as partial declarations, and where it is nested. One implementation, so that the
/// Network, Objective and Experiment generators agree on every kind of type (struct, ref struct, readonly struct, record
/// class, record struct, interface).
/// </summary>
internal static class SymbolFacts
{
    /// <summary>Whether any declaration of <paramref name="type"/> carries the <c>partial</c> modifier.</summary>
    public static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                return true;
        }
        return false;
    }

    /// <summary>
    /// <paramref name="name"/> as a C# identifier: verbatim (<c>@class</c>) when it is a reserved keyword. Contextual
    /// keywords (<c>async</c>, <c>record</c>) and other names are returned as written.
    /// </summary>
    public static string EscapeIdentifier(string name) => SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;

    /// <summary>
    /// The keyword that declares <paramref name="type"/>'s kind, as written after <c>partial</c>: <c>class</c>,
    /// <c>record</c> (a record class, which <c>record class</c> also declares), <c>struct</c> (also for ref and readonly
    /// structs, whose modifiers come before <c>partial</c>), <c>record struct</c> or <c>interface</c>.
    /// </summary>
    public static string TypeKeyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    /// <summary>
    /// The header of a generated part of <paramref name="type"/>: <c>partial class Net</c>, <c>partial record Valley</c>,
    /// <c>readonly partial record struct Point</c>, <c>ref partial struct Window</c>, <c>readonly ref partial struct Slice</c>.
    /// The part repeats the modifiers that say what kind of struct it is (<c>readonly</c>, <c>ref</c>, which must precede
    /// <c>partial</c>), but not those that only restrict the type's use (accessibility, <c>static</c>, <c>sealed</c>,
    /// <c>abstract</c>), which one part may carry for all.
    /// </summary>
    public static string PartialDeclaration(INamedTypeSymbol type)
    {
        string modifiers = type.TypeKind == TypeKind.Struct
            ? (type.IsReadOnly ? "readonly " : "") + (type.IsRefLikeType ? "ref " : "")
            : "";
        return modifiers + "partial " + TypeKeyword(type) + " " + EscapeIdentifier(type.Name);
    }

    /// <summary>
    /// The name of the file generated for <paramref name="type"/>: its fully qualified name without <c>global::</c> and
    /// without the <c>@</c> of verbatim identifiers, plus <c>.g.cs</c> (<c>Samples.Outer.Net.g.cs</c>). AddSource rejects
    /// '@' in a hint name; dropping it keeps the name unique, because <c>@class</c> and <c>class</c> are the same identifier.
    /// </summary>
    public static string HintName(INamedTypeSymbol type) =>
        type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "").Replace("@", "") + ".g.cs";

    /// <summary>The types that contain <paramref name="type"/>, innermost first; empty for a top-level type.</summary>
    public static IEnumerable<INamedTypeSymbol> ContainingTypes(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            yield return outer;
    }

    /// <summary>
    /// The partial declarations that reopen the types containing <paramref name="type"/>, outermost first, as a generated
    /// file opens them (<c>["partial class Outer", "partial struct Middle"]</c>); empty for a top-level type.
    /// </summary>
    public static EquatableArray<string> ContainingDeclarations(INamedTypeSymbol type)
    {
        var declarations = new List<string>();
        foreach (INamedTypeSymbol outer in ContainingTypes(type)) declarations.Add(PartialDeclaration(outer));
        declarations.Reverse();
        return declarations.ToEquatableArray();
    }

    /// <summary>
    /// <paramref name="type"/> itself when it is generic, else the innermost containing type that is generic, else null:
    /// a generated part cannot reopen a generic type (the generators do not reproduce type parameters).
    /// </summary>
    public static INamedTypeSymbol? FirstGeneric(INamedTypeSymbol type)
    {
        if (type.TypeParameters.Length > 0) return type;
        foreach (INamedTypeSymbol outer in ContainingTypes(type))
            if (outer.TypeParameters.Length > 0) return outer;
        return null;
    }

    /// <summary>
    /// The name of <paramref name="type"/> with its containing types and without its namespace, unescaped, for messages
    /// and help text: <c>Mode</c>, <c>Outer.Mode</c>.
    /// </summary>
    public static string NestedName(INamedTypeSymbol type)
    {
        string name = type.Name;
        foreach (INamedTypeSymbol outer in ContainingTypes(type)) name = outer.Name + "." + name;
        return name;
    }

    /// <summary>
    /// Why <c>new T()</c> cannot appear in a generated catalog, or null when it can: the class must be non-static,
    /// non-abstract, non-generic (also in its containing types), visible from the assembly, have a parameterless
    /// constructor that is at least internal, and no required members the constructor does not set.
    /// </summary>
    public static string? WhyNotCreatable(INamedTypeSymbol type, Compilation compilation)
    {
        if (type.IsStatic) return "is static";
        if (type.IsAbstract) return "is abstract";
        if (FirstGeneric(type) is { } generic)
            return ReferenceEquals(generic, type) ? "is generic" : $"is nested in the generic type '{generic.ToDisplayString()}'";
        if (!compilation.IsSymbolAccessibleWithin(type, compilation.Assembly))
            return "is not visible to the catalog (it is private or protected, or nested in such a type)";
        IMethodSymbol? constructor = type.InstanceConstructors
            .Where(c => c.Parameters.All(p => p.IsOptional || p.IsParams))
            .OrderBy(c => c.Parameters.Length)
            .FirstOrDefault();
        if (constructor is null) return "has no parameterless constructor";
        if (!compilation.IsSymbolAccessibleWithin(constructor, compilation.Assembly))
            return $"has a parameterless constructor that is {Accessibility(constructor.DeclaredAccessibility)}";
        bool setsRequired = constructor.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute");
        if (!setsRequired)
        {
            for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
            {
                ISymbol? required = t.GetMembers().FirstOrDefault(m => m is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true });
                if (required is not null) return $"has the required member '{required.Name}', which 'new {type.Name}()' does not set";
            }
        }
        return null;
    }

    /// <summary>The C# keywords of <paramref name="accessibility"/> ("private protected", "internal", …).</summary>
    public static string Accessibility(Accessibility accessibility) => accessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Private => "private",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        _ => "public",
    };
}
