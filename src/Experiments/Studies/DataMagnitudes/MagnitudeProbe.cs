using System;
using System.Numerics.Tensors;
using Landscape.Numerics;

namespace Landscape.Experiments.Studies;

/// <summary>Teachers, probe directions and per-example loss sweeps for the data-magnitude study.</summary>
internal static class MagnitudeProbe
{
    /// <summary>The first-layer weight block of the networks of this study.</summary>
    public const string FirstLayer = "dense0.weight";

    /// <summary>The second-layer weight block of <see cref="MagnitudeTanhNetwork"/>.</summary>
    public const string SecondLayer = "dense1.weight";

    private const ulong FirstLayerStream = 11;
    private const ulong SecondLayerStream = 12;
    private const ulong DirectionStream = 13;

    /// <summary>
    /// Teacher parameters: first-layer weights N(0, <paramref name="firstLayerScale"/>²), second-layer weights N(0, 1)
    /// (if the model has a second layer).
    /// </summary>
    public static double[] Teacher(IModel model, int seed, double firstLayerScale)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!(firstLayerScale > 0) || !double.IsFinite(firstLayerScale))
            throw new ArgumentOutOfRangeException(nameof(firstLayerScale), firstLayerScale, "Expected a positive, finite weight scale.");
        var theta = new double[model.ParameterCount];
        ParameterBlock first = model.Layout[FirstLayer];
        CounterRandom.FillNormal(theta.AsSpan(first.Offset, first.Length), (ulong)(uint)seed, FirstLayerStream, firstLayerScale);
        if (model.Layout.Count > 1)
        {
            ParameterBlock second = model.Layout[SecondLayer];
            CounterRandom.FillNormal(theta.AsSpan(second.Offset, second.Length), (ulong)(uint)seed, SecondLayerStream, 1.0);
        }
        return theta;
    }

    /// <summary>A Gaussian direction in the first-layer weights only (zero elsewhere), scaled to unit Euclidean norm.</summary>
    public static double[] FirstLayerDirection(IModel model, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        var direction = new double[model.ParameterCount];
        ParameterBlock first = model.Layout[FirstLayer];
        Span<double> block = direction.AsSpan(first.Offset, first.Length);
        CounterRandom.FillNormal(block, (ulong)(uint)seed, DirectionStream, 1.0);
        TensorPrimitives.Divide(block, TensorPrimitives.Norm<double>(block), block);
        return direction;
    }

    /// <summary>max over examples i and units j of |wⱼ·xᵢ|: how far the first layer is from tanh's linear regime.</summary>
    public static double MaxPreactivation(IModel model, ReadOnlySpan<double> parameters, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ParameterBlock first = model.Layout[FirstLayer];
        ReadOnlySpan<double> weights = parameters.Slice(first.Offset, first.Length);
        double max = 0;
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<double> x = data.Input(i);
            for (int j = 0; j < first.Rows; j++)
                max = Math.Max(max, Math.Abs(TensorPrimitives.Dot(weights.Slice(j * first.Columns, first.Columns), x)));
        }
        return max;
    }

    /// <summary>
    /// Per-example loss changes ΔLᵢ(t) = ℓᵢ(θ + t·d) − ℓᵢ(θ) at every t of <paramref name="ts"/>: element [k][i].
    /// </summary>
    public static double[][] ExampleDeltas(IModel model, ReadOnlySpan<double> parameters, Dataset data, ReadOnlySpan<double> direction, ReadOnlySpan<double> ts)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var baseLosses = new double[data.Count];
        model.ExampleLosses(parameters, data, baseLosses);
        var point = new double[parameters.Length];
        var deltas = new double[ts.Length][];
        for (int k = 0; k < ts.Length; k++)
        {
            TensorPrimitives.MultiplyAdd(direction, ts[k], parameters, point);
            deltas[k] = new double[data.Count];
            model.ExampleLosses(point, data, deltas[k]);
            TensorPrimitives.Subtract(deltas[k], baseLosses, deltas[k]);
        }
        return deltas;
    }

    /// <summary>Σ over the examples of <paramref name="groupOf"/> = g of ΔLᵢ(t), divided by n: each group's part of ΔL(t). Element [g][k].</summary>
    public static double[][] GroupContributions(double[][] exampleDeltas, ReadOnlySpan<int> groupOf, int groups)
    {
        var result = new double[groups][];
        for (int g = 0; g < groups; g++) result[g] = new double[exampleDeltas.Length];
        for (int k = 0; k < exampleDeltas.Length; k++)
        {
            double[] row = exampleDeltas[k];
            for (int i = 0; i < row.Length; i++) result[groupOf[i]][k] += row[i];
            for (int g = 0; g < groups; g++) result[g][k] /= row.Length;
        }
        return result;
    }

    /// <summary>
    /// Per example, the first |t| of the grid at which its own local exponent d ln ΔLᵢ / d ln t falls below
    /// <paramref name="level"/> (NaN if it never does): where that example leaves its quadratic regime.
    /// </summary>
    public static double[] ExampleKnees(ReadOnlySpan<double> ts, double[][] exampleDeltas, double level)
    {
        int n = exampleDeltas.Length == 0 ? 0 : exampleDeltas[0].Length;
        var knees = new double[n];
        var curve = new double[ts.Length];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < ts.Length; k++) curve[k] = exampleDeltas[k][i];
            double[] p = ExponentCurve.LocalExponents(ts, curve);
            knees[i] = ExponentCurve.FirstCrossingBelow(ts, p, level);
        }
        return knees;
    }
}
