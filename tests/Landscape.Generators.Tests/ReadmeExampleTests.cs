using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Landscape.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Landscape.Generators.Tests;

/// <summary>The README's example compiles as written (with the generator) and runs on the repository's MNIST files.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void ReadmeExample_CompilesAndRuns()
    {
        string output = CompileAndRun(Block(0));
        Assert.Matches(@"^L = \d+\.\d{4}, ∇Lᵀ H ∇L = -?\d\.\d{3}E[+-]\d{3}\s*$", output);
    }

    /// <summary>The convolutional example (DESIGN.md §2b's LeNet5 and ResNet8) compiles and trains: the loss falls for both.</summary>
    [Fact]
    public void ReadmeConvolutionalExample_CompilesAndTrains()
    {
        string output = CompileAndRun(Block(1));
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("LeNet5 (61706 parameters)", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("ResNet8 (19562 parameters)", lines[1], StringComparison.Ordinal);
        foreach (string line in lines)
        {
            System.Text.RegularExpressions.Match losses = System.Text.RegularExpressions.Regex.Match(line, @"loss (\d+\.\d{3}) → (\d+\.\d{3})$");
            Assert.True(losses.Success, line);
            double first = double.Parse(losses.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            double last = double.Parse(losses.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(last < first, $"The loss did not fall: {line}");
        }
    }

    /// <summary>The <paramref name="index"/>-th ```csharp block of the README.</summary>
    private static string Block(int index)
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        const string fence = "```csharp\n";
        int start = -1;
        for (int i = 0; i <= index; i++)
        {
            start = readme.IndexOf(fence, start + 1, StringComparison.Ordinal);
            Assert.True(start >= 0, $"README.md has no ```csharp block number {index}.");
        }
        start += fence.Length;
        return readme.Substring(start, readme.IndexOf("```", start, StringComparison.Ordinal) - start);
    }

    /// <summary>Compiles <paramref name="code"/> with the generator as a console program and runs it from the repository root; returns its output.</summary>
    private static string CompileAndRun(string code)
    {
        string root = RepositoryPaths.Root;
        var references = GeneratorHarness.References.Add(MetadataReference.CreateFromFile(typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.Location));
        CSharpCompilation compilation = CSharpCompilation.Create(
            "ReadmeExample",
            [CSharpSyntaxTree.ParseText(code, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview), path: "README.md")],
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorOutput output = GeneratorHarness.Run(compilation);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.CompilationErrors);

        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = output.OutputCompilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        var context = new AssemblyLoadContext("readme", isCollectible: true);
        string previousDirectory = Environment.CurrentDirectory;
        TextWriter previousOut = Console.Out;
        var console = new StringWriter();
        try
        {
            image.Position = 0;
            Assembly assembly = context.LoadFromStream(image);
            Environment.CurrentDirectory = root; // the examples use repository-relative data paths
            Console.SetOut(console);
            assembly.EntryPoint!.Invoke(null, [Array.Empty<string>()]);
        }
        finally
        {
            Console.SetOut(previousOut);
            Environment.CurrentDirectory = previousDirectory;
            context.Unload();
        }
        return console.ToString();
    }
}
