using System.Runtime.Intrinsics;

namespace Landscape.Kernels;

/// <summary>
/// An elementwise activation σ with its exact first and second derivatives, as static members so that an
/// implementing <see langword="struct"/> passed as a type argument (for example to
/// <see cref="Epilogue.ActivateWithR{TActivation}(System.Span{double}, System.ReadOnlySpan{double}, System.Span{double}, System.ReadOnlySpan{double}, System.Span{double}, System.Span{double}, int, int)"/>) is inlined by the JIT.
/// </summary>
/// <remarks>
/// <para>Every vector member computes, in each lane, exactly the value (bit for bit) that the scalar member computes
/// for that element, and the fused <c>Evaluate</c> members return exactly what <c>Value</c>, <c>Derivative</c> and
/// <c>SecondDerivative</c> return; results therefore never depend on the SIMD width or on where a row's tail starts.</para>
/// <para>Every member returns NaN for a NaN argument. At ±∞ the members return the limits of σ, σ′ and σ″ where those
/// exist (for example tanh: ±1, 0, 0); where they do not (sin), NaN.</para>
/// <para>The library's activations implement these members once, in the internal <c>ILaneActivation&lt;TSelf&gt;</c>
/// adapter, over one kernel per struct written against every lane width; call them through a type parameter
/// (<c>T.Evaluate(z, out first, out second)</c>), as the epilogue drivers do.</para>
/// </remarks>
public interface IActivation
{
    /// <summary>σ(z).</summary>
    static abstract double Value(double z);

    /// <summary>σ′(z).</summary>
    static abstract double Derivative(double z);

    /// <summary>σ″(z).</summary>
    static abstract double SecondDerivative(double z);

    /// <summary>Returns σ(z) and sets <paramref name="first"/> = σ′(z) and <paramref name="second"/> = σ″(z), sharing the work between them.</summary>
    static abstract double Evaluate(double z, out double first, out double second);

    /// <summary>σ(z) in each lane.</summary>
    static abstract Vector256<double> Value(Vector256<double> z);

    /// <summary>σ′(z) in each lane.</summary>
    static abstract Vector256<double> Derivative(Vector256<double> z);

    /// <summary>σ″(z) in each lane.</summary>
    static abstract Vector256<double> SecondDerivative(Vector256<double> z);

    /// <summary>Returns σ(z) and sets <paramref name="first"/> = σ′(z) and <paramref name="second"/> = σ″(z) in each lane, sharing the work between them.</summary>
    static abstract Vector256<double> Evaluate(Vector256<double> z, out Vector256<double> first, out Vector256<double> second);

    /// <summary>σ(z) in each lane.</summary>
    static abstract Vector512<double> Value(Vector512<double> z);

    /// <summary>σ′(z) in each lane.</summary>
    static abstract Vector512<double> Derivative(Vector512<double> z);

    /// <summary>σ″(z) in each lane.</summary>
    static abstract Vector512<double> SecondDerivative(Vector512<double> z);

    /// <summary>Returns σ(z) and sets <paramref name="first"/> = σ′(z) and <paramref name="second"/> = σ″(z) in each lane, sharing the work between them.</summary>
    static abstract Vector512<double> Evaluate(Vector512<double> z, out Vector512<double> first, out Vector512<double> second);
}
