using System;
using System.Text;
using Landscape.Generators.Common;
using Microsoft.CodeAnalysis.Text;

namespace Landscape.Generators.Tests;

/// <summary>The emitter's text writer: indentation, balanced blocks, "\n" line endings, no blank line before a closing brace.</summary>
public sealed class SourceWriterTests
{
    [Fact]
    public void WriteLine_IndentsEveryLineOfMultiLineText()
    {
        var w = new SourceWriter();
        using (w.Block("class C"))
        {
            w.WriteLine("int a;\nint b;\r\nint c;");
        }
        Assert.Equal("class C\n{\n    int a;\n    int b;\n    int c;\n}\n", w.ToString());
    }

    [Fact]
    public void WriteLine_DoesNotIndentEmptyLines()
    {
        // Empty lines inside multi-line text carry no trailing whitespace.
        var w = new SourceWriter { Indentation = 2 };
        w.WriteLine("a\n\nb");
        w.WriteLine();
        w.WriteLine("");
        w.Indentation = 0;
        Assert.Equal("        a\n\n        b\n\n\n", w.ToString());
        Assert.DoesNotContain(" \n", w.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteLine_KeepsRelativeIndentationOfRawStrings()
    {
        var w = new SourceWriter();
        using (w.Block("void M()"))
        {
            w.WriteLine("""
                if (x)
                    y();
                """);
        }
        Assert.Equal("void M()\n{\n    if (x)\n        y();\n}\n", w.ToString());
    }

    [Fact]
    public void Block_NestsAndClosesBraces_InReverseOrder()
    {
        var w = new SourceWriter();
        using (w.Block("namespace N"))
        {
            using (w.Block("class C"))
            {
                using (w.Block("void M()")) w.WriteLine("return;");
            }
        }
        Assert.Equal(0, w.Indentation);
        Assert.Equal(
            "namespace N\n{\n    class C\n    {\n        void M()\n        {\n            return;\n        }\n    }\n}\n",
            w.ToSourceText().ToString());
    }

    [Fact]
    public void Block_WithCustomClosing()
    {
        var w = new SourceWriter();
        using (w.Block("int[] a = new[]", closing: "};")) w.WriteLine("1, 2,");
        Assert.Equal("int[] a = new[]\n{\n    1, 2,\n};\n", w.ToString());
    }

    [Fact]
    public void Block_DropsATrailingBlankLineBeforeTheClosingBrace()
    {
        var w = new SourceWriter();
        using (w.Block("class C"))
        {
            w.WriteLine("int a;");
            w.WriteLine();
        }
        Assert.Equal("class C\n{\n    int a;\n}\n", w.ToString());
        Assert.DoesNotContain("\n\n}", w.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Block_KeepsBlankLinesBetweenMembers()
    {
        var w = new SourceWriter();
        using (w.Block("class C"))
        {
            w.WriteLine("int a;");
            w.WriteLine();
            w.WriteLine("int b;");
        }
        Assert.Equal("class C\n{\n    int a;\n\n    int b;\n}\n", w.ToString());
    }

    [Fact]
    public void ToSourceText_Throws_WhenABlockIsLeftOpen()
    {
        var w = new SourceWriter();
        _ = w.Block("class C");
        w.WriteLine("int a;");
        InvalidOperationException exception = Assert.Throws<InvalidOperationException>(() => w.ToSourceText());
        Assert.Contains("indentation is 1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSourceText_IsUtf8WithOnlyLineFeeds()
    {
        var w = new SourceWriter();
        w.WriteLine("// ∇ θ ‖x‖²\r\nx");
        SourceText text = w.ToSourceText();
        Assert.Equal(Encoding.UTF8.WebName, text.Encoding?.WebName);
        Assert.Equal("// ∇ θ ‖x‖²\nx\n", text.ToString());
        Assert.DoesNotContain('\r', text.ToString());
    }

    [Fact]
    public void GeneratedSource_HasNoBlankLineBeforeAClosingBrace_AndNoTrailingWhitespace()
    {
        // The properties above, checked on a real generated file.
        Infrastructure.GeneratorOutput output = Infrastructure.GeneratorHarness.Run("""
            using Landscape;

            namespace Samples;

            public partial class Outer
            {
                [Network(LossFunction.SoftmaxCrossEntropy)]
                [Input(6)]
                [Dense(5, Activation.Tanh, Bias = false)]
                [Dense(3)]
                public partial class Net;
            }
            """);
        string source = output.SingleSource;
        Assert.DoesNotContain('\r', source);
        Assert.DoesNotContain('\t', source);
        string[] lines = source.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            Assert.True(lines[i].Length == lines[i].TrimEnd().Length, $"Trailing whitespace on line {i + 1}: '{lines[i]}'");
            if (i > 0 && lines[i].TrimStart().StartsWith('}'))
                Assert.True(lines[i - 1].Length > 0, $"Blank line before the closing brace on line {i + 1}.");
        }
        Assert.Equal("", lines[^1]); // ends with exactly one newline
        Assert.NotEqual("", lines[^2]);
        int opened = 0, closed = 0;
        foreach (string line in lines)
        {
            string trimmed = line.Trim();
            if (trimmed == "{") opened++;
            if (trimmed is "}" or "};" or "});") closed++;
        }
        Assert.Equal(opened, closed);
    }
}
