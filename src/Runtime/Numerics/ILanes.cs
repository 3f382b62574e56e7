namespace Landscape.Numerics;

/// <summary>
/// IEEE-754 double arithmetic on the lanes of one register width (a scalar, <c>Vector256&lt;double&gt;</c> or
/// <c>Vector512&lt;double&gt;</c>). The elementary functions in <see cref="LaneMath{TLanes, TVector, TMask}"/> are written
/// once against this interface and instantiated at every width; because every member is an exactly specified
/// lane-wise operation (correctly rounded arithmetic, fused multiply-add, comparisons, selects and operations on the
/// 64-bit patterns), every width produces bit-identical lanes for the same input.
/// </summary>
/// <typeparam name="TVector">The register type: <see cref="double"/> or a vector of doubles.</typeparam>
/// <typeparam name="TMask">The comparison result: <see cref="bool"/> for scalars, an all-ones/all-zeros lane mask for vectors.</typeparam>
internal interface ILanes<TVector, TMask>
{
    /// <summary>The number of lanes.</summary>
    static abstract int Count { get; }

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TVector Create(double value);

    /// <summary>a + b.</summary>
    static abstract TVector Add(TVector a, TVector b);

    /// <summary>a − b.</summary>
    static abstract TVector Subtract(TVector a, TVector b);

    /// <summary>a · b.</summary>
    static abstract TVector Multiply(TVector a, TVector b);

    /// <summary>a / b.</summary>
    static abstract TVector Divide(TVector a, TVector b);

    /// <summary>−x (flips the sign bit).</summary>
    static abstract TVector Negate(TVector x);

    /// <summary>a·b + c with a single rounding.</summary>
    static abstract TVector FusedMultiplyAdd(TVector a, TVector b, TVector c);

    /// <summary>|x| (clears the sign bit, so NaN stays NaN).</summary>
    static abstract TVector Abs(TVector x);

    /// <summary>a &lt; b (false when either is NaN).</summary>
    static abstract TMask LessThan(TVector a, TVector b);

    /// <summary>a ≤ b (false when either is NaN).</summary>
    static abstract TMask LessThanOrEqual(TVector a, TVector b);

    /// <summary>a &gt; b (false when either is NaN).</summary>
    static abstract TMask GreaterThan(TVector a, TVector b);

    /// <summary>a ≥ b (false when either is NaN).</summary>
    static abstract TMask GreaterThanOrEqual(TVector a, TVector b);

    /// <summary>a = b (false when either is NaN; −0 = +0).</summary>
    static abstract TMask Equal(TVector a, TVector b);

    /// <summary>x is NaN.</summary>
    static abstract TMask IsNaN(TVector x);

    /// <summary>Lane-wise a ∧ b.</summary>
    static abstract TMask And(TMask a, TMask b);

    /// <summary>Lane-wise a ∨ b.</summary>
    static abstract TMask Or(TMask a, TMask b);

    /// <summary>True when any lane of <paramref name="mask"/> is set.</summary>
    static abstract bool Any(TMask mask);

    /// <summary>
    /// Whether work needed only by the lanes set in <paramref name="mask"/> should run: true when any lane is set.
    /// Work guarded this way may only reach the result through a select on the same mask, so skipping it when no lane
    /// needs it changes no bit (vector lanes stay identical to the scalar path, which branches per value). A vector whose
    /// lanes are all in one range then pays for one branch only.
    /// </summary>
    static abstract bool MayNeed(TMask mask);

    /// <summary>True when every lane of <paramref name="mask"/> is set.</summary>
    static abstract bool All(TMask mask);

    /// <summary>Per lane: <paramref name="ifTrue"/> where <paramref name="mask"/> is set, else <paramref name="ifFalse"/>.</summary>
    static abstract TVector Select(TMask mask, TVector ifTrue, TVector ifFalse);

    /// <summary>Bitwise AND of the 64-bit patterns.</summary>
    static abstract TVector BitwiseAnd(TVector a, TVector b);

    /// <summary>Bitwise XOR of the 64-bit patterns.</summary>
    static abstract TVector Xor(TVector a, TVector b);

    /// <summary>The 64-bit pattern of <paramref name="x"/> plus <paramref name="addend"/>, as integers (wrapping).</summary>
    static abstract TVector IntegerAdd(TVector x, long addend);

    /// <summary>The 64-bit pattern of <paramref name="a"/> minus that of <paramref name="b"/>, as integers (wrapping).</summary>
    static abstract TVector IntegerSubtract(TVector a, TVector b);

    /// <summary>The 64-bit pattern shifted left by <paramref name="count"/> bits.</summary>
    static abstract TVector ShiftLeft(TVector x, int count);

    /// <summary>The 64-bit pattern shifted right by <paramref name="count"/> bits, filling with zeros.</summary>
    static abstract TVector ShiftRightLogical(TVector x, int count);

    /// <summary>Per lane: whether any of the bits in <paramref name="bits"/> is set in the 64-bit pattern of <paramref name="x"/>.</summary>
    static abstract TMask TestBits(TVector x, long bits);

    /// <summary>Per lane: <typeparamref name="TFunction"/> applied to <paramref name="x"/> where <paramref name="mask"/> is set, else <paramref name="current"/>.</summary>
    /// <remarks>A per-lane scalar fallback for rare inputs (for example huge arguments of sin).</remarks>
    static abstract TVector ApplyWhere<TFunction>(TMask mask, TVector x, TVector current)
        where TFunction : IScalarFunction;
}
