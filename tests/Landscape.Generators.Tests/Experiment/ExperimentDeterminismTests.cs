using System;
using System.Globalization;
using System.Linq;
using Landscape.Generators.Tests.Infrastructure;

namespace Landscape.Generators.Tests.Experiment;

/// <summary>
/// The catalog and the LSG03xx messages are byte-identical whatever the build machine's culture (STYLE F4): fi-FI
/// (U+2212 minus, ',' decimals), tr-TR (dotless ı when lower-casing 'I', which the kebab rule must not produce) and the
/// invariant culture. File order must not matter either.
/// </summary>
public sealed class ExperimentDeterminismTests
{
    private const string Invalid = ExperimentHarness.Usings + """
        [Experiment("ImageIO")]
        public class Broken
        {
            [Setting("Size")] public float Size { get; set; } = -1.5f;
        }
        """;

    [Theory]
    [InlineData("fi-FI")]
    [InlineData("tr-TR")]
    public void Catalog_IsByteIdenticalUnderCulture(string cultureName)
    {
        string expected = RunUnder(CultureInfo.InvariantCulture, ExperimentSnapshotTests.StudiesSource).SingleSource;
        string actual = RunUnder(CultureInfo.GetCultureInfo(cultureName), ExperimentSnapshotTests.StudiesSource).SingleSource;
        Assert.Equal(expected, actual);
        Assert.Contains("\"hvp-count\"", expected, StringComparison.Ordinal); // 'I'-free, but 'HVP' is lower-cased
        Assert.Contains("\"max-t\"", expected, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fi-FI")]
    [InlineData("tr-TR")]
    public void DiagnosticMessages_AreIdenticalUnderCulture(string cultureName)
    {
        string[] expected = Messages(RunUnder(CultureInfo.InvariantCulture, Invalid));
        string[] actual = Messages(RunUnder(CultureInfo.GetCultureInfo(cultureName), Invalid));
        Assert.Equal(expected, actual);
        Assert.Contains(expected, m => m.Contains("use 'image-io'", StringComparison.Ordinal)); // not 'ımage-ıo' under tr-TR

        static string[] Messages(GeneratorOutput output) => output.GeneratorDiagnostics
            .Select(d => d.Id + ": " + d.GetMessage(CultureInfo.CurrentCulture))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    [Fact]
    public void Catalog_DoesNotDependOnFileOrder()
    {
        string a = ExperimentHarness.Usings + "[Experiment(\"b-study\")] public sealed partial class B : IExperiment { public ExperimentResult Run(ExperimentContext c) => c.Result(); }";
        string b = ExperimentHarness.Usings + "[Experiment(\"a-study\")] public sealed partial class A : IExperiment { public ExperimentResult Run(ExperimentContext c) => c.Result(); }";
        Assert.Equal(ExperimentHarness.Run(a, b).SingleSource, ExperimentHarness.Run(b, a).SingleSource);
    }

    private static GeneratorOutput RunUnder(CultureInfo culture, string source)
    {
        CultureInfo savedCulture = CultureInfo.CurrentCulture;
        CultureInfo savedUICulture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return ExperimentHarness.Run(source);
        }
        finally
        {
            CultureInfo.CurrentCulture = savedCulture;
            CultureInfo.CurrentUICulture = savedUICulture;
        }
    }
}
