using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Landscape.Probes;

namespace Landscape.Optimization;

/// <summary>
/// Tracks the top-k eigenvalues of the full-data Hessian ∇²L(θ) every <see cref="Every"/> steps with
/// <see cref="Hessian.TopEigenpairs(IModel, System.ReadOnlySpan{double}, Dataset, int, LanczosOptions?)"/>, warm-started from the previous measurement's eigenvectors.
/// </summary>
/// <remarks>
/// Columns: <c>sharpness_1</c>…<c>sharpness_k</c> (λ₁ ≥ … ≥ λₖ; NaN between measurements), <c>sharpness_hvps</c>
/// (Hessian-vector products spent on the measurement, residual checks included; NaN between measurements) and
/// <c>stability_threshold</c> (the optimizer's <see cref="IOptimizer.StabilityThreshold"/> at this step's η, every
/// step: 2/η for gradient descent, the edge-of-stability line). The Hessian is always that of the full training set, also
/// when the trainer uses minibatches. If Lanczos meets a non-finite HVP the measurement is recorded as NaN and the next one
/// starts cold.
/// </remarks>
public sealed class SharpnessMonitor : ITrainingMonitor
{
    /// <summary>The name of the HVP-count column.</summary>
    public const string HvpColumn = "sharpness_hvps";

    /// <summary>The name of the stability-threshold column.</summary>
    public const string ThresholdColumn = "stability_threshold";

    private readonly string[] _columns;
    private double[][]? _previous;

    /// <summary>Measures the top <paramref name="k"/> eigenvalues every <paramref name="every"/> steps (steps 0, every, 2·every, …).</summary>
    /// <param name="every">The measurement period in steps (≥ 1).</param>
    /// <param name="k">How many top eigenvalues to track (≥ 1).</param>
    /// <param name="warmStart">Start each Lanczos run from the previous eigenvectors (fewer HVPs on a slowly moving θ).</param>
    public SharpnessMonitor(int every, int k = 1, bool warmStart = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        Every = every;
        K = k;
        WarmStart = warmStart;
        _columns = new string[k + 2];
        for (int i = 0; i < k; i++) _columns[i] = ColumnName(i + 1);
        _columns[k] = HvpColumn;
        _columns[k + 1] = ThresholdColumn;
    }

    /// <summary>The measurement period in steps.</summary>
    public int Every { get; }

    /// <summary>The number of top eigenvalues tracked.</summary>
    public int K { get; }

    /// <summary>Whether measurements are warm-started from the previous eigenvectors.</summary>
    public bool WarmStart { get; }

    /// <summary>
    /// The Lanczos settings (seed, tolerance, iteration cap, warm-start noise); <see cref="LanczosOptions.WarmStart"/> is
    /// replaced by the monitor. Default: <see cref="LanczosOptions"/>' defaults.
    /// </summary>
    public LanczosOptions Options { get; init; } = new();

    /// <summary>The HVPs spent by all measurements of the current run (restored on resume).</summary>
    public long TotalHvps { get; private set; }

    /// <summary>The number of measurements taken in the current run (restored on resume).</summary>
    public int Measurements { get; private set; }

    /// <inheritdoc/>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>The name of the column of the i-th largest eigenvalue (1-based): <c>sharpness_i</c>.</summary>
    public static string ColumnName(int i) => "sharpness_" + i.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public void Start(IModel model, Dataset data, IOptimizer optimizer)
    {
        _previous = null;
        TotalHvps = 0;
        Measurements = 0;
    }

    /// <inheritdoc/>
    public void Observe(TrainingContext context, Span<double> values)
    {
        values[K + 1] = context.Optimizer.StabilityThreshold(context.LearningRate);
        if (context.Step % Every != 0) return;
        LanczosOptions options = WarmStart && _previous is not null ? Options with { WarmStart = _previous } : Options with { WarmStart = null };
        Eigenpairs pairs;
        try
        {
            pairs = Hessian.TopEigenpairs(context.Model, context.Parameters, context.Data, K, options);
        }
        catch (ArithmeticException)
        {
            // A non-finite HVP: no measurement at this θ, and nothing trustworthy to warm-start from.
            _previous = null;
            Measurements++;
            return;
        }
        for (int i = 0; i < K; i++) values[i] = i < pairs.Values.Length ? pairs.Values[i] : double.NaN;
        values[K] = pairs.HvpCount;
        TotalHvps += pairs.HvpCount;
        Measurements++;
        _previous = pairs.Vectors;
    }

    /// <inheritdoc/>
    public void SaveState(BinaryWriter writer)
    {
        writer.Write(TotalHvps);
        writer.Write(Measurements);
        if (_previous is null)
        {
            writer.Write(-1);
            return;
        }
        writer.Write(_previous.Length);
        foreach (double[] vector in _previous)
        {
            writer.Write(vector.Length);
            foreach (double value in vector) writer.Write(value);
        }
    }

    /// <inheritdoc/>
    public void LoadState(BinaryReader reader, IModel model, Dataset data, IOptimizer optimizer)
    {
        TotalHvps = reader.ReadInt64();
        Measurements = reader.ReadInt32();
        int count = reader.ReadInt32();
        if (count < 0)
        {
            _previous = null;
            return;
        }
        if (count > K)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the sharpness monitor state holds {count} warm-start vectors; this monitor tracks k = {K}"));
        var vectors = new double[count][];
        for (int i = 0; i < count; i++)
        {
            int length = reader.ReadInt32();
            if (length != model.ParameterCount)
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"a saved warm-start vector has {length} values; the model has {model.ParameterCount} parameters"));
            vectors[i] = new double[length];
            for (int j = 0; j < length; j++) vectors[i][j] = reader.ReadDouble();
        }
        _previous = vectors;
    }
}
