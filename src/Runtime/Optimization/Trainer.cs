using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics.Tensors;
using System.Threading;
using Landscape.Distributed;
using Landscape.Models;
using Landscape.Numerics;

namespace Landscape.Optimization;

/// <summary>
/// Trains a model with a first-order optimizer and a learning-rate schedule, recording a <see cref="Trajectory"/>. Each
/// step t computes L and ∇L at θₜ on the step's batch, records t, η = schedule.At(t), L and ‖∇L‖₂, runs the monitors and
/// then applies the optimizer's update θₜ₊₁ = update(θₜ, ∇L, η).
/// </summary>
/// <remarks>
/// <para>
/// Batches: with <see cref="BatchSize"/> null (or ≥ the number of examples) every step uses the whole training set.
/// Otherwise the steps are grouped into epochs of ⌈n / b⌉ steps; epoch e visits the examples in a permutation drawn from
/// (<see cref="Seed"/>, e) by a Fisher–Yates shuffle on <see cref="CounterRandom"/>, cut into consecutive batches of b
/// examples, the last one holding the remaining n − (⌈n / b⌉ − 1)·b examples (a partial batch, never dropped), so each
/// epoch visits every example exactly once. The batch of a step is a pure function of (seed, step), which is what makes
/// checkpoints small.
/// </para>
/// <para>
/// Divergence: a step whose loss or gradient norm is NaN or ±∞, or whose loss exceeds <see cref="DivergenceBound"/>,
/// is recorded and ends the run with <see cref="RunStatus.Diverged"/> before any update (the parameters stay at that
/// step's θ). Cancellation is checked between steps and ends the run with <see cref="RunStatus.Cancelled"/>. Neither throws.
/// </para>
/// <para>
/// Checkpoints: when <see cref="CheckpointPath"/> is set, a checkpoint is written atomically after every
/// <see cref="CheckpointEvery"/> steps and when a run completes or is cancelled; <see cref="Resume"/> continues from one
/// bit-identically (see <see cref="Resume"/> for the format). Results are bit-identical for any
/// <see cref="Parallelism.MaxThreads"/>, because the model's are.
/// </para>
/// </remarks>
public sealed partial class Trainer
{
    private int[]? _permutation;
    private long _permutationEpoch = -1;
    private int _examples; // the whole training set's size (all ranks' shards), recorded in checkpoints

    /// <summary>A trainer of <paramref name="model"/> on <paramref name="data"/> with <paramref name="optimizer"/> and the learning-rate <paramref name="schedule"/>.</summary>
    public Trainer(IModel model, Dataset data, IOptimizer optimizer, LearningRate schedule)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(schedule);
        Model = model;
        Data = data;
        Optimizer = optimizer;
        Schedule = schedule;
    }

    /// <summary>The model being trained.</summary>
    public IModel Model { get; }

    /// <summary>The training set.</summary>
    public Dataset Data { get; }

    /// <summary>The update rule.</summary>
    public IOptimizer Optimizer { get; }

    /// <summary>The learning-rate schedule η(step).</summary>
    public LearningRate Schedule { get; }

    /// <summary>The minibatch size, or null for full-batch training (the default). Values ≥ the number of examples mean full batch.</summary>
    public int? BatchSize
    {
        get;
        set
        {
            if (value is int b) ArgumentOutOfRangeException.ThrowIfLessThan(b, 1, nameof(BatchSize));
            field = value;
            _permutationEpoch = -1;
        }
    }

    /// <summary>The seed of the minibatch shuffling (default 0); unused under full-batch training.</summary>
    public int Seed
    {
        get;
        set
        {
            field = value;
            _permutationEpoch = -1;
        }
    }

    /// <summary>The monitors, called in order at every step (their columns follow the four base columns in this order).</summary>
    public IList<ITrainingMonitor> Monitors { get; } = new List<ITrainingMonitor>();

    /// <summary>
    /// A step whose loss exceeds this bound counts as diverged. Default +∞: only a NaN or infinite loss or gradient
    /// counts (such runs still end quickly, since divergence is exponential).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN.</exception>
    public double DivergenceBound
    {
        get;
        set
        {
            if (double.IsNaN(value)) throw new ArgumentOutOfRangeException(nameof(DivergenceBound), value, "The divergence bound must not be NaN.");
            field = value;
        }
    } = double.PositiveInfinity;

    /// <summary>The checkpoint file, or null (the default) for no checkpoints. Its directory must exist.</summary>
    public string? CheckpointPath { get; set; }

    /// <summary>Write a checkpoint after every this many steps (default 100; ≥ 1). Used only when <see cref="CheckpointPath"/> is set.</summary>
    public int CheckpointEvery
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(CheckpointEvery));
            field = value;
        }
    } = 100;

    /// <summary>
    /// Trains from <paramref name="parameters"/> (updated in place) for <paramref name="steps"/> steps (0 … steps − 1)
    /// with a fresh optimizer state and freshly started monitors.
    /// </summary>
    /// <returns>The trajectory; its <see cref="Trajectory.Status"/> says whether the run completed, diverged or was cancelled.</returns>
    /// <exception cref="ArgumentException">The parameter length differs from the model's, a starting parameter is NaN or infinite, or two monitors share a column name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is negative.</exception>
    public Trajectory Run(Span<double> parameters, int steps, CancellationToken cancellation = default)
    {
        CheckParameters(parameters);
        Check.Finite(parameters, nameof(parameters));
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        CheckDistribution();
        Trajectory trajectory = CreateTrajectory();
        OptimizerState state = Optimizer.CreateState(Model.ParameterCount);
        foreach (ITrainingMonitor monitor in Monitors) monitor.Start(Model, Data, Optimizer);
        return Continue(parameters, 0, steps, state, trajectory, cancellation);
    }

    /// <summary>
    /// The indices of the examples in the batch of <paramref name="step"/> (see the remarks on <see cref="Trainer"/>);
    /// 0, 1, …, n − 1 under full-batch training.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public int[] BatchIndices(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        int n = Data.Count;
        if (IsFullBatch)
        {
            var all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        (int start, int count) = BatchRange(step);
        return Permutation(step / BatchesPerEpoch).AsSpan(start, count).ToArray();
    }

    private bool IsFullBatch => BatchSize is not int b || b >= Data.Count;

    private int BatchesPerEpoch => (Data.Count + BatchSize!.Value - 1) / BatchSize.Value;

    private (int Start, int Count) BatchRange(long step)
    {
        int b = BatchSize!.Value;
        int position = (int)(step % BatchesPerEpoch);
        int start = position * b;
        return (start, Math.Min(b, Data.Count - start));
    }

    /// <summary>The permutation of epoch <paramref name="epoch"/>: Fisher–Yates with j = ⌊U·(i + 1)⌋, U = Uniform(seed, epoch, i).</summary>
    private int[] Permutation(long epoch)
    {
        if (_permutation is not null && _permutationEpoch == epoch) return _permutation;
        int n = Data.Count;
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--)
        {
            double u = CounterRandom.Uniform((ulong)(uint)Seed, (ulong)epoch, (ulong)i); // u ∈ (0, 1)
            int j = Math.Min(i, (int)(u * (i + 1)));
            (p[i], p[j]) = (p[j], p[i]);
        }
        _permutation = p;
        _permutationEpoch = epoch;
        return p;
    }

    private Dataset Batch(long step)
    {
        if (IsFullBatch) return Data;
        (int start, int count) = BatchRange(step);
        return Data.Subset(Permutation(step / BatchesPerEpoch).AsSpan(start, count));
    }

    private Trajectory CreateTrajectory()
    {
        var columns = new List<string> { Trajectory.StepColumn, Trajectory.LearningRateColumn, Trajectory.LossColumn, Trajectory.GradientNormColumn };
        foreach (ITrainingMonitor monitor in Monitors)
        {
            ArgumentNullException.ThrowIfNull(monitor, nameof(Monitors));
            columns.AddRange(monitor.Columns);
        }
        return new Trajectory(columns.ToArray());
    }

    /// <summary>
    /// The data-parallel case: minibatches are refused (a batch would be drawn from each rank's shard, not from the whole
    /// dataset), and the whole dataset's size is learned from every rank (a collective call, made by every rank at the
    /// start of <see cref="Run"/> or <see cref="Resume"/>) for the checkpoints.
    /// </summary>
    /// <exception cref="NotSupportedException">Minibatch training of a data-parallel model over several ranks.</exception>
    private void CheckDistribution()
    {
        _examples = Data.Count;
        if (Model is not DataParallelModel { IsCollective: true } dataParallel) return;
        long total = 0;
        foreach (long count in dataParallel.Communicator.Allgather([Data.Count])) total += count;
        if (BatchSize is int b && b < total)
            throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture,
                $"Minibatch training (BatchSize = {b}) is not supported under MPI: each rank would draw its batches from its own shard. Train full batch (BatchSize = null), which is what the studies do."));
        _examples = checked((int)total);
    }

    /// <summary>
    /// The ranks that share this trainer's checkpoints: a data-parallel model's communicator, else
    /// <see cref="Communicator.World"/> (this process alone outside an MPI launcher). Rank 0 writes the checkpoints and,
    /// on <see cref="Resume"/>, sends their contents to the other ranks, so no shared filesystem is needed and ranks on one
    /// filesystem do not write the same file.
    /// </summary>
    private Communicator CheckpointCommunicator => Model is DataParallelModel dataParallel ? dataParallel.Communicator : Communicator.World;

    /// <summary>Whether this process writes the checkpoints (rank 0 of <see cref="CheckpointCommunicator"/>).</summary>
    private bool WritesCheckpoints => CheckpointCommunicator.IsRoot;

    private void CheckParameters(ReadOnlySpan<double> parameters)
    {
        if (parameters.Length != Model.ParameterCount)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The parameter vector has {parameters.Length} values; the model has {Model.ParameterCount} parameters."), nameof(parameters));
    }

    /// <summary>Runs steps [<paramref name="first"/>, <paramref name="end"/>) and writes checkpoints as configured.</summary>
    private Trajectory Continue(Span<double> parameters, long first, long end, OptimizerState state, Trajectory trajectory, CancellationToken cancellation)
    {
        int n = Model.ParameterCount;
        var gradient = new double[n];
        var row = new double[trajectory.Columns.Count];
        trajectory.Status = RunStatus.Completed;
        trajectory.DivergedAt = null;
        long lastCheckpoint = first;
        long step = first;
        for (; step < end; step++)
        {
            if (cancellation.IsCancellationRequested)
            {
                trajectory.Status = RunStatus.Cancelled;
                break;
            }
            Dataset batch = Batch(step);
            double loss = Model.Gradient(parameters, batch, gradient);
            double gradientNorm = TensorPrimitives.Norm<double>(gradient); // ‖∇L‖₂; NaN/∞ if any component is
            double eta = Schedule.At(step);
            row.AsSpan().Fill(double.NaN);
            row[0] = step;
            row[1] = eta;
            row[2] = loss;
            row[3] = gradientNorm;
            if (!double.IsFinite(loss) || !double.IsFinite(gradientNorm) || loss > DivergenceBound)
            {
                trajectory.AddRow(row);
                trajectory.Status = RunStatus.Diverged;
                trajectory.DivergedAt = step;
                return trajectory;
            }
            int offset = 4;
            var context = new TrainingContext(step, parameters, gradient, loss, eta, Model, Data, batch, Optimizer);
            foreach (ITrainingMonitor monitor in Monitors)
            {
                int width = monitor.Columns.Count;
                monitor.Observe(context, row.AsSpan(offset, width));
                offset += width;
            }
            trajectory.AddRow(row);
            Optimizer.Step(parameters, gradient, eta, state);
            if (CheckpointPath is not null && (step + 1) % CheckpointEvery == 0)
            {
                if (WritesCheckpoints) WriteCheckpoint(CheckpointPath, parameters, step + 1, state, trajectory);
                lastCheckpoint = step + 1;
            }
        }
        if (CheckpointPath is not null && step != lastCheckpoint && WritesCheckpoints)
            WriteCheckpoint(CheckpointPath, parameters, step, state, trajectory);
        return trajectory;
    }
}
