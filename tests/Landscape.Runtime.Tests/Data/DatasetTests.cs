using System;
using System.Linq;
using System.Runtime.InteropServices;

namespace Landscape.Tests.Data;

/// <summary>Tests of <see cref="Dataset"/>: construction and validation, sizes, row access, views and copies.</summary>
public sealed class DatasetTests
{
    /// <summary>Four examples with 3 inputs and 2 targets; input (i, j) = 10·i + j, target (i, k) = −(10·i + k).</summary>
    private static (double[] Inputs, double[] Targets) Sample(int count = 4, int inputSize = 3, int targetSize = 2)
    {
        var inputs = new double[count * inputSize];
        var targets = new double[count * targetSize];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < inputSize; j++) inputs[i * inputSize + j] = 10 * i + j;
            for (int k = 0; k < targetSize; k++) targets[i * targetSize + k] = -(10 * i + k);
        }
        return (inputs, targets);
    }

    private static Dataset SampleDataset()
    {
        (double[] inputs, double[] targets) = Sample();
        return new Dataset(inputs, targets, 4);
    }

    // ---------------------------------------------------------------- construction

    [Fact]
    public void Constructor_DerivesSizesFromLengths()
    {
        (double[] inputs, double[] targets) = Sample();
        var data = new Dataset(inputs, targets, 4);
        Assert.Equal(4, data.Count);
        Assert.Equal(3, data.InputSize);
        Assert.Equal(2, data.TargetSize);
        Assert.Equal(inputs, data.Inputs.ToArray());
        Assert.Equal(targets, data.Targets.ToArray());
        Assert.Equal(inputs, data.InputMemory.ToArray());
        Assert.Equal(targets, data.TargetMemory.ToArray());
        Assert.Equal("Dataset(4 examples, 3 inputs, 2 targets)", data.ToString());
    }

    [Fact]
    public void Constructor_WrapsWithoutCopying()
    {
        (double[] inputs, double[] targets) = Sample();
        var data = new Dataset(inputs, targets, 4);
        Assert.True(MemoryMarshal.TryGetArray(data.InputMemory, out ArraySegment<double> segment));
        Assert.Same(inputs, segment.Array);
        Assert.True(MemoryMarshal.TryGetArray(data.TargetMemory, out segment));
        Assert.Same(targets, segment.Array);
    }

    [Fact]
    public void Constructor_LengthNotAMultipleOfCount_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset(new double[7], new double[8], 4));
        Assert.Equal("inputs", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => new Dataset(new double[8], new double[6], 4));
        Assert.Equal("targets", e.ParamName);
        Assert.Throws<ArgumentException>(() => new Dataset(new double[2], new double[3], 3));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Constructor_NonFiniteValue_Throws(double bad)
    {
        (double[] inputs, double[] targets) = Sample();
        inputs[5] = bad;
        var e = Assert.Throws<ArgumentException>(() => new Dataset(inputs, targets, 4));
        Assert.Equal("inputs", e.ParamName);
        Assert.Contains("inputs[5]", e.Message, StringComparison.Ordinal);

        (inputs, targets) = Sample();
        targets[7] = bad;
        e = Assert.Throws<ArgumentException>(() => new Dataset(inputs, targets, 4));
        Assert.Equal("targets", e.ParamName);
        Assert.Contains("targets[7]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_AcceptsExtremeFiniteValues()
    {
        var data = new Dataset([double.MaxValue, double.MinValue, double.Epsilon, -0.0], [0.0, 1.0], 2);
        Assert.Equal(2, data.InputSize);
        Assert.Equal(1, data.TargetSize);
    }

    [Fact]
    public void Constructor_CountZero()
    {
        var empty = new Dataset([], [], 0);
        Assert.Equal(0, empty.Count);
        Assert.Equal(0, empty.InputSize);
        Assert.Equal(0, empty.TargetSize);

        var e = Assert.Throws<ArgumentException>(() => new Dataset(new double[3], [], 0));
        Assert.Equal("count", e.ParamName);
        Assert.Throws<ArgumentException>(() => new Dataset([], new double[1], 0));
    }

    [Fact]
    public void Constructor_NegativeCountOrNullArrays_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dataset([], [], -1));
        Assert.Throws<ArgumentNullException>(() => new Dataset(null!, [], 0));
        Assert.Throws<ArgumentNullException>(() => new Dataset([], null!, 0));
    }

    [Fact]
    public void Constructor_ZeroWidthTargetsAreAllowed()
    {
        // Unsupervised data: targets of size 0.
        var data = new Dataset([1, 2, 3, 4], [], 2);
        Assert.Equal(2, data.InputSize);
        Assert.Equal(0, data.TargetSize);
        Assert.Equal(0, data.Target(1).Length);
    }

    // ---------------------------------------------------------------- rows

    [Fact]
    public void InputAndTarget_ReturnTheRows()
    {
        Dataset data = SampleDataset();
        for (int i = 0; i < data.Count; i++)
        {
            Assert.Equal(new double[] { 10 * i, 10 * i + 1, 10 * i + 2 }, data.Input(i).ToArray());
            Assert.Equal(new double[] { -10 * i, -(10 * i + 1) }, data.Target(i).ToArray());
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void InputAndTarget_OutOfRange_Throw(int index)
    {
        Dataset data = SampleDataset();
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Input(index));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Target(index));
    }

    // ---------------------------------------------------------------- range subsets (views)

    [Fact]
    public void SubsetRange_IsAViewOfTheRows()
    {
        (double[] inputs, double[] targets) = Sample();
        var data = new Dataset(inputs, targets, 4);
        Dataset middle = data.Subset(1, 2);
        Assert.Equal(2, middle.Count);
        Assert.Equal(3, middle.InputSize);
        Assert.Equal(2, middle.TargetSize);
        Assert.Equal(inputs[3..9], middle.Inputs.ToArray());
        Assert.Equal(targets[2..6], middle.Targets.ToArray());
        Assert.Equal(data.Input(2).ToArray(), middle.Input(1).ToArray());
        Assert.Equal(data.Target(1).ToArray(), middle.Target(0).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => middle.Input(2));

        // Shares storage: same arrays, offset by start rows.
        Assert.True(MemoryMarshal.TryGetArray(middle.InputMemory, out ArraySegment<double> segment));
        Assert.Same(inputs, segment.Array);
        Assert.Equal(3, segment.Offset);
        Assert.Equal(6, segment.Count);
        Assert.True(MemoryMarshal.TryGetArray(middle.TargetMemory, out segment));
        Assert.Same(targets, segment.Array);
        Assert.Equal(2, segment.Offset);
        Assert.True(SameStart(data.Input(1), middle.Input(0)));
    }

    [Fact]
    public void SubsetRange_OfAView_ComposesOffsets()
    {
        Dataset data = SampleDataset();
        Dataset last = data.Subset(1, 3).Subset(2, 1);
        Assert.Equal(1, last.Count);
        Assert.Equal(data.Input(3).ToArray(), last.Input(0).ToArray());
        Assert.Equal(data.Target(3).ToArray(), last.Target(0).ToArray());
        Assert.True(SameStart(data.Input(3), last.Input(0)));
    }

    [Fact]
    public void SubsetRange_EmptyAndWhole()
    {
        Dataset data = SampleDataset();
        Dataset none = data.Subset(4, 0);
        Assert.Equal(0, none.Count);
        Assert.Equal(0, none.Inputs.Length);
        Assert.Equal(3, none.InputSize); // a view keeps its parent's row sizes
        Dataset all = data.Subset(0, 4);
        Assert.Equal(data.Inputs.ToArray(), all.Inputs.ToArray());
        Assert.Equal(data.Targets.ToArray(), all.Targets.ToArray());
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(0, -1)]
    [InlineData(0, 5)]
    [InlineData(1, 4)]
    [InlineData(5, 0)]
    [InlineData(int.MaxValue, 1)]
    [InlineData(1, int.MaxValue)]
    [InlineData(int.MinValue, 0)]
    public void SubsetRange_OutsideTheDataset_Throws(int start, int count)
    {
        Dataset data = SampleDataset();
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Subset(start, count));
    }

    // ---------------------------------------------------------------- index subsets (copies)

    [Fact]
    public void SubsetIndices_CopiesInOrderWithRepeats()
    {
        (double[] inputs, double[] targets) = Sample();
        var data = new Dataset(inputs, targets, 4);
        Dataset picked = data.Subset([2, 0, 2, 3]);
        Assert.Equal(4, picked.Count);
        Assert.Equal(3, picked.InputSize);
        Assert.Equal(2, picked.TargetSize);
        int[] order = [2, 0, 2, 3];
        for (int i = 0; i < order.Length; i++)
        {
            Assert.Equal(data.Input(order[i]).ToArray(), picked.Input(i).ToArray());
            Assert.Equal(data.Target(order[i]).ToArray(), picked.Target(i).ToArray());
        }

        // A copy: new storage, independent of the parent's arrays.
        Assert.True(MemoryMarshal.TryGetArray(picked.InputMemory, out ArraySegment<double> segment));
        Assert.NotSame(inputs, segment.Array);
        inputs[6] = 1234; // row 2 of the parent (mutated here only to prove the copy)
        Assert.Equal(20.0, picked.Input(0)[0]);
    }

    [Fact]
    public void SubsetIndices_OfAView_UsesViewIndices()
    {
        Dataset data = SampleDataset();
        Dataset view = data.Subset(2, 2);
        Dataset picked = view.Subset([1, 0]);
        Assert.Equal(data.Input(3).ToArray(), picked.Input(0).ToArray());
        Assert.Equal(data.Target(2).ToArray(), picked.Target(1).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => view.Subset([2]));
    }

    [Fact]
    public void SubsetIndices_Empty()
    {
        Dataset picked = SampleDataset().Subset(ReadOnlySpan<int>.Empty);
        Assert.Equal(0, picked.Count);
        Assert.Equal(0, picked.Inputs.Length);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void SubsetIndices_OutOfRange_Throws(int bad)
    {
        Dataset data = SampleDataset();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => data.Subset([0, 1, bad]));
        Assert.Equal("indices", e.ParamName);
        Assert.Contains("indices[2]", e.Message, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- Empty and EnsureShape

    [Fact]
    public void Empty_HasNoExamplesAndNoFeatures()
    {
        Dataset empty = Dataset.Empty;
        Assert.Same(empty, Dataset.Empty);
        Assert.Equal(0, empty.Count);
        Assert.Equal(0, empty.InputSize);
        Assert.Equal(0, empty.TargetSize);
        Assert.True(empty.Inputs.IsEmpty);
        Assert.True(empty.Targets.IsEmpty);
        Assert.Throws<ArgumentOutOfRangeException>(() => empty.Input(0));
        Assert.Equal(0, empty.Subset(0, 0).Count);
        empty.EnsureShape(784, 10, "data"); // no examples: any model shape is accepted
    }

    [Fact]
    public void EnsureShape_AcceptsMatchingAndRejectsOtherSizes()
    {
        Dataset data = SampleDataset();
        data.EnsureShape(3, 2, "data");

        var e = Assert.Throws<ArgumentException>(() => data.EnsureShape(4, 2, "data"));
        Assert.Equal("data", e.ParamName);
        Assert.Contains("3 inputs", e.Message, StringComparison.Ordinal);
        Assert.Contains("expects 4 inputs", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => data.EnsureShape(3, 1, "training"));
        Assert.Equal("training", e.ParamName);

        // A view keeps the shape, so the same checks apply to it.
        data.Subset(1, 2).EnsureShape(3, 2, "data");
        Assert.Throws<ArgumentException>(() => data.Subset(1, 2).EnsureShape(2, 3, "data"));
    }

    [Fact]
    public void LargeRandomDataset_SubsetsAgreeWithDirectIndexing()
    {
        var random = new Random(20_240_611);
        const int count = 257, inputSize = 13, targetSize = 5;
        double[] inputs = Enumerable.Range(0, count * inputSize).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        double[] targets = Enumerable.Range(0, count * targetSize).Select(_ => random.NextDouble()).ToArray();
        var data = new Dataset(inputs, targets, count);
        int[] indices = Enumerable.Range(0, 100).Select(_ => random.Next(count)).ToArray();
        Dataset picked = data.Subset(indices);
        for (int i = 0; i < indices.Length; i++)
        {
            Assert.Equal(inputs.AsSpan(indices[i] * inputSize, inputSize).ToArray(), picked.Input(i).ToArray());
            Assert.Equal(targets.AsSpan(indices[i] * targetSize, targetSize).ToArray(), picked.Target(i).ToArray());
        }
        Dataset view = data.Subset(100, 50);
        Assert.Equal(inputs.AsSpan(100 * inputSize, 50 * inputSize).ToArray(), view.Inputs.ToArray());
    }

    /// <summary>True when both spans start at the same memory location (a view, not a copy).</summary>
    private static bool SameStart(ReadOnlySpan<double> a, ReadOnlySpan<double> b) =>
        System.Runtime.CompilerServices.Unsafe.AreSame(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b));
}
