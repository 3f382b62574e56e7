using System;

namespace Landscape.Models;

/// <summary>
/// A model that can keep, at a fixed point θ, everything its Hessian-vector products share — what does not depend on the
/// direction — so that each further product computes only what does. Generated networks and objectives implement it;
/// <see cref="Landscape.Probes.Hessian.Operator"/> looks for it and wraps the result in a
/// <see cref="Landscape.Probes.HessianOperator"/>. Users call <c>Hessian.Operator</c>, not this interface.
/// </summary>
public interface IFixedPointModel
{
    /// <summary>
    /// The bytes the fixed point of <paramref name="data"/> would keep (its cache, on top of one workspace), computed from
    /// the sizes alone, so a caller can decide before building it.
    /// </summary>
    long FixedPointBytes(Dataset data);

    /// <summary>
    /// Builds the fixed point at <paramref name="parameters"/> on <paramref name="data"/> (which it keeps a reference to): one
    /// pass that computes the loss and keeps what the products share.
    /// </summary>
    IFixedPoint CreateFixedPoint(ReadOnlySpan<double> parameters, Dataset data);
}

/// <summary>
/// A generated network's fixed point over a part of a dataset, for a Hessian operator on a
/// <see cref="Landscape.Distributed.DataParallelModel"/>: each rank keeps the fixed points of the maximal chunk subtrees
/// in its shard, and their products are combined through the chunk tree across ranks exactly as the partial sums are.
/// Users call <c>Hessian.Operator</c>, not this interface.
/// </summary>
public interface IPartialFixedPoints : IPartialSums, IFixedPointModel
{
    /// <summary>
    /// The fixed point at <paramref name="parameters"/> on the chunks of <paramref name="data"/>, a part of a dataset of
    /// <paramref name="count"/> examples: each product is the tree sum over these chunks with the deltas scaled by
    /// 1/<paramref name="count"/>, bit for bit the product of <see cref="IPartialSums.HessianVectorProductSum"/> without a
    /// gradient, and <see cref="IFixedPoint.Loss"/> is the part's loss sum, not divided.
    /// </summary>
    IFixedPoint CreateFixedPointPart(ReadOnlySpan<double> parameters, Dataset data, int count);
}

/// <summary>
/// The Hessian at one point, as a generated model keeps it (see <see cref="IFixedPointModel"/>). Each product equals the
/// model's <see cref="IModel.HessianVectorProduct"/> at that point bit for bit. Not thread-safe: one call at a time.
/// </summary>
public interface IFixedPoint : IDisposable
{
    /// <summary>The loss at the point, equal to the model's <see cref="IModel.Loss"/> there.</summary>
    double Loss { get; }

    /// <summary>The bytes this fixed point keeps (as <see cref="IFixedPointModel.FixedPointBytes"/> said).</summary>
    long CacheBytes { get; }

    /// <summary>product = H·direction.</summary>
    void Multiply(ReadOnlySpan<double> direction, Span<double> product);

    /// <summary>
    /// products[j] = H·directions[j] for <paramref name="count"/> directions stacked row-major (each the parameter length);
    /// each equal to the single product bit for bit.
    /// </summary>
    void Multiply(ReadOnlySpan<double> directions, Span<double> products, int count);
}
