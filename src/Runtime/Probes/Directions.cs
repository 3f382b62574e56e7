using System;
using System.Globalization;
using System.Numerics.Tensors;
using Landscape.Models;
using Landscape.Numerics;

namespace Landscape.Probes;

/// <summary>
/// Directions in parameter space for slices and growth profiles: seeded Gaussian directions with the normalizations of
/// Li et al. (2018), the difference of two points, and Gram–Schmidt orthogonalization.
/// </summary>
/// <remarks>
/// Random directions draw block <c>k</c> of the layout from <see cref="CounterRandom"/> stream <c>k</c>:
/// dᵢ = Normal(seed, k, i − offsetₖ). A direction therefore depends only on (seed, layout), never on the thread count
/// or on the order of the calls.
/// <para>
/// Coordinate blocks (the named scalars of an <c>[Objective]</c>) are not network weights: the scale-invariance argument
/// behind filter and layer normalization does not apply to them, and an objective's reference point (often the origin)
/// carries no scale. Under <see cref="Normalization.Filter"/> and <see cref="Normalization.Layer"/> they therefore keep
/// their standard-normal draw unchanged; use <see cref="Normalization.Unit"/> for a unit-length objective direction.
/// </para>
/// </remarks>
public static class Directions
{
    /// <summary>
    /// A seeded Gaussian direction of the model's length, normalized as <paramref name="normalization"/> says; bias blocks
    /// are zeroed under <see cref="Normalization.Filter"/>.
    /// </summary>
    /// <param name="model">The model whose layout the direction follows.</param>
    /// <param name="seed">The seed; the same (seed, layout) gives the same bits.</param>
    /// <param name="normalization">The rescaling (default <see cref="Normalization.Filter"/>).</param>
    /// <param name="reference">The parameters whose row or block norms are matched; required by Filter and Layer.</param>
    /// <exception cref="ArgumentException">The reference is missing for Filter or Layer, its length differs from the model's, or it holds a NaN or infinite value.</exception>
    public static double[] Random(IModel model, int seed, Normalization normalization = Normalization.Filter, ReadOnlySpan<double> reference = default) =>
        Random(model, seed, normalization, reference, BiasHandling.Zero);

    /// <summary>
    /// A seeded Gaussian direction of the model's length, normalized as <paramref name="normalization"/> says, with bias
    /// blocks handled as <paramref name="biases"/> says under <see cref="Normalization.Filter"/>.
    /// </summary>
    /// <param name="model">The model whose layout the direction follows.</param>
    /// <param name="seed">The seed; the same (seed, layout) gives the same bits.</param>
    /// <param name="normalization">The rescaling.</param>
    /// <param name="reference">The parameters whose row or block norms are matched; required by Filter and Layer.</param>
    /// <param name="biases">Zero or normalize bias blocks (used by Filter only; Layer always normalizes each block).</param>
    /// <remarks>
    /// A row or block whose reference norm is zero becomes zero (its scale is 0 / ‖d‖). Under <see cref="Normalization.Unit"/>
    /// and <see cref="Normalization.None"/> a non-empty reference is checked for length but otherwise ignored.
    /// </remarks>
    /// <exception cref="ArgumentException">The reference is missing for Filter or Layer, its length differs from the model's, or it holds a NaN or infinite value.</exception>
    public static double[] Random(IModel model, int seed, Normalization normalization, ReadOnlySpan<double> reference, BiasHandling biases)
    {
        ArgumentNullException.ThrowIfNull(model);
        int n = model.ParameterCount;
        bool needsReference = normalization is Normalization.Filter or Normalization.Layer;
        if (needsReference && reference.IsEmpty)
            throw new ArgumentException($"{normalization} normalization scales the direction to the reference parameters; pass a reference of length {n} (e.g. the point θ being probed), or use Normalization.Unit.", nameof(reference));
        if (!reference.IsEmpty && reference.Length != n)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The reference has {reference.Length} values; the model has {n} parameters."), nameof(reference));
        Check.Finite(reference, nameof(reference));
        if (!Enum.IsDefined(normalization))
            throw new ArgumentOutOfRangeException(nameof(normalization), normalization, "Unknown normalization.");
        if (!Enum.IsDefined(biases))
            throw new ArgumentOutOfRangeException(nameof(biases), biases, "Unknown bias handling.");

        var direction = new double[n];
        ParameterLayout layout = model.Layout;
        ulong seedBits = unchecked((ulong)(uint)seed);
        for (int k = 0; k < layout.Count; k++)
        {
            ParameterBlock block = layout[k];
            CounterRandom.FillNormal(direction.AsSpan(block.Offset, block.Length), seedBits, (ulong)k, 1.0);
        }

        switch (normalization)
        {
            case Normalization.Filter:
                foreach (ParameterBlock block in layout)
                {
                    Span<double> d = direction.AsSpan(block.Offset, block.Length);
                    ReadOnlySpan<double> r = reference.Slice(block.Offset, block.Length);
                    switch (block.Kind)
                    {
                        case ParameterKind.Weight:
                            // Row j of W is the fan-in of output unit j: d_j ← d_j · ‖r_j‖ / ‖d_j‖.
                            for (int row = 0; row < block.Rows; row++)
                                MatchNorm(d.Slice(row * block.Columns, block.Columns), r.Slice(row * block.Columns, block.Columns));
                            break;
                        case ParameterKind.Bias when biases == BiasHandling.Zero:
                            d.Clear();
                            break;
                        case ParameterKind.Bias:
                            MatchNorm(d, r);
                            break;
                        // Coordinates keep their draw (see remarks).
                    }
                }
                break;
            case Normalization.Layer:
                foreach (ParameterBlock block in layout)
                {
                    if (block.Kind == ParameterKind.Coordinate) continue;
                    MatchNorm(direction.AsSpan(block.Offset, block.Length), reference.Slice(block.Offset, block.Length));
                }
                break;
            case Normalization.Unit:
                if (n > 0) Normalize(direction);
                break;
        }
        return direction;
    }

    /// <summary>The direction from <paramref name="a"/> to <paramref name="b"/>: b − a (so θ = a + t·d reaches b at t = 1).</summary>
    /// <exception cref="ArgumentException">The lengths differ, or a point holds a NaN or infinite value.</exception>
    public static double[] Between(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The points have {a.Length} and {b.Length} values; expected equal lengths."), nameof(b));
        Check.Finite(a, nameof(a));
        Check.Finite(b, nameof(b));
        var d = new double[a.Length];
        TensorPrimitives.Subtract(b, a, d);
        return d;
    }

    /// <summary>
    /// Makes <paramref name="second"/> orthogonal to <paramref name="first"/> in place, keeping its Euclidean norm:
    /// s ← s − (⟨f, s⟩ / ⟨f, f⟩) f, applied twice (classical Gram–Schmidt loses orthogonality to rounding once; the
    /// second pass restores it to ~1e-16 relative), then s is rescaled to its original norm so that a filter- or
    /// layer-normalized second direction keeps its overall scale. A zero <paramref name="first"/> leaves
    /// <paramref name="second"/> unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ, a direction holds a NaN or infinite value, or <paramref name="second"/> is parallel to <paramref name="first"/> (nothing is left after the projection).</exception>
    public static void Orthogonalize(ReadOnlySpan<double> first, Span<double> second)
    {
        if (first.Length != second.Length)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The directions have {first.Length} and {second.Length} values; expected equal lengths."), nameof(second));
        Check.Finite(first, nameof(first));
        Check.Finite(second, nameof(second));
        double ff = TensorPrimitives.Dot(first, first);
        if (ff == 0) return;
        double norm = TensorPrimitives.Norm((ReadOnlySpan<double>)second);
        for (int pass = 0; pass < 2; pass++)
        {
            double c = TensorPrimitives.Dot(first, (ReadOnlySpan<double>)second) / ff;
            // s ← s − c·f
            TensorPrimitives.MultiplyAdd(first, -c, second, second);
        }
        double remaining = TensorPrimitives.Norm((ReadOnlySpan<double>)second);
        if (remaining == 0 || remaining <= ParallelTolerance * norm)
            throw new ArgumentException("The second direction is parallel to the first; nothing is left after orthogonalization.", nameof(second));
        TensorPrimitives.Multiply(second, norm / remaining, second);
    }

    /// <summary>Scales <paramref name="vector"/> in place to unit Euclidean norm and returns its previous norm.</summary>
    /// <exception cref="ArgumentException">The vector is zero (or not finite) and has no direction.</exception>
    public static double Normalize(Span<double> vector)
    {
        double norm = TensorPrimitives.Norm((ReadOnlySpan<double>)vector);
        if (!(norm > 0) || !double.IsFinite(norm))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Cannot normalize a vector of norm {norm}."), nameof(vector));
        TensorPrimitives.Multiply(vector, 1.0 / norm, vector);
        return norm;
    }

    /// <summary>
    /// Relative size below which the remainder after projection counts as rounding noise: two passes of Gram–Schmidt
    /// leave ~n·ε of the original; 1e-12 is far above that for any practical n and far below any real component.
    /// </summary>
    private const double ParallelTolerance = 1e-12;

    /// <summary>d ← d · ‖r‖ / ‖d‖ (zero when ‖r‖ = 0; unchanged when ‖d‖ = 0).</summary>
    private static void MatchNorm(Span<double> d, ReadOnlySpan<double> r)
    {
        double dn = TensorPrimitives.Norm((ReadOnlySpan<double>)d);
        if (dn == 0) return;
        TensorPrimitives.Multiply(d, TensorPrimitives.Norm(r) / dn, d);
    }
}
