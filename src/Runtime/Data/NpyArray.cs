using System;
using System.Globalization;

namespace Landscape.Data;

/// <summary>
/// An n-dimensional array of doubles in C (row-major) order, as read from or written to a NumPy <c>.npy</c> file by
/// <see cref="Npy"/>: element (i₀, i₁, …) is <c>Data[((i₀·Shape[1] + i₁)·Shape[2] + …)]</c>.
/// </summary>
public sealed class NpyArray
{
    /// <summary>Wraps <paramref name="data"/> (not copied) as an array of the given <paramref name="shape"/>.</summary>
    /// <param name="shape">The dimension sizes (each ≥ 0); an empty shape is a 0-dimensional array holding one value.</param>
    /// <param name="data">The elements in C order; its length must be the product of the shape.</param>
    /// <exception cref="ArgumentException">A dimension is negative, or the data length differs from the product of the shape.</exception>
    public NpyArray(int[] shape, double[] data)
        : this(shape, data, Npy.Float64Descriptor)
    {
    }

    internal NpyArray(int[] shape, double[] data, string sourceType)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        long product = 1;
        for (int d = 0; d < shape.Length; d++)
        {
            if (shape[d] < 0)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"shape[{d}] is {shape[d]}; expected a size ≥ 0."), nameof(shape));
            product *= shape[d]; // ≤ Array.MaxLength · int.MaxValue < 2⁶³
            if (product > Array.MaxLength)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The shape ({Npy.FormatShape(shape)}) holds more than {Array.MaxLength} values, the most one array can."), nameof(shape));
        }
        if (product != data.Length)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"data has {data.Length} values; the shape ({Npy.FormatShape(shape)}) holds {product}."), nameof(data));
        Shape = (int[])shape.Clone();
        Data = data;
        SourceType = sourceType;
    }

    /// <summary>The dimension sizes, outermost first.</summary>
    public int[] Shape { get; }

    /// <summary>The elements in C (row-major) order, converted to double.</summary>
    public double[] Data { get; }

    /// <summary>
    /// The NumPy type descriptor the values were stored as (for example <c>&lt;f8</c>, <c>&lt;i4</c>, <c>|u1</c>); arrays built
    /// in memory are <c>&lt;f8</c>.
    /// </summary>
    public string SourceType { get; }

    /// <summary>The number of dimensions.</summary>
    public int Rank => Shape.Length;

    /// <summary>The number of elements (the product of <see cref="Shape"/>).</summary>
    public int Length => Data.Length;

    /// <summary>The elements as a 2-D array [Shape[0], Shape[1]].</summary>
    /// <exception cref="InvalidOperationException">The array is not 2-dimensional.</exception>
    public double[,] ToMatrix()
    {
        if (Rank != 2)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The array has shape ({Npy.FormatShape(Shape)}); expected 2 dimensions for a matrix."));
        var matrix = new double[Shape[0], Shape[1]];
        int columns = Shape[1];
        for (int i = 0; i < Shape[0]; i++)
            for (int j = 0; j < columns; j++)
                matrix[i, j] = Data[i * columns + j];
        return matrix;
    }

    /// <inheritdoc/>
    public override string ToString() => $"NpyArray({SourceType}, shape ({Npy.FormatShape(Shape)}))";
}
