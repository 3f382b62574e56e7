using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Landscape.Generators.Tests.Infrastructure;

/// <summary>Focused assertions on generated source (H4: "focused assertions for everything else").</summary>
internal static class GeneratedCodeAssert
{
    /// <summary>Asserts that the compilation including the generated sources has no errors, listing them if it has.</summary>
    public static void Compiles(GeneratorOutput output)
    {
        IReadOnlyList<Diagnostic> errors = output.CompilationErrors;
        Assert.True(errors.Count == 0, "The generated code does not compile:\n" + string.Join("\n", errors.Take(20)));
    }

    /// <summary>The comment lines of the file header's "Declaration" section, without the "//   " prefix.</summary>
    public static IReadOnlyList<string> DeclarationComment(string source) => HeaderSection(source, "// Declaration (");

    /// <summary>The comment lines of the file header's "Parameters" section, without the "//   " prefix.</summary>
    public static IReadOnlyList<string> ParameterComment(string source) => HeaderSection(source, "// Parameters (");

    /// <summary>The "//   " lines that follow the header line starting with <paramref name="heading"/>, up to the next "//" line.</summary>
    private static IReadOnlyList<string> HeaderSection(string source, string heading)
    {
        string[] lines = source.Split('\n');
        int start = System.Array.FindIndex(lines, l => l.StartsWith(heading, System.StringComparison.Ordinal));
        Assert.True(start >= 0, $"The generated header has no line starting with '{heading}'.");
        var section = new List<string>();
        for (int i = start + 1; i < lines.Length && lines[i].StartsWith("//   ", System.StringComparison.Ordinal); i++)
            section.Add(lines[i].Substring("//   ".Length).TrimEnd());
        return section;
    }
}
