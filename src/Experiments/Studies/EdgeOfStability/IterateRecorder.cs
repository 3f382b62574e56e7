using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Landscape.Optimization;

namespace Landscape.Experiments.Studies;

/// <summary>
/// Keeps copies of the iterate θ_k at chosen steps k (and nothing else): the edge-of-stability mechanism (part e) needs
/// consecutive iterates θ_k, θ_{k+1} of a finished run. It adds no trajectory column. Its copies are part of the
/// trainer's checkpoint, so a resumed run ends with the same iterates as an uninterrupted one.
/// </summary>
internal sealed class IterateRecorder : ITrainingMonitor
{
    private readonly SortedSet<long> _steps;
    private readonly SortedDictionary<long, double[]> _iterates = [];

    /// <summary>A recorder of the iterates at <paramref name="steps"/> (each ≥ 0; duplicates are merged).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A step is negative.</exception>
    public IterateRecorder(IEnumerable<long> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        _steps = new SortedSet<long>(steps);
        if (_steps.Count > 0 && _steps.Min < 0)
            throw new ArgumentOutOfRangeException(nameof(steps), _steps.Min, "Recorded steps must be non-negative.");
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Columns { get; } = [];

    /// <summary>The recorded iterates by step (only steps the run reached).</summary>
    public IReadOnlyDictionary<long, double[]> Iterates => _iterates;

    /// <inheritdoc/>
    public void Start(IModel model, Dataset data, IOptimizer optimizer) => _iterates.Clear();

    /// <inheritdoc/>
    public void Observe(TrainingContext context, Span<double> values)
    {
        if (_steps.Contains(context.Step)) _iterates[context.Step] = context.Parameters.ToArray();
    }

    /// <inheritdoc/>
    public void SaveState(BinaryWriter writer)
    {
        writer.Write(_iterates.Count);
        foreach ((long step, double[] theta) in _iterates)
        {
            writer.Write(step);
            writer.Write(theta.Length);
            foreach (double value in theta) writer.Write(value);
        }
    }

    /// <inheritdoc/>
    public void LoadState(BinaryReader reader, IModel model, Dataset data, IOptimizer optimizer)
    {
        _iterates.Clear();
        int count = reader.ReadInt32();
        if (count < 0 || count > _steps.Count)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the iterate recorder state holds {count} iterates; this recorder keeps at most {_steps.Count}"));
        for (int i = 0; i < count; i++)
        {
            long step = reader.ReadInt64();
            int length = reader.ReadInt32();
            if (!_steps.Contains(step) || length != model.ParameterCount)
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"the iterate recorder state holds step {step} with {length} parameters; this recorder keeps steps {string.Join(", ", _steps)} of a {model.ParameterCount}-parameter model"));
            var theta = new double[length];
            for (int j = 0; j < length; j++) theta[j] = reader.ReadDouble();
            _iterates[step] = theta;
        }
    }
}
