using System.Collections.Immutable;
using System.Linq;
using Landscape.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Landscape.Generators.Tests.Objectives;

/// <summary>
/// Incrementality scenarios for objectives (H2): an unrelated edit keeps the objective's parse result cached, an edit
/// elsewhere in the same file that does not change the objective leaves the spec unchanged, and a change of the formula
/// modifies it.
/// </summary>
public sealed class ObjectiveIncrementalityTests
{
    private const string Objective = """
        using System;
        using Landscape;

        namespace Samples;

        public sealed partial record Valley(double A, double B)
        {
            [Objective] double Value(double x, double y) { var s = 1 + B * y * y; return s * (Math.Sqrt(1 + A * x * x) - 1) - y; }

            public double Unrelated() => 1;
        }
        """;

    [Fact]
    public void AddingAnUnrelatedFile_KeepsTheObjectiveCached()
    {
        IncrementalStepRunReason[] reasons = ReasonsAfterEdit(Objective, Objective, extraFile: "namespace Other; public class Unrelated { }");
        Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
    }

    [Fact]
    public void EditingAnotherMember_LeavesTheSpecUnchanged()
    {
        string edited = Objective.Replace("public double Unrelated() => 1;", "public double Unrelated() => 2 + 3;");
        IncrementalStepRunReason[] reasons = ReasonsAfterEdit(Objective, edited, extraFile: null);
        Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
    }

    [Fact]
    public void ChangingTheFormula_ModifiesTheSpec()
    {
        string edited = Objective.Replace("- y; }", "- 2 * y; }");
        IncrementalStepRunReason[] reasons = ReasonsAfterEdit(Objective, edited, extraFile: null);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
    }

    /// <summary>The run reasons of the ParseObjective step's outputs after replacing the source (and optionally adding a file).</summary>
    private static IncrementalStepRunReason[] ReasonsAfterEdit(string before, string after, string? extraFile)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(before);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree old = compilation.SyntaxTrees.Single();
        CSharpCompilation next = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(after, (CSharpParseOptions)old.Options, old.FilePath));
        if (extraFile is not null) next = next.AddSyntaxTrees(CSharpSyntaxTree.ParseText(extraFile, (CSharpParseOptions)old.Options, "Extra.cs"));
        GeneratorDriverRunResult result = driver.RunGenerators(next).GetRunResult();
        ImmutableArray<IncrementalGeneratorRunStep> steps = result.Results.Single(r => r.Generator.GetGeneratorType() == typeof(Objective.ObjectiveGenerator))
            .TrackedSteps[TrackingNames.ParseObjective];
        return steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
    }
}
