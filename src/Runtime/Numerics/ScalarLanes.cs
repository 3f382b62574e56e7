using System;
using System.Runtime.CompilerServices;

namespace Landscape.Numerics;

/// <summary><see cref="ILanes{TVector, TMask}"/> for one <see cref="double"/> (masks are <see cref="bool"/>).</summary>
internal readonly struct ScalarLanes : ILanes<double, bool>
{
    public static int Count => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Create(double value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Add(double a, double b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Subtract(double a, double b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Multiply(double a, double b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Divide(double a, double b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Negate(double x) => -x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double FusedMultiplyAdd(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Abs(double x) => Math.Abs(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LessThan(double a, double b) => a < b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LessThanOrEqual(double a, double b) => a <= b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool GreaterThan(double a, double b) => a > b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool GreaterThanOrEqual(double a, double b) => a >= b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Equal(double a, double b) => a == b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsNaN(double x) => double.IsNaN(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool And(bool a, bool b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Or(bool a, bool b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(bool mask) => mask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool MayNeed(bool mask) => mask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(bool mask) => mask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Select(bool mask, double ifTrue, double ifFalse) => mask ? ifTrue : ifFalse;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double BitwiseAnd(double a, double b) => FromBits(Bits(a) & Bits(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Xor(double a, double b) => FromBits(Bits(a) ^ Bits(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double IntegerAdd(double x, long addend) => FromBits(unchecked(Bits(x) + addend));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double IntegerSubtract(double a, double b) => FromBits(unchecked(Bits(a) - Bits(b)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ShiftLeft(double x, int count) => FromBits(Bits(x) << count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ShiftRightLogical(double x, int count) => FromBits(Bits(x) >>> count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TestBits(double x, long bits) => (Bits(x) & bits) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ApplyWhere<TFunction>(bool mask, double x, double current)
        where TFunction : IScalarFunction
        => mask ? TFunction.Invoke(x) : current;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double FromBits(long bits) => BitConverter.Int64BitsToDouble(bits);
}
