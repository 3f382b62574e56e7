using Landscape.Generators.Experiment;

namespace Landscape.Generators.Tests.Experiment;

/// <summary>The rule that turns a property name into its command-line name, and the experiment-name pattern.</summary>
public sealed class KebabCaseTests
{
    [Theory]
    [InlineData("LearningRates", "learning-rates")]
    [InlineData("MaxT", "max-t")]
    [InlineData("HVPCount", "hvp-count")]
    [InlineData("IOStream", "io-stream")]
    [InlineData("Steps", "steps")]
    [InlineData("X", "x")]
    [InlineData("ABC", "abc")]
    [InlineData("learningRates", "learning-rates")]
    [InlineData("Layer2Width", "layer2-width")]
    [InlineData("L2Penalty", "l2-penalty")]
    [InlineData("Top5", "top5")]
    [InlineData("Top5k", "top5k")]
    [InlineData("max_steps", "max-steps")]
    [InlineData("Max_Steps", "max-steps")]
    [InlineData("_private", "private")]
    [InlineData("UseGPU", "use-gpu")]
    [InlineData("EdgeOfStability", "edge-of-stability")]
    [InlineData("edge of  stability!", "edge-of-stability")]
    [InlineData("a--b", "a-b")]
    [InlineData("", "")]
    [InlineData("__", "")]
    public void From_SplitsWordsAndLowerCases(string identifier, string expected) => Assert.Equal(expected, KebabCase.From(identifier));

    [Theory]
    [InlineData("edge-of-stability", true)]
    [InlineData("e2", true)]
    [InlineData("slice-2d", true)]
    [InlineData("a-1-b", true)]
    [InlineData("a", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("2d-slice", false)]
    [InlineData("Edge", false)]
    [InlineData("edge_of", false)]
    [InlineData("edge--of", false)]
    [InlineData("-edge", false)]
    [InlineData("edge-", false)]
    [InlineData("edge of", false)]
    [InlineData("édge", false)]
    public void IsValid_MatchesTheKebabPattern(string? name, bool expected)
    {
        Assert.Equal(expected, KebabCase.IsValid(name));
        // The hand-written check is the documented regular expression.
        bool regex = name is not null && System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z][a-z0-9]*(-[a-z0-9]+)*$");
        Assert.Equal(regex, KebabCase.IsValid(name));
    }

    [Fact]
    public void From_IsCultureIndependent()
    {
        // Turkish upper-case I lower-cases to dotless ı under tr-TR; the rule uses the invariant mapping.
        System.Globalization.CultureInfo saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("tr-TR");
            Assert.Equal("io-stream", KebabCase.From("IOStream"));
            Assert.Equal("init-scale", KebabCase.From("InitScale"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }
}
