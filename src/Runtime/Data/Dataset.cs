using System;
using System.Globalization;

namespace Landscape;

/// <summary>
/// An immutable set of <see cref="Count"/> examples: row-major inputs [Count × <see cref="InputSize"/>] and
/// targets [Count × <see cref="TargetSize"/>]. Subsets are views that share the storage of their parent.
/// </summary>
public sealed class Dataset
{
    private readonly double[] _inputs;
    private readonly double[] _targets;
    private readonly int _inputOffset;
    private readonly int _targetOffset;

    /// <summary>A dataset with no examples and no features (for objectives, which ignore data).</summary>
    public static Dataset Empty { get; } = new(Array.Empty<double>(), Array.Empty<double>(), 0, 0, 0, 0, 0);

    /// <summary>
    /// Wraps row-major <paramref name="inputs"/> and <paramref name="targets"/> holding <paramref name="count"/>
    /// examples; the sizes are <c>inputs.Length / count</c> and <c>targets.Length / count</c>. The arrays are not
    /// copied and must not be modified afterwards.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths are not multiples of <paramref name="count"/>, or a value is NaN or infinite.</exception>
    public Dataset(double[] inputs, double[] targets, int count)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            if (inputs.Length != 0 || targets.Length != 0)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"count is 0 but inputs has {inputs.Length} and targets {targets.Length} values; expected both empty."), nameof(count));
        }
        else
        {
            if (inputs.Length % count != 0)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"inputs has {inputs.Length} values, which is not a multiple of count = {count}."), nameof(inputs));
            if (targets.Length % count != 0)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"targets has {targets.Length} values, which is not a multiple of count = {count}."), nameof(targets));
        }
        ThrowIfNotFinite(inputs, nameof(inputs));
        ThrowIfNotFinite(targets, nameof(targets));
        _inputs = inputs;
        _targets = targets;
        Count = count;
        InputSize = count == 0 ? 0 : inputs.Length / count;
        TargetSize = count == 0 ? 0 : targets.Length / count;
    }

    private Dataset(double[] inputs, double[] targets, int inputOffset, int targetOffset, int count, int inputSize, int targetSize)
    {
        _inputs = inputs;
        _targets = targets;
        _inputOffset = inputOffset;
        _targetOffset = targetOffset;
        Count = count;
        InputSize = inputSize;
        TargetSize = targetSize;
    }

    /// <summary>The number of examples.</summary>
    public int Count { get; }

    /// <summary>Features per example.</summary>
    public int InputSize { get; }

    /// <summary>Target values per example.</summary>
    public int TargetSize { get; }

    /// <summary>Row-major inputs [Count × InputSize].</summary>
    public ReadOnlySpan<double> Inputs => new(_inputs, _inputOffset, Count * InputSize);

    /// <summary>Row-major targets [Count × TargetSize].</summary>
    public ReadOnlySpan<double> Targets => new(_targets, _targetOffset, Count * TargetSize);

    /// <summary>The inputs as memory (for code that must hold them across threads, such as generated models).</summary>
    public ReadOnlyMemory<double> InputMemory => new(_inputs, _inputOffset, Count * InputSize);

    /// <summary>The targets as memory (for code that must hold them across threads, such as generated models).</summary>
    public ReadOnlyMemory<double> TargetMemory => new(_targets, _targetOffset, Count * TargetSize);

    /// <summary>The inputs of example <paramref name="index"/>.</summary>
    public ReadOnlySpan<double> Input(int index)
    {
        CheckIndex(index);
        return new(_inputs, _inputOffset + index * InputSize, InputSize);
    }

    /// <summary>The targets of example <paramref name="index"/>.</summary>
    public ReadOnlySpan<double> Target(int index)
    {
        CheckIndex(index);
        return new(_targets, _targetOffset + index * TargetSize, TargetSize);
    }

    /// <summary>The examples [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) as a view (no copy).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside [0, Count].</exception>
    public Dataset Subset(int start, int count)
    {
        if (start < 0 || count < 0 || start > Count - count)
            throw new ArgumentOutOfRangeException(nameof(start), string.Create(CultureInfo.InvariantCulture, $"Subset({start}, {count}) is outside the dataset of {Count} examples; expected 0 ≤ start and start + count ≤ {Count}."));
        return new Dataset(_inputs, _targets, _inputOffset + start * InputSize, _targetOffset + start * TargetSize, count, InputSize, TargetSize);
    }

    /// <summary>The examples at <paramref name="indices"/>, in that order (a copy; repeats allowed).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, Count).</exception>
    public Dataset Subset(ReadOnlySpan<int> indices)
    {
        var inputs = new double[indices.Length * InputSize];
        var targets = new double[indices.Length * TargetSize];
        for (int i = 0; i < indices.Length; i++)
        {
            int j = indices[i];
            if ((uint)j >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(indices), string.Create(CultureInfo.InvariantCulture, $"indices[{i}] = {j} is outside the dataset of {Count} examples."));
            Input(j).CopyTo(inputs.AsSpan(i * InputSize, InputSize));
            Target(j).CopyTo(targets.AsSpan(i * TargetSize, TargetSize));
        }
        return new Dataset(inputs, targets, 0, 0, indices.Length, InputSize, TargetSize);
    }

    /// <summary>
    /// Throws unless this dataset has the given input and target sizes (used by models to check their data). A dataset
    /// with no examples has no shape and passes any check (this is what lets objectives accept <see cref="Empty"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A size differs.</exception>
    public void EnsureShape(int inputSize, int targetSize, string paramName)
    {
        if (Count == 0) return;
        if (InputSize != inputSize || TargetSize != targetSize)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The dataset has {InputSize} inputs and {TargetSize} targets per example; the model expects {inputSize} inputs and {targetSize} targets."), paramName);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Dataset({Count} examples, {InputSize} inputs, {TargetSize} targets)";

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Expected 0 ≤ index < {Count}.");
    }

    private static void ThrowIfNotFinite(double[] values, string paramName)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{paramName}[{i}] is {values[i]}; every value must be finite."), paramName);
        }
    }
}
