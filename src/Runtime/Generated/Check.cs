using System;
using System.Globalization;

namespace Landscape.Models;

/// <summary>Argument checks shared by generated models, with messages that name the argument and the expectation.</summary>
public static class Check
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="length"/> equals <paramref name="expected"/>.</summary>
    public static void Length(int length, int expected, string paramName)
    {
        if (length != expected)
            throw new ArgumentException($"{paramName} has length {length}; expected {expected}.", paramName);
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the first NaN or infinite element of <paramref name="values"/>
    /// (its index and value) and the expectation that every value is finite.
    /// </summary>
    public static void Finite(ReadOnlySpan<double> values, string paramName)
    {
        if (!values.IsEmpty && System.Numerics.Tensors.TensorPrimitives.IsFiniteAll(values)) return; // the fast path
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ArgumentException(
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{paramName}[{i}] is {values[i]}; expected every value to be finite."), paramName);
        }
    }

    /// <summary>Throws unless <paramref name="data"/> is non-null, non-empty and has the given input and target sizes.</summary>
    public static void Data(Dataset data, int inputSize, int targetSize, string paramName)
    {
        ArgumentNullException.ThrowIfNull(data, paramName);
        if (data.Count == 0)
            throw new ArgumentException("The dataset has no examples; a network loss is a mean over at least one example.", paramName);
        data.EnsureShape(inputSize, targetSize, paramName);
    }

    /// <summary>
    /// <see cref="Data(Dataset, int, int, string)"/> for a network whose input is an image: a wrong input size is reported
    /// with the image's shape, e.g. "the model expects 784 inputs (a 1×28×28 image in (c, h, w) order)".
    /// </summary>
    public static void Data(Dataset data, int inputSize, int targetSize, string paramName, string inputShape)
    {
        ArgumentNullException.ThrowIfNull(data, paramName);
        if (data.Count > 0 && data.InputSize != inputSize)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The dataset has {data.InputSize} inputs and {data.TargetSize} targets per example; the model expects {inputSize} inputs (a {inputShape} image in (c, h, w) order) and {targetSize} targets."), paramName);
        Data(data, inputSize, targetSize, paramName);
    }

    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="count"/>, the size of the whole dataset a
    /// partial sum belongs to, is at least the <paramref name="examples"/> of the part.
    /// </summary>
    public static void Count(int count, int examples, string paramName)
    {
        if (count < examples)
            throw new ArgumentOutOfRangeException(paramName, count, string.Create(CultureInfo.InvariantCulture,
                $"The whole dataset has {count} examples, fewer than the {examples} of this part; pass the size of the whole dataset."));
    }
}
