using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics.Tensors;
using Landscape.Models;

namespace Landscape.Distributed;

/// <summary>
/// A model evaluated data-parallel over the ranks of a <see cref="Communicator"/>: every rank passes its own shard
/// (<see cref="Shard"/>), and <see cref="Loss"/>, <see cref="Gradient"/> and <see cref="HessianVectorProduct"/> return,
/// on every rank, the value of the inner model on the whole dataset — the same bits as one process, for any number of
/// ranks and threads.
/// </summary>
/// <remarks>
/// <para>How: the inner model is a generated network (<see cref="IPartialSums"/>), whose sums over examples are a fixed
/// pairwise tree over chunk indices (DESIGN §2). A shard is a run of whole chunks; each rank computes the largest
/// subtrees inside its run, and the tree's nodes that straddle ranks are added by point-to-point messages in the tree's
/// own association (<c>ShardTree</c>); the owner of chunk 0 broadcasts the total. Messages per call: about
/// 2·log₂(ranks) vectors of θ's length on the critical path.</para>
/// <para>A Hessian operator on this model (<c>Hessian.Operator</c>) keeps, on every rank, the fixed points of the maximal
/// subtrees in its shard and combines their products through the same tree, so its products are collective calls too.</para>
/// <para>Objectives (<see cref="IDataFreeModel"/>) ignore the data: every rank evaluates them alike, with no message. Any
/// other <see cref="IModel"/> is refused, because its sums over examples have no tree a rank could take part in.</para>
/// <para>Collective calls: <see cref="Loss"/>, <see cref="Gradient"/> and <see cref="HessianVectorProduct"/> must be
/// called by every rank, in the same order; they are serialized on the communicator. Each call first exchanges a small
/// header (operation, vector lengths, shard size and shape), so an argument that differs between ranks, or is wrong on
/// one, raises the same <see cref="ArgumentException"/> on every rank instead of a hang or a wrong sum; a failure inside
/// one rank's computation is reported on every rank too. <see cref="ExampleLosses"/> and <see cref="Initialize"/> are
/// local (no messages).</para>
/// <para>Every rank must run the same instruction set: values every rank computes for itself (dot products in Lanczos,
/// norms in a trainer) use SIMD widths that depend on the CPU.</para>
/// </remarks>
public sealed partial class DataParallelModel : IModel
{
    private const int HeaderLength = 8;

    private readonly IPartialSums? _sums;
    private readonly Stack<double[]> _buffers = new(); // partials reused across calls (calls are serialized)
    private int _bufferLength = -1;

    /// <summary>Wraps <paramref name="inner"/> for data-parallel evaluation over <paramref name="communicator"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="inner"/> is neither a generated network nor an objective.</exception>
    public DataParallelModel(IModel inner, Communicator communicator)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(communicator);
        if (inner is DataParallelModel)
            throw new ArgumentException("The model is already data-parallel; wrap the network itself.", nameof(inner));
        _sums = inner as IPartialSums;
        if (_sums is null && inner is not IDataFreeModel)
            throw new ArgumentException(
                $"{inner.GetType().FullName} cannot be evaluated data-parallel: a DataParallelModel needs a generated network " +
                "([Network], which exposes its partial sums per chunk so the ranks can reproduce its summation tree) or an " +
                "objective ([Objective], which ignores the data). A hand-written IModel has no such sums; evaluate it in one process.",
                nameof(inner));
        Inner = inner;
        Communicator = communicator;
    }

    /// <summary>The wrapped model.</summary>
    public IModel Inner { get; }

    /// <summary>The ranks that share the data.</summary>
    public Communicator Communicator { get; }

    /// <summary>Whether calls exchange messages: a network over more than one rank.</summary>
    internal bool IsCollective => _sums is not null && Communicator.Size > 1;

    /// <summary>Whether calls of <paramref name="model"/> are collective, so callers must make them one at a time, alike on every rank.</summary>
    internal static bool IsCollectiveModel(IModel model) => model is DataParallelModel { IsCollective: true };

    /// <summary>
    /// Runs <paramref name="body"/> for every index in [0, <paramref name="count"/>): on <see cref="Parallelism.MaxThreads"/>
    /// threads, or one after another when <paramref name="model"/>'s calls are collective (every rank runs the same loop,
    /// so the calls pair up in order).
    /// </summary>
    internal static void For(IModel model, int count, Action<int> body)
    {
        if (!IsCollectiveModel(model))
        {
            Parallelism.For(count, body);
            return;
        }
        for (int i = 0; i < count; i++) body(i);
    }

    /// <inheritdoc/>
    public int ParameterCount => Inner.ParameterCount;

    /// <inheritdoc/>
    public ParameterLayout Layout => Inner.Layout;

    /// <summary>
    /// This rank's part of <paramref name="all"/> (a view, no copy): the whole chunks of the inner network split into
    /// contiguous runs in rank order, the first <c>chunks mod ranks</c> ranks one chunk more; a rank may get none when
    /// there are fewer chunks than ranks. For an objective, <paramref name="all"/> itself.
    /// </summary>
    public Dataset Shard(Dataset all)
    {
        ArgumentNullException.ThrowIfNull(all);
        if (_sums is null) return all;
        (int start, int count) = ShardRange(all.Count, _sums.ChunkSize, Communicator.Rank, Communicator.Size);
        return all.Subset(start, count);
    }

    /// <summary>The examples [start, start + count) of <paramref name="rank"/>'s shard of <paramref name="examples"/>.</summary>
    internal static (int Start, int Count) ShardRange(int examples, int chunkSize, int rank, int ranks)
    {
        int chunks = (examples + chunkSize - 1) / chunkSize;
        int each = chunks / ranks, extra = chunks % ranks;
        int first = rank * each + Math.Min(rank, extra);
        int mine = each + (rank < extra ? 1 : 0);
        long start = Math.Min((long)first * chunkSize, examples);
        long end = Math.Min((long)(first + mine) * chunkSize, examples);
        return ((int)start, (int)(end - start));
    }

    /// <inheritdoc/>
    public void Initialize(Span<double> parameters, int seed) => Inner.Initialize(parameters, seed);

    /// <summary>L(θ) on the whole dataset, from every rank's <paramref name="data"/> (its shard); the same value on every rank.</summary>
    public double Loss(ReadOnlySpan<double> parameters, Dataset data)
    {
        if (_sums is null) return Inner.Loss(parameters, data);
        return Evaluate(Operation.Loss, parameters, data, default, default, default);
    }

    /// <summary>∇L(θ) on the whole dataset into <paramref name="gradient"/> and L(θ), on every rank.</summary>
    public double Gradient(ReadOnlySpan<double> parameters, Dataset data, Span<double> gradient)
    {
        if (_sums is null) return Inner.Gradient(parameters, data, gradient);
        return Evaluate(Operation.Gradient, parameters, data, default, default, gradient);
    }

    /// <summary>H(θ)·v on the whole dataset into <paramref name="product"/> (and ∇L(θ) when <paramref name="gradient"/> is not empty) and L(θ), on every rank.</summary>
    public double HessianVectorProduct(ReadOnlySpan<double> parameters, Dataset data, ReadOnlySpan<double> direction,
                                       Span<double> product, Span<double> gradient = default)
    {
        if (_sums is null) return Inner.HessianVectorProduct(parameters, data, direction, product, gradient);
        return Evaluate(Operation.HessianVectorProduct, parameters, data, direction, product, gradient);
    }

    /// <summary>The per-example losses of this rank's own examples (<paramref name="data"/>, its shard); no messages.</summary>
    public void ExampleLosses(ReadOnlySpan<double> parameters, Dataset data, Span<double> losses) =>
        Inner.ExampleLosses(parameters, data, losses);

    /// <inheritdoc/>
    public override string ToString() => $"DataParallelModel({Inner.GetType().Name}, {Communicator})";

    private enum Operation
    {
        Loss = 1,
        Gradient = 2,
        HessianVectorProduct = 3,
        HessianOperator = 4,
        OperatorProduct = 5,
    }

    private double Evaluate(Operation operation, ReadOnlySpan<double> parameters, Dataset? data, ReadOnlySpan<double> direction,
                            Span<double> product, Span<double> gradient)
    {
        IPartialSums sums = _sums!;
        Communicator comm = Communicator;
        lock (comm.SyncRoot)
        {
            // 1. The header, exchanged before any local check can throw, so every rank sees every rank's arguments.
            long[] header =
            [
                (long)operation, parameters.Length, direction.Length, product.Length, gradient.Length,
                data?.Count ?? -1, data?.InputSize ?? 0, data?.TargetSize ?? 0,
            ];
            long[] all = comm.Allgather(header);
            Shape shape = Validate(operation, all, comm.Size, sums.ChunkSize, ParameterCount);

            // 2. This rank's maximal subtrees, computed before any message so a local failure can be reported everywhere.
            int n = ParameterCount;
            bool wantProduct = operation == Operation.HessianVectorProduct, wantGradient = !gradient.IsEmpty;
            int length = (wantProduct ? n : 0) + (wantGradient ? n : 0) + 1; // [H·v | ∇L | loss sum]
            if (length != _bufferLength)
            {
                _buffers.Clear();
                _bufferLength = length;
            }
            List<TreeStep> steps = ShardTree.Steps(comm.Rank, shape.First);
            var locals = new Queue<double[]>();
            Exception? failure = null;
            try
            {
                foreach (Dataset part in LocalParts(steps, shape, data!))
                {
                    double[] partial = Rent();
                    ComputeLocal(sums, operation, parameters, part, shape.Examples, direction, partial, wantProduct, wantGradient);
                    locals.Enqueue(partial);
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
            ShareFailures(comm, failure);

            // 3. The straddling nodes, in post-order; the total ends on the owner of chunk 0, which broadcasts it.
            double[] total = Combine(comm, steps, locals, shape.First, Rent, _buffers);

            if (wantProduct) total.AsSpan(0, n).CopyTo(product);
            if (wantGradient) total.AsSpan(wantProduct ? n : 0, n).CopyTo(gradient);
            double loss = total[^1] / shape.Examples;
            _buffers.Push(total);
            return loss;
        }
    }

    /// <summary>
    /// The tree's nodes that straddle ranks, from this rank's local subtree partials (<paramref name="locals"/>, in step
    /// order), in post-order: received partials, sent ones, and sums left + right as <see cref="ChunkTree"/> forms them. The
    /// total ends on the owner of chunk 0, which broadcasts it; returned on every rank. Buffers no longer needed go to
    /// <paramref name="pool"/>; <paramref name="rent"/> gives one of the partials' length.
    /// </summary>
    private static double[] Combine(Communicator comm, List<TreeStep> steps, Queue<double[]> locals, int[] first, Func<double[]> rent, Stack<double[]> pool)
    {
        var stack = new Stack<double[]>();
        foreach (TreeStep step in steps)
        {
            switch (step.Kind)
            {
                case TreeStepKind.Local:
                    stack.Push(locals.Dequeue());
                    break;
                case TreeStepKind.Receive:
                    double[] received = rent();
                    comm.Receive(received, step.Peer, step.Lo);
                    stack.Push(received);
                    break;
                case TreeStepKind.Send:
                    double[] sent = stack.Pop();
                    comm.Send(sent, step.Peer, step.Lo);
                    pool.Push(sent);
                    break;
                default:
                    double[] right = stack.Pop(), left = stack.Peek();
                    TensorPrimitives.Add(left, right, left); // the node = left + right, as ChunkTree forms it
                    pool.Push(right);
                    break;
            }
        }
        double[] total = stack.Count == 1 ? stack.Pop() : rent();
        comm.Broadcast(total.AsSpan(), ShardTree.Home(first));
        return total;
    }

    /// <summary>One maximal subtree's partial sums through the generated interface, packed as [H·v | ∇L | loss sum].</summary>
    private static void ComputeLocal(IPartialSums sums, Operation operation, ReadOnlySpan<double> parameters, Dataset part, int examples,
                                     ReadOnlySpan<double> direction, double[] partial, bool wantProduct, bool wantGradient)
    {
        int n = sums.ParameterCount;
        Span<double> first = partial.AsSpan(0, wantProduct || wantGradient ? n : 0);
        Span<double> second = wantProduct && wantGradient ? partial.AsSpan(n, n) : default;
        partial[^1] = operation switch
        {
            Operation.Loss => sums.LossSum(parameters, part, examples),
            Operation.Gradient => sums.GradientSum(parameters, part, examples, first),
            _ => sums.HessianVectorProductSum(parameters, part, examples, direction, first, second),
        };
    }

    /// <summary>A buffer of the current partial length (contents arbitrary: every use overwrites it whole).</summary>
    private double[] Rent() => _buffers.Count > 0 ? _buffers.Pop() : new double[_bufferLength];

    /// <summary>
    /// Tells every rank whether any rank failed while computing its subtrees; the failing rank rethrows its exception,
    /// the others throw one that names the rank and its message (the lowest failing rank's).
    /// </summary>
    private static void ShareFailures(Communicator comm, Exception? failure)
    {
        long[] failed = comm.Allgather([failure is null ? 0 : 1]);
        int first = Array.IndexOf(failed, 1L);
        if (first < 0) return;
        string? message = comm.Broadcast(failure is null ? null : failure.GetType().Name + ": " + failure.Message, first);
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Rank {first} failed during a data-parallel model call: {message}"));
    }

    /// <summary>The chunk runs and the global example count, after checking every rank's header alike.</summary>
    private sealed record Shape(int[] First, int Examples);

    /// <summary>
    /// Checks the gathered headers (every rank runs this on the same numbers, so every rank throws the same exception):
    /// the same operation and vector lengths everywhere, matching the model; datasets present, of one shape, not all empty;
    /// every shard but the last non-empty one made of whole chunks.
    /// </summary>
    private static Shape Validate(Operation operation, long[] all, int ranks, int chunkSize, int parameterCount)
    {
        static long At(long[] all, int rank, int field) => all[rank * HeaderLength + field];
        string name = operation.ToString();
        for (int r = 0; r < ranks; r++)
        {
            if (At(all, r, 0) != At(all, 0, 0))
                throw new InvalidOperationException(Invariant($"Rank {r} called {(Operation)At(all, r, 0)} while rank 0 called {(Operation)At(all, 0, 0)}: data-parallel calls are collective, so every rank must make the same calls in the same order."));
        }
        for (int r = 0; r < ranks; r++)
        {
            if (At(all, r, 1) != parameterCount)
                throw new ArgumentException(Invariant($"Rank {r} passed {At(all, r, 1)} parameters to {name}; the model has {parameterCount}."), "parameters");
            if (operation == Operation.HessianVectorProduct && At(all, r, 2) != parameterCount)
                throw new ArgumentException(Invariant($"Rank {r} passed a direction of {At(all, r, 2)} values to {name}; the model has {parameterCount} parameters."), "direction");
            if (operation == Operation.HessianVectorProduct && At(all, r, 3) != parameterCount)
                throw new ArgumentException(Invariant($"Rank {r} passed a product of {At(all, r, 3)} values to {name}; the model has {parameterCount} parameters."), "product");
            long g = At(all, r, 4);
            if (operation == Operation.Gradient && g != parameterCount)
                throw new ArgumentException(Invariant($"Rank {r} passed a gradient of {g} values to {name}; the model has {parameterCount} parameters."), "gradient");
            if (operation == Operation.HessianVectorProduct && g != At(all, 0, 4))
                throw new ArgumentException(Invariant($"Rank {r} passed a gradient of {g} values to {name} and rank 0 one of {At(all, 0, 4)}: every rank must ask for the gradient, or none."), "gradient");
            if (operation == Operation.HessianVectorProduct && g != 0 && g != parameterCount)
                throw new ArgumentException(Invariant($"Rank {r} passed a gradient of {g} values to {name}; expected none or {parameterCount}."), "gradient");
            if (At(all, r, 5) < 0)
                throw new ArgumentNullException("data", Invariant($"Rank {r} passed no dataset to {name}."));
        }
        int reference = -1;
        var first = new int[ranks + 1];
        long examples = 0;
        int lastNonEmpty = -1;
        for (int r = 0; r < ranks; r++)
        {
            if (At(all, r, 5) > 0) lastNonEmpty = r;
        }
        for (int r = 0; r < ranks; r++)
        {
            long count = At(all, r, 5);
            if (count > 0 && reference < 0) reference = r;
            if (count > 0 && (At(all, r, 6) != At(all, reference, 6) || At(all, r, 7) != At(all, reference, 7)))
                throw new ArgumentException(Invariant($"Rank {r}'s shard has {At(all, r, 6)} inputs and {At(all, r, 7)} targets per example, rank {reference}'s {At(all, reference, 6)} and {At(all, reference, 7)}: the shards must be parts of one dataset."), "data");
            if (count % chunkSize != 0 && r != lastNonEmpty)
                throw new ArgumentException(Invariant($"Rank {r}'s shard has {count} examples, not a whole number of chunks of {chunkSize}, and it is not the last part: shards must be runs of whole chunks in rank order (use DataParallelModel.Shard)."), "data");
            first[r + 1] = first[r] + (int)((count + chunkSize - 1) / chunkSize);
            examples += count;
        }
        if (examples == 0)
            throw new ArgumentException("The dataset has no examples on any rank; a network loss is a mean over at least one example.", "data");
        if (examples > int.MaxValue)
            throw new ArgumentException(Invariant($"The shards hold {examples} examples in all, more than a dataset can."), "data");
        return new Shape(first, (int)examples);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
