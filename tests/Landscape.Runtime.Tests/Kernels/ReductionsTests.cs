using System;
using System.Globalization;
using Landscape.Kernels;

namespace Landscape.Tests.Kernels;

/// <summary>Column sums against the naive row-order loop, bit for bit, on every forced SIMD width.</summary>
public sealed class ReductionsTests
{
    /// <summary>Seed of every random matrix in these tests.</summary>
    private const int Seed = 9173;

    /// <summary>NaN with a recognisable payload in the padding of the values: it must never reach a sum.</summary>
    private static readonly double InputSentinel = BitConverter.Int64BitsToDouble(0x7FF8_0000_DEAD_0003);

    /// <summary>NaN with a different payload in sums[width..]: its bits must survive unchanged.</summary>
    private static readonly double OutputSentinel = BitConverter.Int64BitsToDouble(0x7FF8_0000_BEEF_0004);

    /// <summary>
    /// Widths 0..70 (every vector-block and tail combination for 4- and 8-lane vectors) × several row counts,
    /// leading-dimension padding filled with NaN sentinels, accumulate on and off: bit-identical to the naive loop.
    /// </summary>
    [Theory]
    [InlineData("Vector512")]
    [InlineData("Vector256")]
    [InlineData("Scalar")]
    [InlineData("Auto")]
    public void MatchesRowOrderLoopBitForBit(string width)
    {
        SimdWidth simd = Enum.Parse<SimdWidth>(width);
        var rng = new Random(Seed);
        foreach (int rows in new[] { 0, 1, 2, 3, 7, 64, 129 })
        {
            for (int columns = 0; columns <= 70; columns++)
            {
                foreach (bool accumulate in new[] { false, true })
                {
                    int ld = columns + rng.Next(0, 4);
                    double[] values = Fill(rows, columns, ld, rng);
                    double[] sums = new double[columns + 3];
                    Array.Fill(sums, OutputSentinel);
                    for (int j = 0; j < columns; j++)
                        sums[j] = (rng.NextDouble() * 2 - 1) * 100;
                    double[] expected = Oracle(values, rows, columns, ld, sums, accumulate);

                    Reductions.ColumnSums(values, rows, columns, ld, sums, accumulate, simd, emulate: true);

                    for (int j = 0; j < sums.Length; j++)
                    {
                        if (BitConverter.DoubleToInt64Bits(expected[j]) != BitConverter.DoubleToInt64Bits(sums[j]))
                        {
                            Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                                $"{width} rows={rows} width={columns} ld={ld} accumulate={accumulate}: sums[{j}] expected {expected[j]:R} got {sums[j]:R}"));
                        }
                    }
                }
            }
        }
    }

    /// <summary>The public entry point agrees with the oracle, and sums are really in row order (not pairwise).</summary>
    [Fact]
    public void PublicEntryPointSumsInRowOrder()
    {
        // Column 0: 1 + 2⁻⁵³ + 2⁻⁵³ + … in row order stays 1 (each addition rounds back to 1); pairwise or
        // reversed summation would give a larger value. Width 40 puts the column in a vector block on every path.
        const int Rows = 64, Width = 40;
        var values = new double[Rows * Width];
        values[0] = 1.0;
        for (int r = 1; r < Rows; r++)
            values[r * Width] = Math.ScaleB(1.0, -53);
        var sums = new double[Width];
        Reductions.ColumnSums(values, Rows, Width, Width, sums);
        Assert.Equal(1.0, sums[0]);
        double[] expected = Oracle(values, Rows, Width, Width, sums, accumulate: false);
        Assert.Equal(expected, sums);
    }

    /// <summary>NaN and infinities propagate as in IEEE addition; other columns are unaffected.</summary>
    [Theory]
    [InlineData("Vector512")]
    [InlineData("Vector256")]
    [InlineData("Scalar")]
    public void SpecialValuesPropagate(string width)
    {
        SimdWidth simd = Enum.Parse<SimdWidth>(width);
        const int Rows = 5, Columns = 37, Ld = 40;
        var values = new double[(Rows - 1) * Ld + Columns];
        for (int i = 0; i < values.Length; i++)
            values[i] = i % Ld < Columns ? 1.0 : InputSentinel;
        values[2 * Ld + 3] = double.NaN;
        values[1 * Ld + 20] = double.PositiveInfinity;
        values[1 * Ld + 36] = double.PositiveInfinity;
        values[4 * Ld + 36] = double.NegativeInfinity;
        var sums = new double[Columns];
        Reductions.ColumnSums(values, Rows, Columns, Ld, sums, accumulate: false, simd, emulate: true);
        for (int j = 0; j < Columns; j++)
        {
            double expected = j switch { 3 or 36 => double.NaN, 20 => double.PositiveInfinity, _ => 5.0 };
            Assert.Equal(expected, sums[j]);
        }
    }

    /// <summary>Each bad argument throws the documented exception naming that argument.</summary>
    [Fact]
    public void InvalidArgumentsThrow()
    {
        var values = new double[12];
        var sums = new double[4];
        Reductions.ColumnSums(values, 3, 4, 4, sums);

        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => Reductions.ColumnSums(values, -1, 4, 4, sums)).ParamName);
        Assert.Equal("width", Assert.Throws<ArgumentOutOfRangeException>(() => Reductions.ColumnSums(values, 3, -1, 4, sums)).ParamName);
        Assert.Equal("ld", Assert.Throws<ArgumentOutOfRangeException>(() => Reductions.ColumnSums(values, 3, 4, 3, sums)).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => Reductions.ColumnSums(values, 3, 4, 5, sums)).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => Reductions.ColumnSums(values.AsSpan(1), 3, 4, 4, sums)).ParamName);
        Assert.Equal("sums", Assert.Throws<ArgumentException>(() => Reductions.ColumnSums(values, 3, 4, 4, sums.AsSpan(1))).ParamName);
        var shared = new double[16];
        Assert.Equal("sums", Assert.Throws<ArgumentException>(() => Reductions.ColumnSums(shared, 3, 4, 4, shared.AsSpan(11, 4))).ParamName);
        // Adjacent ranges in one array are fine; empty inputs are fine.
        Reductions.ColumnSums(shared, 3, 4, 4, shared.AsSpan(12, 4));
        Reductions.ColumnSums([], 0, 0, 0, []);
        Reductions.ColumnSums([], 0, 4, 4, sums);
        Assert.Equal(new double[4], sums);
    }

    /// <summary>sums[j] = (accumulate ? sums[j] : 0) + values[0·ld + j] + values[1·ld + j] + …, left to right.</summary>
    private static double[] Oracle(double[] values, int rows, int width, int ld, double[] sums, bool accumulate)
    {
        double[] result = sums.AsSpan().ToArray();
        for (int j = 0; j < width; j++)
        {
            double acc = accumulate ? sums[j] : 0.0;
            for (int r = 0; r < rows; r++)
                acc += values[r * ld + j];
            result[j] = acc;
        }
        return result;
    }

    /// <summary>
    /// rows×width values uniform in [−1, 1) times 2^e, e ∈ [−20, 20] (wide magnitude range, so the order of the
    /// additions shows in the last bits), with NaN sentinels in the padding and 0–2 trailing slots.
    /// </summary>
    private static double[] Fill(int rows, int width, int ld, Random rng)
    {
        long need = rows == 0 || width == 0 ? 0 : (long)(rows - 1) * ld + width;
        var x = new double[need + rng.Next(0, 3)];
        Array.Fill(x, InputSentinel);
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < width; j++)
                x[r * ld + j] = (rng.NextDouble() * 2 - 1) * Math.ScaleB(1.0, rng.Next(-20, 21));
        }
        return x;
    }
}
