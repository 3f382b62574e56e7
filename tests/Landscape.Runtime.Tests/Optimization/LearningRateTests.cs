using System;
using System.Globalization;
using Landscape.Optimization;

namespace Landscape.Tests.Optimization;

/// <summary>The learning-rate schedules against their formulas, composition, argument checks and descriptions.</summary>
public sealed class LearningRateTests
{
    /// <summary>Schedules evaluate a closed form with Pow/Cos; the expectations use the same functions, differing by an ulp or two.</summary>
    private const double FormulaTolerance = 1e-15;

    private static void Near(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= FormulaTolerance * Math.Abs(expected),
                    string.Create(CultureInfo.InvariantCulture, $"expected {expected:R}, got {actual:R}"));

    [Fact]
    public void Constant_IsConstant()
    {
        LearningRate rate = LearningRate.Constant(0.25);
        foreach (long step in new long[] { 0, 1, 17, 1_000_000, long.MaxValue }) Assert.Equal(0.25, rate.At(step));
    }

    [Fact]
    public void Step_MultipliesByTheFactorAtEachMilestoneReached()
    {
        // η0·factor^(number of milestones ≤ step); the repeated milestone 20 counts twice.
        LearningRate rate = LearningRate.Step(0.1, 0.5, 10, 20, 20, 35);
        Near(0.1, rate.At(0));
        Near(0.1, rate.At(9));
        Near(0.05, rate.At(10));
        Near(0.05, rate.At(19));
        Near(0.0125, rate.At(20));
        Near(0.0125, rate.At(34));
        Near(0.00625, rate.At(35));
        Near(0.00625, rate.At(1_000_000));
        Near(0.3, LearningRate.Step(0.3, 0.1).At(500)); // no milestones: constant
    }

    [Fact]
    public void Step_CopiesItsMilestones()
    {
        int[] at = [5, 10];
        LearningRate rate = LearningRate.Step(1.0, 0.1, at);
        at[0] = 100;
        Near(0.1, rate.At(5));
    }

    [Fact]
    public void Exponential_IsEta0TimesDecayToTheStep()
    {
        LearningRate rate = LearningRate.Exponential(0.2, 0.9);
        Near(0.2, rate.At(0));
        Near(0.2 * 0.9, rate.At(1));
        Near(0.2 * 0.729, rate.At(3));
        Near(0.2 * Math.Pow(0.9, 100), rate.At(100));
    }

    [Fact]
    public void Cosine_FollowsTheHalfCosineThenStaysAtEtaMin()
    {
        // η_min + ½(η0 − η_min)(1 + cos(π·min(step, T)/T)), η0 = 1, η_min = 0.1, T = 100.
        LearningRate rate = LearningRate.Cosine(1.0, 100, 0.1);
        Near(1.0, rate.At(0));
        Near(0.1 + 0.45 * (1 + Math.Sqrt(0.5)), rate.At(25));
        Assert.Equal(0.55, rate.At(50), 15);
        Near(0.1 + 0.45 * (1 - Math.Sqrt(0.5)), rate.At(75));
        Near(0.1, rate.At(100));
        Near(0.1, rate.At(10_000));
        Assert.Equal(0.0, LearningRate.Cosine(2.0, 10).At(10));
        // Non-increasing over the whole range.
        for (long s = 1; s <= 120; s++) Assert.True(rate.At(s) <= rate.At(s - 1));
    }

    [Fact]
    public void Warmup_RampsLinearlyThenHandsOver()
    {
        // ((step + 1)/S)·inner(step) for step < S, inner(step) after; S = 10, inner = Cosine(1, 100).
        LearningRate inner = LearningRate.Cosine(1.0, 100);
        LearningRate rate = LearningRate.Warmup(inner, 10);
        Near(0.1 * 1.0, rate.At(0));
        Near(0.5 * (0.5 * (1 + Math.Cos(Math.PI * 4 / 100))), rate.At(4));
        Assert.Equal(inner.At(9), rate.At(9));   // the ratio is exactly 1 at the last warmup step
        Assert.Equal(inner.At(10), rate.At(10));
        Assert.Equal(inner.At(57), rate.At(57));
        for (long s = 0; s < 10; s++) Assert.True(rate.At(s) <= inner.At(s));
    }

    [Fact]
    public void Warmup_OfConstant_IsALinearRamp()
    {
        LearningRate rate = LearningRate.Warmup(LearningRate.Constant(0.3), 4);
        Near(0.075, rate.At(0));
        Near(0.15, rate.At(1));
        Near(0.225, rate.At(2));
        Assert.Equal(0.3, rate.At(3));
        Assert.Equal(0.3, rate.At(4));
    }

    [Fact]
    public void ToString_DescribesTheScheduleInInvariantCulture()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("Constant(eta=0.1)", LearningRate.Constant(0.1).ToString());
            Assert.Equal("Step(eta0=0.1, factor=0.5, at=[100, 200])", LearningRate.Step(0.1, 0.5, 100, 200).ToString());
            Assert.Equal("Exponential(eta0=0.2, decay=0.99)", LearningRate.Exponential(0.2, 0.99).ToString());
            Assert.Equal("Warmup(steps=5, inner=Cosine(eta0=0.5, totalSteps=100, etaMin=0.01))",
                         LearningRate.Warmup(LearningRate.Cosine(0.5, 100, 0.01), 5).ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        foreach (double bad in new[] { 0.0, -0.1, double.NaN, double.PositiveInfinity })
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => LearningRate.Constant(bad));
            Assert.Throws<ArgumentOutOfRangeException>(() => LearningRate.Step(bad, 0.1, 10));
            Assert.Throws<ArgumentOutOfRangeException>(() => LearningRate.Step(0.1, bad, 10));
            Assert.Throws<ArgumentOutOfRangeException>(() => LearningRate.Exponential(bad, 0.9));
            Assert.Throws<ArgumentOutOfRangeException>(() => LearningRate.Exponential(0.1, bad));
            Assert.Throws<ArgumentOutOfRangeException>(() => LearningRate.Cosine(bad, 10));
        }
        Assert.Throws<ArgumentException>(() => LearningRate.Step(0.1, 0.1, 20, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRate.Step(0.1, 0.1, -1, 10));
        Assert.Throws<ArgumentNullException>(() => LearningRate.Step(0.1, 0.1, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRate.Cosine(0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRate.Cosine(0.1, 10, 0.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRate.Cosine(0.1, 10, -0.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRate.Cosine(0.1, 10, double.NaN));
        Assert.Throws<ArgumentNullException>(() => LearningRate.Warmup(null!, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRate.Warmup(LearningRate.Constant(0.1), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRate.Constant(0.1).At(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRate.Warmup(LearningRate.Constant(0.1), 3).At(-1));
    }
}
