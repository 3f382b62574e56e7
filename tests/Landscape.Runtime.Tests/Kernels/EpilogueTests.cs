using System;
using System.Globalization;
using Landscape.Kernels;

namespace Landscape.Tests.Kernels;

/// <summary>
/// The epilogue drivers against naive loops over the scalar activation members. Every comparison is bit for bit:
/// the activations compute identical lanes at every width (see ActivationTests), the drivers add the bias with one
/// IEEE addition per element and form σ′·rz, σ″·rz with one multiplication, exactly as the naive loops do, so any
/// difference is a driver bug (a wrong index, a skipped or doubled element, a tail handled differently).
/// </summary>
public sealed class EpilogueTests
{
    private const int Seed = 20240613;

    /// <summary>Elements on each side of every span, filled with a sentinel and checked afterwards (overrun guard).</summary>
    private const int Guard = 16;

    private static readonly long SentinelBits = BitConverter.DoubleToInt64Bits(-1.2345678910111213e-77);

    private static readonly SimdWidth[] Widths =
    [
        SimdWidth.Scalar,
        SimdWidth.Vector256,
        SimdWidth.Vector512,
        SimdWidth.Auto,
    ];

    private enum Driver
    {
        Activate,
        ActivateWithDerivative,
        ActivateWithR,
    }

    /// <summary>The forced widths by name (the enum is internal, so theory arguments carry its names).</summary>
    public static TheoryData<string> AllWidths => new(Array.ConvertAll(Widths, w => w.ToString()));

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void Tanh_EveryShapeUpTo256Elements_MatchesNaiveLoops(string widthName)
    {
        SimdWidth width = Enum.Parse<SimdWidth>(widthName);
        var random = new Random(Seed + (int)width);
        for (int rows = 1; rows <= 4; rows++)
        {
            for (int columns = 0; columns <= 64; columns++)
            {
                foreach (Driver driver in Enum.GetValues<Driver>())
                {
                    foreach ((bool bias, bool rbias) in new[] { (false, false), (true, false), (false, true), (true, true) })
                    {
                        if (driver != Driver.ActivateWithR && rbias)
                        {
                            continue;
                        }

                        Check<TanhActivation>(random, driver, width, rows, columns, bias, rbias);
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void EveryActivation_SelectedShapes_MatchNaiveLoops(string widthName)
    {
        SimdWidth width = Enum.Parse<SimdWidth>(widthName);
        var random = new Random(Seed + 10 + (int)width);
        foreach (int rows in new[] { 1, 3 })
        {
            foreach (int columns in new[] { 0, 1, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 31, 33, 64 })
            {
                foreach (Driver driver in Enum.GetValues<Driver>())
                {
                    foreach (bool bias in new[] { false, true })
                    {
                        bool rbias = bias && driver == Driver.ActivateWithR && columns % 2 == 1;
                        Check<IdentityActivation>(random, driver, width, rows, columns, bias, rbias);
                        Check<TanhActivation>(random, driver, width, rows, columns, bias, rbias);
                        Check<ReluActivation>(random, driver, width, rows, columns, bias, rbias);
                        Check<SigmoidActivation>(random, driver, width, rows, columns, bias, rbias);
                        Check<SoftplusActivation>(random, driver, width, rows, columns, bias, rbias);
                        Check<GeluActivation>(random, driver, width, rows, columns, bias, rbias);
                        Check<EluActivation>(random, driver, width, rows, columns, bias, rbias);
                        Check<SquareActivation>(random, driver, width, rows, columns, bias, rbias);
                        Check<SinActivation>(random, driver, width, rows, columns, bias, rbias);
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void LargeBlocks_MatchNaiveLoops(string widthName)
    {
        SimdWidth width = Enum.Parse<SimdWidth>(widthName);
        var random = new Random(Seed + 20 + (int)width);
        foreach ((int rows, int columns) in new[] { (64, 200), (5, 1003) })
        {
            foreach (Driver driver in Enum.GetValues<Driver>())
            {
                Check<TanhActivation>(random, driver, width, rows, columns, bias: true, rbias: true);
                Check<GeluActivation>(random, driver, width, rows, columns, bias: false, rbias: false);
            }
        }
    }

    [Fact]
    public void AddBias_MatchesNaiveLoop_AndEmptyBiasIsANoOp()
    {
        var random = new Random(Seed + 30);
        for (int rows = 0; rows <= 4; rows++)
        {
            for (int columns = 0; columns <= 64; columns++)
            {
                double[] values = Guarded(random, rows * columns);
                double[] bias = Guarded(random, columns);
                double[] expected = (double[])values.Clone();
                for (int r = 0; r < rows; r++)
                {
                    for (int j = 0; j < columns; j++)
                    {
                        expected[Guard + r * columns + j] += bias[Guard + j];
                    }
                }

                double[] unchanged = (double[])values.Clone();
                Epilogue.AddBias(Inner(values, rows * columns), ReadOnlySpan<double>.Empty, rows, columns);
                AssertSameBits(unchanged, values, "AddBias without bias");

                Epilogue.AddBias(Inner(values, rows * columns), Inner(bias, columns), rows, columns);
                AssertSameBits(expected, values, FormattableString.Invariant($"AddBias {rows}×{columns}"));
            }
        }
    }

    [Fact]
    public void Backpropagate_AndBackpropagateR_MatchNaiveLoops()
    {
        var random = new Random(Seed + 31);
        for (int n = 0; n <= 256; n++)
        {
            double[] gradient = Guarded(random, n);
            double[] rgradient = Guarded(random, n);
            double[] first = Guarded(random, n);
            double[] rfirst = Guarded(random, n);

            double[] expectedGradient = (double[])gradient.Clone();
            double[] expectedR = (double[])rgradient.Clone();
            for (int i = Guard; i < Guard + n; i++)
            {
                // R{∂L/∂z} = R{σ′}·g + σ′·R{g}, using the incoming g; then ∂L/∂z = σ′·g.
                expectedR[i] = Math.FusedMultiplyAdd(rfirst[i], gradient[i], first[i] * rgradient[i]);
                expectedGradient[i] = first[i] * gradient[i];
            }

            double[] g = (double[])gradient.Clone();
            Epilogue.Backpropagate(Inner(g, n), Inner(first, n));
            AssertSameBits(expectedGradient, g, $"Backpropagate n = {n}");

            Epilogue.BackpropagateR(Inner(gradient, n), Inner(rgradient, n), Inner(first, n), Inner(rfirst, n));
            AssertSameBits(expectedGradient, gradient, $"BackpropagateR gradient n = {n}");
            AssertSameBits(expectedR, rgradient, $"BackpropagateR rgradient n = {n}");
        }
    }

    [Fact]
    public void MismatchedLengths_AreRejectedWithTheArgumentAndTheExpectedLength()
    {
        double[] block = new double[12];
        double[] bias = new double[4];
        double[] shortBlock = new double[11];
        double[] wrongBias = new double[3];

        AssertRejected("values", "12", () => Epilogue.Activate<TanhActivation>(shortBlock, bias, 3, 4));
        AssertRejected("bias", "4", () => Epilogue.Activate<TanhActivation>(block, wrongBias, 3, 4));
        AssertRejected("first", "12", () => Epilogue.ActivateWithDerivative<TanhActivation>(block, bias, shortBlock, 3, 4));
        AssertRejected("rvalues", "12", () => Epilogue.ActivateWithR<TanhActivation>(block, bias, shortBlock, bias, block, block, 3, 4));
        AssertRejected("rbias", "4", () => Epilogue.ActivateWithR<TanhActivation>(block, bias, block, wrongBias, block, block, 3, 4));
        AssertRejected("first", "12", () => Epilogue.ActivateWithR<TanhActivation>(block, bias, block, bias, shortBlock, block, 3, 4));
        AssertRejected("rfirst", "12", () => Epilogue.ActivateWithR<TanhActivation>(block, bias, block, bias, block, shortBlock, 3, 4));
        AssertRejected("values", "12", () => Epilogue.AddBias(shortBlock, bias, 3, 4));
        AssertRejected("bias", "4", () => Epilogue.AddBias(block, wrongBias, 3, 4));
        AssertRejected("first", "12", () => Epilogue.Backpropagate(block, shortBlock));
        AssertRejected("rgradient", "12", () => Epilogue.BackpropagateR(block, shortBlock, block, block));
        AssertRejected("first", "12", () => Epilogue.BackpropagateR(block, block, shortBlock, block));
        AssertRejected("rfirst", "12", () => Epilogue.BackpropagateR(block, block, block, shortBlock));

        Assert.Throws<ArgumentOutOfRangeException>(() => Epilogue.Activate<TanhActivation>(block, bias, -3, -4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Epilogue.Activate<TanhActivation>(Span<double>.Empty, ReadOnlySpan<double>.Empty, 1, -1));
    }

    [Fact]
    public void AutomaticWidth_IsTheHardwareWidth()
    {
        SimdWidth expected = System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? SimdWidth.Vector512
            : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? SimdWidth.Vector256
            : SimdWidth.Scalar;
        Assert.Equal(expected, Epilogue.HardwareWidth);
    }

    /// <summary>Runs one driver on a random block (with special values) and compares with the naive loop, bit for bit.</summary>
    private static void Check<T>(Random random, Driver driver, SimdWidth width, int rows, int columns, bool bias, bool rbias)
        where T : IActivation
    {
        int n = rows * columns;
        double[] values = Guarded(random, n);
        double[] rvalues = Guarded(random, n);
        double[] biasArray = Guarded(random, bias ? columns : 0);
        double[] rbiasArray = Guarded(random, rbias ? columns : 0);
        double[] first = Guarded(random, n);
        double[] rfirst = Guarded(random, n);

        double[] expectedValues = (double[])values.Clone();
        double[] expectedR = (double[])rvalues.Clone();
        double[] expectedFirst = (double[])first.Clone();
        double[] expectedRFirst = (double[])rfirst.Clone();
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < columns; j++)
            {
                int i = Guard + r * columns + j;
                double z = bias ? values[i] + biasArray[Guard + j] : values[i];
                double rz = rbias ? rvalues[i] + rbiasArray[Guard + j] : rvalues[i];
                double sigma = T.Evaluate(z, out double d1, out double d2);
                expectedValues[i] = driver == Driver.Activate ? T.Value(z) : sigma;
                if (driver != Driver.Activate)
                {
                    expectedFirst[i] = d1;
                }

                if (driver == Driver.ActivateWithR)
                {
                    expectedR[i] = d1 * rz;
                    expectedRFirst[i] = d2 * rz;
                }
            }
        }

        Span<double> v = Inner(values, n);
        ReadOnlySpan<double> b = Inner(biasArray, bias ? columns : 0);
        switch (driver)
        {
            case Driver.Activate:
                Epilogue.Activate<T>(v, b, rows, columns, width);
                break;
            case Driver.ActivateWithDerivative:
                Epilogue.ActivateWithDerivative<T>(v, b, Inner(first, n), rows, columns, width);
                break;
            default:
                Epilogue.ActivateWithR<T>(v, b, Inner(rvalues, n), Inner(rbiasArray, rbias ? columns : 0), Inner(first, n), Inner(rfirst, n), rows, columns, width);
                break;
        }

        string where = string.Create(
            CultureInfo.InvariantCulture,
            $"{typeof(T).Name}.{driver} at {width}, {rows}×{columns}, bias {bias}, rbias {rbias}");
        AssertSameBits(expectedValues, values, where + ": values");
        AssertSameBits(expectedFirst, first, where + ": first");
        AssertSameBits(expectedR, rvalues, where + ": rvalues");
        AssertSameBits(expectedRFirst, rfirst, where + ": rfirst");
    }

    /// <summary>
    /// An array of n values between two guard zones of sentinels. Values are mostly N(0, 2²)-like with special values
    /// injected (±0, ±∞, NaN, tiny and large magnitudes) so that every lane position sees them.
    /// </summary>
    private static double[] Guarded(Random random, int n)
    {
        double[] array = new double[n + 2 * Guard];
        array.AsSpan().Fill(BitConverter.Int64BitsToDouble(SentinelBits));
        double[] specials = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1e-300, -1e3, 40.0, -40.0];
        for (int i = 0; i < n; i++)
        {
            array[Guard + i] = random.Next(16) == 0
                ? specials[random.Next(specials.Length)]
                : 4 * (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5);
        }

        return array;
    }

    private static Span<double> Inner(double[] array, int n) => array.AsSpan(Guard, n);

    private static void AssertSameBits(double[] expected, double[] actual, string where)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            bool same = BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i])
                || (double.IsNaN(expected[i]) && double.IsNaN(actual[i]) && i >= Guard && i < expected.Length - Guard);
            if (!same)
            {
                string zone = i < Guard || i >= expected.Length - Guard ? " (guard zone overwritten)" : string.Empty;
                Assert.Fail(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{where}: element {i - Guard}{zone}: expected {expected[i]:R}, got {actual[i]:R}"));
            }
        }
    }

    private static void AssertRejected(string parameter, string expectedLength, Action call)
    {
        ArgumentException exception = Assert.Throws<ArgumentException>(call);
        Assert.Equal(parameter, exception.ParamName);
        Assert.Contains("Expected length " + expectedLength, exception.Message, StringComparison.Ordinal);
    }
}
