using System;
using System.Linq;
using System.Text.RegularExpressions;
using Landscape.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Landscape.Generators.Tests;

/// <summary>
/// The generated <c>Architecture</c> constant: "784-200-200-10 tanh/tanh/identity, MSE" (widths, activations, loss, and
/// the layers without a bias), restated in the file header, a public const that user code can read, and a name that
/// collides with no other generated member and no DSL enum (DESIGN §2 naming rule).
/// </summary>
public sealed class NetworkArchitectureTests
{
    private static readonly Regex s_constant = new("public const string Architecture = \"([^\"]*)\";", RegexOptions.CultureInvariant);

    /// <summary>Attribute lines of a network (after the usings), and its expected architecture.</summary>
    public static TheoryData<string, string> Declarations => new()
    {
        {
            "[Network(LossFunction.MeanSquaredError)] [Input(784)] [Dense(200, Activation.Tanh)] [Dense(200, Activation.Tanh)] [Dense(10)]",
            "784-200-200-10 tanh/tanh/identity, MSE"
        },
        {
            "[Network(LossFunction.SoftmaxCrossEntropy)] [Input(784)] [Dense(32, Activation.Relu, Init = Init.He)] [Dense(10)]",
            "784-32-10 relu/identity, softmax cross-entropy"
        },
        {
            "[Network(LossFunction.SoftmaxCrossEntropy)] [Input(20)] [Dense(32, Activation.Gelu, Init = Init.He, InitScale = 0.5)] [Dense(16, Activation.Relu, Bias = false)] [Dense(5, Activation.Sigmoid)]",
            "20-32-16-5 gelu/relu/sigmoid, softmax cross-entropy, no bias in dense1"
        },
        {
            "[Network(LossFunction.MeanSquaredError)] [Input(6)] [Dense(5, Activation.Elu)] [Dense(4, Activation.Square, Bias = false)] [Dense(3, Activation.Sin)] [Dense(2, Bias = false)]",
            "6-5-4-3-2 elu/square/sin/identity, MSE, no bias in dense1, dense3"
        },
        {
            "[Network(LossFunction.MeanSquaredError)] [Input(3)] [Dense(4, Activation.Softplus, Bias = false)] [Dense(2, Bias = false)]",
            "3-4-2 softplus/identity, MSE, no bias"
        },
        {
            "[Network(LossFunction.SoftmaxCrossEntropy)] [Input(1)] [Dense(2, Bias = false)]",
            "1-2 identity, softmax cross-entropy, no bias"
        },
        {
            "[Network(LossFunction.MeanSquaredError)] [Input(1)] [Dense(1)]",
            "1-1 identity, MSE"
        },
        {
            // Source order, not attribute-list order or [Input] position, gives the layer order.
            "[Dense(7, Activation.Relu), Dense(5, Activation.Sigmoid)] [Network(LossFunction.MeanSquaredError)] [Dense(3)] [Input(2)]",
            "2-7-5-3 relu/sigmoid/identity, MSE"
        },
    };

    [Theory]
    [MemberData(nameof(Declarations))]
    public void Architecture_DescribesTheDeclaration_InTheConstantAndTheHeader(string attributes, string expected)
    {
        GeneratorOutput output = GeneratorHarness.Run($"using Landscape;\n\nnamespace Samples;\n\n{attributes}\npublic partial class Net;\n");
        Assert.Empty(output.GeneratorDiagnostics);
        string source = output.SingleSource;
        Assert.Equal(expected, Assert.Single(s_constant.Matches(source)).Groups[1].Value);
        Assert.Contains("\n//\n// Architecture: " + expected + "\n//\n// Parameters (", source, StringComparison.Ordinal);
        GeneratedCodeAssert.Compiles(output);
    }

    [Fact]
    public void Architecture_NamesEveryActivationInLowerCase()
    {
        string[] names = ["identity", "tanh", "relu", "sigmoid", "softplus", "gelu", "elu", "square", "sin"];
        Assert.Equal(names.Length, Enum.GetValues<Activation>().Length); // a new activation needs its name here
        string layers = string.Join(" ", Enum.GetValues<Activation>().Select(a => $"[Dense(3, Activation.{a})]"));
        GeneratorOutput output = GeneratorHarness.Run($"using Landscape;\n\n[Network(LossFunction.MeanSquaredError)] [Input(3)] {layers}\npublic partial class Net;\n");
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Equal("3-3-3-3-3-3-3-3-3-3 " + string.Join("/", names) + ", MSE", s_constant.Match(output.SingleSource).Groups[1].Value);
    }

    [Fact]
    public void Architecture_IsADocumentedPublicConst_ThatUserCodeReads()
    {
        GeneratorOutput output = GeneratorHarness.Run(NetworkSnapshotTests.FcTanh, """
            namespace Consumer;

            /// <summary>Uses the constant where only constants are allowed: a const initializer, an attribute argument, a case label.</summary>
            public static class Report
            {
                public const string Copy = global::Samples.FcTanh.Architecture;

                [global::System.ComponentModel.Description(global::Samples.FcTanh.Architecture)]
                public static string Row(global::Samples.FcTanh network) => global::Samples.FcTanh.Architecture + ", " + network.ParameterCount;

                public static bool IsFcTanh(string architecture) => architecture switch
                {
                    global::Samples.FcTanh.Architecture => true,
                    _ => false,
                };
            }
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        GeneratedCodeAssert.Compiles(output);

        const string expected = "784-200-200-10 tanh/tanh/identity, MSE";
        INamedTypeSymbol network = output.OutputCompilation.GetTypeByMetadataName("Samples.FcTanh")!;
        IFieldSymbol field = Assert.Single(network.GetMembers("Architecture").OfType<IFieldSymbol>());
        Assert.True(field.IsConst);
        Assert.Equal(Accessibility.Public, field.DeclaredAccessibility);
        Assert.Equal(SpecialType.System_String, field.Type.SpecialType);
        Assert.Equal(expected, field.ConstantValue);
        Assert.Contains("<summary>", field.GetDocumentationCommentXml() ?? "", StringComparison.Ordinal);

        IFieldSymbol copy = (IFieldSymbol)output.OutputCompilation.GetTypeByMetadataName("Consumer.Report")!.GetMembers("Copy").Single();
        Assert.Equal(expected, copy.ConstantValue);
    }

    [Fact]
    public void Architecture_CollidesWithNoGeneratedMember_AndNoDslEnum()
    {
        GeneratorOutput output = GeneratorHarness.Run(NetworkSnapshotTests.Classifier);
        GeneratedCodeAssert.Compiles(output);
        INamedTypeSymbol network = output.OutputCompilation.GetTypeByMetadataName("Samples.Nested.Models+Classifier")!;

        // One member of that name (the compiler would report CS0102 for two, but a nested type or an overload would not).
        Assert.Single(network.GetMembers("Architecture"));
        Assert.Empty(network.GetTypeMembers("Architecture"));

        // Attribute arguments bind in the class's member scope, so no DSL enum may share a generated member's name.
        string[] members = network.GetMembers().Where(m => !m.IsImplicitlyDeclared).Select(m => m.Name).Distinct().ToArray();
        string[] dslEnums = typeof(NetworkAttribute).Assembly.GetExportedTypes()
            .Where(t => t.IsEnum && t.Namespace == "Landscape")
            .Select(t => t.Name)
            .ToArray();
        Assert.Contains("LossFunction", dslEnums);
        Assert.Empty(members.Intersect(dslEnums, StringComparer.Ordinal));
        Assert.DoesNotContain("Architecture", typeof(NetworkAttribute).Assembly.GetExportedTypes().Where(t => t.Namespace == "Landscape").Select(t => t.Name));
    }
}
