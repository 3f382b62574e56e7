using System;
using System.Numerics.Tensors;

namespace Landscape.Kernels;

public static partial class Convolution
{
    /// <summary>
    /// Adds a per-channel bias to a block of NCHW rows: <c>values[e, c, s] += bias[c]</c> for every example e, channel c
    /// and spatial position s &lt; <paramref name="spatial"/> (one rounded addition per value).
    /// </summary>
    /// <remarks>NaN and infinities propagate as IEEE 754 addition does.</remarks>
    /// <param name="values">The rows × channels·spatial block (exactly that many values), updated in place.</param>
    /// <param name="bias">The bias, exactly <paramref name="channels"/> values; must not overlap <paramref name="values"/>.</param>
    /// <param name="rows">Examples in the block (≥ 0).</param>
    /// <param name="channels">Channels per example (≥ 1).</param>
    /// <param name="spatial">Values per channel, OH·OW (≥ 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    /// <exception cref="ArgumentException">A span's length is not exactly the block's, or the spans overlap.</exception>
    public static void AddChannelBias(Span<double> values, ReadOnlySpan<double> bias, int rows, int channels, int spatial)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(spatial, 1);
        SpatialShape.CheckLength(values.Length, (long)rows * channels * spatial, nameof(values), "the block (rows·channels·spatial)");
        SpatialShape.CheckLength(bias.Length, channels, nameof(bias), "the bias (one value per channel)");
        SpatialShape.CheckDisjoint(values, bias, nameof(values), nameof(bias));
        for (int e = 0; e < rows; e++)
        {
            for (int c = 0; c < channels; c++)
            {
                Span<double> plane = values.Slice((e * channels + c) * spatial, spatial);
                TensorPrimitives.Add(plane, bias[c], plane);
            }
        }
    }

    /// <summary>
    /// The per-channel sums of a block of NCHW rows (the bias gradient of a convolution):
    /// <c>sums[c] = start + values[0, c, 0] + values[0, c, 1] + … + values[rows − 1, c, spatial − 1]</c>, added one at a
    /// time in increasing (example, position) order, where start = accumulate ? sums[c] : +0.0.
    /// </summary>
    /// <remarks>
    /// The order is the naive loop's, so the bits are those of that loop on every CPU (and those of a fused
    /// multiply-add chain against ones, i.e. of a GEMM with an all-ones operand). NaN and infinities propagate as IEEE
    /// 754 addition does.
    /// </remarks>
    /// <param name="values">The rows × channels·spatial block (exactly that many values).</param>
    /// <param name="sums">Receives the sums, exactly <paramref name="channels"/> values; must not overlap <paramref name="values"/>.</param>
    /// <param name="rows">Examples in the block (≥ 0); with 0 rows the sums are <c>accumulate ? sums : +0.0</c>.</param>
    /// <param name="channels">Channels per example (≥ 1).</param>
    /// <param name="spatial">Values per channel, OH·OW (≥ 1).</param>
    /// <param name="accumulate">Add to the current contents of <paramref name="sums"/> instead of overwriting them.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    /// <exception cref="ArgumentException">A span's length is not exactly the block's, or the spans overlap.</exception>
    public static unsafe void ChannelSums(ReadOnlySpan<double> values, Span<double> sums, int rows, int channels, int spatial, bool accumulate = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(spatial, 1);
        SpatialShape.CheckLength(values.Length, (long)rows * channels * spatial, nameof(values), "the block (rows·channels·spatial)");
        SpatialShape.CheckLength(sums.Length, channels, nameof(sums), "the sums (one value per channel)");
        SpatialShape.CheckDisjoint(sums, values, nameof(sums), nameof(values));
        if (!accumulate)
            sums.Clear();

        fixed (double* v0 = values)
        fixed (double* s = sums)
        {
            for (int e = 0; e < rows; e++)
            {
                double* v = v0 + (nint)e * channels * spatial;
                int c = 0;
                // Four channels at a time: four independent addition chains in flight, each still in position order.
                for (; c + 4 <= channels; c += 4)
                {
                    double* a = v + (nint)c * spatial;
                    double s0 = s[c], s1 = s[c + 1], s2 = s[c + 2], s3 = s[c + 3];
                    for (nint i = 0; i < spatial; i++)
                    {
                        s0 += a[i];
                        s1 += a[spatial + i];
                        s2 += a[2 * (nint)spatial + i];
                        s3 += a[3 * (nint)spatial + i];
                    }
                    s[c] = s0;
                    s[c + 1] = s1;
                    s[c + 2] = s2;
                    s[c + 3] = s3;
                }
                for (; c < channels; c++)
                {
                    double* a = v + (nint)c * spatial;
                    double acc = s[c];
                    for (nint i = 0; i < spatial; i++)
                        acc += a[i];
                    s[c] = acc;
                }
            }
        }
    }
}
