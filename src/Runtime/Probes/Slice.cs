using System;
using System.Globalization;
using System.Numerics.Tensors;
using Landscape.Models;

namespace Landscape.Probes;

/// <summary>One- and two-dimensional slices of the loss through a point.</summary>
public static class Slice
{
    /// <summary>
    /// The loss, slope ∇L·d and curvature dᵀHd at θ + t·d for every t in <paramref name="ts"/>. Each point costs exactly
    /// one model call: <see cref="IModel.HessianVectorProduct"/> with v = d returns L, fills ∇L (for the slope) and H·d
    /// (for the curvature) in one fused pass. Points are evaluated in order; each call is itself multi-threaded, and the
    /// result is bit-identical for any thread count.
    /// </summary>
    /// <exception cref="ArgumentException">A vector's length differs from the model's parameter count, or a value of
    /// <paramref name="parameters"/>, <paramref name="direction"/> or <paramref name="ts"/> is NaN or infinite.</exception>
    public static LineSlice Line(IModel model, ReadOnlySpan<double> parameters, Dataset data, ReadOnlySpan<double> direction, ReadOnlySpan<double> ts)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        int n = model.ParameterCount;
        CheckLength(parameters, n, nameof(parameters));
        CheckLength(direction, n, nameof(direction));
        Check.Finite(parameters, nameof(parameters));
        Check.Finite(direction, nameof(direction));
        Check.Finite(ts, nameof(ts));
        var t = ts.ToArray();
        var loss = new double[t.Length];
        var slope = new double[t.Length];
        var curvature = new double[t.Length];
        var point = new double[n];
        var gradient = new double[n];
        var product = new double[n];
        for (int k = 0; k < t.Length; k++)
        {
            // θ + t·d
            TensorPrimitives.MultiplyAdd(direction, t[k], parameters, point);
            loss[k] = model.HessianVectorProduct(point, data, direction, product, gradient);
            slope[k] = TensorPrimitives.Dot(gradient, direction);     // d/dt L(θ + t·d) = ∇L·d
            curvature[k] = TensorPrimitives.Dot(direction, product);  // d²/dt² L(θ + t·d) = dᵀHd
        }
        return new LineSlice(t, loss, slope, curvature);
    }

    /// <summary>
    /// The loss L(θ + x·d₁ + y·d₂) on the grid <paramref name="xs"/> × <paramref name="ys"/>. Rows (one x each) are spread
    /// over <see cref="Parallelism.MaxThreads"/> workers, each with its own point buffer; every grid value is an
    /// independent, deterministic <see cref="IModel.Loss"/> call, so the result is bit-identical for any thread count.
    /// With a <see cref="Distributed.DataParallelModel"/> over several ranks the rows run one after another (its calls
    /// are collective), each call using every rank.
    /// </summary>
    /// <exception cref="ArgumentException">A vector's length differs from the model's parameter count, or a value of
    /// any argument vector is NaN or infinite.</exception>
    public static PlaneSlice Plane(IModel model, ReadOnlySpan<double> parameters, Dataset data, ReadOnlySpan<double> d1, ReadOnlySpan<double> d2,
                                   ReadOnlySpan<double> xs, ReadOnlySpan<double> ys)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        int n = model.ParameterCount;
        CheckLength(parameters, n, nameof(parameters));
        CheckLength(d1, n, nameof(d1));
        CheckLength(d2, n, nameof(d2));
        Check.Finite(parameters, nameof(parameters));
        Check.Finite(d1, nameof(d1));
        Check.Finite(d2, nameof(d2));
        Check.Finite(xs, nameof(xs));
        Check.Finite(ys, nameof(ys));
        double[] theta = parameters.ToArray(), u = d1.ToArray(), v = d2.ToArray(), x = xs.ToArray(), y = ys.ToArray();
        var loss = new double[x.Length, y.Length];
        Distributed.DataParallelModel.For(model, x.Length, i =>
        {
            var point = new double[n];
            var row = new double[n];
            // θ + x·d₁, shared by the row
            TensorPrimitives.MultiplyAdd(u, x[i], theta, row);
            for (int j = 0; j < y.Length; j++)
            {
                // (θ + x·d₁) + y·d₂
                TensorPrimitives.MultiplyAdd(v, y[j], row, point);
                loss[i, j] = model.Loss(point, data);
            }
        });
        return new PlaneSlice(x, y, loss);
    }

    internal static void CheckLength(ReadOnlySpan<double> vector, int expected, string name)
    {
        if (vector.Length != expected)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} has {vector.Length} values; the model has {expected} parameters."), name);
    }
}
