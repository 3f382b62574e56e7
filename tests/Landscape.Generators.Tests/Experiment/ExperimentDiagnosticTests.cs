using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Landscape.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Landscape.Generators.Tests.Experiment;

/// <summary>
/// One test (at least) per LSG03xx diagnostic, with the exact span marked as <c>{|LSG0303:...|}</c>; each also checks the
/// severity, the message (the element and the fix), the help link, and that the invalid experiment is not in the catalog.
/// </summary>
public sealed class ExperimentDiagnosticTests
{
    private const string Run = "public ExperimentResult Run(ExperimentContext context) => context.Result();";

    // ---------------------------------------------------------------- LSG0301–0302: names

    [Fact]
    public void LSG0301_DuplicateName_IsReportedOnEveryExperimentThatUsesIt()
    {
        VerifyAll($$"""
            [Experiment({|LSG0301:"sweep"|})]
            public sealed partial class First : IExperiment { {{Run}} }

            [Experiment("other")]
            public sealed partial class Other : IExperiment { {{Run}} }

            [Experiment({|LSG0301:name: "sweep"|}, Summary = "again")]
            public sealed partial class Second : IExperiment { {{Run}} }
            """,
            expectSource: true,
            ("LSG0301", "Experiment name 'sweep' is used by more than one type: 'Samples.First', 'Samples.Second'; names must be unique within an assembly"));
    }

    [Fact]
    public void LSG0301_DuplicateName_AcrossFiles_AndAmongInvalidExperiments()
    {
        // A name is claimed even by an experiment that has other errors: fixing those must not reveal a duplicate later.
        (string first, IReadOnlyList<MarkedSpan> spans) = SpanMarkup.Parse(ExperimentHarness.Usings + $$"""
            [Experiment({|LSG0301:"sweep"|})]
            public sealed partial class First : IExperiment { {{Run}} }
            """);
        GeneratorOutput output = ExperimentHarness.Run(first, ExperimentHarness.Usings + $$"""
            [Experiment("sweep")]
            public sealed class Second : IExperiment { {{Run}} }
            """);
        Assert.Equal(["LSG0301", "LSG0301", "LSG0303"], output.GeneratorDiagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        Diagnostic inFirst = Assert.Single(output.GeneratorDiagnostics, d => d.Location.GetLineSpan().Path == "Input0.cs");
        Assert.Equal(spans[0].Span, inFirst.Location.SourceSpan);
    }

    [Theory]
    [InlineData("\"EdgeOfStability\"", "'EdgeOfStability'", "use 'edge-of-stability'")]
    [InlineData("\"edge_of_stability\"", "'edge_of_stability'", "use 'edge-of-stability'")]
    [InlineData("\"edge--of\"", "'edge--of'", "use 'edge-of'")]
    [InlineData("\"2d-slice\"", "'2d-slice'", "use a name such as 'edge-of-stability'")]
    [InlineData("\"\"", "''", "use a name such as 'edge-of-stability'")]
    [InlineData("null", "null", "use a name such as 'edge-of-stability'")]
    [InlineData("name: \"Sweep\"", "'Sweep'", "use 'sweep'")]
    public void LSG0302_NameNotKebabCase_IsReportedAtTheNameArgument(string argument, string shown, string fix)
    {
        Verify($$"""
            [Experiment({|LSG0302:{{argument}}|}, Summary = "s")]
            public sealed partial class Sweep : IExperiment { {{Run}} }
            """, $"Experiment name {shown} is not lower-case kebab case", fix);
    }

    // ---------------------------------------------------------------- LSG0303–0305: the type

    [Fact]
    public void LSG0303_NotPartial()
    {
        Verify($$"""
            [Experiment("sweep")]
            public sealed class {|LSG0303:Sweep|} : IExperiment { {{Run}} }
            """, "Experiment type 'Sweep' must be declared partial", "add the 'partial' modifier");
    }

    [Theory]
    [InlineData("public abstract partial class {|LSG0304:Sweep|} : IExperiment { RUN }", "is abstract")]
    [InlineData("public partial class {|LSG0304:Sweep|}<T> : IExperiment { RUN }", "is generic")]
    [InlineData("public partial class Outer<T> { [Experiment(\"sweep\")] public partial class {|LSG0304:Sweep|} : IExperiment { RUN } }", "is nested in the generic type 'Samples.Outer<T>'")]
    [InlineData("public partial class Outer { [Experiment(\"sweep\")] private partial class {|LSG0304:Sweep|} : IExperiment { RUN } }", "is not visible to the catalog")]
    [InlineData("public partial class Outer { [Experiment(\"sweep\")] protected partial class {|LSG0304:Sweep|} : IExperiment { RUN } }", "is not visible to the catalog")]
    [InlineData("public partial class {|LSG0304:Sweep|}(int steps) : IExperiment { public int Steps => steps; RUN }", "has no parameterless constructor")]
    [InlineData("public partial class {|LSG0304:Sweep|} : IExperiment { private Sweep() { } RUN }", "has a parameterless constructor that is private")]
    [InlineData("public partial class {|LSG0304:Sweep|} : IExperiment { protected Sweep() { } RUN }", "has a parameterless constructor that is protected")]
    [InlineData("public partial class {|LSG0304:Sweep|} : IExperiment { public required int Steps { get; set; } RUN }", "has the required member 'Steps'")]
    public void LSG0304_NotCreatable(string declaration, string reason)
    {
        string markup = declaration.Replace("RUN", Run, StringComparison.Ordinal);
        if (!markup.StartsWith("public partial class Outer", StringComparison.Ordinal)) markup = "[Experiment(\"sweep\")]\n" + markup;
        Verify(markup, "Experiment type 'Sweep' " + reason, "the catalog creates each experiment with 'new Sweep()'");
    }

    [Fact]
    public void LSG0304_AcceptsOptionalParameters_InternalConstructors_AndSetsRequiredMembers()
    {
        GeneratorOutput output = ExperimentHarness.Run(ExperimentHarness.Usings + $$"""
            namespace Samples;

            [Experiment("optional")]
            public partial class Optional : IExperiment { public Optional(int steps = 3) { } {{Run}} }

            [Experiment("internal-constructor")]
            public sealed partial class InternalConstructor : IExperiment { internal InternalConstructor() { } {{Run}} }

            [Experiment("sets-required")]
            public sealed partial class SetsRequired : IExperiment
            {
                [System.Diagnostics.CodeAnalysis.SetsRequiredMembers] public SetsRequired() { Steps = 1; }
                public required int Steps { get; set; }
                {{Run}}
            }
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        GeneratedCodeAssert.Compiles(output);
    }

    [Fact]
    public void LSG0304_StaticClass_IsReported_WithLSG0305()
    {
        VerifyAll("""
            [Experiment("sweep")]
            public static partial class {|LSG0304,LSG0305:Sweep|}
            {
            }
            """, expectSource: false, ("LSG0304", "is static"));
    }

    [Theory]
    [InlineData("public partial class {|LSG0305:Sweep|} { }", "add ': IExperiment' to the declaration and a method 'public ExperimentResult Run(ExperimentContext context)'")]
    [InlineData("public partial class {|LSG0305:Sweep|} { public void Run() { } }", "its method 'Sweep.Run()' is not 'ExperimentResult Run(ExperimentContext)'")]
    [InlineData("public partial class {|LSG0305:Sweep|} { public ExperimentResult Run(ExperimentContext context) => context.Result(); }", "it has the method Run(ExperimentContext) but does not list the interface")]
    public void LSG0305_DoesNotImplementIExperiment(string declaration, string detail)
    {
        Verify("[Experiment(\"sweep\")]\n" + declaration, "Experiment type 'Sweep' does not implement Landscape.Experiments.IExperiment: " + detail);
    }

    [Fact]
    public void LSG0305_InterfaceFromABaseClass_IsAccepted()
    {
        GeneratorOutput output = ExperimentHarness.Run(ExperimentHarness.Usings + $$"""
            public abstract class StudyBase : IExperiment { {{Run}} }

            [Experiment("derived")]
            public sealed partial class Derived : StudyBase { }
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        GeneratedCodeAssert.Compiles(output);
    }

    // ---------------------------------------------------------------- LSG0306–0309: settings

    [Theory]
    [InlineData("float", "float")]
    [InlineData("decimal", "decimal")]
    [InlineData("int?", "int?")]
    [InlineData("System.Collections.Generic.List<int>", "System.Collections.Generic.List<int>")]
    [InlineData("int[][]", "int[][]")]
    [InlineData("double[,]", "double[*,*]")]
    [InlineData("object", "object")]
    [InlineData("System.TimeSpan", "System.TimeSpan")]
    public void LSG0306_UnsupportedSettingType_IsReportedAtTheType(string type, string shown)
    {
        Verify($$"""
            [Experiment("sweep")]
            public sealed partial class Sweep : IExperiment
            {
                [Setting("Values")] public {|LSG0306:{{type}}|} Values { get; set; } = default!;
                {{Run}}
            }
            """, $"Setting 'Values' has type '{shown}', which is not supported",
            "a setting is a bool, int, long, double, string or enum, or a one-dimensional array of one of these");
    }

    [Theory]
    [InlineData("public int {|LSG0307:Steps|} { get; init; }", "has an 'init' accessor")]
    [InlineData("public int {|LSG0307:Steps|} { get; private set; }", "has a 'set' accessor that is private")]
    [InlineData("public int {|LSG0307:Steps|} { get; internal set; }", "has a 'set' accessor that is internal")]
    [InlineData("public int {|LSG0307:Steps|} { private get; set; }", "has a 'get' accessor that is private")]
    [InlineData("public int {|LSG0307:Steps|} { get; }", "has no 'set' accessor (it is read-only)")]
    [InlineData("public int {|LSG0307:Steps|} => 3;", "has no 'set' accessor (it is read-only)")]
    [InlineData("public int {|LSG0307:Steps|} { set { } }", "has no 'get' accessor")]
    [InlineData("public static int {|LSG0307:Steps|} { get; set; }", "is static")]
    [InlineData("internal int {|LSG0307:Steps|} { get; set; }", "is internal")]
    [InlineData("private int {|LSG0307:Steps|} { get; set; }", "is private")]
    [InlineData("public int {|LSG0307:this|}[int i] { get => i; set { } }", "is an indexer")]
    public void LSG0307_SettingNotPublicReadWrite_IsReportedAtTheName(string property, string problem)
    {
        Verify($$"""
            [Experiment("sweep")]
            public sealed partial class Sweep : IExperiment
            {
                [Setting("Steps per run")] {{property}}
                {{Run}}
            }
            """, (property.Contains("this", StringComparison.Ordinal) ? "Setting 'this[]' " : "Setting 'Steps' ") + problem,
            "a setting must be a public instance property with public 'get' and 'set' accessors");
    }

    [Fact]
    public void LSG0308_TwoSettingsWithTheSameKebabName_IsReportedAtTheSecond()
    {
        Verify($$"""
            [Experiment("sweep")]
            public sealed partial class Sweep : IExperiment
            {
                [Setting("Steps")] public int MaxSteps { get; set; }
                [Setting("Also steps")] public long {|LSG0308:Max_Steps|} { get; set; }
                {{Run}}
            }
            """, "Settings 'MaxSteps' and 'Max_Steps' of experiment 'sweep' both have the command-line name '--max-steps'; rename one of the properties");
    }

    [Fact]
    public void LSG0309_SettingOutsideAnExperiment_IsAWarning()
    {
        (string source, IReadOnlyList<MarkedSpan> spans) = SpanMarkup.Parse(ExperimentHarness.Usings + """
            namespace Samples;

            public sealed class Options
            {
                [Setting("Steps per run")] public int {|LSG0309:Steps|} { get; set; }
            }
            """);
        GeneratorOutput output = ExperimentHarness.Run(source);
        Diagnostic warning = Assert.Single(output.GeneratorDiagnostics);
        AssertMatches(source, spans[0], warning, DiagnosticSeverity.Warning);
        Assert.Contains("Property 'Steps' is marked [Setting], but its type 'Options' has no [Experiment], so the setting is ignored",
            warning.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(output.Sources);
    }

    [Fact]
    public void LSG0309_NotReported_ForSettingsOfAnExperimentDeclaredInAnotherPart()
    {
        GeneratorOutput output = ExperimentHarness.Run(
            ExperimentHarness.Usings + $$"""
            [Experiment("sweep")]
            public sealed partial class Sweep : IExperiment { {{Run}} }
            """,
            ExperimentHarness.Usings + """
            public sealed partial class Sweep
            {
                [Setting("Steps per run")] public int Steps { get; set; } = 3;
            }
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Contains("\"steps\"", output.SingleSource, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- several problems, malformed input

    [Fact]
    public void IndependentProblems_AreAllReportedInOneRun()
    {
        VerifyAll("""
            [Experiment({|LSG0302:"Sweep"|})]
            public class {|LSG0303,LSG0305:Sweep|}
            {
                [Setting("Rate")] public {|LSG0306:float|} Rate { get; set; }
                [Setting("Steps")] public int {|LSG0307:Steps|} { get; init; }
                [Setting("Widths")] public int[] Widths { get; set; } = [];
                [Setting("More widths")] public int[] {|LSG0308:widths|} { get; set; } = [];
            }
            """, expectSource: false);
    }

    [Theory]
    [InlineData("[Experiment] public sealed partial class Sweep : IExperiment { RUN }")]
    [InlineData("[Experiment(42)] public sealed partial class Sweep : IExperiment { RUN }")]
    [InlineData("[Experiment(\"sweep\", Summary = 3)] public sealed partial class Sweep : IExperiment { RUN }")]
    [InlineData("[Experiment(\"sweep\")] public sealed partial class Sweep : IExperiment { [Setting(5)] public int Steps { get; set; } RUN }")]
    [InlineData("[Experiment(\"sweep\")] public sealed partial class Sweep : IExperiment { [Setting(\"s\")] public Unknown Steps { get; set; } RUN }")]
    [InlineData("[Experiment(\"sweep\")] public sealed partial class Sweep : IExperiment { [Setting(\"s\")] public Unknown[] Steps { get; set; } RUN }")]
    [InlineData("[Experiment(\"sweep\")] public sealed partial class")]
    [InlineData("[Experiment(\"sweep\")] public partial struct Sweep : IExperiment { RUN }")]
    [InlineData("[Experiment(\"sweep\"), Experiment(\"again\")] public sealed partial class Sweep : IExperiment { RUN }")]
    public void MalformedDeclaration_GivesOnlyCompilerErrors(string declaration)
    {
        GeneratorOutput output = ExperimentHarness.Run(ExperimentHarness.Usings + declaration.Replace("RUN", Run, StringComparison.Ordinal));
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.Sources);
        Assert.NotEmpty(output.InputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void ExperimentAttributeOnTwoPartialDeclarations_GivesOnlyCompilerErrors()
    {
        GeneratorOutput output = ExperimentHarness.Run(
            ExperimentHarness.Usings + $$"""[Experiment("sweep")] public sealed partial class Sweep : IExperiment { {{Run}} }""",
            ExperimentHarness.Usings + """[Experiment("sweep")] public sealed partial class Sweep;""");
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.Sources);
        Assert.Contains(output.InputCompilation.GetDiagnostics(), d => d.Id == "CS0579");
    }

    [Fact]
    public void UnrelatedAttributesNamedExperimentAndSetting_AreIgnored()
    {
        GeneratorOutput output = ExperimentHarness.Run("""
            namespace Other
            {
                [System.AttributeUsage(System.AttributeTargets.Class)] public sealed class ExperimentAttribute(string name) : System.Attribute { public string Name => name; }
                [System.AttributeUsage(System.AttributeTargets.Property)] public sealed class SettingAttribute : System.Attribute;

                [Experiment("Not Kebab")]
                public class Sweep { [Setting] public int Steps { get; init; } }
            }
            """);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.Sources);
        Assert.Empty(output.CompilationErrors);
    }

    [Fact]
    public void EveryExperimentDiagnostic_HasATestNamedAfterIt_AndADocumentationSection()
    {
        string docs = File.ReadAllText(RepositoryPaths.Combine("docs/diagnostics.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var tested = typeof(ExperimentDiagnosticTests).GetMethods().Select(m => m.Name.Split('_')[0]).ToHashSet(StringComparer.Ordinal);
        var descriptors = DiagnosticDescriptors.All.Where(d => d.Id.StartsWith("LSG03", StringComparison.Ordinal)).ToList();
        Assert.Equal(9, descriptors.Count);
        foreach (DiagnosticDescriptor descriptor in descriptors)
        {
            Assert.Contains(descriptor.Id, tested);
            Assert.Contains("\n## " + descriptor.Id + "\n", docs, StringComparison.Ordinal);
            Assert.Equal("Landscape.Experiment", descriptor.Category);
            Assert.Equal("docs/diagnostics.md#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri);
            Assert.Equal(descriptor.Id == "LSG0309" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, descriptor.DefaultSeverity);
            // Each section states the cause, a fix and an example.
            int start = docs.IndexOf("\n## " + descriptor.Id + "\n", StringComparison.Ordinal);
            int end = docs.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
            string section = docs.Substring(start, end - start);
            Assert.Contains("Example:", section, StringComparison.Ordinal);
            Assert.Contains("Fix:", section, StringComparison.Ordinal);
        }
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>
    /// Runs the generator on <paramref name="markup"/> (after the usings and a namespace), which marks exactly one
    /// expected diagnostic, and checks its ID, severity, exact span, help link and that its message contains each part.
    /// The invalid experiment is the only one, so no catalog may be generated.
    /// </summary>
    private static void Verify(string markup, params string[] messageParts)
    {
        (string source, IReadOnlyList<MarkedSpan> spans) = SpanMarkup.Parse(ExperimentHarness.Usings + "namespace Samples;\n\n" + markup);
        MarkedSpan expected = Assert.Single(spans);
        GeneratorOutput output = RunValidCSharp(source);
        Diagnostic diagnostic = Assert.Single(output.GeneratorDiagnostics);
        AssertMatches(source, expected, diagnostic, DiagnosticSeverity.Error);
        string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        foreach (string part in messageParts) Assert.Contains(part, message, StringComparison.Ordinal);
        Assert.Empty(output.Sources);
    }

    /// <summary>Checks that exactly the marked diagnostics are reported (ID and span, any order), and the given message parts.</summary>
    private static void VerifyAll(string markup, bool expectSource, params (string Id, string Part)[] messages)
    {
        (string source, IReadOnlyList<MarkedSpan> spans) = SpanMarkup.Parse(ExperimentHarness.Usings + "namespace Samples;\n\n" + markup);
        GeneratorOutput output = RunValidCSharp(source);
        List<Diagnostic> actual = output.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        List<MarkedSpan> expected = spans.OrderBy(s => s.Span.Start).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
        Assert.True(expected.Count == actual.Count, $"Expected {expected.Count} diagnostics, got {actual.Count}:\n" + string.Join("\n", actual));
        for (int i = 0; i < expected.Count; i++) AssertMatches(source, expected[i], actual[i], DiagnosticSeverity.Error);
        foreach ((string id, string part) in messages)
            Assert.All(actual.Where(d => d.Id == id), d => Assert.Contains(part, d.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Equal(expectSource, output.Sources.Length == 1);
    }

    /// <summary>Runs the generator on source the compiler accepts (only the generator's rules reject it).</summary>
    private static GeneratorOutput RunValidCSharp(string source)
    {
        GeneratorOutput output = ExperimentHarness.Run(source);
        var errors = output.InputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The test source itself has errors:\n" + string.Join("\n", errors));
        return output;
    }

    private static void AssertMatches(string source, MarkedSpan expected, Diagnostic actual, DiagnosticSeverity severity)
    {
        Microsoft.CodeAnalysis.Text.TextSpan span = actual.Location.SourceSpan;
        string marked = source.Substring(expected.Span.Start, expected.Span.Length);
        string reported = span.End <= source.Length ? source.Substring(span.Start, span.Length) : "<out of range>";
        Assert.True(expected.Id == actual.Id && expected.Span == span,
            $"Expected {expected.Id} at {expected.Span} '{marked}', got {actual.Id} at {span} '{reported}': {actual}");
        Assert.Equal(severity, actual.Severity);
        Assert.Equal("docs/diagnostics.md#" + actual.Id.ToLowerInvariant(), actual.Descriptor.HelpLinkUri);
    }
}
