using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Landscape.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Landscape.Generators.Tests.Objectives;

/// <summary>
/// Every LSG02xx diagnostic (H5), reported at the exact offending node: each test marks the expected span and ID with
/// {|ID:...|} and names a fragment of the expected message (which names the construct). An invalid objective generates
/// no source. Tests are named after their ID, at least one per ID.
/// </summary>
public sealed class ObjectiveDiagnosticTests
{
    private const string Usings = "using System;\nusing Landscape;\n\nnamespace Samples;\n\n";

    [Fact]
    public void LSG0201_NotPartial() => Verify(
        "public sealed record {|LSG0201:Bowl|}(double A) { [Objective] double Value(double x) => A * x * x; }",
        "Objective type 'Bowl' must be declared partial", generatesSource: false);

    [Fact]
    public void LSG0202_GenericType() => Verify(
        "public partial class {|LSG0202:Bowl|}<T> { [Objective] double Value(double x) => x * x; }",
        "Objective type 'Samples.Bowl<T>' cannot be generic", generatesSource: false);

    [Fact]
    public void LSG0202_NestedInGenericType() => Verify(
        "public partial class Outer<T> { public partial class {|LSG0202:Bowl|} { [Objective] double Value(double x) => x * x; } }",
        "nested in generic type 'Samples.Outer<T>'", generatesSource: false);

    [Fact]
    public void LSG0202_GenericMethod() => Verify(
        "public partial class Bowl { [Objective] double Value{|LSG0202:<T>|}(double x) => x * x; }",
        "[Objective] method 'Value' cannot be generic", generatesSource: false);

    [Fact]
    public void LSG0203_ContainingTypeNotPartial() => Verify(
        "public class Outer { public partial class {|LSG0203:Bowl|} { [Objective] double Value(double x) => x * x; } }",
        "Type 'Outer', which contains objective type 'Bowl', must be declared partial", generatesSource: false);

    [Fact]
    public void LSG0204_StaticMethod() => Verify(
        "public partial class Bowl { [Objective] {|LSG0204:static|} double Value(double x) => x * x; }",
        "[Objective] method 'Value' must be an instance method", generatesSource: false);

    [Fact]
    public void LSG0205_DuplicateObjective() => Verify(
        "public partial class Bowl { [Objective] double Value(double x) => x * x; [{|LSG0205:Objective|}] double Other(double x) => x; }",
        "Type 'Bowl' has more than one [Objective] method; 'Value' is already its objective", generatesSource: true);

    [Fact]
    public void LSG0206_IntCoordinate() => Verify(
        "public partial class Bowl { [Objective] double Value(double x, {|LSG0206:int|} n) => x * n; }",
        "Coordinate 'n' has type 'int'", generatesSource: false);

    [Fact]
    public void LSG0206_RefCoordinate() => Verify(
        "public partial class Bowl { [Objective] double Value({|LSG0206:ref|} double x) => x * x; }",
        "Coordinate 'x' is declared 'ref'", generatesSource: false);

    [Fact]
    public void LSG0206_ParamsCoordinates() => Verify(
        "public partial class Bowl { [Objective] double Value({|LSG0206:params|} double[] xs) => 0; }",
        "Coordinate 'xs' is declared 'params'", generatesSource: false);

    [Fact]
    public void LSG0207_ReturnType() => Verify(
        "public partial class Bowl { [Objective] {|LSG0207:float|} Value(double x) => (float)x; }",
        "[Objective] method 'Value' returns 'float'; it must return double", generatesSource: false);

    [Fact]
    public void LSG0208_NoCoordinates() => Verify(
        "public partial class Bowl { [Objective] double Value{|LSG0208:()|} => 1; }",
        "[Objective] method 'Value' has no parameters", generatesSource: false);

    [Fact]
    public void LSG0209_Modulo() => Verify(
        "public partial class Bowl { [Objective] double Value(double x) => {|LSG0209:x % 2|}; }",
        "The '%' operator is not supported", generatesSource: false);

    [Fact]
    public void LSG0209_IntegerArithmetic() => Verify(
        "public partial class Bowl { public int N { get; } = 3; [Objective] double Value(double x) => x * ({|LSG0209:N + 1|}); }",
        "Integer arithmetic of type 'int' ('N + 1')", generatesSource: false);

    [Fact]
    public void LSG0209_Increment() => Verify(
        "public partial class Bowl { [Objective] double Value(double x) { var y = x; {|LSG0209:y++|}; return y; } }",
        "The '++' operator", generatesSource: false);

    [Fact]
    public void LSG0209_ElementAccess() => Verify(
        "public partial class Bowl { double[] W = [1.0]; [Objective] double Value(double x) => x * {|LSG0209:W[0]|}; }",
        "An element access ('W[0]')", generatesSource: false);

    [Fact]
    public void LSG0209_FloatCast() => Verify(
        "public partial class Bowl { [Objective] double Value(double x) => {|LSG0209:(float)x|}; }",
        "A cast to 'float'", generatesSource: false);

    [Fact]
    public void LSG0210_UnsupportedMathCall() => Verify(
        "public partial class Bowl { [Objective] double Value(double x) => {|LSG0210:Math.Floor(x)|}; }",
        "Call to 'Math.Floor(double)' is not supported", generatesSource: false);

    [Fact]
    public void LSG0210_HelperCall() => Verify(
        "public partial class Bowl { double Helper(double x) => x * x; [Objective] double Value(double x) => {|LSG0210:Helper(x)|} + 1; }",
        "Call to 'Bowl.Helper(double)' is not supported", generatesSource: false);

    [Fact]
    public void LSG0211_ForLoop() => Verify(
        "public partial class Bowl { [Objective] double Value(double x) { double s = 0; {|LSG0211:for|} (int i = 0; i < 3; i++) s += x; return s; } }",
        "A 'for' loop is not supported", generatesSource: false);

    [Fact]
    public void LSG0211_IfStatement() => Verify(
        "public partial class Bowl { [Objective] double Value(double x) { {|LSG0211:if|} (x > 0) return x; return -x; } }",
        "An 'if' statement is not supported", generatesSource: false);

    [Fact]
    public void LSG0211_LocalFunction() => Verify(
        "public partial class Bowl { [Objective] double Value(double x) { double {|LSG0211:Square|}(double u) => u * u; return x * x; } }",
        "A local function ('Square')", generatesSource: false);

    [Fact]
    public void LSG0211_EarlyReturn() => Verify(
        "public partial class Bowl { [Objective] double Value(double x) { { {|LSG0211:return|} x; } } }",
        "A 'return' before the end of the method", generatesSource: false);

    [Fact]
    public void LSG0212_AssignmentToProperty() => Verify(
        "public partial class Bowl { public double A { get; set; } [Objective] double Value(double x) { {|LSG0212:A|} = x; return x; } }",
        "Assignment to 'A' is not supported", generatesSource: false);

    [Fact]
    public void LSG0212_CompoundAssignmentToField() => Verify(
        "public partial class Bowl { public double A; [Objective] double Value(double x) { {|LSG0212:this.A|} += x; return x; } }",
        "Assignment to 'this.A' is not supported", generatesSource: false);

    [Fact]
    public void LSG0213_MissingReturn() => Verify(
        "public partial class Bowl { [Objective] double {|LSG0213:Value|}(double x) { var y = x; } }",
        "[Objective] method 'Value' must have a body that ends with a 'return' statement", generatesSource: false);

    [Fact]
    public void LSG0214_NonNumericMember() => Verify(
        "public readonly struct Meters(double value) { public double Amount { get; } = value; public static implicit operator double(Meters m) => m.Amount; }\n" +
            "public partial class Bowl { public Meters Length { get; } = new(2); [Objective] double Value(double x) => x * {|LSG0214:Length|}; }",
        "'Length' cannot be read in an [Objective]: its type 'Samples.Meters' is not numeric", generatesSource: false);

    [Fact]
    public void LSG0214_MemberOfAnotherObject() => Verify(
        "public partial class Bowl { public double A = 1; static Bowl Create() => new(); [Objective] double Value(double x) => x * {|LSG0214:Create().A|}; }",
        "it is a member of another object", generatesSource: false);

    [Fact]
    public void LSG0215_Interface() => Verify(
        "public partial interface IBowl { [Objective] double {|LSG0215:Value|}(double x) => x * x; }",
        "[Objective] method 'Value' is declared in interface 'IBowl'", generatesSource: false);

    [Fact]
    public void LSG0216_InitialPointSignature() => Verify(
        "public partial class Bowl { [Objective] double Value(double x) => x * x; double[] {|LSG0216:InitialPoint|}(int seed) => [0.0]; }",
        "does not follow the convention 'double[] InitialPoint()'", generatesSource: false);

    [Fact]
    public void EveryObjectiveDiagnostic_HasATestNamedAfterIt_AndADocumentationSection()
    {
        string docs = File.ReadAllText(RepositoryPaths.Combine("docs/diagnostics.md"));
        var tested = typeof(ObjectiveDiagnosticTests).GetMethods().Select(m => m.Name.Split('_')[0]).ToHashSet(StringComparer.Ordinal);
        var ids = DiagnosticDescriptors.All.Select(d => d.Id).Where(id => id.StartsWith("LSG02", StringComparison.Ordinal)).ToList();
        Assert.Equal(16, ids.Count);
        foreach (string id in ids)
        {
            Assert.Contains(id, tested);
            Assert.Contains("\n## " + id + "\n", docs, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void IndependentProblems_AreAllReported_InOnePass()
    {
        const string source = Usings + """
            public partial class Bowl
            {
                public double A;

                [Objective]
                double Value(double x, double y)
                {
                    double s = 0;
                    while (s < 1) s += x;
                    A = y;
                    return s % 2 + Math.Round(y);
                }
            }
            """;
        GeneratorOutput output = GeneratorHarness.Run(source);
        Assert.Equal(["LSG0209", "LSG0210", "LSG0211", "LSG0212"], output.GeneratorDiagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Empty(output.Sources);
    }

    [Theory]
    [InlineData("[Objective] double Value(double x) => Math.Exq(x) + ;")]
    [InlineData("[Objective] double Value(double x) => Undefined * x;")]
    [InlineData("[Objective] double Value(double x) =>")]
    [InlineData("[Objective] double Value(double x) { var y = ; return y")]
    [InlineData("[Objective] double Value(Unknown x) => x;")]
    [InlineData("[Objective] Unknown Value(double x) => x;")]
    [InlineData("[Objective] double Value(double x) { double y; return y + x; }")]
    [InlineData("[Objective] double Value(double x) => Math.Sqrt();")]
    [InlineData("[Objective] double Value(double x) => Math.Pow(x, power: 2);")]
    public void HalfTypedCode_GivesOnlyCompilerErrors_AndNeverThrows(string member)
    {
        GeneratorOutput output = GeneratorHarness.Run(Usings + "public partial class Bowl { " + member + " }");
        Assert.Empty(output.GeneratorDiagnostics); // the compiler's error is the one to fix; the harness also rejects CS8785
        Assert.Empty(output.Sources);
        Assert.NotEmpty(output.InputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    /// <summary>
    /// Runs the generator on <paramref name="markup"/> (after the usings), which marks exactly one expected diagnostic as
    /// {|ID:text|}, and checks its ID, severity, exact span, help link, that its message contains <paramref name="message"/>,
    /// and whether the objective still generates (only LSG0205, where the first objective of the type does).
    /// </summary>
    private static void Verify(string markup, string message, bool generatesSource)
    {
        (string source, IReadOnlyList<MarkedSpan> spans) = SpanMarkup.Parse(Usings + markup);
        MarkedSpan expected = Assert.Single(spans);
        GeneratorOutput output = GeneratorHarness.Run(source);

        Diagnostic diagnostic = Assert.Single(output.GeneratorDiagnostics);
        Assert.Equal(expected.Id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(source.Substring(expected.Span.Start, expected.Span.Length), source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal(expected.Span, diagnostic.Location.SourceSpan);
        Assert.Contains(message, diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("docs/diagnostics.md#" + diagnostic.Id.ToLowerInvariant(), diagnostic.Descriptor.HelpLinkUri);
        if (generatesSource) Assert.Single(output.Sources);
        else Assert.Empty(output.Sources);
    }
}
