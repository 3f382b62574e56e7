using System;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Landscape.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Landscape.Generators.Tests;

/// <summary>
/// <see cref="Literals"/> must produce C# literals that the compiler reads back as exactly the value written, whatever
/// the culture. Doubles are checked over random bit patterns (every exponent, subnormals, NaN payloads) by parsing the
/// text with the C# parser itself; strings by parsing the literal and comparing the token's value.
/// </summary>
public sealed class LiteralsTests
{
    /// <summary>Random doubles to round-trip: each is matched against the C# real-literal grammar and read back with double.Parse.</summary>
    private const int RandomDoubleCount = 100_000;

    /// <summary>
    /// How many of them also go through Roslyn's expression parser. That costs ~50 µs each, so it is done for a sample;
    /// the grammar check on every value ensures the compiler reads the same token that double.Parse reads (both round correctly).
    /// </summary>
    private const int FullyParsedCount = 2_000;

    /// <summary>A C# real literal with the d suffix, optionally negated: what <see cref="Literals.Double"/> writes for finite values.</summary>
    private static readonly Regex s_realLiteral = new("^-?[0-9]+(\\.[0-9]+)?(E[+-][0-9]+)?d$", RegexOptions.CultureInvariant);

    private const int Seed = 20240611;

    private static readonly double[] s_specialDoubles =
    [
        0.0, -0.0, 1.0, -1.0, 0.1, -0.1, 1.0 / 3.0, 2.0 / 3.0, 0.001, 1e-300, 12345.678, 1e15, 1e16, 1e21, 123456789012345678.0,
        9007199254740993.0, 4.35, 0.3, 5e-324, -5e-324, double.Epsilon, -double.Epsilon,
        double.MaxValue, double.MinValue, BitConverter.Int64BitsToDouble(0x000FFFFFFFFFFFFF), 2.2250738585072014E-308,
        1.7976931348623157E+308, Math.PI, Math.E, 1e308, 1e-308, 100.0, 1e-5, 1e-4, 123e-20,
        double.PositiveInfinity, double.NegativeInfinity, double.NaN, -double.NaN,
        BitConverter.Int64BitsToDouble(0x7FF0000000000001), BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8000000000123)),
    ];

    [Fact]
    public void Double_RoundTrips_ForRandomBitPatterns()
    {
        var random = new Random(Seed);
        byte[] bytes = new byte[8];
        for (int i = 0; i < RandomDoubleCount; i++)
        {
            random.NextBytes(bytes);
            AssertRoundTrips(BitConverter.ToDouble(bytes), fullParse: i < FullyParsedCount);
        }
    }

    [Fact]
    public void Double_RoundTripsThroughTheCSharpParser_ForSpecialValues()
    {
        foreach (double value in s_specialDoubles) AssertRoundTrips(value);
    }

    [Fact]
    public void Double_RoundTrips_ForNeighboursOfPowersOfTen()
    {
        // Shortest round-trip formatting is hardest next to decimal boundaries: check 10^k and its two neighbours.
        for (int k = -323; k <= 308; k++)
        {
            double p = double.Parse("1e" + k.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            AssertRoundTrips(p);
            AssertRoundTrips(Math.BitIncrement(p));
            AssertRoundTrips(Math.BitDecrement(p));
        }
    }

    [Theory]
    [InlineData(0.0, "0d")]
    [InlineData(-0.0, "-0.0d")]
    [InlineData(1.0, "1d")]
    [InlineData(-2.5, "-2.5d")]
    [InlineData(0.001, "0.001d")]
    [InlineData(1e-300, "1E-300d")]
    [InlineData(12345.678, "12345.678d")]
    [InlineData(double.NaN, "double.NaN")]
    [InlineData(double.PositiveInfinity, "double.PositiveInfinity")]
    [InlineData(double.NegativeInfinity, "double.NegativeInfinity")]
    public void Double_KnownValues(double value, string expected)
    {
        Assert.Equal(expected, Literals.Double(value));
    }

    [Fact]
    public void Double_IsTheShortestRoundTripText()
    {
        // "R" on .NET Core 3.0+ is the shortest text that round-trips; G17 would give 0.10000000000000001.
        Assert.Equal("0.1d", Literals.Double(0.1));
        Assert.Equal("0.30000000000000004d", Literals.Double(0.1 + 0.2));
    }

    [Theory]
    [InlineData("fi-FI")]
    [InlineData("ar-SA")]
    [InlineData("custom-minus")]
    public void Literals_AreCultureInvariant(string cultureName)
    {
        var random = new Random(Seed);
        var values = new double[1000];
        for (int i = 0; i < values.Length; i++) values[i] = BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
        string[] invariant = Format(values);

        CultureInfo saved = CultureInfo.CurrentCulture, savedUI = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo culture = cultureName == "custom-minus" ? MinusCulture() : CultureInfo.GetCultureInfo(cultureName);
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            Assert.NotEqual((-1.5).ToString(CultureInfo.InvariantCulture), (-1.5).ToString(CultureInfo.CurrentCulture)); // the culture bites
            Assert.Equal(invariant, Format(values));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = savedUI;
        }

        static string[] Format(double[] values)
        {
            var texts = new string[values.Length + 4];
            for (int i = 0; i < values.Length; i++) texts[i] = Literals.Double(values[i]);
            texts[values.Length] = Literals.Int(-12345);
            texts[values.Length + 1] = Literals.Int(int.MinValue);
            texts[values.Length + 2] = Literals.Grouped(-1234567890123);
            texts[values.Length + 3] = Literals.Grouped(199210);
            return texts;
        }
    }

    [Fact]
    public void IntAndGrouped_UseAsciiMinusAndCommaGroups()
    {
        Assert.Equal("-2147483648", Literals.Int(int.MinValue));
        Assert.Equal("0", Literals.Int(0));
        Assert.Equal("199,210", Literals.Grouped(199210));
        Assert.Equal("2,147,483,591", Literals.Grouped(0x7FFFFFC7));
        Assert.Equal("-1,000", Literals.Grouped(-1000));
    }

    [Theory]
    [InlineData("", "\"\"")]
    [InlineData("dense0.weight", "\"dense0.weight\"")]
    [InlineData("a\"b", "\"a\\\"b\"")]
    [InlineData("a\\b", "\"a\\\\b\"")]
    [InlineData("\r\n\t\0", "\"\\r\\n\\t\\0\"")]
    [InlineData("\u2028\u2029\u0085\u0001\u007F", "\"\\u2028\\u2029\\u0085\\u0001\\u007F\"")]
    [InlineData("é→∇", "\"é→∇\"")]
    public void String_KnownValues(string value, string expected)
    {
        Assert.Equal(expected, Literals.String(value));
        AssertStringRoundTrips(value);
    }

    [Fact]
    public void String_EveryAsciiAndSeparatorCharacter_RoundTrips()
    {
        for (int c = 0; c < 0x100; c++) AssertStringRoundTrips("x" + (char)c + "y");
        foreach (char c in "\u2028\u2029\u200B\uFEFF\u00A0\u2212") AssertStringRoundTrips("x" + c + "y");
    }

    [Fact]
    public void String_RandomStrings_RoundTrip()
    {
        // Random mixes of the hard cases (quotes, backslashes, control and line-separator characters) with random BMP
        // characters (no lone surrogates) and well-formed surrogate pairs.
        var random = new Random(Seed);
        const string hard = "\"\\\r\n\t\0\a\b\f\v\u0085\u2028\u2029{}$@'";
        for (int i = 0; i < 5000; i++)
        {
            var builder = new StringBuilder();
            int length = random.Next(0, 24);
            for (int j = 0; j < length; j++)
            {
                switch (random.Next(4))
                {
                    case 0: builder.Append(hard[random.Next(hard.Length)]); break;
                    case 1: builder.Append((char)random.Next(0, 0x80)); break;
                    case 2: builder.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x110000))); break;
                    default:
                        char c;
                        do c = (char)random.Next(0, 0x10000); while (char.IsSurrogate(c));
                        builder.Append(c);
                        break;
                }
            }
            AssertStringRoundTrips(builder.ToString());
        }
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>
    /// Checks that <see cref="Literals.Double"/> writes <paramref name="value"/> as a C# literal that reads back to the same
    /// bits (any NaN for NaN): with Roslyn's parser when <paramref name="fullParse"/> (or for the named constants), else
    /// with the grammar check plus double.Parse.
    /// </summary>
    private static void AssertRoundTrips(double value, bool fullParse = true)
    {
        string text = Literals.Double(value);
        bool named = text.StartsWith("double.", StringComparison.Ordinal);
        if (!named)
        {
            Assert.True(s_realLiteral.IsMatch(text), $"'{text}' is not a C# real literal with a d suffix.");
            // A second, independent reader: double.Parse of the text without its suffix.
            double viaParse = double.Parse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.True(BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(viaParse),
                $"{Describe(value)} was written as '{text}', which double.Parse reads as {Describe(viaParse)}.");
        }
        if (!fullParse && !named) return;

        double parsed = ParseDoubleLiteral(text);
        if (double.IsNaN(value))
            Assert.True(double.IsNaN(parsed), $"{text} does not parse to NaN.");
        else
            Assert.True(BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(parsed),
                $"{Describe(value)} was written as '{text}', which the C# parser reads as {Describe(parsed)}.");

        static string Describe(double x) => $"{x.ToString("G17", CultureInfo.InvariantCulture)} (bits {BitConverter.DoubleToInt64Bits(x):X16})";
    }

    /// <summary>Reads a double literal the way the compiler does: a real literal, optionally negated, or a double.X constant.</summary>
    private static double ParseDoubleLiteral(string text)
    {
        ExpressionSyntax expression = SyntaxFactory.ParseExpression(text);
        Assert.False(expression.ContainsDiagnostics, $"'{text}' is not a valid C# expression.");
        Assert.Equal(text, expression.ToFullString());
        switch (expression)
        {
            case LiteralExpressionSyntax { Token.Value: double literal }:
                return literal;
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression, Operand: LiteralExpressionSyntax { Token.Value: double negated } }:
                return -negated;
            case MemberAccessExpressionSyntax { Expression: PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.DoubleKeyword }, Name.Identifier.ValueText: string member }:
                return member switch
                {
                    "NaN" => double.NaN,
                    "PositiveInfinity" => double.PositiveInfinity,
                    "NegativeInfinity" => double.NegativeInfinity,
                    _ => throw new Xunit.Sdk.XunitException($"Unexpected constant double.{member}."),
                };
            default:
                throw new Xunit.Sdk.XunitException($"'{text}' is a {expression.Kind()}, not a double literal.");
        }
    }

    private static void AssertStringRoundTrips(string value)
    {
        string literal = Literals.String(value);
        ExpressionSyntax expression = SyntaxFactory.ParseExpression(literal);
        Assert.False(expression.ContainsDiagnostics, $"{literal} is not a valid C# literal: {string.Join("; ", expression.GetDiagnostics())}");
        var string_ = Assert.IsType<LiteralExpressionSyntax>(expression);
        Assert.Equal(SyntaxKind.StringLiteralExpression, string_.Kind());
        Assert.Equal(literal, string_.Token.Text);
        Assert.Equal(value, string_.Token.ValueText);
        // A regular literal must stay on one line: no character that C# treats as a line break may appear raw.
        Assert.True(literal.IndexOfAny(['\r', '\n', '\u0085', '\u2028', '\u2029']) < 0, $"Raw line break in {literal}.");
    }

    private static CultureInfo MinusCulture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NegativeSign = "\u2212";
        culture.NumberFormat.NumberDecimalSeparator = ",";
        return culture;
    }
}
