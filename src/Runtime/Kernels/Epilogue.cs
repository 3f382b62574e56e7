using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Landscape.Kernels;

/// <summary>
/// The elementwise epilogues of a dense layer, applied in place to a row-major block of pre-activations
/// (rows × width, leading dimension = width, contiguous) right after its GEMM: bias and activation with its derivatives
/// (forward and Pearlmutter's R-forward), and the matching products of the backward and R-backward passes.
/// </summary>
/// <remarks>
/// These are the only SIMD loops over activations: Vector512 when the CPU supports AVX-512F, else Vector256, with a
/// scalar tail per row. The activation is a type argument, so the JIT inlines its vector and scalar members into the
/// loop. Because every <see cref="IActivation"/> computes bit-identical lanes at every width, the results do not
/// depend on the CPU or on the block's shape: each element is exactly what the scalar members compute for it.
/// A NaN pre-activation gives NaN in every output derived from it.
/// </remarks>
public static partial class Epilogue
{
    /// <summary>
    /// Applies the activation to a block with an optional bias: <c>values[r, j] ← σ(values[r, j] + bias[j])</c>.
    /// </summary>
    /// <typeparam name="TActivation">The activation σ.</typeparam>
    /// <param name="values">The rows × width block, row-major; overwritten with σ(z).</param>
    /// <param name="bias">The bias (length <paramref name="width"/>), or empty for none.</param>
    /// <param name="rows">The number of rows (examples).</param>
    /// <param name="width">The number of columns (units).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="width"/> is negative.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the block (the message states the expected length).</exception>
    public static void Activate<TActivation>(Span<double> values, ReadOnlySpan<double> bias, int rows, int width)
        where TActivation : IActivation
        => Activate<TActivation>(values, bias, rows, width, SimdWidth.Auto);

    /// <summary>
    /// Applies the activation and records its derivative: with <c>z = values[r, j] + bias[j]</c>,
    /// <c>values[r, j] ← σ(z)</c> and <c>first[r, j] ← σ′(z)</c>.
    /// </summary>
    /// <typeparam name="TActivation">The activation σ.</typeparam>
    /// <param name="values">The rows × width block of pre-activations (without bias); overwritten with σ(z).</param>
    /// <param name="bias">The bias (length <paramref name="width"/>), or empty for none.</param>
    /// <param name="first">Receives σ′(z) (length rows × width).</param>
    /// <param name="rows">The number of rows (examples).</param>
    /// <param name="width">The number of columns (units).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="width"/> is negative.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the block (the message states the expected length).</exception>
    public static void ActivateWithDerivative<TActivation>(Span<double> values, ReadOnlySpan<double> bias, Span<double> first, int rows, int width)
        where TActivation : IActivation
        => ActivateWithDerivative<TActivation>(values, bias, first, rows, width, SimdWidth.Auto);

    /// <summary>
    /// Pearlmutter's R-forward step through bias and activation: with <c>z = values + bias</c> and
    /// <c>rz = rvalues + rbias</c> (elementwise, bias broadcast over rows), sets <c>values ← σ(z)</c>,
    /// <c>first ← σ′(z)</c>, <c>rvalues ← σ′(z)·rz</c> and <c>rfirst ← σ″(z)·rz</c>.
    /// </summary>
    /// <typeparam name="TActivation">The activation σ.</typeparam>
    /// <param name="values">The rows × width block of pre-activations (without bias); overwritten with σ(z).</param>
    /// <param name="bias">The bias (length <paramref name="width"/>), or empty for none.</param>
    /// <param name="rvalues">The R-pre-activations R{z} without the bias direction (length rows × width); overwritten with R{σ(z)} = σ′(z)·rz.</param>
    /// <param name="rbias">The bias direction (length <paramref name="width"/>), or empty for none.</param>
    /// <param name="first">Receives σ′(z).</param>
    /// <param name="rfirst">Receives R{σ′(z)} = σ″(z)·rz.</param>
    /// <param name="rows">The number of rows (examples).</param>
    /// <param name="width">The number of columns (units).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="width"/> is negative.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the block (the message states the expected length).</exception>
    public static void ActivateWithR<TActivation>(
        Span<double> values,
        ReadOnlySpan<double> bias,
        Span<double> rvalues,
        ReadOnlySpan<double> rbias,
        Span<double> first,
        Span<double> rfirst,
        int rows,
        int width)
        where TActivation : IActivation
        => ActivateWithR<TActivation>(values, bias, rvalues, rbias, first, rfirst, rows, width, SimdWidth.Auto);

    /// <summary>Adds the bias to every row (identity layers): <c>values[r, j] += bias[j]</c>. An empty bias leaves the block unchanged.</summary>
    /// <param name="values">The rows × width block, row-major.</param>
    /// <param name="bias">The bias (length <paramref name="width"/>), or empty for none.</param>
    /// <param name="rows">The number of rows (examples).</param>
    /// <param name="width">The number of columns (units).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="width"/> is negative.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the block (the message states the expected length).</exception>
    public static void AddBias(Span<double> values, ReadOnlySpan<double> bias, int rows, int width)
    {
        CheckBlock(values.Length, rows, width, nameof(values));
        CheckBias(bias.Length, width, nameof(bias));
        if (bias.IsEmpty)
        {
            return;
        }

        for (int r = 0; r < rows; r++)
        {
            Span<double> row = values.Slice(r * width, width);
            TensorPrimitives.Add(row, bias, row);
        }
    }

    /// <summary>The backward step through the activation: <c>gradient[i] ← first[i]·gradient[i]</c> (first = σ′(z)).</summary>
    /// <param name="gradient">∂L/∂σ(z) on entry, ∂L/∂z on return.</param>
    /// <param name="first">σ′(z), as recorded by the forward epilogue (same length as <paramref name="gradient"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="first"/>'s length differs from <paramref name="gradient"/>'s.</exception>
    public static void Backpropagate(Span<double> gradient, ReadOnlySpan<double> first)
    {
        CheckSameLength(first.Length, gradient.Length, nameof(first));
        TensorPrimitives.Multiply(gradient, first, gradient);
    }

    /// <summary>
    /// The R-backward step through the activation, using the incoming gradient g and R-gradient Rg:
    /// <c>rgradient[i] ← rfirst[i]·g[i] + first[i]·Rg[i]</c>, then <c>gradient[i] ← first[i]·g[i]</c>.
    /// </summary>
    /// <remarks>Rounding: <c>rgradient[i] = fma(rfirst[i], g[i], fl(first[i]·Rg[i]))</c>, <c>gradient[i] = fl(first[i]·g[i])</c>.</remarks>
    /// <param name="gradient">∂L/∂σ(z) on entry, ∂L/∂z on return.</param>
    /// <param name="rgradient">R{∂L/∂σ(z)} on entry, R{∂L/∂z} on return.</param>
    /// <param name="first">σ′(z).</param>
    /// <param name="rfirst">R{σ′(z)} = σ″(z)·R{z}.</param>
    /// <exception cref="ArgumentException">A span's length differs from <paramref name="gradient"/>'s.</exception>
    public static void BackpropagateR(Span<double> gradient, Span<double> rgradient, ReadOnlySpan<double> first, ReadOnlySpan<double> rfirst)
    {
        CheckSameLength(rgradient.Length, gradient.Length, nameof(rgradient));
        CheckSameLength(first.Length, gradient.Length, nameof(first));
        CheckSameLength(rfirst.Length, gradient.Length, nameof(rfirst));
        // One pass over the four streams (the three TensorPrimitives passes it replaces read seven and wrote three);
        // per element the same operations: a product, a fused multiply-add, a product.
        int n = gradient.Length, i = 0;
        ref double g = ref MemoryMarshal.GetReference(gradient);
        ref double rg = ref MemoryMarshal.GetReference(rgradient);
        ref double f = ref MemoryMarshal.GetReference(first);
        ref double rf = ref MemoryMarshal.GetReference(rfirst);
        if (Vector256.IsHardwareAccelerated && Fma.IsSupported)
        {
            for (; i + Vector256<double>.Count <= n; i += Vector256<double>.Count)
            {
                Vector256<double> gi = Vector256.LoadUnsafe(ref g, (nuint)i), fi = Vector256.LoadUnsafe(ref f, (nuint)i);
                Vector256<double> product = fi * Vector256.LoadUnsafe(ref rg, (nuint)i);
                Fma.MultiplyAdd(Vector256.LoadUnsafe(ref rf, (nuint)i), gi, product).StoreUnsafe(ref rg, (nuint)i);
                (fi * gi).StoreUnsafe(ref g, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            double gi = Unsafe.Add(ref g, i), fi = Unsafe.Add(ref f, i);
            Unsafe.Add(ref rg, i) = Math.FusedMultiplyAdd(Unsafe.Add(ref rf, i), gi, fi * Unsafe.Add(ref rg, i));
            Unsafe.Add(ref g, i) = fi * gi;
        }
    }

    /// <summary><see cref="Activate{TActivation}(Span{double}, ReadOnlySpan{double}, int, int)"/> with a forced vector width.</summary>
    internal static void Activate<TActivation>(Span<double> values, ReadOnlySpan<double> bias, int rows, int width, SimdWidth vectorWidth)
        where TActivation : IActivation
    {
        CheckBlock(values.Length, rows, width, nameof(values));
        CheckBias(bias.Length, width, nameof(bias));
        var streams = new Streams
        {
            Values = ref MemoryMarshal.GetReference(values),
            Bias = ref MemoryMarshal.GetReference(bias),
        };
        if (bias.IsEmpty)
        {
            Run<ActivateOperator<TActivation, WithoutBias>>(ref streams, 1, rows * width, vectorWidth);
        }
        else
        {
            Run<ActivateOperator<TActivation, WithBias>>(ref streams, rows, width, vectorWidth);
        }
    }

    /// <summary><see cref="ActivateWithDerivative{TActivation}(Span{double}, ReadOnlySpan{double}, Span{double}, int, int)"/> with a forced vector width.</summary>
    internal static void ActivateWithDerivative<TActivation>(Span<double> values, ReadOnlySpan<double> bias, Span<double> first, int rows, int width, SimdWidth vectorWidth)
        where TActivation : IActivation
    {
        CheckBlock(values.Length, rows, width, nameof(values));
        CheckBias(bias.Length, width, nameof(bias));
        CheckBlock(first.Length, rows, width, nameof(first));
        var streams = new Streams
        {
            Values = ref MemoryMarshal.GetReference(values),
            Bias = ref MemoryMarshal.GetReference(bias),
            First = ref MemoryMarshal.GetReference(first),
        };
        if (bias.IsEmpty)
        {
            Run<DerivativeOperator<TActivation, WithoutBias>>(ref streams, 1, rows * width, vectorWidth);
        }
        else
        {
            Run<DerivativeOperator<TActivation, WithBias>>(ref streams, rows, width, vectorWidth);
        }
    }

    /// <summary><see cref="ActivateWithR{TActivation}(Span{double}, ReadOnlySpan{double}, Span{double}, ReadOnlySpan{double}, Span{double}, Span{double}, int, int)"/> with a forced vector width.</summary>
    internal static void ActivateWithR<TActivation>(
        Span<double> values,
        ReadOnlySpan<double> bias,
        Span<double> rvalues,
        ReadOnlySpan<double> rbias,
        Span<double> first,
        Span<double> rfirst,
        int rows,
        int width,
        SimdWidth vectorWidth)
        where TActivation : IActivation
    {
        CheckBlock(values.Length, rows, width, nameof(values));
        CheckBias(bias.Length, width, nameof(bias));
        CheckBlock(rvalues.Length, rows, width, nameof(rvalues));
        CheckBias(rbias.Length, width, nameof(rbias));
        CheckBlock(first.Length, rows, width, nameof(first));
        CheckBlock(rfirst.Length, rows, width, nameof(rfirst));
        var streams = new Streams
        {
            Values = ref MemoryMarshal.GetReference(values),
            Bias = ref MemoryMarshal.GetReference(bias),
            RValues = ref MemoryMarshal.GetReference(rvalues),
            RBias = ref MemoryMarshal.GetReference(rbias),
            First = ref MemoryMarshal.GetReference(first),
            RFirst = ref MemoryMarshal.GetReference(rfirst),
        };
        switch (bias.IsEmpty, rbias.IsEmpty)
        {
            case (true, true):
                Run<ROperator<TActivation, WithoutBias, WithoutBias>>(ref streams, 1, rows * width, vectorWidth);
                break;
            case (false, true):
                Run<ROperator<TActivation, WithBias, WithoutBias>>(ref streams, rows, width, vectorWidth);
                break;
            case (true, false):
                Run<ROperator<TActivation, WithoutBias, WithBias>>(ref streams, rows, width, vectorWidth);
                break;
            default:
                Run<ROperator<TActivation, WithBias, WithBias>>(ref streams, rows, width, vectorWidth);
                break;
        }
    }

    /// <summary>
    /// The width <see cref="SimdWidth.Auto"/> stands for on this CPU: Vector512 when <see cref="Avx512F.IsSupported"/>,
    /// else Vector256 when accelerated, else scalar. A forced width runs as asked, even where the CPU lacks it (the
    /// portable Vector512/Vector256 code still computes the same bits), so tests run every path on one machine.
    /// </summary>
    internal static SimdWidth HardwareWidth
        => Avx512F.IsSupported ? SimdWidth.Vector512
            : Vector256.IsHardwareAccelerated ? SimdWidth.Vector256
            : SimdWidth.Scalar;

    /// <summary>
    /// Runs <typeparamref name="TOperator"/> over a rows × width block: per row, Vector512 steps (if allowed), then
    /// Vector256 steps, then scalar elements. Offsets index the block; columns index the bias vectors.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TOperator>(scoped ref Streams streams, int rows, int width, SimdWidth vectorWidth)
        where TOperator : IElementOperator
    {
        if (vectorWidth == SimdWidth.Auto)
        {
            vectorWidth = HardwareWidth;
        }

        bool use512 = vectorWidth == SimdWidth.Vector512;
        bool use256 = use512 || vectorWidth == SimdWidth.Vector256;
        for (int r = 0; r < rows; r++)
        {
            nint rowStart = (nint)r * width;
            nint column = 0;
            if (use512)
            {
                for (; column <= width - Vector512<double>.Count; column += Vector512<double>.Count)
                {
                    TOperator.Invoke512(ref streams, rowStart + column, column);
                }
            }

            if (use256)
            {
                for (; column <= width - Vector256<double>.Count; column += Vector256<double>.Count)
                {
                    TOperator.Invoke256(ref streams, rowStart + column, column);
                }
            }

            for (; column < width; column++)
            {
                TOperator.Invoke(ref streams, rowStart + column, column);
            }
        }
    }

    private static void CheckBlock(int length, int rows, int width, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        long expected = (long)rows * width;
        if (length != expected)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"Expected length {expected} (rows × width = {rows} × {width}), but the span has length {length}."),
                name);
        }
    }

    private static void CheckBias(int length, int width, string name)
    {
        if (length != 0 && length != width)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"Expected length {width} (width) or 0 (no bias), but the span has length {length}."),
                name);
        }
    }

    private static void CheckSameLength(int length, int expected, string name)
    {
        if (length != expected)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"Expected length {expected} (the gradient's length), but the span has length {length}."),
                name);
        }
    }

    /// <summary>References to the first element of each stream a driver touches (unused ones stay null).</summary>
    private ref struct Streams
    {
        public ref double Values;
        public ref double Bias;
        public ref double RValues;
        public ref double RBias;
        public ref double First;
        public ref double RFirst;
    }

    /// <summary>One elementwise step at each width; <c>offset</c> indexes the block, <c>column</c> the bias.</summary>
    private interface IElementOperator
    {
        static abstract void Invoke(ref Streams streams, nint offset, nint column);

        static abstract void Invoke256(ref Streams streams, nint offset, nint column);

        static abstract void Invoke512(ref Streams streams, nint offset, nint column);
    }

    /// <summary>Whether a bias stream is present (a type argument, so the test folds away).</summary>
    private interface IBiasMode
    {
        static abstract bool Present { get; }
    }

    private readonly struct WithBias : IBiasMode
    {
        public static bool Present => true;
    }

    private readonly struct WithoutBias : IBiasMode
    {
        public static bool Present => false;
    }

    /// <summary>Reads x[offset] (+ b[column] when <typeparamref name="TBias"/> is present) at each width.</summary>
    private static class Load<TBias>
        where TBias : IBiasMode
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Scalar(ref double x, ref double b, nint offset, nint column)
            => TBias.Present ? Unsafe.Add(ref x, offset) + Unsafe.Add(ref b, column) : Unsafe.Add(ref x, offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> V256(ref double x, ref double b, nint offset, nint column)
            => TBias.Present
                ? Vector256.LoadUnsafe(ref x, (nuint)offset) + Vector256.LoadUnsafe(ref b, (nuint)column)
                : Vector256.LoadUnsafe(ref x, (nuint)offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> V512(ref double x, ref double b, nint offset, nint column)
            => TBias.Present
                ? Vector512.LoadUnsafe(ref x, (nuint)offset) + Vector512.LoadUnsafe(ref b, (nuint)column)
                : Vector512.LoadUnsafe(ref x, (nuint)offset);
    }

    /// <summary>values ← σ(values + bias).</summary>
    private readonly struct ActivateOperator<TActivation, TBias> : IElementOperator
        where TActivation : IActivation
        where TBias : IBiasMode
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Invoke(ref Streams s, nint offset, nint column)
            => Unsafe.Add(ref s.Values, offset) = TActivation.Value(Load<TBias>.Scalar(ref s.Values, ref s.Bias, offset, column));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Invoke256(ref Streams s, nint offset, nint column)
            => TActivation.Value(Load<TBias>.V256(ref s.Values, ref s.Bias, offset, column)).StoreUnsafe(ref s.Values, (nuint)offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Invoke512(ref Streams s, nint offset, nint column)
            => TActivation.Value(Load<TBias>.V512(ref s.Values, ref s.Bias, offset, column)).StoreUnsafe(ref s.Values, (nuint)offset);
    }

    /// <summary>z = values + bias; values ← σ(z); first ← σ′(z).</summary>
    private readonly struct DerivativeOperator<TActivation, TBias> : IElementOperator
        where TActivation : IActivation
        where TBias : IBiasMode
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Invoke(ref Streams s, nint offset, nint column)
        {
            double value = TActivation.Evaluate(Load<TBias>.Scalar(ref s.Values, ref s.Bias, offset, column), out double first, out _);
            Unsafe.Add(ref s.Values, offset) = value;
            Unsafe.Add(ref s.First, offset) = first;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Invoke256(ref Streams s, nint offset, nint column)
        {
            Vector256<double> value = TActivation.Evaluate(Load<TBias>.V256(ref s.Values, ref s.Bias, offset, column), out Vector256<double> first, out _);
            value.StoreUnsafe(ref s.Values, (nuint)offset);
            first.StoreUnsafe(ref s.First, (nuint)offset);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Invoke512(ref Streams s, nint offset, nint column)
        {
            Vector512<double> value = TActivation.Evaluate(Load<TBias>.V512(ref s.Values, ref s.Bias, offset, column), out Vector512<double> first, out _);
            value.StoreUnsafe(ref s.Values, (nuint)offset);
            first.StoreUnsafe(ref s.First, (nuint)offset);
        }
    }

    /// <summary>z = values + bias, rz = rvalues + rbias; values ← σ(z); first ← σ′(z); rvalues ← σ′(z)·rz; rfirst ← σ″(z)·rz.</summary>
    private readonly struct ROperator<TActivation, TBias, TRBias> : IElementOperator
        where TActivation : IActivation
        where TBias : IBiasMode
        where TRBias : IBiasMode
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Invoke(ref Streams s, nint offset, nint column)
        {
            double rz = Load<TRBias>.Scalar(ref s.RValues, ref s.RBias, offset, column);
            double value = TActivation.Evaluate(Load<TBias>.Scalar(ref s.Values, ref s.Bias, offset, column), out double first, out double second);
            Unsafe.Add(ref s.Values, offset) = value;
            Unsafe.Add(ref s.First, offset) = first;
            Unsafe.Add(ref s.RValues, offset) = first * rz;
            Unsafe.Add(ref s.RFirst, offset) = second * rz;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Invoke256(ref Streams s, nint offset, nint column)
        {
            Vector256<double> rz = Load<TRBias>.V256(ref s.RValues, ref s.RBias, offset, column);
            Vector256<double> value = TActivation.Evaluate(Load<TBias>.V256(ref s.Values, ref s.Bias, offset, column), out Vector256<double> first, out Vector256<double> second);
            value.StoreUnsafe(ref s.Values, (nuint)offset);
            first.StoreUnsafe(ref s.First, (nuint)offset);
            (first * rz).StoreUnsafe(ref s.RValues, (nuint)offset);
            (second * rz).StoreUnsafe(ref s.RFirst, (nuint)offset);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Invoke512(ref Streams s, nint offset, nint column)
        {
            Vector512<double> rz = Load<TRBias>.V512(ref s.RValues, ref s.RBias, offset, column);
            Vector512<double> value = TActivation.Evaluate(Load<TBias>.V512(ref s.Values, ref s.Bias, offset, column), out Vector512<double> first, out Vector512<double> second);
            value.StoreUnsafe(ref s.Values, (nuint)offset);
            first.StoreUnsafe(ref s.First, (nuint)offset);
            (first * rz).StoreUnsafe(ref s.RValues, (nuint)offset);
            (second * rz).StoreUnsafe(ref s.RFirst, (nuint)offset);
        }
    }
}
