using System;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Landscape.Kernels;

/// <summary>
/// The validated geometry of a square sliding window (convolution kernel or pooling window) over a block of NCHW
/// examples: rows examples, each a row of channels·height·width values in (c, h, w) order, zero- or −∞-padded by
/// <see cref="Padding"/> cells on every side, window <see cref="Kernel"/>×<see cref="Kernel"/>, stride
/// <see cref="Stride"/>, output ⌊(size + 2·padding − kernel)/stride⌋ + 1 cells per spatial dimension (floor mode).
/// </summary>
internal readonly struct SpatialShape
{
    /// <summary>Examples in the block (≥ 0).</summary>
    public readonly int Rows;

    /// <summary>Channels per example (≥ 1).</summary>
    public readonly int Channels;

    /// <summary>Input height H (≥ 1).</summary>
    public readonly int Height;

    /// <summary>Input width W (≥ 1).</summary>
    public readonly int Width;

    /// <summary>Window side K (≥ 1).</summary>
    public readonly int Kernel;

    /// <summary>Stride S (≥ 1).</summary>
    public readonly int Stride;

    /// <summary>Padding P on every side (≥ 0).</summary>
    public readonly int Padding;

    /// <summary>Output height ⌊(H + 2P − K)/S⌋ + 1.</summary>
    public readonly int OutputHeight;

    /// <summary>Output width ⌊(W + 2P − K)/S⌋ + 1.</summary>
    public readonly int OutputWidth;

    private SpatialShape(int rows, int channels, int height, int width, int kernel, int stride, int padding)
    {
        Rows = rows;
        Channels = channels;
        Height = height;
        Width = width;
        Kernel = kernel;
        Stride = stride;
        Padding = padding;
        OutputHeight = (height + 2 * padding - kernel) / stride + 1;
        OutputWidth = (width + 2 * padding - kernel) / stride + 1;
    }

    /// <summary>H·W, the values of one input plane.</summary>
    public long InputPlane => (long)Height * Width;

    /// <summary>OH·OW, the values of one output plane.</summary>
    public long OutputPlane => (long)OutputHeight * OutputWidth;

    /// <summary>rows·channels, the number of (example, channel) planes in the block.</summary>
    public long Planes => (long)Rows * Channels;

    /// <summary>rows·C·H·W, the values of the input block.</summary>
    public long InputLength => Planes * InputPlane;

    /// <summary>rows·C·OH·OW, the values of the output block.</summary>
    public long OutputLength => Planes * OutputPlane;

    /// <summary>
    /// Validates a window geometry and computes its output size. With <paramref name="pooling"/>, the padding must
    /// also be at most ⌊kernel/2⌋ (PyTorch's rule for pooling, which guarantees every window holds a real cell).
    /// <paramref name="kernelName"/> is the caller's name for the window side, used in exceptions.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range (the message states the shapes).</exception>
    public static SpatialShape Create(int rows, int channels, int height, int width, int kernel, int stride, int padding, bool pooling, string kernelName = "kernel")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernel, 1, kernelName);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        if (pooling && padding > kernel / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(padding), padding, string.Create(CultureInfo.InvariantCulture,
                $"Pooling padding must be at most half the window size: padding = {padding} > {kernel}/2."));
        }
        // Padding is bounded so that H + 2P cannot overflow.
        if (padding > (int.MaxValue - Math.Max(height, width)) / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(padding), padding, "Padding is too large.");
        }
        if (height + 2 * padding < kernel || width + 2 * padding < kernel)
        {
            throw new ArgumentOutOfRangeException(kernelName, kernel, string.Create(CultureInfo.InvariantCulture,
                $"A {kernel}×{kernel} window does not fit the padded {height + 2 * padding}×{width + 2 * padding} input ({height}×{width} with padding {padding})."));
        }
        return new SpatialShape(rows, channels, height, width, kernel, stride, padding);
    }

    /// <summary>Checks that a span holds exactly the <paramref name="expected"/> values it describes.</summary>
    /// <exception cref="ArgumentException">The length differs (the message states the expected length).</exception>
    public static void CheckLength(int length, long expected, string name, string description)
    {
        if (length != expected)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{name} holds {length} values, but {description} takes exactly {expected}."), name);
        }
    }

    /// <summary>Checks that an output span does not overlap an input span.</summary>
    /// <exception cref="ArgumentException">They overlap.</exception>
    public static void CheckDisjoint<TOut, TIn>(Span<TOut> output, ReadOnlySpan<TIn> input, string outputName, string inputName)
        where TOut : unmanaged
        where TIn : unmanaged
    {
        if (MemoryMarshal.AsBytes(output).Overlaps(MemoryMarshal.AsBytes(input)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{outputName} must not overlap {inputName}: the kernel reads {inputName} while it writes {outputName}."), outputName);
        }
    }

    /// <summary>
    /// The output positions whose window, shifted by <paramref name="offset"/> (kh or kw), lands inside the input
    /// along one dimension: o ∈ [<paramref name="low"/>, <paramref name="high"/>) ⇔ 0 ≤ o·S − P + offset &lt; size,
    /// intersected with [0, <paramref name="outputs"/>). Empty ranges have low = high.
    /// </summary>
    public static void ValidRange(int size, int outputs, int stride, int padding, int offset, out int low, out int high)
    {
        // o·S ≥ P − offset  ⇔  o ≥ ⌈(P − offset)/S⌉ (for P − offset > 0, else o ≥ 0).
        int shift = padding - offset;
        low = shift <= 0 ? 0 : (shift + stride - 1) / stride;
        // o·S ≤ size − 1 + P − offset  ⇔  o ≤ ⌊(size − 1 + P − offset)/S⌋ (no o when the bound is negative).
        long last = (long)size - 1 + padding - offset;
        high = last < 0 ? 0 : (int)Math.Min(outputs, last / stride + 1);
        if (low > high)
        {
            low = high;
        }
    }
}
