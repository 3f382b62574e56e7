using System.Collections.Generic;
using System.IO;

namespace Landscape.Optimization;

/// <summary>
/// A hook that a <see cref="Trainer"/> calls at every step, after the loss and gradient and before the optimizer's update.
/// A monitor owns a fixed set of named trajectory columns and writes one value per column per step (the values arrive
/// pre-filled with NaN, which means "not measured at this step").
/// </summary>
/// <remarks>
/// Monitors whose results depend on earlier steps (for example warm-start vectors) must save that state in
/// <see cref="SaveState"/> and restore it in <see cref="LoadState"/>, so that a resumed run is bit-identical to an
/// uninterrupted one. One monitor instance belongs to one trainer at a time.
/// </remarks>
public interface ITrainingMonitor
{
    /// <summary>The names of the columns this monitor adds to the <see cref="Trajectory"/>, in order.</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>Called once at the start of a fresh run (not on resume): clears any state from earlier runs.</summary>
    void Start(IModel model, Dataset data, IOptimizer optimizer) { }

    /// <summary>Observes one step and writes this step's values, parallel to <see cref="Columns"/>, into <paramref name="values"/>.</summary>
    void Observe(TrainingContext context, System.Span<double> values);

    /// <summary>Writes the state needed to continue bit-identically (default: none).</summary>
    void SaveState(BinaryWriter writer) { }

    /// <summary>Restores the state written by <see cref="SaveState"/> (called on resume, instead of <see cref="Start"/>).</summary>
    /// <exception cref="InvalidDataException">The saved state does not fit this monitor.</exception>
    void LoadState(BinaryReader reader, IModel model, Dataset data, IOptimizer optimizer) { }
}
