using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Landscape.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Landscape.Generators.Tests;

/// <summary>
/// One test (at least) per diagnostic ID (STYLE H5). The expected span is marked in the source as <c>{|LSG0104:...|}</c>;
/// every test also checks severity, the message (it names the element and the fix), that the invalid type gets no
/// generated source, and (through the harness) that the generator neither throws (CS8785) nor breaks caching.
/// </summary>
public sealed class NetworkDiagnosticTests
{
    private static readonly string s_activationNames = string.Join(", ", Enum.GetNames<Activation>());
    private static readonly string s_lossNames = string.Join(", ", Enum.GetNames<LossFunction>());
    private static readonly string s_initNames = string.Join(", ", Enum.GetNames<Init>());

    // ---------------------------------------------------------------- LSG0001–0004: declaration usage

    [Fact]
    public void LSG0001_NonPartialClass()
    {
        Verify("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(4)]
            [Dense(2)]
            public class {|LSG0001:Net|}
            {
            }
            """, "'Net'", "add the 'partial' modifier");
    }

    [Fact]
    public void LSG0002_GenericClass()
    {
        Verify("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(4)]
            [Dense(2)]
            public partial class {|LSG0002:Net|}<T>;
            """, "'Net'", "generic", "non-generic scope");
    }

    [Fact]
    public void LSG0002_NestedInGenericType()
    {
        Verify("""
            using Landscape;

            namespace Samples;

            public partial class Outer<T>
            {
                [Network(LossFunction.MeanSquaredError)]
                [Input(4)]
                [Dense(2)]
                public partial class {|LSG0002:Net|};
            }
            """, "'Net'", "nested in a generic type", "non-generic scope");
    }

    [Fact]
    public void LSG0003_NestedInNonPartialType()
    {
        Verify("""
            using Landscape;

            namespace Samples;

            public class Outer
            {
                [Network(LossFunction.MeanSquaredError)]
                [Input(4)]
                [Dense(2)]
                public partial class {|LSG0003:Net|};
            }
            """, "'Outer'", "'Net'", "add the 'partial' modifier");
    }

    [Fact]
    public void LSG0003_ReportsOnlyTheNonPartialLevelOfSeveral()
    {
        Verify("""
            using Landscape;

            public partial class A
            {
                public class B
                {
                    public partial struct C
                    {
                        [Network(LossFunction.MeanSquaredError)]
                        [Input(4)]
                        [Dense(2)]
                        public partial class {|LSG0003:Net|};
                    }
                }
            }
            """, "'B'", "'Net'");
    }

    [Fact]
    public void LSG0004_StaticPartialClass()
    {
        Verify("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(4)]
            [Dense(2)]
            public static partial class {|LSG0004:Net|}
            {
            }
            """, "'Net'", "cannot be static", "remove the 'static' modifier");
    }

    // ---------------------------------------------------------------- LSG0101–0108: network shape and arguments

    [Fact]
    public void LSG0101_MissingInput()
    {
        Verify("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Dense(2)]
            public partial class {|LSG0101:Net|};
            """, "'Net'", "no [Input]", "add [Input(features)]");
    }

    [Fact]
    public void LSG0102_DuplicateInput_IsReportedOnTheSecondInput()
    {
        Verify("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(4)]
            [{|LSG0102:Input(5)|}]
            [Dense(2)]
            public partial class Net;
            """, "'Net'", "more than one [Input]", "keep exactly one");
    }

    [Fact]
    public void LSG0102_EveryExtraInputIsReported()
    {
        VerifyAll("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(4)]
            [Dense(2)]
            [{|LSG0102:Input(5)|}]
            [{|LSG0102:Input(6)|}]
            public partial class Net;
            """);
    }

    [Fact]
    public void LSG0103_NoLayer()
    {
        Verify("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(4)]
            public partial class {|LSG0103:Net|};
            """, "'Net'", "has no layer", "add at least one");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("int.MinValue")]
    public void LSG0104_NonPositiveInputSize_IsReportedAtTheArgument(string size)
    {
        string expected = size == "int.MinValue" ? int.MinValue.ToString(CultureInfo.InvariantCulture) : size;
        Verify($$"""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input({|LSG0104:{{size}}|})]
            [Dense(2)]
            public partial class Net;
            """, "[Input] size", "must be positive", "but is " + expected);
    }

    [Theory]
    [InlineData("{|LSG0104:0|}, 28, 28", "[Input] channels", "0")]
    [InlineData("1, {|LSG0104:-2|}, 28", "[Input] height", "-2")]
    [InlineData("3, 5, {|LSG0104:0|}", "[Input] width", "0")]
    public void LSG0104_NonPositiveImageExtent_IsReportedAtThatArgument(string arguments, string what, string value)
    {
        Verify($$"""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input({{arguments}})]
            [Dense(2)]
            public partial class Net;
            """, what, "must be positive", "but is " + value);
    }

    [Fact]
    public void LSG0107_ImageInputTooLarge_IsReportedAtTheInput()
    {
        Verify("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [{|LSG0107:Input(2000, 2000, 1000)|}]
            [Dense(2)]
            public partial class Net;
            """, "'Net'", "too large", "2000×2000×1000", "4,000,000,000 values per example");
    }

    /// <summary>
    /// Sizes are exact however large: C·H·W of three ints, a convolution's output with a padding near int.MaxValue, its
    /// patch matrix and weights, and the parameter total can all exceed a long. A wrapped product once let
    /// [Input(2097152, 2097152, 2097152)] (2⁶³ values, wrapped to a negative count) generate a network with InputSize 0,
    /// and a padding of int.MaxValue a 1×-1×-1 convolution.
    /// </summary>
    [Theory]
    [InlineData("[{|LSG0107:Input(2097152, 2097152, 2097152)|}] [GlobalAvgPool2d] [Dense(2)]",
        "its input of 2097152×2097152×2097152 has 9,223,372,036,854,775,808 values per example")]
    [InlineData("[{|LSG0107:Input(2147483647, 2147483647, 2147483647)|}] [GlobalAvgPool2d] [Dense(2)]",
        "has 9,903,520,300,447,984,150,353,281,023 values per example")]
    [InlineData("[Input(1, 1, 1)] [{|LSG0107:Conv2d(1, 1, Padding = 2147483647)|}] [GlobalAvgPool2d] [Dense(2)]",
        "[Conv2d] conv0: its output 1×4294967295×4294967295 has 18,446,744,065,119,617,025 values per example")]
    [InlineData("[Input(1, 1, 1)] [{|LSG0107:Conv2d(1, 2147483647, Padding = 1073741824)|}] [GlobalAvgPool2d] [Dense(2)]",
        "[Conv2d] conv0: its patch matrix has 41,505,174,127,191,785,481 values per example")]
    public void LSG0107_SizesBeyondALong_AreExact(string layers, string message)
    {
        Verify($$"""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            {{layers}}
            public partial class Net;
            """, "'Net'", "too large", message, "more than fit in one array");
    }

    [Fact]
    public void LSG0107_ParameterCountBeyondALong_IsExact()
    {
        // Each layer fits (2,147,483,591 values), but three weights of 2,147,483,591² each add up past long.MaxValue.
        Verify("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(1, 1, 1)]
            [Conv2d(2147483591, 1)]
            [Conv2d(2147483591, 1)]
            [Conv2d(2147483591, 1)]
            [Conv2d(2147483591, 1)]
            [GlobalAvgPool2d]
            [Dense(1)]
            public partial class {|LSG0107:Net|};
            """, "'Net'", "too large", "it has 13,835,057,333,727,667,390 parameters");
    }

    [Fact]
    public void LSG0104_ZeroUnits_IsReportedAtTheArgument()
    {
        Verify("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(4)]
            [Dense({|LSG0104:0|}, Activation.Tanh)]
            public partial class Net;
            """, "[Dense] layer 0", "must be positive", "but is 0");
    }

    [Fact]
    public void LSG0104_NamesTheLayerByIndex()
    {
        Verify("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(4)]
            [Dense(8, Activation.Tanh)]
            [Dense({|LSG0104:units: -5|})]
            public partial class Net;
            """, "[Dense] layer 1", "must be positive", "but is -5");
    }

    [Fact]
    public void LSG0104_NamedArgumentsInAnyOrder_AreLocatedByName()
    {
        Verify("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(4)]
            [Dense(activation: Activation.Tanh, {|LSG0104:units: -5|})]
            public partial class Net;
            """, "[Dense] layer 0", "but is -5");
    }

    [Fact]
    public void LSG0104_LayerIndexCountsLayersWithOtherErrors()
    {
        // The first layer is invalid for another reason (LSG0105); the second is still "layer 1" in the message.
        VerifyAll("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(4)]
            [Dense(8, {|LSG0105:(Activation)42|})]
            [Dense({|LSG0104:0|})]
            public partial class Net;
            """, ("LSG0104", "[Dense] layer 1"));
    }

    [Fact]
    public void LSG0105_UnknownActivation()
    {
        Verify("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(4)]
            [Dense(2, {|LSG0105:(Activation)42|})]
            public partial class Net;
            """, "(Activation)42", "not a defined Activation value", "use one of: " + s_activationNames);
    }

    [Fact]
    public void LSG0105_UnknownActivation_NamedAndReordered()
    {
        Verify("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(4)]
            [Dense({|LSG0105:activation: (Activation)(-1)|}, units: 2)]
            public partial class Net;
            """, "(Activation)-1", "use one of: " + s_activationNames);
    }

    [Fact]
    public void LSG0105_UnknownLossFunction()
    {
        Verify("""
            using Landscape;

            [Network({|LSG0105:(LossFunction)7|})]
            [Input(4)]
            [Dense(2)]
            public partial class Net;
            """, "(LossFunction)7", "not a defined LossFunction value", "use one of: " + s_lossNames);
    }

    [Fact]
    public void LSG0105_UnknownInit_IsReportedAtTheNamedArgument()
    {
        Verify("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(4)]
            [Dense(2, Activation.Tanh, {|LSG0105:Init = (Init)99|})]
            public partial class Net;
            """, "(Init)99", "not a defined Init value", "use one of: " + s_initNames);
    }

    /// <summary>
    /// A layer with an undefined enum value keeps its place: inference stops at it, and the residual markers still pair.
    /// It was once left out, which reported an empty block (LSG0116), an unclosed one (LSG0114) or shapes the layer would
    /// have changed (LSG0117) on top of the one real error.
    /// </summary>
    [Theory]
    [InlineData("[Input(1, 4, 4)] [ResidualBegin] [Conv2d(1, 3, {|LSG0105:(Activation)42|}, Padding = 1)] [ResidualEnd] [GlobalAvgPool2d] [Dense(2)]", "(Activation)42")]
    [InlineData("[Input(1, 4, 4)] [ResidualBegin] [Conv2d(1, 3, Padding = 1, {|LSG0105:Init = (Init)9|})] [ResidualEnd] [GlobalAvgPool2d] [Dense(2)]", "(Init)9")]
    [InlineData("[Input(1, 4, 4)] [ResidualBegin] [Conv2d(1, 1)] [ResidualEnd({|LSG0105:(Activation)42|})] [GlobalAvgPool2d] [Dense(2)]", "(Activation)42")]
    [InlineData("[Input(4)] [Dense(8, {|LSG0105:(Activation)(-1)|})] [ResidualBegin] [Dense(8)] [ResidualEnd] [Dense(2)]", "(Activation)-1")]
    public void LSG0105_UndefinedValue_KeepsTheLayersPlace(string layers, string value)
    {
        Verify($$"""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            {{layers}}
            public partial class Net;
            """, value, "not a defined");
    }

    [Fact]
    public void LSG0106_CrossEntropyWithOneOutput_IsReportedOnTheOutputLayer()
    {
        Verify("""
            using Landscape;

            [Network(LossFunction.SoftmaxCrossEntropy)]
            [Input(4)]
            [Dense(8, Activation.Tanh)]
            [{|LSG0106:Dense(1)|}]
            public partial class Net;
            """, "'Net'", "1 output unit", "use at least 2 output units or LossFunction.MeanSquaredError");
    }

    [Fact]
    public void LSG0106_DoesNotApplyToAOneUnitHiddenLayerOrToMeanSquaredError()
    {
        GeneratorOutput hidden = GeneratorHarness.Run("""
            using Landscape;

            [Network(LossFunction.SoftmaxCrossEntropy)]
            [Input(4)]
            [Dense(1, Activation.Tanh)]
            [Dense(2)]
            public partial class Net;
            """);
        Assert.Empty(hidden.GeneratorDiagnostics);
        Assert.Single(hidden.Sources);

        GeneratorOutput mse = GeneratorHarness.Run("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(4)]
            [Dense(1)]
            public partial class Net;
            """);
        Assert.Empty(mse.GeneratorDiagnostics);
        Assert.Single(mse.Sources);
    }

    [Fact]
    public void LSG0107_ParameterCountOverflow()
    {
        Verify("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(100000)]
            [Dense(100000)]
            public partial class {|LSG0107:Net|};
            """, "'Net'", "too large", "10,000,100,000 parameters", "2,147,483,591");
    }

    [Fact]
    public void LSG0107_TooWideLayer()
    {
        Verify("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(2)]
            [Dense(9000000, Bias = false)]
            [Dense(1)]
            public partial class {|LSG0107:Net|};
            """, "'Net'", "too large", "one example needs 288,000,040 bytes of workspace buffers", "chunk budget of 268,435,456 bytes");
    }

    /// <summary>
    /// The limits are exact: an identity layer of width w followed by one output needs 8 · (4w + 4 + 1) bytes of buffers per
    /// example (values and deltas, each stacked with its R-image, and the loss), within the 268,435,456-byte chunk budget for
    /// w = 8,388,606 but not 8,388,607; the input is not copied into the workspace, so a wide input alone is fine; and the
    /// network 2,096,184 → 1,024 (no bias) → 967 has 2,096,184·1,024 + 1,024·967 + 967 = 2,147,483,591 parameters, exactly
    /// the maximum.
    /// </summary>
    [Theory]
    [InlineData("[Input(1)] [Dense(8388606, Bias = false)] [Dense(1)]", true)]
    [InlineData("[Input(1)] [Dense(8388607, Bias = false)] [Dense(1)]", false)]
    [InlineData("[Input(2097152)] [Dense(1)]", true)]
    [InlineData("[Input(2096184)] [Dense(1024, Bias = false)] [Dense(967)]", true)]
    [InlineData("[Input(2096185)] [Dense(1024, Bias = false)] [Dense(967)]", false)]
    public void LSG0107_LimitsAreExact(string layers, bool accepted)
    {
        GeneratorOutput output = GeneratorHarness.Run($$"""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            {{layers}}
            public partial class Net;
            """);
        if (accepted)
        {
            Assert.Empty(output.GeneratorDiagnostics);
            Assert.Single(output.Sources);
        }
        else
        {
            Assert.Equal("LSG0107", Assert.Single(output.GeneratorDiagnostics).Id);
            Assert.Empty(output.Sources);
        }
    }

    [Theory]
    [InlineData("double.NaN", "double.NaN")]
    [InlineData("-1", "-1")]
    [InlineData("-1e-300", "-1E-300")]
    [InlineData("double.PositiveInfinity", "double.PositiveInfinity")]
    [InlineData("double.NegativeInfinity", "double.NegativeInfinity")]
    public void LSG0108_InvalidInitScale_IsReportedAtTheNamedArgument(string value, string shown)
    {
        Verify($$"""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(4)]
            [Dense(2, {|LSG0108:InitScale = {{value}}|})]
            public partial class Net;
            """, "InitScale", "must be finite and non-negative", "but is " + shown);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.0")]
    [InlineData("double.Epsilon")]
    [InlineData("double.MaxValue")]
    public void LSG0108_BoundaryInitScales_AreAccepted(string value)
    {
        GeneratorOutput output = GeneratorHarness.Run($$"""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(4)]
            [Dense(2, InitScale = {{value}})]
            public partial class Net;
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Single(output.Sources);
    }

    // ---------------------------------------------------------------- LSG0104 and LSG0110–0120: convolution, pooling, residual blocks

    [Theory]
    [InlineData("[Conv2d({|LSG0104:0|}, 3)]", "The channels of [Conv2d] conv0", "0")]
    [InlineData("[Conv2d(4, {|LSG0104:-1|})]", "The kernel of [Conv2d] conv0", "-1")]
    [InlineData("[Conv2d(4, 3, {|LSG0104:Stride = 0|})]", "The Stride of [Conv2d] conv0", "0")]
    [InlineData("[Conv2d(2, 1)] [Conv2d({|LSG0104:kernel: 0|}, channels: 4)]", "The kernel of [Conv2d] conv1", "0")]
    [InlineData("[MaxPool2d({|LSG0104:0|})]", "The size of [MaxPool2d] maxpool0", "0")]
    [InlineData("[MaxPool2d(2, {|LSG0104:Stride = -1|})]", "The Stride of [MaxPool2d] maxpool0", "-1")]
    [InlineData("[AvgPool2d({|LSG0104:-2|})]", "The size of [AvgPool2d] avgpool0", "-2")]
    [InlineData("[AvgPool2d(1)] [AvgPool2d(2, {|LSG0104:Stride = int.MinValue|})]", "The Stride of [AvgPool2d] avgpool1", "-2147483648")]
    public void LSG0104_NonPositiveConvolutionOrPoolingSize_IsReportedAtTheArgument(string layer, string what, string value)
    {
        Verify($$"""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(1, 8, 8)]
            {{layer}}
            [GlobalAvgPool2d]
            [Dense(2)]
            public partial class Net;
            """, what, "must be positive", "but is " + value);
    }

    [Theory]
    [InlineData("[Input(16)]", "{|LSG0110:Conv2d(4, 3)|}", "[Conv2d] conv0", "16 flat values")]
    [InlineData("[Input(1, 8, 8)] [Dense(12)]", "{|LSG0110:MaxPool2d(2)|}", "[MaxPool2d] maxpool0", "12 flat values")]
    [InlineData("[Input(2, 4, 4)] [GlobalAvgPool2d]", "{|LSG0110:AvgPool2d(2)|}", "[AvgPool2d] avgpool0", "2 flat values")]
    [InlineData("[Input(3)]", "{|LSG0110:GlobalAvgPool2d|}", "[GlobalAvgPool2d] globalavgpool0", "3 flat values")]
    public void LSG0110_SpatialLayerOnAFlatValue_IsReportedAtTheLayer(string before, string layer, string title, string values)
    {
        Verify($$"""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            {{before}}
            [{{layer}}]
            [Dense(2)]
            public partial class Net;
            """, title, "needs an image value", "reads " + values, "declare [Input(channels, height, width)]");
    }

    [Theory]
    [InlineData("{|LSG0111:Conv2d(2, 5)|}", "[Conv2d] conv0 reads 1×4×4", "its 5×5 window", "(4×4 after padding 0)")]
    [InlineData("{|LSG0111:Conv2d(2, 7, Padding = 1)|}", "[Conv2d] conv0 reads 1×4×4", "its 7×7 window", "(6×6 after padding 1)")]
    [InlineData("Conv2d(3, 3, Padding = 1)] [{|LSG0111:MaxPool2d(5)|}", "[MaxPool2d] maxpool0 reads 3×4×4", "its 5×5 window", "(4×4 after padding 0)")]
    [InlineData("AvgPool2d(2)] [{|LSG0111:MaxPool2d(5, Padding = 1)|}", "[MaxPool2d] maxpool0 reads 1×2×2", "its 5×5 window", "(4×4 after padding 1)")]
    public void LSG0111_WindowLargerThanThePaddedInput_IsReportedAtTheLayer(string layers, string reads, string window, string padded)
    {
        Verify($$"""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(1, 4, 4)]
            [{{layers}}]
            [GlobalAvgPool2d]
            [Dense(2)]
            public partial class Net;
            """, reads, window, padded, "use a smaller kernel or window, or more padding");
    }

    [Fact]
    public void LSG0111_ANonSquareInput_IsCheckedOnBothSides()
    {
        Verify("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(2, 9, 3)]
            [{|LSG0111:Conv2d(4, 4, Padding = 0)|}]
            [GlobalAvgPool2d]
            [Dense(2)]
            public partial class Net;
            """, "[Conv2d] conv0 reads 2×9×3", "its 4×4 window", "(9×3 after padding 0)");
    }

    [Theory]
    [InlineData("Conv2d(2, 3, {|LSG0112:Padding = -1|})", "[Conv2d] conv0 has Padding = -1")]
    [InlineData("MaxPool2d(2, {|LSG0112:Padding = -3|})", "[MaxPool2d] maxpool0 has Padding = -3")]
    [InlineData("AvgPool2d(2, Stride = 1, {|LSG0112:Padding = int.MinValue|})", "[AvgPool2d] avgpool0 has Padding = -2147483648")]
    public void LSG0112_NegativePadding_IsReportedAtTheArgument(string layer, string message)
    {
        Verify($$"""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(1, 8, 8)]
            [{{layer}}]
            [GlobalAvgPool2d]
            [Dense(2)]
            public partial class Net;
            """, message, "padding must be zero or positive");
    }

    [Theory]
    [InlineData("[Input(1, 4, 4)] [Conv2d(1, 3, Padding = 1)]", "[{|LSG0113:ResidualEnd|}] [GlobalAvgPool2d] [Dense(2)]")]
    [InlineData("[Input(4)] [Dense(4)]", "[{|LSG0113:ResidualEnd(Activation.Relu, Projection = true)|}] [Dense(2)]")]
    [InlineData("[Input(4)] [ResidualBegin] [Dense(4)] [ResidualEnd]", "[Dense(4)] [{|LSG0113:ResidualEnd|}] [Dense(2)]")]
    public void LSG0113_ResidualEndWithoutBegin_IsReportedAtTheEnd(string before, string after)
    {
        Verify($$"""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            {{before}}
            {{after}}
            public partial class Net;
            """, "[ResidualEnd] in network 'Net' closes no block", "add [ResidualBegin]");
    }

    [Fact]
    public void LSG0114_UnclosedBlock_IsReportedAtItsBegin()
    {
        Verify("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(4)]
            [ResidualBegin]
            [Dense(4, Activation.Tanh)]
            [ResidualEnd]
            [{|LSG0114:ResidualBegin|}]
            [Dense(4, Activation.Tanh)]
            [Dense(2)]
            public partial class Net;
            """, "opens block residual1 of network 'Net', which is never closed", "add [ResidualEnd]");
    }

    [Fact]
    public void LSG0115_NestedBlock_IsReportedAtTheInnerBegin()
    {
        // Blocks written one inside the other: the inner [ResidualBegin] is the error and is ignored, so the first
        // [ResidualEnd] closes the outer block and the second one closes nothing (LSG0113, as the document says).
        VerifyAll("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(1, 4, 4)]
            [ResidualBegin]
            [Conv2d(1, 3, Padding = 1)]
            [{|LSG0115:ResidualBegin|}]
            [Conv2d(1, 3, Padding = 1)]
            [ResidualEnd]
            [{|LSG0113:ResidualEnd|}]
            [GlobalAvgPool2d]
            [Dense(2)]
            public partial class Net;
            """, ("LSG0115", "opens a block inside block residual0, which is still open"), ("LSG0115", "close residual0 with [ResidualEnd] before opening another"));
    }

    [Fact]
    public void LSG0115_ForgottenEnd_IsReportedOnce()
    {
        Verify("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(4)]
            [ResidualBegin]
            [Dense(4, Activation.Tanh)]
            [{|LSG0115:ResidualBegin|}]
            [Dense(4, Activation.Tanh)]
            [ResidualEnd]
            [Dense(2)]
            public partial class Net;
            """, "inside block residual0", "residual blocks do not nest");
    }

    [Theory]
    [InlineData("[Input(1, 4, 4)]", "[GlobalAvgPool2d] [Dense(2)]")]
    [InlineData("[Input(4)] [Dense(3)]", "[Dense(2)]")]
    public void LSG0116_EmptyBlock_IsReportedAtItsEnd(string before, string after)
    {
        Verify($$"""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            {{before}}
            [ResidualBegin]
            [{|LSG0116:ResidualEnd(Activation.Relu)|}]
            {{after}}
            public partial class Net;
            """, "Residual block residual0 has no layer between [ResidualBegin] and [ResidualEnd]", "remove both");
    }

    [Fact]
    public void LSG0117_StridedBlockWithoutProjection_NamesBothShapesAndTheFix()
    {
        // ResNet8's second block (DESIGN §2b) without Projection = true.
        Verify("""
            using Landscape;

            [Network(LossFunction.SoftmaxCrossEntropy)]
            [Input(1, 28, 28)]
            [Conv2d(16, 3, Activation.Relu, Padding = 1, Init = Init.He)]
            [ResidualBegin]
            [Conv2d(32, 3, Activation.Relu, Stride = 2, Padding = 1, Init = Init.He)]
            [Conv2d(32, 3, Padding = 1, Init = Init.He)]
            [{|LSG0117:ResidualEnd(Activation.Relu)|}]
            [GlobalAvgPool2d]
            [Dense(10)]
            public partial class Net;
            """, "Residual block residual0 maps its input 16×28×28 to 32×14×14", "Projection = true", "learned 1×1 convolution (stride 2) shortcut");
    }

    [Fact]
    public void LSG0117_DenseBlockWithoutProjection_NamesADenseShortcut()
    {
        Verify("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(4)]
            [Dense(4, Activation.Tanh)]
            [ResidualBegin]
            [Dense(4, Activation.Tanh)]
            [ResidualEnd]
            [ResidualBegin]
            [Dense(3, Activation.Tanh)]
            [{|LSG0117:ResidualEnd|}]
            [Dense(2)]
            public partial class Net;
            """, "Residual block residual1 maps its input 4 to 3", "Projection = true", "learned dense shortcut");
    }

    [Theory]
    [InlineData("[Input(1, 8, 8)] [ResidualBegin] [Conv2d(4, 3)]", "maps its input 1×8×8 to 4×6×6", "stride 1", "gives 4×8×8")]
    [InlineData("[Input(1, 7, 7)] [ResidualBegin] [MaxPool2d(2)] [Conv2d(2, 1)]", "maps its input 1×7×7 to 2×3×3", "stride 2", "gives 2×4×4")]
    [InlineData("[Input(3, 9, 9)] [ResidualBegin] [Conv2d(4, 3, Stride = 2, Padding = 1)] [AvgPool2d(2)]", "maps its input 3×9×9 to 4×2×2", "stride 4", "gives 4×3×3")]
    public void LSG0118_ProjectionCannotReproduceTheShape(string layers, string maps, string stride, string gives)
    {
        Verify($$"""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            {{layers}}
            [{|LSG0118:ResidualEnd(Projection = true)|}]
            [GlobalAvgPool2d]
            [Dense(2)]
            public partial class Net;
            """, "Residual block residual0 " + maps, "1×1 projection with " + stride, gives, "Padding = kernel/2");
    }

    [Theory]
    [InlineData("MaxPool2d(3, {|LSG0119:Padding = 2|})", "[MaxPool2d] maxpool0 has Padding = 2 with a 3×3 window", "at most 1")]
    [InlineData("AvgPool2d(2, {|LSG0119:Padding = 2|})", "[AvgPool2d] avgpool0 has Padding = 2 with a 2×2 window", "at most 1")]
    [InlineData("AvgPool2d(1, Stride = 2, {|LSG0119:Padding = 1|})", "[AvgPool2d] avgpool0 has Padding = 1 with a 1×1 window", "at most 0")]
    public void LSG0119_PoolingPaddingAboveHalfTheWindow_IsReportedAtThePadding(string layer, string message, string limit)
    {
        Verify($$"""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(1, 8, 8)]
            [{{layer}}]
            [GlobalAvgPool2d]
            [Dense(2)]
            public partial class Net;
            """, message, limit, "as PyTorch requires");
    }

    [Theory]
    [InlineData("[Conv2d(4, 3)] [{|LSG0120:MaxPool2d(2)|}]", "ends in [MaxPool2d] maxpool0, whose output 4×3×3 is an image")]
    [InlineData("[{|LSG0120:Conv2d(4, 3, Activation.Relu, Stride = 2)|}]", "ends in [Conv2d] conv0, whose output 4×3×3 is an image")]
    [InlineData("[Conv2d(2, 1)] [ResidualBegin] [Conv2d(2, 3, Padding = 1)] [ResidualEnd] [ResidualBegin] [Conv2d(2, 1)] [{|LSG0120:ResidualEnd(Activation.Relu)|}]",
        "ends in [ResidualEnd] residual1, whose output 2×8×8 is an image")]
    public void LSG0120_OutputNotFlat_IsReportedAtTheLastLayer(string layers, string message)
    {
        Verify($$"""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(1, 8, 8)]
            {{layers}}
            public partial class Net;
            """, message, "end with [Dense(outputs)] or [GlobalAvgPool2d]");
    }

    /// <summary>
    /// Without LSG0121 a network of pooling layers generated a file that does not compile (an empty parameter layout,
    /// "s_layout = new(" with no argument list); nothing depends on θ, so it has no gradient to generate.
    /// </summary>
    [Theory]
    [InlineData("[Input(1, 4, 4)] [GlobalAvgPool2d]")]
    [InlineData("[Input(3, 8, 8)] [MaxPool2d(2)] [AvgPool2d(3, Stride = 1, Padding = 1)] [GlobalAvgPool2d]")]
    [InlineData("[Input(2, 4, 4)] [ResidualBegin] [MaxPool2d(3, Stride = 1, Padding = 1)] [ResidualEnd(Activation.Relu)] [GlobalAvgPool2d]")]
    public void LSG0121_NetworkWithoutParameters_IsReportedAtItsName(string layers)
    {
        Verify($$"""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            {{layers}}
            public partial class {|LSG0121:Pooled|};
            """, "Network 'Pooled' has no parameters", "none of its layers has weights", "add a [Dense] or [Conv2d] layer");
    }

    [Theory]
    [InlineData("LossFunction.SoftmaxCrossEntropy", "[Input(1, 4, 4)] [{|LSG0106:GlobalAvgPool2d|}]")]
    [InlineData("LossFunction.MeanSquaredError", "[Input(1, 4, 4)] [{|LSG0120:MaxPool2d(2)|}]")]
    [InlineData("LossFunction.MeanSquaredError", "[Input(1, 4, 4)] [MaxPool2d({|LSG0104:0|})] [GlobalAvgPool2d]")]
    public void LSG0121_IsNotReportedNextToAnotherError(string loss, string layers)
    {
        VerifyAll($$"""
            using Landscape;

            [Network({{loss}})]
            {{layers}}
            public partial class Pooled;
            """);
    }

    [Fact]
    public void LSG0121_AProjectionAloneIsAParameter()
    {
        // The block's only weights are its 1×1 projection with stride 2 (residual0.weight [2×2], residual0.bias [2]).
        GeneratorOutput output = GeneratorHarness.Run("""
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(2, 4, 4)]
            [ResidualBegin]
            [MaxPool2d(2)]
            [ResidualEnd(Projection = true)]
            [GlobalAvgPool2d]
            public partial class Projected;
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Contains("private const int TotalParameters = 6;", output.SingleSource, StringComparison.Ordinal);
        GeneratedCodeAssert.Compiles(output);
    }

    // ---------------------------------------------------------------- DESIGN §2b: its two networks, and every verification case

    /// <summary>
    /// DESIGN §2b's LeNet5, as written there: no diagnostic, code that compiles, and the shapes its comments state
    /// (6×28×28, 6×14×14, 16×10×10, 16×5×5) with LeNet-5's 61,706 parameters (156 + 2,416 + 48,120 + 10,164 + 850).
    /// </summary>
    [Fact]
    public void DesignSection2b_LeNet5_GeneratesAndCompiles()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            using Landscape;

            [Network(LossFunction.SoftmaxCrossEntropy)]
            [Input(1, 28, 28)]                                   // channels, height, width
            [Conv2d(6, 5, Activation.Tanh, Padding = 2)]         // 6 filters of 5×5 → 6×28×28
            [AvgPool2d(2)]                                       // → 6×14×14
            [Conv2d(16, 5, Activation.Tanh)]                     // → 16×10×10
            [AvgPool2d(2)]                                       // → 16×5×5
            [Dense(120, Activation.Tanh)]                        // flattens (c, h, w) → 400 → 120
            [Dense(84, Activation.Tanh)]
            [Dense(10)]
            public partial class LeNet5;
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        string source = output.SingleSource;
        AssertLayerShapes(source, "6×28×28", "6×14×14", "16×10×10", "16×5×5", "120", "84", "10");
        Assert.Contains("private const int TotalParameters = 61706;", source, StringComparison.Ordinal);
        GeneratedCodeAssert.Compiles(output);
    }

    /// <summary>
    /// DESIGN §2b's ResNet8, as written there: no diagnostic, code that compiles, the shapes (16×28×28 through the first
    /// block, 32×14×14 after the strided one) and 19,562 parameters: convolutions 160 + 2,320 + 2,320 + 4,640 + 9,248,
    /// the second block's projection 16·32 + 32 = 544, the output layer 330.
    /// </summary>
    [Fact]
    public void DesignSection2b_ResNet8_GeneratesAndCompiles()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            using Landscape;

            [Network(LossFunction.SoftmaxCrossEntropy)]
            [Input(1, 28, 28)]
            [Conv2d(16, 3, Activation.Relu, Padding = 1, Init = Init.He)]
            [ResidualBegin]
            [Conv2d(16, 3, Activation.Relu, Padding = 1, Init = Init.He)]
            [Conv2d(16, 3, Padding = 1, Init = Init.He)]
            [ResidualEnd(Activation.Relu)]                       // relu(F(x) + x)
            [ResidualBegin]
            [Conv2d(32, 3, Activation.Relu, Stride = 2, Padding = 1, Init = Init.He)]
            [Conv2d(32, 3, Padding = 1, Init = Init.He)]
            [ResidualEnd(Activation.Relu, Projection = true)]    // relu(F(x) + P(x)), P a 1×1 convolution with stride 2
            [GlobalAvgPool2d]
            [Dense(10)]
            public partial class ResNet8;
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        string source = output.SingleSource;
        AssertLayerShapes(source, "16×28×28", "x = 16×28×28", "16×28×28", "16×28×28", "16×28×28", "x = 16×28×28", "32×14×14", "32×14×14", "32×14×14", "32", "10");
        Assert.Contains("private const int TotalParameters = 19562;", source, StringComparison.Ordinal);
        Assert.Contains("residual1.weight", source, StringComparison.Ordinal);
        Assert.DoesNotContain("residual0.weight", source, StringComparison.Ordinal);
        GeneratedCodeAssert.Compiles(output);
    }

    /// <summary>Asserts the shape comment at the end of each layer line of the generated header's declaration section.</summary>
    private static void AssertLayerShapes(string source, params string[] shapes)
    {
        string[] layers = GeneratedCodeAssert.DeclarationComment(source).Where(l => l.StartsWith('[') && !l.StartsWith("[Network", StringComparison.Ordinal) && !l.StartsWith("[Input", StringComparison.Ordinal)).ToArray();
        Assert.Equal(shapes, layers.Select(l => l.Substring(l.LastIndexOf("// ", StringComparison.Ordinal) + 3)));
    }

    /// <summary>
    /// The compile-time verification list of DESIGN §2b, case by case (the first column names it as the document does):
    /// each is an LSG error at the attribute (or, for whole-network limits, at the name) with the computed shapes.
    /// </summary>
    [Theory]
    [InlineData("spatial layer after Input(size)", "[Input(784)] [{|LSG0110:Conv2d(6, 5, Activation.Tanh, Padding = 2)|}] [Dense(10)]", "Net", "reads 784 flat values")]
    [InlineData("spatial layer after a Dense", "[Input(1, 28, 28)] [Dense(120)] [{|LSG0110:AvgPool2d(2)|}] [Dense(10)]", "Net", "reads 120 flat values")]
    [InlineData("kernel larger than the padded input", "[Input(1, 28, 28)] [Conv2d(6, 5)] [AvgPool2d(2)] [Conv2d(16, 5)] [AvgPool2d(2)] [{|LSG0111:Conv2d(120, 7)|}] [Dense(10)]", "Net", "reads 16×4×4: its 7×7 window")]
    [InlineData("window larger than the padded input", "[Input(1, 28, 28)] [Conv2d(6, 5, Stride = 4)] [{|LSG0111:MaxPool2d(8, Padding = 0)|}] [Dense(10)]", "Net", "reads 6×6×6: its 8×8 window")]
    [InlineData("non-positive size", "[Input(1, 28, 28)] [Conv2d({|LSG0104:0|}, 5)] [GlobalAvgPool2d] [Dense(10)]", "Net", "but is 0")]
    [InlineData("non-positive stride", "[Input(1, 28, 28)] [MaxPool2d(2, {|LSG0104:Stride = 0|})] [Dense(10)]", "Net", "The Stride of [MaxPool2d] maxpool0")]
    [InlineData("negative padding", "[Input(1, 28, 28)] [Conv2d(6, 5, {|LSG0112:Padding = -2|})] [Dense(10)]", "Net", "Padding = -2")]
    [InlineData("ResidualEnd without ResidualBegin", "[Input(1, 28, 28)] [Conv2d(4, 3, Padding = 1)] [{|LSG0113:ResidualEnd(Activation.Relu)|}] [GlobalAvgPool2d] [Dense(10)]", "Net", "closes no block")]
    [InlineData("unclosed block", "[Input(1, 28, 28)] [{|LSG0114:ResidualBegin|}] [Conv2d(1, 3, Padding = 1)] [GlobalAvgPool2d] [Dense(10)]", "Net", "never closed")]
    [InlineData("nested block", "[Input(1, 28, 28)] [ResidualBegin] [Conv2d(1, 3, Padding = 1)] [{|LSG0115:ResidualBegin|}] [Conv2d(1, 3, Padding = 1)] [ResidualEnd] [GlobalAvgPool2d] [Dense(10)]", "Net", "do not nest")]
    [InlineData("empty block", "[Input(1, 28, 28)] [ResidualBegin] [{|LSG0116:ResidualEnd|}] [GlobalAvgPool2d] [Dense(10)]", "Net", "no layer between")]
    [InlineData("shape mismatch without Projection", "[Input(1, 28, 28)] [ResidualBegin] [Conv2d(16, 3, Padding = 1)] [{|LSG0117:ResidualEnd|}] [GlobalAvgPool2d] [Dense(10)]", "Net", "maps its input 1×28×28 to 16×28×28")]
    [InlineData("projection stride cannot reproduce the shape", "[Input(1, 28, 28)] [ResidualBegin] [Conv2d(16, 3, Stride = 2)] [{|LSG0118:ResidualEnd(Projection = true)|}] [GlobalAvgPool2d] [Dense(10)]", "Net", "to 16×13×13, but its 1×1 projection with stride 2 (the product of the block's strides) gives 16×14×14")]
    [InlineData("pooling padding above size/2", "[Input(1, 28, 28)] [AvgPool2d(2, {|LSG0119:Padding = 2|})] [Dense(10)]", "Net", "at most 1")]
    [InlineData("output not flat", "[Input(1, 28, 28)] [Conv2d(6, 5)] [{|LSG0120:AvgPool2d(2)|}]", "Net", "whose output 6×12×12 is an image")]
    [InlineData("no layer", "[Input(1, 28, 28)]", "{|LSG0103:Net|}", "has no layer")]
    [InlineData("parameter count above the limit", "[Input(512, 8, 8)] [Conv2d(65536, 9, Padding = 4)] [GlobalAvgPool2d] [Dense(10)]", "{|LSG0107:Net|}", "it has 2,718,629,898 parameters")]
    [InlineData("per-chunk workspace above the limit", "[Input(1, 2048, 2048)] [Conv2d(16, 3, Padding = 1)] [GlobalAvgPool2d] [Dense(10)]", "{|LSG0107:Net|}", "bytes of workspace buffers, more than the chunk budget")]
    public void DesignSection2b_EveryVerificationCase_IsAnLsgError(string kind, string layers, string name, string messagePart)
    {
        Assert.NotEmpty(kind);
        Verify($$"""
            using Landscape;

            [Network(LossFunction.SoftmaxCrossEntropy)]
            {{layers}}
            public partial class {{name}};
            """, messagePart);
    }

    [Fact]
    public void IndependentErrors_AreAllReportedInOneRun()
    {
        VerifyAll("""
            using Landscape;

            public class Outer
            {
                [Network(LossFunction.MeanSquaredError)]
                [Input({|LSG0104:0|})]
                [Dense(2, {|LSG0108:InitScale = -2|})]
                [{|LSG0102:Input(3)|}]
                public static class {|LSG0001,LSG0003,LSG0004:Net|}
                {
                }
            }
            """);
    }

    [Fact]
    public void InvalidNetwork_DoesNotPreventAValidOne()
    {
        GeneratorOutput output = GeneratorHarness.Run(
            """
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(0)]
            [Dense(2)]
            public partial class Broken;
            """,
            """
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(3)]
            [Dense(2)]
            public partial class Fine;
            """);
        Assert.Equal("LSG0104", Assert.Single(output.GeneratorDiagnostics).Id);
        Assert.Equal("Fine.g.cs", Assert.Single(output.Sources).HintName);
    }

    // ---------------------------------------------------------------- LSG0999 and malformed input

    /// <summary>
    /// LSG0999 cannot be triggered from user code. Instead: half-typed or ill-typed declarations must give only the
    /// compiler's own errors: no LSG diagnostic, no generated source, no generator crash (CS8785, checked by the harness).
    /// </summary>
    [Theory]
    [InlineData("[Network(LossFunction.MeanSquaredError)] [Input(4)] [Dense( public partial class Net;")]
    [InlineData("[Network(LossFunction.MeanSquaredError)] [Input(4)] [Dense(\"x\")] public partial class Net;")]
    [InlineData("[Network()] [Input(4)] [Dense(2)] public partial class Net;")]
    [InlineData("[Network] [Input(4)] [Dense(2)] public partial class Net;")]
    [InlineData("[Network(LossFunction.MeanSquaredError)] [Input(4)] [Dense(10, Activation.)] public partial class Net;")]
    [InlineData("[Network(LossFunction.MeanSquaredError)] [Input(4)] [Dense(10, Activation.Swish)] public partial class Net;")]
    [InlineData("[Network(LossFunction.MeanSquaredError)] [Input(4)] [Dense(10, Init = )] public partial class Net;")]
    [InlineData("[Network(LossFunction.MeanSquaredError)] [Input(4)] [Dense(10, InitScale = \"big\")] public partial class Net;")]
    [InlineData("[Network(LossFunction.MeanSquaredError)] [Input(2.5)] [Dense(2)] public partial class Net;")]
    [InlineData("[Network(LossFunction.MeanSquaredError)] [Input(4, 5)] [Dense(2)] public partial class Net;")]
    [InlineData("[Network(LossFunction.MeanSquaredError)] [Input(4)] [Dense(2, Activation.Tanh, Activation.Relu)] public partial class Net;")]
    [InlineData("[Network(LossFunction.MeanSquaredError)] [Input(4)] [Dense(2)] public partial class")]
    [InlineData("[Network(LossFunction.MeanSquaredError)] [Input(4)] [Dense(2, Bias = null)] public partial class Net;")]
    [InlineData("[Network(LossFunction.MeanSquaredError)] [Input(4)] [Dense(2)] public partial struct Net;")]
    [InlineData("[Network(LossFunction.MeanSquaredError)] [Input(4)] [Dense(2)] public partial interface INet;")]
    [InlineData("[Network(LossFunction.MeanSquaredError), Network(LossFunction.SoftmaxCrossEntropy)] [Input(4)] [Dense(2)] public partial class Net;")]
    public void MalformedDeclaration_GivesOnlyCompilerErrors(string declaration)
    {
        AssertOnlyCompilerErrors("using Landscape;\n\n" + declaration);
    }

    [Fact]
    public void MissingUsing_GivesOnlyCompilerErrors()
    {
        AssertOnlyCompilerErrors("""
            [Network(LossFunction.MeanSquaredError)]
            [Input(4)]
            [Dense(2)]
            public partial class Net;
            """);
    }

    [Fact]
    public void NetworkAttributeOnTwoPartialDeclarations_GivesOnlyCompilerErrors()
    {
        // The compiler reports CS0579 (duplicate attribute); the generator must not add the same hint name twice (CS8785).
        AssertOnlyCompilerErrors(
            """
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            [Input(4)]
            [Dense(2)]
            public partial class Net;
            """,
            """
            using Landscape;

            [Network(LossFunction.MeanSquaredError)]
            public partial class Net;
            """);
    }

    [Fact]
    public void UnrelatedAttributeNamedNetwork_IsIgnored()
    {
        // Matching is by metadata name (Landscape.NetworkAttribute), not by the simple name.
        GeneratorOutput output = GeneratorHarness.Run("""
            namespace Other
            {
                [System.AttributeUsage(System.AttributeTargets.Class)]
                public sealed class NetworkAttribute : System.Attribute;

                [Network]
                public class Net;
            }
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.Sources);
        Assert.Empty(output.CompilationErrors);
    }

    // ---------------------------------------------------------------- the descriptor table

    [Fact]
    public void Descriptors_HaveUniqueIdsInRange_ErrorSeverity_AndHelpLinks()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (DiagnosticDescriptor descriptor in DiagnosticDescriptors.All)
        {
            Assert.True(ids.Add(descriptor.Id), "Duplicate ID " + descriptor.Id);
            Assert.Matches("^LSG0(0[0-9][0-9]|1[0-9][0-9]|2[0-9][0-9]|3[0-9][0-9]|9[0-9][0-9])$", descriptor.Id);
            // Every diagnostic is an error, except LSG0309 ([Setting] outside an [Experiment], which is only ignored).
            Assert.Equal(descriptor.Id == "LSG0309" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, descriptor.DefaultSeverity);
            Assert.True(descriptor.IsEnabledByDefault);
            Assert.Equal("docs/diagnostics.md#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri);
            Assert.Same(descriptor, DiagnosticDescriptors.ById(descriptor.Id));
        }
        Assert.Throws<ArgumentException>(() => DiagnosticDescriptors.ById("LSG9999"));
    }

    [Fact]
    public void Descriptors_AllListsEveryDescriptorProperty()
    {
        // DiagnosticInfo.ToDiagnostic finds its descriptor in All: one left out throws while reporting (CS8785), which
        // drops every network's generated source. LSG0110–0120 were once missing.
        string[] declared = typeof(DiagnosticDescriptors).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(DiagnosticDescriptor))
            .Select(p => ((DiagnosticDescriptor)p.GetValue(null)!).Id)
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(declared, DiagnosticDescriptors.All.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal));
    }

    [Fact]
    public void EveryDescriptor_IsCoveredByATestInThisClass()
    {
        // Adding a descriptor without a test named after its ID fails here (H5: one test per ID, at least). Objective
        // diagnostics (LSG02xx) are tested in Objectives/ObjectiveDiagnosticTests, so every test class is searched.
        var tested = typeof(NetworkDiagnosticTests).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            .Select(m => Regex.Match(m.Name, "^(LSG[0-9]{4})_").Groups[1].Value)
            .Where(id => id.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
        tested.Add(DiagnosticDescriptors.InternalError.Id); // untriggerable by design; see MalformedDeclaration_GivesOnlyCompilerErrors
        Assert.Equal(DiagnosticDescriptors.All.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal),
            tested.OrderBy(id => id, StringComparer.Ordinal));
    }

    [Fact]
    public void DiagnosticsDocument_ListsExactlyTheDescriptorIds()
    {
        string document = File.ReadAllText(RepositoryPaths.Combine("docs/diagnostics.md"));
        var headings = Regex.Matches(document, "^## (LSG[0-9]{4})\\s*$", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value)
            .ToList();
        Assert.Equal(DiagnosticDescriptors.All.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal),
            headings.OrderBy(id => id, StringComparer.Ordinal));
    }

    [Fact]
    public void SpanMarkup_StripsMarkersAndReportsSpans()
    {
        (string source, IReadOnlyList<MarkedSpan> spans) = SpanMarkup.Parse("a[|bc|]d{|LSG0001,LSG0002:ef|}g");
        Assert.Equal("abcdefg", source);
        Assert.Equal(
            [new MarkedSpan(null, new TextSpan(1, 2)), new MarkedSpan("LSG0001", new TextSpan(4, 2)), new MarkedSpan("LSG0002", new TextSpan(4, 2))],
            spans);
        Assert.Throws<FormatException>(() => SpanMarkup.Parse("[|a"));
        Assert.Throws<FormatException>(() => SpanMarkup.Parse("{|LSG0001 a|}"));
        Assert.Throws<FormatException>(() => SpanMarkup.Parse("{|LSG0001:[|a|]|}"));
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>
    /// Runs the generator on <paramref name="markup"/>, which marks exactly one expected diagnostic, and checks its ID,
    /// severity, span, and that its message contains each of <paramref name="messageParts"/>.
    /// </summary>
    private static void Verify(string markup, params string[] messageParts)
    {
        (string source, IReadOnlyList<MarkedSpan> spans) = SpanMarkup.Parse(markup);
        MarkedSpan expected = Assert.Single(spans);
        Assert.NotNull(expected.Id);
        GeneratorOutput output = RunInvalid(source);

        Diagnostic diagnostic = Assert.Single(output.GeneratorDiagnostics);
        AssertMatches(source, expected, diagnostic);
        string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        foreach (string part in messageParts) Assert.Contains(part, message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs the generator on <paramref name="markup"/> and checks that it reports exactly the marked diagnostics (ID and
    /// span, in any order), and that the message of the diagnostic with each ID in <paramref name="messages"/> contains the text.
    /// </summary>
    private static void VerifyAll(string markup, params (string Id, string Part)[] messages)
    {
        (string source, IReadOnlyList<MarkedSpan> spans) = SpanMarkup.Parse(markup);
        Assert.All(spans, s => Assert.NotNull(s.Id));
        GeneratorOutput output = RunInvalid(source);

        List<Diagnostic> actual = output.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        List<MarkedSpan> expected = spans.OrderBy(s => s.Span.Start).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
        Assert.True(expected.Count == actual.Count,
            $"Expected {expected.Count} diagnostics, got {actual.Count}:\n" + string.Join("\n", actual));
        for (int i = 0; i < expected.Count; i++) AssertMatches(source, expected[i], actual[i]);
        foreach ((string id, string part) in messages)
            Assert.Contains(part, Assert.Single(actual, d => d.Id == id).GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>Runs an invalid declaration: no source may be generated, and the user code itself must compile.</summary>
    private static GeneratorOutput RunInvalid(string source)
    {
        GeneratorOutput output = GeneratorHarness.Run(source);
        Assert.Empty(output.Sources);
        Assert.DoesNotContain(output.GeneratorDiagnostics, d => d.Id == "CS8785");
        // The declarations are valid C#; only the generator's rules reject them, so the compiler reports nothing.
        Assert.True(output.CompilationErrors.Count == 0, "The test source itself has errors:\n" + string.Join("\n", output.CompilationErrors));
        return output;
    }

    private static void AssertMatches(string source, MarkedSpan expected, Diagnostic actual)
    {
        TextSpan span = actual.Location.SourceSpan;
        string marked = source.Substring(expected.Span.Start, expected.Span.Length);
        string reported = span.End <= source.Length ? source.Substring(span.Start, span.Length) : "<out of range>";
        Assert.True(expected.Id == actual.Id && expected.Span == span,
            $"Expected {expected.Id} at {expected.Span} '{marked}', got {actual.Id} at {span} '{reported}': {actual}");
        Assert.Equal(DiagnosticSeverity.Error, actual.Severity);
        Assert.Equal("Input0.cs", actual.Location.GetLineSpan().Path);
        LinePositionSpan lines = SourceText.From(source).Lines.GetLinePositionSpan(expected.Span);
        Assert.Equal(lines, actual.Location.GetLineSpan().Span);
    }

    private static void AssertOnlyCompilerErrors(params string[] sources)
    {
        GeneratorOutput output = GeneratorHarness.Run(sources);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.Sources);
        Assert.NotEmpty(output.CompilationErrors);
        Assert.All(output.CompilationErrors, d => Assert.StartsWith("CS", d.Id, StringComparison.Ordinal));
    }
}
