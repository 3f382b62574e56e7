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
        string root = RepositoryPaths.Root;
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));
        const string fence = "```csharp\n";
        int start = readme.IndexOf(fence, StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no ```csharp example block.");
        start += fence.Length;
        string code = readme.Substring(start, readme.IndexOf("```", start, StringComparison.Ordinal) - start);

        var references = GeneratorHarness.References.Add(MetadataReference.CreateFromFile(typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.Location));
        CSharpCompilation compilation = CSharpCompilation.Create(
            "ReadmeExample",
            [CSharpSyntaxTree.ParseText(code, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview), path: "README.md")],
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
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
            Environment.CurrentDirectory = root; // the example uses repository-relative data paths
            Console.SetOut(console);
            assembly.EntryPoint!.Invoke(null, [Array.Empty<string>()]);
        }
        finally
        {
            Console.SetOut(previousOut);
            Environment.CurrentDirectory = previousDirectory;
            context.Unload();
        }
        Assert.Matches(@"^L = \d+\.\d{4}, ∇Lᵀ H ∇L = -?\d\.\d{3}E[+-]\d{3}\s*$", console.ToString());
    }
}
