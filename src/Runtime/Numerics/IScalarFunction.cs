namespace Landscape.Numerics;

/// <summary>A scalar function y = f(x), passed as a type argument so that calls through it are inlined.</summary>
internal interface IScalarFunction
{
    /// <summary>f(x).</summary>
    static abstract double Invoke(double x);
}
