using System;

namespace Landscape.Optimization;

/// <summary>
/// The mutable state of one optimization run: the number of steps taken and named buffers (momentum, Adam's moments).
/// Checkpoints store it exactly (every double bit for bit).
/// </summary>
public sealed class OptimizerState
{
    /// <summary>Creates a state with the given buffer names, each a zeroed vector of <paramref name="parameterCount"/> values.</summary>
    public OptimizerState(int parameterCount, params string[] bufferNames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        ArgumentNullException.ThrowIfNull(bufferNames);
        BufferNames = (string[])bufferNames.Clone();
        Buffers = new double[bufferNames.Length][];
        for (int i = 0; i < Buffers.Length; i++) Buffers[i] = new double[parameterCount];
    }

    /// <summary>Steps taken so far (Adam's bias correction uses it).</summary>
    public long Step { get; set; }

    /// <summary>The buffer names, in order (e.g. <c>velocity</c>, or <c>m</c> and <c>v</c>).</summary>
    public string[] BufferNames { get; }

    /// <summary>The buffers, parallel to <see cref="BufferNames"/>.</summary>
    public double[][] Buffers { get; }

    /// <summary>The buffer named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No buffer has that name.</exception>
    public double[] Buffer(string name)
    {
        int index = Array.IndexOf(BufferNames, name);
        if (index < 0) throw new ArgumentException($"The optimizer state has no buffer '{name}'; it has: {string.Join(", ", BufferNames)}.", nameof(name));
        return Buffers[index];
    }
}
