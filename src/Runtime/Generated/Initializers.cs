using System;
using Landscape.Numerics;

namespace Landscape.Models;

/// <summary>Seeded weight initialization for generated networks (see <see cref="Init"/>).</summary>
public static class Initializers
{
    /// <summary>
    /// The standard deviation of <paramref name="init"/> for a layer with the given fan-in and fan-out, times <paramref name="scale"/>:
    /// Default 1/√fanIn, He √(2/fanIn), Xavier √(2/(fanIn + fanOut)), Normal 1, Zeros 0.
    /// </summary>
    public static double StandardDeviation(Init init, int fanIn, int fanOut, double scale) => scale * init switch
    {
        Init.Default => 1.0 / Math.Sqrt(fanIn),
        Init.He => Math.Sqrt(2.0 / fanIn),
        Init.Xavier => Math.Sqrt(2.0 / (fanIn + fanOut)),
        Init.Normal => 1.0,
        Init.Zeros => 0.0,
        _ => throw new ArgumentOutOfRangeException(nameof(init), init, "Unknown Init value."),
    };

    /// <summary>
    /// Fills a weight block with N(0, std²) draws from the counter-based stream (seed, <paramref name="stream"/>), so the
    /// values depend only on the seed and the layer index.
    /// </summary>
    public static void Weights(Span<double> weights, int seed, int stream, Init init, int fanIn, int fanOut, double scale)
    {
        double std = StandardDeviation(init, fanIn, fanOut, scale);
        if (std == 0) weights.Clear();
        else CounterRandom.FillNormal(weights, unchecked((ulong)seed), (ulong)stream, std);
    }
}
