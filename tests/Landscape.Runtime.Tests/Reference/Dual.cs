using System;

namespace Landscape.Tests.Reference;

/// <summary>
/// A forward-mode dual number V + T·ε (ε² = 0). Running the reference gradient code on duals whose tangent is a
/// direction v yields ∇L in the values and H·v in the tangents — an HVP derived mechanically, independent of the
/// generator's hand-derived R-operator.
/// </summary>
internal readonly record struct Dual(double V, double T)
{
    public static implicit operator Dual(double value) => new(value, 0);

    public static Dual operator +(Dual a, Dual b) => new(a.V + b.V, a.T + b.T);

    public static Dual operator -(Dual a, Dual b) => new(a.V - b.V, a.T - b.T);

    public static Dual operator -(Dual a) => new(-a.V, -a.T);

    public static Dual operator *(Dual a, Dual b) => new(a.V * b.V, a.T * b.V + a.V * b.T);

    public static Dual operator /(Dual a, Dual b) => new(a.V / b.V, (a.T * b.V - a.V * b.T) / (b.V * b.V));

    public static Dual Exp(Dual a)
    {
        double e = Math.Exp(a.V);
        return new(e, e * a.T);
    }

    public static Dual Log(Dual a) => new(Math.Log(a.V), a.T / a.V);

    /// <summary>f(a) for a scalar f with derivative f' at a.V: (f(a.V), f'(a.V)·a.T).</summary>
    public static Dual Apply(Dual a, double value, double derivative) => new(value, derivative * a.T);
}
