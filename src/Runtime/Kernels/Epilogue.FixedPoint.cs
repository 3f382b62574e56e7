using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Landscape.Kernels;

/// <summary>
/// The epilogues of a Hessian operator at a fixed point (<c>Hessian.Operator</c>): one pass keeps σ′ and σ″ of every layer
/// (<see cref="ActivateWithSecond{TActivation}(Span{double}, ReadOnlySpan{double}, Span{double}, Span{double}, int, int)"/>) and
/// the upstream deltas; each product then runs only the R-steps (<see cref="RActivate"/>, <see cref="RBackpropagate"/>). Each
/// computes exactly the operations of the fused HVP epilogues on the same operands, so products equal the model's HVP bit
/// for bit.
/// </summary>
public static partial class Epilogue
{
    /// <summary>
    /// The forward epilogue of the fixed-point pass: with <c>z = values + bias</c>, sets <c>values ← σ(z)</c>,
    /// <c>first ← σ′(z)</c> and <c>second ← σ″(z)</c> (the same σ and σ′ bits as
    /// <see cref="ActivateWithR{TActivation}(Span{double}, ReadOnlySpan{double}, Span{double}, ReadOnlySpan{double}, Span{double}, Span{double}, int, int)"/>).
    /// </summary>
    /// <typeparam name="TActivation">The activation σ.</typeparam>
    /// <param name="values">The rows × width block of pre-activations (without bias); overwritten with σ(z).</param>
    /// <param name="bias">The bias (length <paramref name="width"/>), or empty for none.</param>
    /// <param name="first">Receives σ′(z).</param>
    /// <param name="second">Receives σ″(z).</param>
    /// <param name="rows">The number of rows (examples).</param>
    /// <param name="width">The number of columns (units).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="width"/> is negative.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the block (the message states the expected length).</exception>
    public static void ActivateWithSecond<TActivation>(Span<double> values, ReadOnlySpan<double> bias, Span<double> first, Span<double> second, int rows, int width)
        where TActivation : IActivation
        => ActivateWithSecond<TActivation>(values, bias, first, second, rows, width, SimdWidth.Auto);

    /// <summary>
    /// The R-forward step through a kept activation: with <c>rz = rvalues + rbias</c> (bias broadcast over rows), sets
    /// <c>rfirst ← second·rz</c> and <c>rvalues ← first·rz</c> — R σ′(z) and R σ(z), as the fused HVP epilogue computes them.
    /// </summary>
    /// <param name="rvalues">R z without the bias direction (rows × width); overwritten with R σ(z) = σ′(z)·rz.</param>
    /// <param name="rbias">The bias direction (length <paramref name="width"/>), or empty for none.</param>
    /// <param name="first">σ′(z), kept.</param>
    /// <param name="second">σ″(z), kept.</param>
    /// <param name="rfirst">Receives R σ′(z) = σ″(z)·rz.</param>
    /// <param name="rows">The number of rows (examples).</param>
    /// <param name="width">The number of columns (units).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="width"/> is negative.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the block.</exception>
    public static void RActivate(Span<double> rvalues, ReadOnlySpan<double> rbias, ReadOnlySpan<double> first, ReadOnlySpan<double> second, Span<double> rfirst, int rows, int width)
    {
        CheckBlock(rvalues.Length, rows, width, nameof(rvalues));
        CheckBias(rbias.Length, width, nameof(rbias));
        CheckBlock(first.Length, rows, width, nameof(first));
        CheckBlock(second.Length, rows, width, nameof(second));
        CheckBlock(rfirst.Length, rows, width, nameof(rfirst));
        if (!rbias.IsEmpty)
        {
            for (int r = 0; r < rows; r++)
            {
                Span<double> row = rvalues.Slice(r * width, width);
                TensorPrimitives.Add(row, rbias, row);
            }
        }
        TensorPrimitives.Multiply(second, rvalues, rfirst);
        TensorPrimitives.Multiply(first, rvalues, rvalues);
    }

    /// <summary>
    /// The R-backward step through a kept activation: <c>rgradient[i] ← rfirst[i]·upstream[i] + first[i]·rgradient[i]</c>,
    /// with <paramref name="upstream"/> the kept ∂L/∂σ(z) (the delta before its σ′ step) — the rounding of
    /// <see cref="BackpropagateR"/>: <c>fma(rfirst, upstream, fl(first·Rg))</c>.
    /// </summary>
    /// <param name="upstream">∂L/∂σ(z) at the fixed point.</param>
    /// <param name="rgradient">R{∂L/∂σ(z)} on entry, R{∂L/∂z} on return.</param>
    /// <param name="first">σ′(z).</param>
    /// <param name="rfirst">R σ′(z).</param>
    /// <exception cref="ArgumentException">A span's length differs from <paramref name="rgradient"/>'s.</exception>
    public static void RBackpropagate(ReadOnlySpan<double> upstream, Span<double> rgradient, ReadOnlySpan<double> first, ReadOnlySpan<double> rfirst)
    {
        CheckSameLength(upstream.Length, rgradient.Length, nameof(upstream));
        CheckSameLength(first.Length, rgradient.Length, nameof(first));
        CheckSameLength(rfirst.Length, rgradient.Length, nameof(rfirst));
        TensorPrimitives.Multiply(first, rgradient, rgradient);
        TensorPrimitives.FusedMultiplyAdd(rfirst, upstream, rgradient, rgradient);
    }

    /// <summary>
    /// The backward step of the fixed-point pass: keeps ∂L/∂σ(z) in <paramref name="upstream"/>, then
    /// <c>gradient ← first·gradient</c> = ∂L/∂z (the bits of <see cref="Backpropagate"/>).
    /// </summary>
    /// <param name="gradient">∂L/∂σ(z) on entry, ∂L/∂z on return.</param>
    /// <param name="first">σ′(z).</param>
    /// <param name="upstream">Receives ∂L/∂σ(z).</param>
    /// <exception cref="ArgumentException">A span's length differs from <paramref name="gradient"/>'s.</exception>
    public static void BackpropagateKeeping(Span<double> gradient, ReadOnlySpan<double> first, Span<double> upstream)
    {
        CheckSameLength(first.Length, gradient.Length, nameof(first));
        CheckSameLength(upstream.Length, gradient.Length, nameof(upstream));
        gradient.CopyTo(upstream);
        TensorPrimitives.Multiply(gradient, first, gradient);
    }

    /// <summary><see cref="ActivateWithSecond{TActivation}(Span{double}, ReadOnlySpan{double}, Span{double}, Span{double}, int, int)"/> with a forced vector width.</summary>
    internal static void ActivateWithSecond<TActivation>(Span<double> values, ReadOnlySpan<double> bias, Span<double> first, Span<double> second, int rows, int width, SimdWidth vectorWidth)
        where TActivation : IActivation
    {
        CheckBlock(values.Length, rows, width, nameof(values));
        CheckBias(bias.Length, width, nameof(bias));
        CheckBlock(first.Length, rows, width, nameof(first));
        CheckBlock(second.Length, rows, width, nameof(second));
        var streams = new Streams
        {
            Values = ref MemoryMarshal.GetReference(values),
            Bias = ref MemoryMarshal.GetReference(bias),
            First = ref MemoryMarshal.GetReference(first),
            RFirst = ref MemoryMarshal.GetReference(second),
        };
        if (bias.IsEmpty)
        {
            Run<SecondOperator<TActivation, WithoutBias>>(ref streams, 1, rows * width, vectorWidth);
        }
        else
        {
            Run<SecondOperator<TActivation, WithBias>>(ref streams, rows, width, vectorWidth);
        }
    }

    /// <summary>z = values + bias; values ← σ(z); first ← σ′(z); the RFirst stream ← σ″(z).</summary>
    private readonly struct SecondOperator<TActivation, TBias> : IElementOperator
        where TActivation : IActivation
        where TBias : IBiasMode
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Invoke(ref Streams s, nint offset, nint column)
        {
            double value = TActivation.Evaluate(Load<TBias>.Scalar(ref s.Values, ref s.Bias, offset, column), out double first, out double second);
            Unsafe.Add(ref s.Values, offset) = value;
            Unsafe.Add(ref s.First, offset) = first;
            Unsafe.Add(ref s.RFirst, offset) = second;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Invoke256(ref Streams s, nint offset, nint column)
        {
            Vector256<double> value = TActivation.Evaluate(Load<TBias>.V256(ref s.Values, ref s.Bias, offset, column), out Vector256<double> first, out Vector256<double> second);
            value.StoreUnsafe(ref s.Values, (nuint)offset);
            first.StoreUnsafe(ref s.First, (nuint)offset);
            second.StoreUnsafe(ref s.RFirst, (nuint)offset);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Invoke512(ref Streams s, nint offset, nint column)
        {
            Vector512<double> value = TActivation.Evaluate(Load<TBias>.V512(ref s.Values, ref s.Bias, offset, column), out Vector512<double> first, out Vector512<double> second);
            value.StoreUnsafe(ref s.Values, (nuint)offset);
            first.StoreUnsafe(ref s.First, (nuint)offset);
            second.StoreUnsafe(ref s.RFirst, (nuint)offset);
        }
    }
}
