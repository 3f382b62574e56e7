using System;

namespace Landscape.Models;

/// <summary>
/// For generated networks (support for generated code, not a contract for users): the sums behind the loss, gradient
/// and H·v over a run of whole chunks of a larger dataset, so <see cref="Distributed.DataParallelModel"/> can combine
/// chunks held by different processes in the same pairwise tree (<see cref="ChunkTree"/>) as one process would.
/// </summary>
/// <remarks>
/// <para><c>data</c> is a run of consecutive chunks of a dataset of <c>count</c> examples: it starts at a multiple of
/// <see cref="ChunkSize"/>, and every chunk but possibly its last is full. Each method computes every chunk of
/// <c>data</c> exactly as the model's own method would inside the whole dataset (the deltas scaled by 1/<c>count</c>),
/// combines them by the pairwise tree over <c>data</c>'s chunks, and returns the loss <em>sum</em> (not divided by
/// <c>count</c>). A subtree of the tree over N chunks is the tree over its own chunks, so calling these on the maximal
/// aligned subtrees a process owns, and adding the results in the tree's order, gives the one-process bits.</para>
/// </remarks>
public interface IPartialSums : IModel
{
    /// <summary>Examples per chunk (a constant of the declaration).</summary>
    int ChunkSize { get; }

    /// <summary>The tree sum of the per-example losses ℓᵢ over <paramref name="data"/>.</summary>
    double LossSum(ReadOnlySpan<double> parameters, Dataset data, int count);

    /// <summary>The tree sum of the chunks' gradient partials (deltas scaled by 1/<paramref name="count"/>) into <paramref name="gradient"/>; returns the loss sum.</summary>
    double GradientSum(ReadOnlySpan<double> parameters, Dataset data, int count, Span<double> gradient);

    /// <summary>
    /// The tree sum of the chunks' H·v partials into <paramref name="product"/> (and of their gradient partials into
    /// <paramref name="gradient"/> when it is not empty), deltas scaled by 1/<paramref name="count"/>; returns the loss sum.
    /// </summary>
    double HessianVectorProductSum(ReadOnlySpan<double> parameters, Dataset data, int count, ReadOnlySpan<double> direction,
                                   Span<double> product, Span<double> gradient);
}
