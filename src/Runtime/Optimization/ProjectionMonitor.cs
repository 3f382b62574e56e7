using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics.Tensors;
using Landscape.Probes;

namespace Landscape.Optimization;

/// <summary>
/// Records the projections ⟨θ, dᵢ⟩ of the iterate onto <see cref="Count"/> fixed random unit directions (columns
/// <c>projection_1</c>…<c>projection_count</c>), the iterate projections of Cohen et al. (2021).
/// </summary>
/// <remarks>
/// Direction i (0-based) is <see cref="Directions.Random(IModel, int, Normalization, ReadOnlySpan{double})"/> with seed
/// <c>Seed + i</c> and <see cref="Normalization.Unit"/>: a pure function of the seed and the model's layout, so a resumed
/// run regenerates the same directions.
/// </remarks>
public sealed class ProjectionMonitor : ITrainingMonitor
{
    private readonly string[] _columns;
    private double[][]? _directions;
    private IModel? _model;

    /// <summary>Projects θ onto <paramref name="count"/> unit directions drawn from <paramref name="seed"/>, <paramref name="seed"/> + 1, ….</summary>
    public ProjectionMonitor(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
        Seed = seed;
        _columns = new string[count];
        for (int i = 0; i < count; i++) _columns[i] = "projection_" + (i + 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The number of directions.</summary>
    public int Count { get; }

    /// <summary>The seed of the first direction.</summary>
    public int Seed { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>The directions (unit length), created for the model of the current run; null before the first run.</summary>
    public IReadOnlyList<double[]>? DirectionVectors => _directions;

    /// <inheritdoc/>
    public void Start(IModel model, Dataset data, IOptimizer optimizer) => Prepare(model);

    /// <inheritdoc/>
    public void LoadState(System.IO.BinaryReader reader, IModel model, Dataset data, IOptimizer optimizer) => Prepare(model);

    /// <inheritdoc/>
    public void Observe(TrainingContext context, Span<double> values)
    {
        Prepare(context.Model);
        for (int i = 0; i < Count; i++) values[i] = TensorPrimitives.Dot(context.Parameters, _directions![i]);
    }

    private void Prepare(IModel model)
    {
        if (_directions is not null && ReferenceEquals(_model, model)) return;
        _directions = new double[Count][];
        for (int i = 0; i < Count; i++) _directions[i] = Directions.Random(model, unchecked(Seed + i), Normalization.Unit);
        _model = model;
    }
}
