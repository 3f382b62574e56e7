using System;

namespace Landscape.Models;

/// <summary>
/// The fixed point of a generated objective: its dense n × n Hessian, computed once. A product sums each row left to right,
/// <c>product[i] = H[i,0]·v[0] + H[i,1]·v[1] + …</c>, exactly as the objective's HessianVectorProduct does, so the bits agree.
/// </summary>
public sealed class DenseFixedPoint : IFixedPoint
{
    private readonly double[] _hessian;
    private readonly double[] _direction;

    /// <summary>A fixed point with loss <paramref name="loss"/> and the row-major Hessian <paramref name="hessian"/> (n², kept).</summary>
    /// <exception cref="ArgumentException">The Hessian is not square.</exception>
    public DenseFixedPoint(double loss, double[] hessian)
    {
        ArgumentNullException.ThrowIfNull(hessian);
        int n = (int)Math.Sqrt(hessian.Length);
        if ((long)n * n != hessian.Length)
            throw new ArgumentException($"The Hessian has {hessian.Length} values, which is not n² for an integer n.", nameof(hessian));
        Loss = loss;
        Dimension = n;
        _hessian = hessian;
        _direction = new double[n];
    }

    /// <summary>The number of coordinates n.</summary>
    public int Dimension { get; }

    /// <inheritdoc/>
    public double Loss { get; }

    /// <inheritdoc/>
    public long CacheBytes => (long)_hessian.Length * sizeof(double);

    /// <inheritdoc/>
    public void Multiply(ReadOnlySpan<double> direction, Span<double> product)
    {
        Check.Length(direction.Length, Dimension, nameof(direction));
        Check.Length(product.Length, Dimension, nameof(product));
        // The direction is copied first, so it may alias the product.
        direction.CopyTo(_direction);
        int n = Dimension;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> row = _hessian.AsSpan(i * n, n);
            double sum = row[0] * _direction[0];
            for (int j = 1; j < n; j++) sum += row[j] * _direction[j];
            product[i] = sum;
        }
    }

    /// <inheritdoc/>
    public void Multiply(ReadOnlySpan<double> directions, Span<double> products, int count)
    {
        int n = Dimension;
        Check.Length(directions.Length, count * n, nameof(directions));
        Check.Length(products.Length, count * n, nameof(products));
        for (int j = 0; j < count; j++) Multiply(directions.Slice(j * n, n), products.Slice(j * n, n));
    }

    /// <summary>Nothing to release: the Hessian is garbage-collected memory.</summary>
    public void Dispose()
    {
    }
}
