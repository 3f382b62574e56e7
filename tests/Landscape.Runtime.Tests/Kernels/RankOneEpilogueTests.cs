using System;
using Landscape.Kernels;
using Landscape.Tests.Networks;

namespace Landscape.Tests.Kernels;

/// <summary>
/// The fused backward step through a one-unit dense layer (<c>Epilogue.BackpropagateRankOne…</c>) gives the bits of the
/// unfused path it replaces — the k = 1 GEMMs (<see cref="Gemm.NN"/>, assigning then accumulating) followed by the σ′ step
/// (<see cref="Epilogue.Backpropagate"/>, <see cref="Epilogue.BackpropagateR"/>, <see cref="Epilogue.BackpropagateKeeping"/>,
/// <see cref="Epilogue.RBackpropagate"/>) — including signed zeros (a GEMM's +0 accumulator turns −0 products into +0),
/// for widths with and without a scalar tail.
/// </summary>
public sealed class RankOneEpilogueTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(64, 100)]
    [InlineData(13, 37)]
    public void FusedSteps_EqualTheGemmsAndTheSigmaStep_BitForBit(int rows, int width)
    {
        var random = new Random(rows * 1000 + width);
        double[] g = Values(random, rows), rg = Values(random, rows), w = Values(random, width), v = Values(random, width);
        double[] first = Values(random, rows * width), rfirst = Values(random, rows * width);
        // Signed zeros: a −0 delta, a −0 weight, and a product that is −0.
        g[0] = -0.0;
        w[^1] = -0.0;
        if (rows > 1) rg[1] = -0.0;

        // Unfused: t = g w (NN with k = 1), rt = rg w + g v, then the σ′ steps.
        double[] t = new double[rows * width], rt = new double[rows * width];
        Gemm.NN(rows, width, 1, g, 1, w, width, t, width);
        Gemm.NN(rows, width, 1, rg, 1, w, width, rt, width);
        Gemm.NN(rows, width, 1, g, 1, v, width, rt, width, accumulate: true);

        double[] gradient = (double[])t.Clone();
        Epilogue.Backpropagate(gradient, first);
        double[] fused = new double[rows * width];
        Epilogue.BackpropagateRankOne(g, w, first, fused, rows, width);
        NumericAssert.BitIdentical(fused, gradient, "gradient pass");

        double[] hg = (double[])t.Clone(), hrg = (double[])rt.Clone();
        Epilogue.BackpropagateR(hg, hrg, first, rfirst);
        double[] fg = new double[rows * width], frg = new double[rows * width];
        Epilogue.BackpropagateRankOneR(g, rg, w, v, first, rfirst, fg, frg, rows, width);
        NumericAssert.BitIdentical(fg, hg, "HVP pass: g");
        NumericAssert.BitIdentical(frg, hrg, "HVP pass: R g");

        double[] kg = (double[])t.Clone(), upstream = new double[rows * width];
        Epilogue.BackpropagateKeeping(kg, first, upstream);
        double[] fkg = new double[rows * width], fupstream = new double[rows * width];
        Epilogue.BackpropagateRankOneKeeping(g, w, first, fkg, fupstream, rows, width);
        NumericAssert.BitIdentical(fkg, kg, "fixed-point pass: g");
        NumericAssert.BitIdentical(fupstream, upstream, "fixed-point pass: ∂L/∂a");

        double[] org = (double[])rt.Clone();
        Epilogue.RBackpropagate(upstream, org, first, rfirst);
        double[] forg = new double[rows * width];
        Epilogue.RBackpropagateRankOne(g, rg, w, v, upstream, first, rfirst, forg, rows, width);
        NumericAssert.BitIdentical(forg, org, "operator product: R g");
    }

    [Fact]
    public void WrongLengths_AreRefusedWithTheExpectation()
    {
        var error = Assert.Throws<ArgumentException>(() => Epilogue.BackpropagateRankOne(new double[3], new double[5], new double[15], new double[15], 4, 5));
        Assert.Contains("Expected 4 deltas", error.Message, StringComparison.Ordinal);
    }

    private static double[] Values(Random random, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = 2 * random.NextDouble() - 1;
        return values;
    }
}
