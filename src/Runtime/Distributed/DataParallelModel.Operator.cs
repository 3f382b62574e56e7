using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Landscape.Models;

namespace Landscape.Distributed;

public sealed partial class DataParallelModel
{
    /// <summary>
    /// The fixed point of a Hessian operator at <paramref name="parameters"/> on every rank's shard (collective: every rank
    /// calls it, in the same order as the model's other calls). Each rank keeps the fixed points of the maximal chunk
    /// subtrees inside its shard (<see cref="IPartialFixedPoints"/>), and each product combines their products through the
    /// chunk tree exactly as <see cref="HessianVectorProduct"/> combines its partial sums, so products are the one-process
    /// model's bits for any number of ranks. For a network only: an objective ignores the data, so the operator keeps the
    /// objective's own fixed point on every rank (<see cref="Inner"/>), with no messages.
    /// </summary>
    /// <returns>
    /// The fixed point, or null on every rank when some rank's parts would keep more than <paramref name="budgetBytes"/>
    /// (every rank then takes full collective products) or when the inner model keeps none.
    /// </returns>
    internal IFixedPoint? CreateFixedPoint(ReadOnlySpan<double> parameters, Dataset data, long budgetBytes)
    {
        IPartialSums sums = _sums ?? throw new InvalidOperationException("An objective's fixed point is its own (Inner), on every rank alike; only a network's is distributed.");
        Communicator comm = Communicator;
        lock (comm.SyncRoot)
        {
            long[] header =
            [
                (long)Operation.HessianOperator, parameters.Length, 0, 0, 0,
                data?.Count ?? -1, data?.InputSize ?? 0, data?.TargetSize ?? 0,
            ];
            long[] all = comm.Allgather(header);
            Shape shape = Validate(Operation.HessianOperator, all, comm.Size, sums.ChunkSize, ParameterCount);
            List<TreeStep> steps = ShardTree.Steps(comm.Rank, shape.First);
            List<Dataset> parts = LocalParts(steps, shape, data!);

            // The budget is decided alike everywhere: one rank over it (or a model without parts) sends every rank to full products.
            var partial = sums as IPartialFixedPoints;
            long bytes = partial is null ? -1 : parts.Sum(part => partial.FixedPointBytes(part));
            long[] allBytes = comm.Allgather([bytes]);
            if (allBytes.Any(b => b < 0 || b > budgetBytes)) return null;

            var points = new List<IFixedPoint>(parts.Count);
            Exception? failure = null;
            try
            {
                foreach (Dataset part in parts) points.Add(partial!.CreateFixedPointPart(parameters, part, shape.Examples));
            }
            catch (Exception e)
            {
                failure = e;
            }
            try
            {
                ShareFailures(comm, failure);
            }
            catch
            {
                foreach (IFixedPoint point in points) point.Dispose();
                throw;
            }

            // L(θ): the parts' loss sums through the same tree as Loss, over the examples of every shard.
            var losses = new Queue<double[]>(points.Select(point => new[] { point.Loss }));
            double[] lossSum = Combine(comm, steps, losses, shape.First, static () => new double[1], new Stack<double[]>());
            return new DistributedFixedPoint(this, points, steps, shape.First, lossSum[0] / shape.Examples);
        }
    }

    /// <summary>This rank's maximal subtrees of the chunk tree as parts of its shard, in step order.</summary>
    private List<Dataset> LocalParts(List<TreeStep> steps, Shape shape, Dataset data)
    {
        int offset = shape.First[Communicator.Rank], chunk = _sums!.ChunkSize;
        var parts = new List<Dataset>();
        foreach (TreeStep step in steps)
        {
            if (step.Kind != TreeStepKind.Local) continue;
            int start = (step.Lo - offset) * chunk;
            int count = Math.Min(data.Count, (step.Hi - offset) * chunk) - start;
            parts.Add(data.Subset(start, count));
        }
        return parts;
    }

    /// <summary>
    /// The Hessian at one point of a data-parallel network: this rank's parts' fixed points, and per product (collective)
    /// their products combined through the chunk tree across ranks, as <see cref="HessianVectorProduct"/> combines partial
    /// sums. Not thread-safe; calls are serialized on the communicator.
    /// </summary>
    private sealed class DistributedFixedPoint : IFixedPoint
    {
        private readonly DataParallelModel _model;
        private readonly List<IFixedPoint> _points;
        private readonly List<TreeStep> _steps;
        private readonly int[] _first;
        private readonly Stack<double[]> _buffers = new(); // partials of θ's length, reused across products
        private bool _disposed;

        public DistributedFixedPoint(DataParallelModel model, List<IFixedPoint> points, List<TreeStep> steps, int[] first, double loss)
        {
            _model = model;
            _points = points;
            _steps = steps;
            _first = first;
            Loss = loss;
        }

        /// <summary>L(θ) on the whole dataset, the same bits as the model's <see cref="DataParallelModel.Loss"/>.</summary>
        public double Loss { get; }

        /// <summary>The bytes this rank's parts keep.</summary>
        public long CacheBytes => _points.Sum(point => point.CacheBytes);

        /// <summary>product = H·direction on the whole dataset, on every rank (collective).</summary>
        public void Multiply(ReadOnlySpan<double> direction, Span<double> product)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Communicator comm = _model.Communicator;
            int n = _model.ParameterCount;
            lock (comm.SyncRoot)
            {
                // The header first, so a rank that called something else, or passed wrong lengths, fails on every rank alike.
                long[] all = comm.Allgather([(long)Operation.OperatorProduct, n, direction.Length, product.Length, 0, 0, 0, 0]);
                for (int r = 0; r < comm.Size; r++)
                {
                    long operation = all[r * HeaderLength];
                    if (operation != (long)Operation.OperatorProduct)
                        throw new InvalidOperationException(Invariant($"Rank {r} called {(Operation)operation} while this rank took a Hessian operator's product: data-parallel calls are collective, so every rank must make the same calls in the same order."));
                    if (all[r * HeaderLength + 2] != n)
                        throw new ArgumentException(Invariant($"Rank {r} passed a direction of {all[r * HeaderLength + 2]} values to the Hessian operator; the model has {n} parameters."), nameof(direction));
                    if (all[r * HeaderLength + 3] != n)
                        throw new ArgumentException(Invariant($"Rank {r} passed a product of {all[r * HeaderLength + 3]} values to the Hessian operator; the model has {n} parameters."), nameof(product));
                }

                // Every local product is formed before the total is written, so direction and product may alias.
                var locals = new Queue<double[]>(_points.Count);
                Exception? failure = null;
                try
                {
                    foreach (IFixedPoint point in _points)
                    {
                        double[] partial = Rent(n);
                        point.Multiply(direction, partial);
                        locals.Enqueue(partial);
                    }
                }
                catch (Exception e)
                {
                    failure = e;
                }
                ShareFailures(comm, failure);
                double[] total = Combine(comm, _steps, locals, _first, () => Rent(n), _buffers);
                total.CopyTo(product);
                _buffers.Push(total);
            }
        }

        /// <summary>products[j] = H·directions[j], each a collective single product, one after another.</summary>
        public void Multiply(ReadOnlySpan<double> directions, Span<double> products, int count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            int n = _model.ParameterCount;
            Check.Length(directions.Length, count * n, nameof(directions));
            Check.Length(products.Length, count * n, nameof(products));
            for (int j = 0; j < count; j++)
                Multiply(directions.Slice(j * n, n), products.Slice(j * n, n));
        }

        /// <summary>Returns this rank's parts (local; no messages).</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            foreach (IFixedPoint point in _points) point.Dispose();
            _points.Clear();
            _buffers.Clear();
        }

        private double[] Rent(int n) => _buffers.Count > 0 ? _buffers.Pop() : new double[n];

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
