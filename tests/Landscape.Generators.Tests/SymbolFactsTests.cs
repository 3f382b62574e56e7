using System.Linq;
using System.Threading;
using Landscape.Generators.Common;
using Landscape.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Landscape.Generators.Tests;

/// <summary>
/// <see cref="SymbolFacts"/>, the one place where the parsers learn how to name and reopen a user type: identifier
/// escaping, the declaration of a generated part for every kind of type (and that such a part compiles next to the
/// user's), the containing-type walk, generic nesting and partial-ness.
/// </summary>
public sealed class SymbolFactsTests
{
    [Theory]
    [InlineData("Net", "Net")]
    [InlineData("class", "@class")]
    [InlineData("int", "@int")]
    [InlineData("namespace", "@namespace")]
    [InlineData("async", "async")] // contextual keywords are valid identifiers as written
    [InlineData("record", "record")]
    [InlineData("value", "value")]
    [InlineData("Réseau", "Réseau")]
    public void EscapeIdentifier_PrefixesReservedKeywordsOnly(string name, string expected) =>
        Assert.Equal(expected, SymbolFacts.EscapeIdentifier(name));

    /// <summary>A user declaration, the type's metadata name, and the header of its generated part.</summary>
    public static TheoryData<string, string, string, string> Kinds => new()
    {
        { "public partial class C { }", "C", "class", "partial class C" },
        { "public static partial class C { }", "C", "class", "partial class C" },
        { "public abstract partial class C { }", "C", "class", "partial class C" },
        { "public sealed partial record C(int X);", "C", "record", "partial record C" },
        { "public partial record class C(int X);", "C", "record", "partial record C" },
        { "public partial struct C { }", "C", "struct", "partial struct C" },
        { "public readonly partial struct C { }", "C", "struct", "readonly partial struct C" },
        { "public ref partial struct C { }", "C", "struct", "ref partial struct C" },
        { "public readonly ref partial struct C { }", "C", "struct", "readonly ref partial struct C" },
        { "public partial record struct C(int X);", "C", "record struct", "partial record struct C" },
        { "public readonly partial record struct C(int X);", "C", "record struct", "readonly partial record struct C" },
        { "public partial interface C { }", "C", "interface", "partial interface C" },
        { "public partial class @class { }", "class", "class", "partial class @class" },
        { "public partial struct @struct { }", "struct", "struct", "partial struct @struct" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TypeKeywordAndPartialDeclaration_NameEveryKindOfType(string declaration, string metadataName, string keyword, string expected)
    {
        INamedTypeSymbol type = TypeOf(GeneratorHarness.Compile("namespace Samples;\n" + declaration), "Samples." + metadataName);
        Assert.Equal(keyword, SymbolFacts.TypeKeyword(type));
        Assert.Equal(expected, SymbolFacts.PartialDeclaration(type));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void PartialDeclaration_CompilesAsASecondPart_WithAMemberAndANestedClass(string declaration, string metadataName, string keyword, string expected)
    {
        // What a generator adds: a part with the declaration, a member, and (for a network) a nested class.
        _ = keyword;
        CSharpCompilation user = GeneratorHarness.Compile("namespace Samples;\n" + declaration);
        INamedTypeSymbol type = TypeOf(user, "Samples." + metadataName);
        string member = type.TypeKind == TypeKind.Interface ? "int Extra { get; }" : "public static int Extra => 1;";
        string part = $"namespace Samples;\n{SymbolFacts.PartialDeclaration(type)}\n{{\n    {member}\n    public sealed class Nested {{ }}\n}}\n";
        CSharpCompilation both = user.AddSyntaxTrees(CSharpSyntaxTree.ParseText(part, (CSharpParseOptions)user.SyntaxTrees[0].Options, path: "Part.cs"));
        Assert.Empty(both.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Equal(expected, SymbolFacts.PartialDeclaration(TypeOf(both, "Samples." + metadataName)));
    }

    [Fact]
    public void ContainingTypes_AreInnermostFirst_AndTheirDeclarationsOutermostFirst()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile("""
            namespace Samples;

            public static partial class Outer
            {
                public readonly ref partial struct Middle
                {
                    public partial record Inner
                    {
                        public partial record struct @class
                        {
                            public sealed partial class Net { }
                        }
                    }
                }
            }
            """);
        INamedTypeSymbol net = TypeOf(compilation, "Samples.Outer+Middle+Inner+class+Net");
        Assert.Equal(["class", "Inner", "Middle", "Outer"], SymbolFacts.ContainingTypes(net).Select(t => t.Name));
        Assert.Equal(
            ["partial class Outer", "readonly ref partial struct Middle", "partial record Inner", "partial record struct @class"],
            SymbolFacts.ContainingDeclarations(net));
        Assert.Equal("Outer.Middle.Inner.class.Net", SymbolFacts.NestedName(net));
        Assert.Equal("Samples.Outer.Middle.Inner.class.Net.g.cs", SymbolFacts.HintName(net));

        INamedTypeSymbol outer = TypeOf(compilation, "Samples.Outer");
        Assert.Empty(SymbolFacts.ContainingTypes(outer));
        Assert.Empty(SymbolFacts.ContainingDeclarations(outer));
        Assert.Equal("Outer", SymbolFacts.NestedName(outer));
    }

    [Fact]
    public void FirstGeneric_IsTheTypeItself_OrTheInnermostGenericContainer()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile("""
            namespace Samples;

            public partial class Plain { public partial class Inner { } }
            public partial class Self<T> { }
            public partial class Outer<T> { public partial class Middle<U> { public partial class Inner { } } }
            """);
        Assert.Null(SymbolFacts.FirstGeneric(TypeOf(compilation, "Samples.Plain")));
        Assert.Null(SymbolFacts.FirstGeneric(TypeOf(compilation, "Samples.Plain+Inner")));
        INamedTypeSymbol self = TypeOf(compilation, "Samples.Self`1");
        Assert.Same(self, SymbolFacts.FirstGeneric(self));
        INamedTypeSymbol? container = SymbolFacts.FirstGeneric(TypeOf(compilation, "Samples.Outer`1+Middle`1+Inner"));
        Assert.Equal("Samples.Outer<T>.Middle<U>", container?.ToDisplayString());
    }

    [Fact]
    public void IsPartial_WhenAnyDeclarationSaysSo()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(
            "namespace Samples;\npublic class Whole { }\npublic partial class Split { }\n",
            "namespace Samples;\npublic partial class Split { }\n",
            "namespace Samples;\npublic partial class Half { }\n",
            "namespace Samples;\npublic partial class Half { public int X; }\n");
        Assert.False(SymbolFacts.IsPartial(TypeOf(compilation, "Samples.Whole"), CancellationToken.None));
        Assert.True(SymbolFacts.IsPartial(TypeOf(compilation, "Samples.Split"), CancellationToken.None));
        Assert.True(SymbolFacts.IsPartial(TypeOf(compilation, "Samples.Half"), CancellationToken.None));
    }

    [Fact]
    public void NetworkNestedInStructKinds_ReopensEachWithItsModifiers_AndCompiles()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            using Landscape;

            namespace Samples;

            public readonly partial struct Frozen
            {
                public ref partial struct Window
                {
                    public readonly partial record struct Point
                    {
                        [Network(LossFunction.MeanSquaredError)]
                        [Input(3)]
                        [Dense(2)]
                        public sealed partial class Net;
                    }
                }
            }
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        string[] lines = output.SingleSource.Split('\n');
        int frozen = System.Array.IndexOf(lines, "readonly partial struct Frozen");
        Assert.True(frozen > 0, "No 'readonly partial struct Frozen' line.");
        Assert.Equal(
            ["readonly partial struct Frozen", "{", "    ref partial struct Window", "    {", "        readonly partial record struct Point", "        {"],
            lines.Skip(frozen).Take(6));
        GeneratedCodeAssert.Compiles(output);
    }

    [Theory]
    [InlineData("public readonly partial struct Bowl", "readonly partial struct Bowl")]
    [InlineData("public readonly partial record struct Bowl(double A)", "readonly partial record struct Bowl")]
    [InlineData("public partial record class Bowl(double A)", "partial record Bowl")]
    public void ObjectiveOnStructAndRecordKinds_ReopensTheTypeAsDeclared_AndCompiles(string header, string expected)
    {
        GeneratorOutput output = GeneratorHarness.Run($$"""
            using Landscape;

            namespace Samples;

            {{header}}
            {
                [Objective] double Value(double x) => x * x;
            }
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Contains("\n" + expected + " : global::Landscape.IModel, global::Landscape.Models.IDataFreeModel, global::Landscape.Models.IFixedPointModel\n", output.SingleSource, System.StringComparison.Ordinal);
        GeneratedCodeAssert.Compiles(output);
    }

    [Fact]
    public void ObjectiveInKeywordNamedTypes_HasAHintNameWithoutAt_AndCompiles()
    {
        // '@' is not allowed in a hint name: AddSource would throw (CS8785) and drop every generated file.
        GeneratorOutput output = GeneratorHarness.Run("""
            using Landscape;

            namespace @namespace.@int;

            public partial class @struct
            {
                public partial class @class
                {
                    [Objective] double Value(double x) => x * x;
                }
            }
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        (string hintName, string source) = Assert.Single(output.Sources);
        Assert.Equal("namespace.int.struct.class.g.cs", hintName);
        Assert.Contains("\npartial class @struct\n", source, System.StringComparison.Ordinal);
        Assert.Contains("partial class @class : global::Landscape.IModel", source, System.StringComparison.Ordinal);
        GeneratedCodeAssert.Compiles(output);
    }

    private static INamedTypeSymbol TypeOf(Compilation compilation, string metadataName) =>
        compilation.GetTypeByMetadataName(metadataName) ?? throw new Xunit.Sdk.XunitException($"No type {metadataName} in the test compilation.");
}
