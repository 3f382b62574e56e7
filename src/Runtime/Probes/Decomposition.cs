using System;
using System.Globalization;
using System.Numerics.Tensors;
using Landscape.Models;

namespace Landscape.Probes;

/// <summary>
/// Splits the loss and the directional curvature dᵀHd over examples or groups of examples, to show which examples own
/// which part of the curvature (L = mean ℓᵢ, so H = mean Hᵢ and dᵀHd = mean dᵀHᵢd).
/// </summary>
/// <remarks>
/// Each example costs one Hessian-vector product on the one-example view <c>data.Subset(i, 1)</c>: n HVPs of batch 1,
/// about the arithmetic of one full-batch HVP but without its batching efficiency (tens of times slower for large
/// networks). Fine for the study sizes (thousands of examples); examples are spread over <see cref="Parallelism.MaxThreads"/>
/// workers in fixed chunks, and every value is independent, so results are bit-identical for any thread count.
/// <para>With a <see cref="Distributed.DataParallelModel"/>, <c>data</c> is the rank's shard: the per-example values are
/// the rank's own examples, computed by the inner network without messages (one example needs no other rank); the
/// group sums are over the whole dataset, the same bits as one process (every rank's values are gathered in rank
/// order and summed in example order).</para>
/// </remarks>
public static class Decomposition
{
    /// <summary>Examples per work item: large enough to amortize the per-chunk buffers.</summary>
    private const int Chunk = 32;

    /// <summary>Per-example losses ℓᵢ(θ) and curvatures dᵀHᵢd along <paramref name="direction"/>.</summary>
    /// <exception cref="ArgumentException">A vector's length differs from the model's parameter count, or holds a NaN or infinite value.</exception>
    public static ExampleDecomposition Curvature(IModel model, ReadOnlySpan<double> parameters, Dataset data, ReadOnlySpan<double> direction)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        int n = model.ParameterCount;
        Slice.CheckLength(parameters, n, nameof(parameters));
        Slice.CheckLength(direction, n, nameof(direction));
        Check.Finite(parameters, nameof(parameters));
        Check.Finite(direction, nameof(direction));
        double[] theta = parameters.ToArray(), d = direction.ToArray();
        int count = data.Count;
        IModel local = model is Distributed.DataParallelModel dataParallel ? dataParallel.Inner : model;
        var loss = new double[count];
        var curvature = new double[count];
        int chunks = (count + Chunk - 1) / Chunk;
        Parallelism.For(chunks, c =>
        {
            var product = new double[n];
            int end = Math.Min(count, (c + 1) * Chunk);
            for (int i = c * Chunk; i < end; i++)
            {
                // ℓᵢ and Hᵢ·d from the one-example dataset; dᵀHᵢd = d·(Hᵢd).
                loss[i] = local.HessianVectorProduct(theta, data.Subset(i, 1), d, product);
                curvature[i] = TensorPrimitives.Dot(d, product);
            }
        });
        return new ExampleDecomposition(loss, curvature);
    }

    /// <summary>
    /// Per-group sums of ℓᵢ(θ) and dᵀHᵢd, with <paramref name="groupOf"/>[i] the group id (0 … G − 1) of example i;
    /// G = max id + 1 (groups with no examples have count 0). Sums are accumulated in example order.
    /// </summary>
    /// <exception cref="ArgumentException">A length differs, or a group id is negative.</exception>
    public static GroupDecomposition Curvature(IModel model, ReadOnlySpan<double> parameters, Dataset data, ReadOnlySpan<double> direction, ReadOnlySpan<int> groupOf)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (groupOf.Length != data.Count)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"groupOf has {groupOf.Length} entries; the dataset has {data.Count} examples."), nameof(groupOf));
        int groups = 0;
        for (int i = 0; i < groupOf.Length; i++)
        {
            if (groupOf[i] < 0)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"groupOf[{i}] = {groupOf[i]}; group ids must be ≥ 0."), nameof(groupOf));
            groups = Math.Max(groups, groupOf[i] + 1);
        }
        ExampleDecomposition examples = Curvature(model, parameters, data, direction);
        ReadOnlySpan<double> losses = examples.Loss, curvatures = examples.Curvature;
        int[] ids = groupOf.ToArray();
        if (Distributed.DataParallelModel.IsCollectiveModel(model))
        {
            // The whole dataset's values, in example order (shards are runs in rank order), on every rank.
            var communicator = ((Distributed.DataParallelModel)model).Communicator;
            losses = communicator.GatherToAll(losses);
            curvatures = communicator.GatherToAll(curvatures);
            ids = Array.ConvertAll(communicator.GatherToAll(Array.ConvertAll(ids, g => (double)g)), g => (int)g);
            foreach (int g in ids) groups = Math.Max(groups, g + 1);
        }
        var count = new int[groups];
        var lossSum = new double[groups];
        var curvatureSum = new double[groups];
        for (int i = 0; i < ids.Length; i++)
        {
            int g = ids[i];
            count[g]++;
            lossSum[g] += losses[i];
            curvatureSum[g] += curvatures[i];
        }
        return new GroupDecomposition(count, lossSum, curvatureSum, ids.Length);
    }
}
