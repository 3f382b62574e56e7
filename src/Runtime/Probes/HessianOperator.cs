using System;
using System.Globalization;
using Landscape.Models;

namespace Landscape.Probes;

/// <summary>
/// The Hessian H = ∇²L(θ) of a model at one point, for the many products that Lanczos, trace and density estimates, dense
/// verification and sharpness tracking take there. Built by <see cref="Hessian.Operator"/>.
/// </summary>
/// <remarks>
/// <para>A generated model (<see cref="IFixedPointModel"/>) keeps what its products share: a network keeps every layer's
/// values, σ′ and σ″, and the backward deltas, so a product runs only the R-forward, the R-backward and the weight terms; an
/// objective keeps its dense Hessian. Every product equals <see cref="IModel.HessianVectorProduct"/> at the point bit for
/// bit, single or batched, for any thread count. On a <see cref="Distributed.DataParallelModel"/> every rank keeps the fixed
/// points of its shard's chunk subtrees and each product is collective (built and used alike on every rank), with the
/// one-process bits. Any other model, or a cache past <see cref="OperatorOptions.MemoryBudgetBytes"/> (on any rank), gets
/// full products (<see cref="IsCached"/> false) — the same bits.</para>
/// <para>The operator keeps copies of θ and a reference to the dataset, which must not change while it is used. It is not
/// thread-safe (one call at a time; each product is parallel inside). Dispose it to return its memory.</para>
/// </remarks>
public sealed class HessianOperator : IDisposable
{
    private readonly IModel _model;
    private readonly double[] _parameters;
    private readonly Dataset _data;
    private IFixedPoint? _fixedPoint;
    private double[]? _gradient;
    private double? _loss;
    private bool _disposed;

    internal HessianOperator(IModel model, ReadOnlySpan<double> parameters, Dataset data, OperatorOptions options)
    {
        _model = model;
        _parameters = parameters.ToArray();
        _data = data;
        // An objective ignores the data, so a data-parallel one keeps its own fixed point on every rank alike (no messages).
        IModel keeper = model is Distributed.DataParallelModel { Inner: IDataFreeModel objective } ? objective : model;
        if (keeper is Distributed.DataParallelModel parallel && options.MemoryBudgetBytes > 0)
        {
            // Collective: every rank keeps the fixed points of its shard's subtrees, or every rank takes full products.
            _fixedPoint = parallel.CreateFixedPoint(parameters, data, options.MemoryBudgetBytes);
            if (_fixedPoint is not null) _loss = _fixedPoint.Loss;
        }
        else if (keeper is IFixedPointModel cached && options.MemoryBudgetBytes > 0)
        {
            long bytes = cached.FixedPointBytes(data);
            if (bytes <= options.MemoryBudgetBytes)
            {
                _fixedPoint = cached.CreateFixedPoint(parameters, data);
                _loss = _fixedPoint.Loss;
            }
        }
    }

    /// <summary>The dimension of H: the model's parameter count.</summary>
    public int Dimension => _parameters.Length;

    /// <summary>Whether products use the kept fixed point (false: each is a full HVP of the model).</summary>
    public bool IsCached => _fixedPoint is not null;

    /// <summary>The bytes the fixed point keeps (0 when <see cref="IsCached"/> is false).</summary>
    public long CacheBytes => _fixedPoint?.CacheBytes ?? 0;

    /// <summary>The number of products taken so far (a batch of k counts k).</summary>
    public long ProductCount { get; private set; }

    /// <summary>L(θ), equal to <see cref="IModel.Loss"/> at the point.</summary>
    public double Loss
    {
        get
        {
            ThrowIfDisposed();
            _loss ??= _model.Loss(_parameters, _data);
            return _loss.Value;
        }
    }

    /// <summary>∇L(θ), equal to <see cref="IModel.Gradient"/> at the point (computed on first use).</summary>
    public ReadOnlySpan<double> Gradient
    {
        get
        {
            ThrowIfDisposed();
            if (_gradient is null)
            {
                var gradient = new double[_parameters.Length];
                double loss = _model.Gradient(_parameters, _data, gradient);
                _loss ??= loss;
                _gradient = gradient;
            }
            return _gradient;
        }
    }

    /// <summary>product = H·direction, equal to <c>model.HessianVectorProduct(θ, data, direction, product)</c> bit for bit.</summary>
    /// <exception cref="ArgumentException">A span's length is not <see cref="Dimension"/>.</exception>
    /// <exception cref="ObjectDisposedException">The operator was disposed.</exception>
    public void Multiply(ReadOnlySpan<double> direction, Span<double> product)
    {
        ThrowIfDisposed();
        Check.Length(direction.Length, Dimension, nameof(direction));
        Check.Length(product.Length, Dimension, nameof(product));
        if (_fixedPoint is not null) _fixedPoint.Multiply(direction, product);
        else _model.HessianVectorProduct(_parameters, _data, direction, product);
        ProductCount++;
    }

    /// <summary>
    /// products[j] = H·directions[j] for <paramref name="count"/> directions stacked row-major (row j at j·<see cref="Dimension"/>),
    /// each equal to the single product bit for bit. A generated network takes the directions one after another over its kept
    /// chunks (the order that measured fastest: keeping one direction's packed operands and product tree warm beats keeping
    /// one chunk warm for all directions; bench/PROFILE.md, "Batched products").
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="ArgumentException">A span's length is not <paramref name="count"/> × <see cref="Dimension"/>.</exception>
    /// <exception cref="ObjectDisposedException">The operator was disposed.</exception>
    public void Multiply(ReadOnlySpan<double> directions, Span<double> products, int count)
    {
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        long length = (long)count * Dimension;
        if (directions.Length != length)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"directions has length {directions.Length}; {count} stacked directions of dimension {Dimension} take {length}."), nameof(directions));
        if (products.Length != length)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"products has length {products.Length}; {count} stacked products of dimension {Dimension} take {length}."), nameof(products));
        if (count == 0) return;
        if (_fixedPoint is not null)
        {
            _fixedPoint.Multiply(directions, products, count);
        }
        else
        {
            int n = Dimension;
            for (int j = 0; j < count; j++)
                _model.HessianVectorProduct(_parameters, _data, directions.Slice(j * n, n), products.Slice(j * n, n));
        }
        ProductCount += count;
    }

    /// <summary>Returns the fixed point's memory; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _fixedPoint?.Dispose();
        _fixedPoint = null;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
