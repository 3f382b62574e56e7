using System;
using System.Linq;
using Landscape.Experiments;
using Landscape.Generators.Experiment;
using Landscape.Generators.Tests.Infrastructure;

namespace Landscape.Generators.Tests.Experiment;

/// <summary>What the catalog holds, in which order, and that the generated code compiles and runs.</summary>
public sealed class ExperimentCatalogTests
{
    private const string Zeta = ExperimentHarness.Usings + """
        namespace Samples;

        [Experiment("zeta-study", Summary = "The last one")]
        public sealed partial class Zeta : IExperiment
        {
            [Setting("Steps per run")] public int Steps { get; set; } = 10;
            public ExperimentResult Run(ExperimentContext context) => context.Result();
        }
        """;

    private const string AlphaAndMiddle = ExperimentHarness.Usings + """
        namespace Samples.Inner
        {
            [Experiment("mid")]
            public partial class Middle : IExperiment
            {
                public ExperimentResult Run(ExperimentContext context) => context.Result();
            }
        }

        namespace Samples
        {
            [Experiment("alpha-study", Summary = "The first one")]
            internal sealed partial record Alpha : IExperiment
            {
                [Setting("Learning rates")] public double[] LearningRates { get; set; } = [0.5];
                public ExperimentResult Run(ExperimentContext context) => context.Result();
            }
        }
        """;

    [Fact]
    public void All_IsOrderedByName_WhateverTheFileOrder()
    {
        using LoadedCatalog catalog = ExperimentHarness.Load(Zeta, AlphaAndMiddle);
        Assert.Equal(["alpha-study", "mid", "zeta-study"], catalog.All.Select(d => d.Name));
        Assert.Equal(["global::Samples.Alpha", "global::Samples.Inner.Middle", "global::Samples.Zeta"], catalog.All.Select(d => d.TypeName));
        Assert.Equal(["The first one", "", "The last one"], catalog.All.Select(d => d.Summary));
        Assert.Equal([1, 0, 1], catalog.All.Select(d => d.Settings.Count));
    }

    [Fact]
    public void TwoExperiments_AreEnumeratedByAll_AndFoundByName()
    {
        using LoadedCatalog catalog = ExperimentHarness.Load(Zeta, ExperimentHarness.Usings + """
            namespace Samples;

            [Experiment("alpha-study")]
            public sealed partial class Alpha : IExperiment
            {
                public ExperimentResult Run(ExperimentContext context) => context.Result();
            }
            """);
        Assert.Equal(2, catalog.All.Count);
        Assert.Same(catalog.All[0], catalog.Find("alpha-study"));
        Assert.Same(catalog.All[1], catalog.Find("zeta-study"));
        Assert.Null(catalog.Find("Zeta-Study")); // ordinal
        Assert.Null(catalog.Find("mid"));
        Assert.Null(catalog.Find(""));

        IExperiment zeta = catalog.Get("zeta-study").Create();
        Assert.Equal("Samples.Zeta", zeta.GetType().FullName);
        Assert.NotSame(zeta, catalog.Get("zeta-study").Create()); // a new instance each time
        Assert.Equal("Samples.Alpha", catalog.Get("alpha-study").Create().GetType().FullName);
    }

    [Fact]
    public void All_IsReadOnly()
    {
        using LoadedCatalog catalog = ExperimentHarness.Load(Zeta);
        Assert.False(catalog.All is ExperimentDescriptor[]);
        if (catalog.All is System.Collections.Generic.ICollection<ExperimentDescriptor> collection) Assert.True(collection.IsReadOnly);
    }

    [Fact]
    public void AssemblyWithoutExperiments_GetsNoCatalog()
    {
        GeneratorOutput output = ExperimentHarness.Run(ExperimentHarness.Usings + """
            public sealed class NotAnExperiment
            {
                public int Steps { get; set; }
            }
            """);
        Assert.Empty(output.Sources);
        Assert.Empty(output.GeneratorDiagnostics);
    }

    [Fact]
    public void InvalidExperiment_IsLeftOut_ValidOnesStay()
    {
        GeneratorOutput output = ExperimentHarness.Run(Zeta, ExperimentHarness.Usings + """
            [Experiment("broken")]
            public sealed class Broken : IExperiment
            {
                public ExperimentResult Run(ExperimentContext context) => context.Result();
            }
            """);
        Assert.Equal("LSG0303", Assert.Single(output.GeneratorDiagnostics).Id);
        (string hint, string text) = Assert.Single(output.Sources);
        Assert.Equal(ExperimentGenerator.CatalogHintName, hint);
        Assert.Contains("\"zeta-study\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("broken", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_RestatesEveryDeclaration()
    {
        GeneratorOutput output = ExperimentHarness.Run(Zeta, AlphaAndMiddle);
        string source = output.SingleSource;
        string[] lines = source.Split('\n');
        int start = Array.FindIndex(lines, l => l.StartsWith("// The [Experiment] classes of this assembly (3), by name:", StringComparison.Ordinal));
        Assert.True(start >= 0, source);
        string header = string.Join("\n", lines.Skip(start + 1).TakeWhile(l => l.StartsWith("//", StringComparison.Ordinal)));
        Assert.Contains("""
            //
            //   alpha-study: global::Samples.Alpha
            //     The first one
            //     --learning-rates  double[]  LearningRates  Learning rates
            //
            //   mid: global::Samples.Inner.Middle
            //     (no settings)
            //
            //   zeta-study: global::Samples.Zeta
            //     The last one
            //     --steps  int  Steps  Steps per run
            """.Replace("\r\n", "\n", StringComparison.Ordinal), header, StringComparison.Ordinal);
    }

    [Fact]
    public void GeneratedCode_UsesOnlyGlobalQualifiedNames_SoUserTypesCannotCaptureThem()
    {
        // Inside the catalog's namespace, 'Samples', 'System' and 'Landscape' would bind to these if a name were not global::-qualified.
        using LoadedCatalog catalog = ExperimentHarness.Load(Zeta, """
            namespace Landscape.Experiments
            {
                internal sealed class Samples { }
            }
            namespace Landscape.Experiments.System
            {
                internal sealed class StringComparison { }
                internal sealed class String { }
            }
            namespace Landscape.Experiments.Landscape.Experiments
            {
                internal sealed class SettingText { }
                internal sealed class ExperimentDescriptor { }
            }
            """);
        Assert.Equal("10", catalog.Get("zeta-study").Settings[0].Default);
    }
}
