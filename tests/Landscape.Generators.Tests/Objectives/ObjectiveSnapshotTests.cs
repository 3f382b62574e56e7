using Landscape.Generators.Tests.Infrastructure;

namespace Landscape.Generators.Tests.Objectives;

/// <summary>End-to-end snapshots of representative objectives (H4), and that the generated code compiles.</summary>
public sealed class ObjectiveSnapshotTests
{
    internal const string SqrtWell = """
        using System;
        using Landscape;

        namespace Samples;

        public sealed partial record SqrtWell(double A)
        {
            [Objective] double Value(double x) => Math.Sqrt(1 + A * x * x) - 1;
        }
        """;

    internal const string Valley = """
        using System;
        using Landscape;

        namespace Samples;

        public sealed partial record Valley(double A, double B)
        {
            [Objective] double Value(double x, double y) { var s = 1 + B * y * y; return s * (Math.Sqrt(1 + A * x * x) - 1) - y; }
        }
        """;

    internal const string Piecewise = """
        using System;
        using Landscape;

        namespace Samples;

        /// <summary>A Huber-like well in x, |y| and a kink where the two pieces of the max cross.</summary>
        public partial struct Piecewise
        {
            public double Delta { get; init; }

            [Objective]
            public double Value(double x, double y)
            {
                double ax = Math.Abs(x);
                double huber = ax <= Delta ? 0.5 * x * x : Delta * (ax - 0.5 * Delta);
                return huber + Math.Max(Math.Abs(y), x * y) + (x > 0 && y > 0 ? x * y : 0);
            }

            double[] InitialPoint() => [1.0, -0.5];
        }
        """;

    [Fact]
    public void SqrtWell_MatchesSnapshot_AndCompiles()
    {
        GeneratorOutput output = GeneratorHarness.Run(SqrtWell);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Equal("Samples.SqrtWell.g.cs", Assert.Single(output.Sources).HintName);
        Snapshot.Match(output.SingleSource, "ObjectiveSnapshotTests.SqrtWell");
        Assert.Empty(output.CompilationErrors);
    }

    [Fact]
    public void Valley_MatchesSnapshot_AndCompiles()
    {
        GeneratorOutput output = GeneratorHarness.Run(Valley);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Equal("Samples.Valley.g.cs", Assert.Single(output.Sources).HintName);
        Snapshot.Match(output.SingleSource, "ObjectiveSnapshotTests.Valley");
        Assert.Empty(output.CompilationErrors);
    }

    [Fact]
    public void Piecewise_MatchesSnapshot_AndCompiles()
    {
        GeneratorOutput output = GeneratorHarness.Run(Piecewise);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Equal("Samples.Piecewise.g.cs", Assert.Single(output.Sources).HintName);
        Snapshot.Match(output.SingleSource, "ObjectiveSnapshotTests.Piecewise");
        Assert.Empty(output.CompilationErrors);
    }
}
