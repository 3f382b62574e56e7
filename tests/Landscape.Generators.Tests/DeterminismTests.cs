using System;
using System.Globalization;
using System.Linq;
using Landscape.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Landscape.Generators.Tests;

/// <summary>
/// The same declaration gives the same bytes whatever the culture of the build machine (STYLE F4): the generator output
/// and its diagnostic messages are compared under the invariant culture, fi-FI (',' decimal separator, U+2212 minus, NBSP
/// group separator), tr-TR (dotless i in case mapping) and a custom culture whose negative sign is U+2212.
/// </summary>
public sealed class DeterminismTests
{
    /// <summary>Non-integer, tiny, large and negative-exponent numbers: every one of them is culture-sensitive in ToString().</summary>
    private const string Declaration = """
        using Landscape;

        namespace Samples.Culture;

        [Network(LossFunction.SoftmaxCrossEntropy)]
        [Input(1234)]
        [Dense(1000, Activation.Tanh, InitScale = 0.001)]
        [Dense(20, Activation.Sigmoid, Init = Init.Xavier, InitScale = 1e-300)]
        [Dense(15, Activation.Identity, Bias = false, InitScale = 12345.678)]
        [Dense(12, Activation.Elu, Init = Init.He, InitScale = 2.5e+300)]
        [Dense(10, Activation.Sin, InitScale = -0.0)]
        public partial class CultureNet;
        """;

    /// <summary>One error of each kind whose message holds a number (negative size, grouped counts, non-integer scale).</summary>
    private const string InvalidDeclarations = """
        using Landscape;

        [Network(LossFunction.MeanSquaredError)]
        [Input(-3)]
        [Dense(2, InitScale = -1.5)]
        public partial class Negative;

        [Network(LossFunction.MeanSquaredError)]
        [Input(100000)]
        [Dense(100000)]
        public partial class Huge;
        """;

    public static TheoryData<string> Cultures => ["fi-FI", "tr-TR", "ar-SA", "custom-minus"];

    [Theory]
    [MemberData(nameof(Cultures))]
    public void GeneratedSource_IsByteIdenticalUnderCulture(string cultureName)
    {
        string expected = RunUnder(CultureInfo.InvariantCulture, Declaration).SingleSource;
        string actual = RunUnder(Create(cultureName), Declaration).SingleSource;
        Assert.Equal(expected, actual);

        // Sanity: the invariant text really contains the numbers, so the comparison covers them.
        Assert.Contains("InitScale = 0.001", expected, StringComparison.Ordinal);
        Assert.Contains("InitScale = 1E-300", expected, StringComparison.Ordinal);
        Assert.Contains("InitScale = 12345.678", expected, StringComparison.Ordinal);
        Assert.Contains("InitScale = -0.0", expected, StringComparison.Ordinal);
        Assert.Contains("1,255,642 parameters", expected, StringComparison.Ordinal);
        Assert.Contains("Architecture = \"1234-1000-20-15-12-10 tanh/sigmoid/identity/elu/sin, softmax cross-entropy, no bias in dense2\";", expected, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void DiagnosticMessages_AreIdenticalUnderCulture(string cultureName)
    {
        string[] expected = Messages(RunUnder(CultureInfo.InvariantCulture, InvalidDeclarations));
        string[] actual = Messages(RunUnder(Create(cultureName), InvalidDeclarations));
        Assert.Equal(expected, actual);
        Assert.Contains(expected, m => m.Contains("but is -3", StringComparison.Ordinal));
        Assert.Contains(expected, m => m.Contains("but is -1.5", StringComparison.Ordinal));
        Assert.Contains(expected, m => m.Contains("10,000,100,000 parameters", StringComparison.Ordinal));

        // Messages are built from invariant strings by the generator; formatting them with a culture must not change them.
        static string[] Messages(GeneratorOutput output) => output.GeneratorDiagnostics
            .Select(d => d.Id + ": " + d.GetMessage(CultureInfo.CurrentCulture))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    [Fact]
    public void CustomCulture_ReallyChangesDefaultFormatting()
    {
        // Guards the test itself: if the culture did not change ToString(), the comparisons above would prove nothing.
        CultureInfo culture = Create("custom-minus");
        Assert.Equal("\u22121,5", (-1.5).ToString(culture));
        Assert.Equal("0,001", 0.001.ToString(CultureInfo.GetCultureInfo("fi-FI")));
        Assert.Equal("\u22123", (-3).ToString(CultureInfo.GetCultureInfo("fi-FI")));
    }

    /// <summary>Runs the generator with <paramref name="culture"/> as the current (UI) culture, restoring both afterwards.</summary>
    private static GeneratorOutput RunUnder(CultureInfo culture, string source)
    {
        CultureInfo savedCulture = CultureInfo.CurrentCulture;
        CultureInfo savedUICulture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return GeneratorHarness.Run(source);
        }
        finally
        {
            CultureInfo.CurrentCulture = savedCulture;
            CultureInfo.CurrentUICulture = savedUICulture;
        }
    }

    private static CultureInfo Create(string name)
    {
        if (name != "custom-minus") return CultureInfo.GetCultureInfo(name);
        // Invariant, except that the minus is U+2212 and the decimal separator is ',' (as in several real cultures).
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NegativeSign = "\u2212";
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = "\u00A0";
        return culture;
    }
}
