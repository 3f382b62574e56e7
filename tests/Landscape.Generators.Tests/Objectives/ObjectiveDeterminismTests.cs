using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using Landscape.Generators.Tests.Infrastructure;

namespace Landscape.Generators.Tests.Objectives;

/// <summary>
/// The generated objective code is byte-identical whatever the current culture (F4): under fi-FI (comma decimal separator,
/// U+2212 minus) and under a custom culture whose negative sign is U+2212 and whose decimal separator is ';'.
/// </summary>
public sealed class ObjectiveDeterminismTests
{
    /// <summary>Negative, tiny, huge and non-terminating constants, and a member, so every literal path is exercised.</summary>
    private const string Constants = """
        using System;
        using Landscape;

        namespace Samples;

        public sealed partial record Constants(double Scale)
        {
            [Objective]
            double Value(double x, double y)
            {
                var a = -2.5 * x + 1e-7 * y - 0.1;
                var b = 6.02214076e23 * Math.Exp(-x * x) / 3 + (1.0 / 3) * y - (-0.0) * x;
                return a * a * Scale + Math.Pow(1 + b * b, -1.5) + (x < -0.25 ? -x : x * 0.75);
            }
        }
        """;

    [Fact]
    public void GeneratedSource_IsIdenticalUnderEveryCulture()
    {
        string[] sources = [Constants, ObjectiveSnapshotTests.Valley, ObjectiveSnapshotTests.Piecewise];
        string invariant = RunUnder(CultureInfo.InvariantCulture, sources);
        Assert.Contains("-2.5d", invariant, StringComparison.Ordinal);
        Assert.Contains("1E-07d", invariant, StringComparison.Ordinal);
        Assert.Contains("6.02214076E+23d", invariant, StringComparison.Ordinal);

        var finnish = new CultureInfo("fi-FI");
        Assert.Equal("\u2212", finnish.NumberFormat.NegativeSign); // the culture really differs (ICU data present)
        Assert.Equal(invariant, RunUnder(finnish, sources));

        var minus = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        minus.NumberFormat.NegativeSign = "\u2212";
        minus.NumberFormat.NumberDecimalSeparator = ";";
        Assert.Equal(invariant, RunUnder(minus, sources));
    }

    private static string RunUnder(CultureInfo culture, string[] sources)
    {
        CultureInfo previous = CultureInfo.CurrentCulture, previousUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return string.Join("\n//----\n", sources.Select(s =>
            {
                GeneratorOutput output = GeneratorHarness.Run(s);
                Assert.Empty(output.GeneratorDiagnostics);
                Assert.Empty(output.CompilationErrors);
                return output.SingleSource;
            }));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }
}
