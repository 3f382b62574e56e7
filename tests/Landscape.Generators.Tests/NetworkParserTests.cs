using System;
using System.Collections.Generic;
using System.Linq;
using Landscape.Generators.Network.Model;
using Landscape.Generators.Tests.Infrastructure;

namespace Landscape.Generators.Tests;

/// <summary>
/// What the parser reads from a declaration, observed through the generator (harness runs) and the spec it builds:
/// the restated declaration, layer order, fan-ins, bias blocks, nesting, namespaces and hint names.
/// </summary>
public sealed class NetworkParserTests
{
    [Fact]
    public void Header_RestatesTheDeclaration_WithDefaultsOmitted()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            using Landscape;

            namespace Samples;

            [Network(loss: LossFunction.SoftmaxCrossEntropy)]
            [Input(size: 12)]
            [Dense(10, Activation.Identity, Bias = true, Init = Init.Default, InitScale = 1.0)]
            [Dense(activation: Activation.Tanh, units: 8)]
            [Dense(32, Activation.Gelu, Bias = false, Init = Init.He, InitScale = 0.5)]
            [Dense(units: 4, InitScale = 2e-3, Init = Init.Xavier)]
            public partial class Net;
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Equal(
            [
                "[Network(LossFunction.SoftmaxCrossEntropy)]",
                "[Input(12)]",
                "[Dense(10)]",
                "[Dense(8, Activation.Tanh)]",
                "[Dense(32, Activation.Gelu, Bias = false, Init = Init.He, InitScale = 0.5)]",
                "[Dense(4, Init = Init.Xavier, InitScale = 0.002)]",
                "partial class Net",
            ],
            GeneratedCodeAssert.DeclarationComment(output.SingleSource));
        Assert.Contains("// Declaration (Net):", output.SingleSource, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_WithThreeArguments_IsAnImage_FlattenedInChwOrder()
    {
        // Told apart by the constructor's arity: [Input(1, 28, 28)] is 784 values per example, not one feature.
        GeneratorOutput output = GeneratorHarness.Run("""
            using Landscape;

            [Network(LossFunction.SoftmaxCrossEntropy)]
            [Input(channels: 1, height: 28, width: 28)]
            [Dense(32, Activation.Tanh)]
            [Dense(10)]
            public partial class Digits;
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        string source = output.SingleSource;
        Assert.Equal(["[Network(LossFunction.SoftmaxCrossEntropy)]", "[Input(1, 28, 28)]", "[Dense(32, Activation.Tanh)]", "[Dense(10)]", "partial class Digits"],
            GeneratedCodeAssert.DeclarationComment(source));
        Assert.Contains("public const int InputSize = 784;", source, StringComparison.Ordinal);
        Assert.Contains("public const string Architecture = \"1×28×28-32-10 tanh/identity, softmax cross-entropy\";", source, StringComparison.Ordinal);
        Assert.Contains("// Input: a 1×28×28 image per example, 784 values in (c, h, w) order", source, StringComparison.Ordinal);
        Assert.Contains("dense0.weight  [32×784]", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Layers_FollowSourceOrder_AcrossAttributeLists_AndInputPosition()
    {
        // [Input] may appear anywhere; [Dense] order is source order, also inside one attribute list.
        GeneratorOutput output = GeneratorHarness.Run("""
            using Landscape;

            [Dense(7, Activation.Relu), Dense(5, Activation.Sigmoid)]
            [Network(LossFunction.MeanSquaredError)]
            [Dense(3)]
            [Input(2)]
            public partial class Net;
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Equal(
            [
                "dense0.weight  [7×2] at 0",
                "dense0.bias    [7×1] at 14",
                "dense1.weight  [5×7] at 21",
                "dense1.bias    [5×1] at 56",
                "dense2.weight  [3×5] at 61",
                "dense2.bias    [3×1] at 76",
            ],
            GeneratedCodeAssert.ParameterComment(output.SingleSource));
        Assert.Contains("// Parameters (79),", output.SingleSource, StringComparison.Ordinal);
        Assert.Contains("public const int InputSize = 2;", output.SingleSource, StringComparison.Ordinal);
        Assert.Contains("public const int OutputSize = 3;", output.SingleSource, StringComparison.Ordinal);
        Assert.Contains("private const int TotalParameters = 79;", output.SingleSource, StringComparison.Ordinal);

        NetworkSpec spec = Assert.Single(PipelineSteps.Specs(output.InputCompilation));
        Assert.Equal(
            [(LayerKind.Dense, 7, ActivationKind.Relu), (LayerKind.Dense, 5, ActivationKind.Sigmoid), (LayerKind.Dense, 3, ActivationKind.Identity)],
            spec.Layers.Select(l => (l.Kind, l.Units, l.Activation)).ToArray());
    }

    [Fact]
    public void Layers_OfPartialDeclarationsInSeveralFiles_AreOrderedByFilePathThenPosition()
    {
        // Input0.cs sorts before Input1.cs, so its [Dense] comes first even though [Network] is in Input1.cs.
        GeneratorOutput output = GeneratorHarness.Run(
            """
            using Landscape;

            [Dense(6, Activation.Tanh)]
            [Dense(4, Activation.Tanh)]
            public partial class Net;
            """,
            """
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(3)]
            [Dense(2)]
            public partial class Net;
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        NetworkSpec spec = Assert.Single(PipelineSteps.Specs(output.InputCompilation));
        Assert.Equal([6, 4, 2], spec.Layers.Select(l => l.Units).ToArray());
        GeneratedCodeAssert.Compiles(output);
    }

    [Fact]
    public void BiasFalse_RemovesTheBiasBlock()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(3)]
            [Dense(4, Activation.Tanh, Bias = false)]
            [Dense(2)]
            public partial class Net;
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        string source = output.SingleSource;
        Assert.Equal(
            [
                "dense0.weight  [4×3] at 0",
                "dense1.weight  [2×4] at 12",
                "dense1.bias    [2×1] at 20",
            ],
            GeneratedCodeAssert.ParameterComment(source));
        Assert.DoesNotContain("Dense0Bias", source, StringComparison.Ordinal);
        Assert.DoesNotContain("\"dense0.bias\"", source, StringComparison.Ordinal);
        Assert.Contains("private const int Dense1Bias = 20;", source, StringComparison.Ordinal);
        Assert.Contains("private const int TotalParameters = 22;", source, StringComparison.Ordinal);
        Assert.False(Assert.Single(PipelineSteps.Specs(output.InputCompilation)).Layers[0].Bias);
        GeneratedCodeAssert.Compiles(output);
    }

    [Fact]
    public void NestedNetwork_ReopensEveryContainingType()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            using Landscape;

            namespace Samples.Deep;

            public static partial class Outer
            {
                internal partial struct Middle
                {
                    private partial record Inner
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
        (string hintName, string source) = Assert.Single(output.Sources);
        Assert.Equal("Samples.Deep.Outer.Middle.Inner.Net.g.cs", hintName);
        string[] lines = source.Split('\n');
        int outer = Array.IndexOf(lines, "partial class Outer");
        Assert.True(outer > 0, "No 'partial class Outer' line.");
        Assert.Equal(
            ["partial class Outer", "{", "    partial struct Middle", "    {", "        partial record Inner", "        {"],
            lines.Skip(outer).Take(6));
        Assert.Contains(lines, l => l.StartsWith("            partial class Net : global::Landscape.IModel", StringComparison.Ordinal));
        Assert.Contains("namespace Samples.Deep;", source, StringComparison.Ordinal);
        // The wrappers are closed again at the end of the file, outermost last.
        Assert.Equal(["        }", "    }", "}", ""], lines.Skip(lines.Length - 4));
        GeneratedCodeAssert.Compiles(output);
    }

    [Fact]
    public void NetworkInTheGlobalNamespace_HasNoNamespaceLine()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(3)]
            [Dense(2)]
            internal partial class GlobalNet;
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        (string hintName, string source) = Assert.Single(output.Sources);
        Assert.Equal("GlobalNet.g.cs", hintName);
        Assert.DoesNotContain("namespace", source.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));
        Assert.Contains("\npartial class GlobalNet : global::Landscape.IModel, global::Landscape.Models.IFixedPointModel\n", source, StringComparison.Ordinal);
        Assert.Null(Assert.Single(PipelineSteps.Specs(output.InputCompilation)).Namespace);
        GeneratedCodeAssert.Compiles(output);
    }

    [Fact]
    public void HintNames_AreFullyQualified_AndUniquePerNetwork()
    {
        GeneratorOutput output = GeneratorHarness.Run(
            """
            using Landscape;

            namespace A
            {
                [Network(LossFunction.MeanSquaredError)] [Input(3)] [Dense(2)]
                public partial class Net;
            }

            namespace B.C
            {
                [Network(LossFunction.MeanSquaredError)] [Input(3)] [Dense(2)]
                public partial class Net;

                public partial class Holder
                {
                    [Network(LossFunction.MeanSquaredError)] [Input(3)] [Dense(2)]
                    public partial class Net;
                }
            }
            """,
            """
            using Landscape;

            [Network(LossFunction.MeanSquaredError)] [Input(3)] [Dense(2)]
            public partial class Net;
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Equal(["A.Net.g.cs", "B.C.Holder.Net.g.cs", "B.C.Net.g.cs", "Net.g.cs"], output.Sources.Select(s => s.HintName));
        GeneratedCodeAssert.Compiles(output);
    }

    [Fact]
    public void KeywordIdentifiers_AreEscapedInCode_AndDroppedFromHintNames()
    {
        // Verbatim identifiers: '@' is not allowed in a hint name (AddSource throws, CS8785), and the declarations need it.
        GeneratorOutput output = GeneratorHarness.Run("""
            using Landscape;

            namespace @namespace.@int;

            public partial class @struct
            {
                [Network(LossFunction.MeanSquaredError)]
                [Input(3)]
                [Dense(2)]
                public partial class @class;
            }
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        (string hintName, string source) = Assert.Single(output.Sources);
        Assert.Equal("namespace.int.struct.class.g.cs", hintName);
        Assert.Contains("partial class @struct\n", source, StringComparison.Ordinal);
        Assert.Contains("partial class @class : global::Landscape.IModel", source, StringComparison.Ordinal);
        GeneratedCodeAssert.Compiles(output);
    }

    [Fact]
    public void ContextualKeywordsAndUnicodeNames_AreKeptAsWritten()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            using Landscape;

            namespace Tests.Données;

            [Network(LossFunction.MeanSquaredError)]
            [Input(3)]
            [Dense(2)]
            public partial class async;

            [Network(LossFunction.MeanSquaredError)]
            [Input(3)]
            [Dense(2)]
            public partial class Réseau;
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Equal(["Tests.Données.Réseau.g.cs", "Tests.Données.async.g.cs"], output.Sources.Select(s => s.HintName));
        GeneratedCodeAssert.Compiles(output);
    }

    [Fact]
    public void Spec_HoldsExactlyTheDeclaredValues()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            using Landscape;

            namespace Samples;

            public partial class Outer
            {
                [Network(LossFunction.SoftmaxCrossEntropy)]
                [Input(5)]
                [Dense(4, Activation.Softplus, Init = Init.Normal, InitScale = 0.25)]
                [Dense(3, Activation.Sin, Bias = false, Init = Init.Zeros)]
                internal partial class Net;
            }
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        NetworkSpec spec = Assert.Single(PipelineSteps.Specs(output.InputCompilation));
        Assert.Equal("Samples", spec.Namespace);
        Assert.Equal(["partial class Outer"], spec.ContainingTypes);
        Assert.Equal("Net", spec.TypeName);
        Assert.Equal("Samples.Outer.Net.g.cs", spec.HintName);
        Assert.Equal(LossKind.SoftmaxCrossEntropy, spec.Loss);
        Assert.Equal(5, spec.InputSize);
        Assert.Equal(
            new LayerSpec[]
            {
                LayerSpec.Dense(4, ActivationKind.Softplus, true, InitKind.Normal, 0.25),
                LayerSpec.Dense(3, ActivationKind.Sin, false, InitKind.Zeros, 1.0),
            },
            spec.Layers);
    }

    [Fact]
    public void EveryActivationAndInit_IsAcceptedAndRestated()
    {
        // One layer per Activation member and per Init member: the generator knows them all (no LSG0105), and the
        // restated declaration names each one (defaults omitted).
        var layers = new List<string>();
        var expected = new List<string>();
        foreach (Activation activation in Enum.GetValues<Activation>())
        {
            layers.Add($"[Dense(3, Activation.{activation})]");
            expected.Add(activation == Activation.Identity ? "[Dense(3)]" : $"[Dense(3, Activation.{activation})]");
        }
        foreach (Init init in Enum.GetValues<Init>())
        {
            layers.Add($"[Dense(3, Init = Init.{init})]");
            expected.Add(init == Init.Default ? "[Dense(3)]" : $"[Dense(3, Init = Init.{init})]");
        }
        GeneratorOutput output = GeneratorHarness.Run($$"""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(3)]
            {{string.Join("\n", layers)}}
            public partial class Net;
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Equal(["[Network(LossFunction.MeanSquaredError)]", "[Input(3)]", .. expected, "partial class Net"],
            GeneratedCodeAssert.DeclarationComment(output.SingleSource));
        GeneratedCodeAssert.Compiles(output);
    }

    [Fact]
    public void RecordClassNetwork_IsGenerated_AsAPartialRecord()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            using Landscape;

            namespace Samples;

            [Network(LossFunction.MeanSquaredError)]
            [Input(3)]
            [Dense(2)]
            public sealed partial record RecordNet;
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Contains("partial record RecordNet : global::Landscape.IModel", output.SingleSource);
        Assert.Equal("partial record RecordNet", GeneratedCodeAssert.DeclarationComment(output.SingleSource)[^1]);
        GeneratedCodeAssert.Compiles(output);
    }

}
