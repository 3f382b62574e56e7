using System;
using System.Numerics.Tensors;
using Landscape.Numerics;
using Landscape.Probes;
using Landscape.Tests.Networks;

namespace Landscape.Tests.Probes;

/// <summary>Random directions and their normalizations, Between, Orthogonalize, Normalize.</summary>
[Collection(ThreadSettingCollection.Name)]
public sealed class DirectionsTests
{
    /// <summary>A norm rescaled to a target is off by a few ulps of the norm; 1e-12 relative leaves a wide margin.</summary>
    private const double NormTolerance = 1e-12;

    private static void AssertNorm(ReadOnlySpan<double> actual, double expected, string what)
    {
        double norm = TensorPrimitives.Norm(actual);
        Assert.True(Math.Abs(norm - expected) <= NormTolerance * expected, $"{what}: norm {norm:R}, expected {expected:R}.");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Filter_ScalesEveryWeightRowToTheReferenceRowNorm_AndHandlesBiasesAsSelected(bool normalizeBiases)
    {
        foreach (IModel model in new IModel[] { new ProbeMlp(), new ProbeClassifier() })
        {
            double[] reference = ProbeData.Point(model, 3);
            double[] d = normalizeBiases
                ? Directions.Random(model, 11, Normalization.Filter, reference, BiasHandling.Normalize)
                : Directions.Random(model, 11, Normalization.Filter, reference);
            int rowsChecked = 0;
            foreach (ParameterBlock block in model.Layout)
            {
                ReadOnlySpan<double> db = d.AsSpan(block.Offset, block.Length), rb = reference.AsSpan(block.Offset, block.Length);
                if (block.Kind == ParameterKind.Weight)
                {
                    for (int row = 0; row < block.Rows; row++, rowsChecked++)
                        AssertNorm(db.Slice(row * block.Columns, block.Columns), TensorPrimitives.Norm(rb.Slice(row * block.Columns, block.Columns)), $"{block.Name} row {row}");
                }
                else if (normalizeBiases)
                {
                    AssertNorm(db, TensorPrimitives.Norm(rb), block.Name);
                }
                else
                {
                    Assert.True(db.IndexOfAnyExcept(0.0) < 0, $"{block.Name} should be zero.");
                }
            }
            Assert.Equal(model.Layout[0].Rows + model.Layout[2].Rows, rowsChecked);
            // The default bias handling is Zero.
            Assert.Equal(Directions.Random(model, 11, Normalization.Filter, reference, BiasHandling.Zero), Directions.Random(model, 11, reference: reference));
        }
    }

    [Fact]
    public void Filter_RowDirectionsAreTheRawDrawRescaled()
    {
        IModel model = new ProbeMlp();
        double[] reference = ProbeData.Point(model, 3);
        double[] raw = Directions.Random(model, 5, Normalization.None);
        double[] filtered = Directions.Random(model, 5, Normalization.Filter, reference);
        ParameterBlock w = model.Layout[0];
        for (int row = 0; row < w.Rows; row++)
        {
            int start = w.Offset + row * w.Columns;
            double scale = filtered[start] / raw[start];
            Assert.True(scale > 0);
            for (int c = 1; c < w.Columns; c++)
                Assert.Equal(scale, filtered[start + c] / raw[start + c], 1e-12);
        }
    }

    [Fact]
    public void Layer_ScalesEveryBlockToTheReferenceBlockNorm()
    {
        IModel model = new ProbeClassifier();
        double[] reference = ProbeData.Point(model, 4);
        double[] d = Directions.Random(model, 2, Normalization.Layer, reference);
        foreach (ParameterBlock block in model.Layout)
            AssertNorm(d.AsSpan(block.Offset, block.Length), TensorPrimitives.Norm(reference.AsSpan(block.Offset, block.Length)), block.Name);
    }

    [Fact]
    public void Unit_HasUnitNorm_None_IsTheCounterRandomDraw()
    {
        IModel model = new ProbeClassifier();
        AssertNorm(Directions.Random(model, 9, Normalization.Unit), 1.0, "unit");
        double[] raw = Directions.Random(model, 9, Normalization.None);
        for (int k = 0; k < model.Layout.Count; k++)
        {
            ParameterBlock block = model.Layout[k];
            for (int i = 0; i < block.Length; i++)
                Assert.Equal(CounterRandom.Normal(9, (ulong)k, (ulong)i), raw[block.Offset + i]);
        }
    }

    [Fact]
    public void Coordinates_KeepTheirDraw_UnderFilterAndLayer()
    {
        IModel model = new QuadraticBowl();
        double[] reference = [0.0, 0.0];
        double[] raw = Directions.Random(model, 1, Normalization.None);
        Assert.Equal(raw, Directions.Random(model, 1, Normalization.Filter, reference));
        Assert.Equal(raw, Directions.Random(model, 1, Normalization.Layer, reference));
        Assert.True(raw[0] != 0 && raw[1] != 0);
    }

    [Fact]
    public void SameSeed_GivesSameBits_DifferentSeedsDiffer_AnyThreadCount()
    {
        IModel model = new ProbeClassifier();
        double[] reference = ProbeData.Point(model, 1);
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 1;
            double[] one = Directions.Random(model, 42, Normalization.Filter, reference);
            Parallelism.MaxThreads = 2;
            double[] two = Directions.Random(model, 42, Normalization.Filter, reference);
            NumericAssert.BitIdentical(two, one, "seed 42, 1 vs 2 threads");
            NumericAssert.BitIdentical(Directions.Random(model, 42, Normalization.Filter, reference), one, "seed 42, second run");
            double[] other = Directions.Random(model, 43, Normalization.Filter, reference);
            int same = 0;
            for (int i = 0; i < one.Length; i++)
                if (one[i] != 0 && one[i] == other[i]) same++;
            Assert.Equal(0, same);
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void Random_RejectsMissingOrMisSizedReferences()
    {
        IModel model = new ProbeMlp();
        Assert.Throws<ArgumentException>(() => Directions.Random(model, 1));
        Assert.Throws<ArgumentException>(() => Directions.Random(model, 1, Normalization.Layer));
        Assert.Throws<ArgumentException>(() => Directions.Random(model, 1, Normalization.Filter, new double[model.ParameterCount - 1]));
        Assert.Throws<ArgumentException>(() => Directions.Random(model, 1, Normalization.Unit, new double[model.ParameterCount + 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Directions.Random(model, 1, (Normalization)17));
        Assert.Equal(model.ParameterCount, Directions.Random(model, 1, Normalization.Unit).Length);
    }

    [Fact]
    public void Between_IsBMinusA()
    {
        double[] a = [1, -2, 3.5], b = [0.5, 4, 3.5];
        Assert.Equal(new[] { -0.5, 6, 0 }, Directions.Between(a, b));
        Assert.Throws<ArgumentException>(() => Directions.Between(a, new double[2]));
    }

    [Fact]
    public void Orthogonalize_MakesTheSecondOrthogonal_AndKeepsItsNorm()
    {
        IModel model = new ProbeClassifier();
        double[] reference = ProbeData.Point(model, 2);
        double[] d1 = Directions.Random(model, 1, Normalization.Filter, reference);
        double[] d2 = Directions.Random(model, 2, Normalization.Filter, reference);
        // Make the pair strongly correlated first so the projection has real work to do.
        TensorPrimitives.MultiplyAdd(d1, 3.0, d2, d2);
        double norm = TensorPrimitives.Norm(d2);
        Directions.Orthogonalize(d1, d2);
        double dot = TensorPrimitives.Dot(d1, d2);
        Assert.True(Math.Abs(dot) <= 1e-12 * TensorPrimitives.Norm(d1) * TensorPrimitives.Norm(d2), $"⟨d1, d2⟩ = {dot:E3}");
        AssertNorm(d2, norm, "orthogonalized");

        double[] parallel = (double[])d1.Clone();
        TensorPrimitives.Multiply(parallel, -2.0, parallel);
        Assert.Throws<ArgumentException>(() => Directions.Orthogonalize(d1, parallel));
        Assert.Throws<ArgumentException>(() => Directions.Orthogonalize(d1, new double[3]));
    }

    [Fact]
    public void Normalize_ReturnsTheNorm_AndRejectsZero()
    {
        double[] v = [3, 0, -4];
        Assert.Equal(5, Directions.Normalize(v));
        Assert.Equal(0.6, v[0], 1e-15);
        Assert.Equal(0.0, v[1]);
        Assert.Equal(-0.8, v[2], 1e-15);
        Assert.Throws<ArgumentException>(() => Directions.Normalize(new double[4]));
    }
}
