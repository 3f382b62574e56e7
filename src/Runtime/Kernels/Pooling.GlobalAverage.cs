using System;
using System.Numerics.Tensors;

namespace Landscape.Kernels;

public static partial class Pooling
{
    /// <summary>
    /// Global average pooling: <c>output[e, c] = (+0.0 + x[e, c, 0, 0] + x[e, c, 0, 1] + … + x[e, c, H − 1, W − 1]) / (H·W)</c>,
    /// the plane's values added left to right in (h, w) order and the sum divided once, giving rows × C values.
    /// </summary>
    /// <remarks>NaN and infinities propagate as IEEE 754 addition does; a sum of large finite values can overflow to ±∞.</remarks>
    /// <param name="input">The block, rows × C·H·W values (exactly that many).</param>
    /// <param name="output">Receives rows × C means (exactly that many); must not overlap <paramref name="input"/>.</param>
    /// <param name="rows">Examples in the block (≥ 0).</param>
    /// <param name="channels">Channels C (≥ 1).</param>
    /// <param name="height">Input height H (≥ 1).</param>
    /// <param name="width">Input width W (≥ 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    /// <exception cref="ArgumentException">A span's length is not exactly the block's, or the spans overlap.</exception>
    public static unsafe void GlobalAverageForward(ReadOnlySpan<double> input, Span<double> output, int rows, int channels, int height, int width)
    {
        var shape = SpatialShape.Create(rows, channels, height, width, 1, 1, 0, pooling: true);
        SpatialShape.CheckLength(input.Length, shape.InputLength, nameof(input), "the input block (rows·C·H·W)");
        SpatialShape.CheckLength(output.Length, shape.Planes, nameof(output), "the output block (rows·C)");
        SpatialShape.CheckDisjoint(output, input, nameof(output), nameof(input));

        nint plane = (nint)shape.InputPlane;
        double divisor = (double)plane;
        fixed (double* x0 = input)
        fixed (double* y = output)
        {
            nint planes = (nint)shape.Planes, p = 0;
            // Four planes at a time: four independent addition chains in flight, each still in (h, w) order.
            for (; p + 4 <= planes; p += 4)
            {
                double* x = x0 + p * plane;
                double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
                for (nint i = 0; i < plane; i++)
                {
                    s0 += x[i];
                    s1 += x[plane + i];
                    s2 += x[2 * plane + i];
                    s3 += x[3 * plane + i];
                }
                y[p] = s0 / divisor;
                y[p + 1] = s1 / divisor;
                y[p + 2] = s2 / divisor;
                y[p + 3] = s3 / divisor;
            }
            for (; p < planes; p++)
            {
                double* x = x0 + p * plane;
                double acc = 0.0;
                for (nint i = 0; i < plane; i++)
                    acc += x[i];
                y[p] = acc / divisor;
            }
        }
    }

    /// <summary>
    /// The adjoint (backward pass) of <see cref="GlobalAverageForward"/>: with g = outputDelta[e, c] / (H·W) (one
    /// rounding), every cell of plane (e, c) becomes <c>start + g</c>, where start = accumulate ? its current value : +0.0.
    /// </summary>
    /// <remarks>NaN and infinities propagate as IEEE 754 arithmetic does.</remarks>
    /// <param name="outputDeltas">The deltas of the means, rows × C values (exactly that many).</param>
    /// <param name="inputDeltas">Receives rows × C·H·W values (exactly that many); must not overlap <paramref name="outputDeltas"/>.</param>
    /// <param name="rows">Examples in the block (≥ 0).</param>
    /// <param name="channels">Channels C (≥ 1).</param>
    /// <param name="height">Input height H (≥ 1).</param>
    /// <param name="width">Input width W (≥ 1).</param>
    /// <param name="accumulate">Add to the current contents of <paramref name="inputDeltas"/> instead of overwriting them.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    /// <exception cref="ArgumentException">A span's length is not exactly the block's, or the spans overlap.</exception>
    public static void GlobalAverageBackward(ReadOnlySpan<double> outputDeltas, Span<double> inputDeltas, int rows, int channels, int height, int width, bool accumulate = false)
    {
        var shape = SpatialShape.Create(rows, channels, height, width, 1, 1, 0, pooling: true);
        SpatialShape.CheckLength(outputDeltas.Length, shape.Planes, nameof(outputDeltas), "the output block (rows·C)");
        SpatialShape.CheckLength(inputDeltas.Length, shape.InputLength, nameof(inputDeltas), "the input block (rows·C·H·W)");
        SpatialShape.CheckDisjoint(inputDeltas, outputDeltas, nameof(inputDeltas), nameof(outputDeltas));

        int plane = (int)shape.InputPlane;
        double divisor = plane;
        for (int p = 0; p < outputDeltas.Length; p++)
        {
            // ∂mean/∂x = 1/(H·W) for every cell of the plane.
            double g = outputDeltas[p] / divisor;
            Span<double> cells = inputDeltas.Slice(p * plane, plane);
            if (accumulate)
                TensorPrimitives.Add(cells, g, cells);
            else
                cells.Fill(0.0 + g); // +0.0 + g: the documented start, so −0.0 deltas give +0.0 like the other adjoints
        }
    }
}
