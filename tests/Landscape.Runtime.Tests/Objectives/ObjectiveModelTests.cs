using System;
using System.Collections.Generic;

namespace Landscape.Tests.Objectives;

/// <summary>The IModel surface of every generated objective: layout, initialization, values, per-example losses, argument checks.</summary>
public sealed class ObjectiveModelTests
{
    public static IEnumerable<object[]> Cases => ObjectiveCase.Names;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Layout_HasOneCoordinateBlockPerParameter_NamedByTheParameter(string name)
    {
        ObjectiveCase c = ObjectiveCase.For(name);
        Assert.Equal(c.Dimension, c.Model.ParameterCount);
        Assert.Equal(c.Dimension, c.Model.Layout.Count);
        Assert.Equal(c.Dimension, c.Model.Layout.TotalLength);
        for (int i = 0; i < c.Dimension; i++)
        {
            ParameterBlock block = c.Model.Layout[i];
            Assert.Equal(new ParameterBlock(c.Coordinates[i], i, 1, 1, 1, ParameterKind.Coordinate), block);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Initialize_WritesZerosOrTheInitialPoint_ForEverySeed(string name)
    {
        ObjectiveCase c = ObjectiveCase.For(name);
        foreach (int seed in new[] { 0, 1, 12345 })
        {
            double[] parameters = new double[c.Dimension];
            Array.Fill(parameters, double.NaN);
            c.Model.Initialize(parameters, seed);
            ObjectiveAssert.BitIdentical(parameters, c.InitialPoint, $"{name} Initialize(seed {seed})");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Values_AreTheMethodsValue_BitForBit_WhateverTheData(string name)
    {
        ObjectiveCase c = ObjectiveCase.For(name);
        var data = new Dataset([1.0, 2.0, 3.0], [0.0, 0.0, 0.0], 3);
        var losses = new double[3];
        foreach (double[] point in c.Points(8, ObjectiveCase.SeedOf(name) + 5))
        {
            double expected = c.Method(point);
            ObjectiveAssert.BitIdentical(c.Value(point), expected, $"{name} Value(span)");
            ObjectiveAssert.BitIdentical(c.Model.Loss(point, Dataset.Empty), expected, $"{name} Loss(Dataset.Empty)");
            ObjectiveAssert.BitIdentical(c.Model.Loss(point, data), expected, $"{name} Loss(3 examples)");
            c.Model.ExampleLosses(point, data, losses);
            ObjectiveAssert.BitIdentical(losses, [expected, expected, expected], $"{name} ExampleLosses");
            c.Model.ExampleLosses(point, Dataset.Empty, Span<double>.Empty); // no examples, no losses, no exception
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ArgumentChecks_RejectWrongLengthsAndNullData(string name)
    {
        ObjectiveCase c = ObjectiveCase.For(name);
        IModel m = c.Model;
        int n = c.Dimension;
        double[] ok = new double[n], shortVector = new double[n - 1], longVector = new double[n + 1];
        Assert.Throws<ArgumentException>(() => m.Loss(shortVector, Dataset.Empty));
        Assert.Throws<ArgumentException>(() => m.Loss(longVector, Dataset.Empty));
        Assert.Throws<ArgumentNullException>(() => m.Loss(ok, null!));
        Assert.Throws<ArgumentException>(() => m.Gradient(ok, Dataset.Empty, shortVector));
        Assert.Throws<ArgumentNullException>(() => m.Gradient(ok, null!, new double[n]));
        Assert.Throws<ArgumentException>(() => m.HessianVectorProduct(ok, Dataset.Empty, shortVector, new double[n]));
        Assert.Throws<ArgumentException>(() => m.HessianVectorProduct(ok, Dataset.Empty, ok, longVector));
        Assert.Throws<ArgumentException>(() => m.HessianVectorProduct(ok, Dataset.Empty, ok, new double[n], longVector)); // an empty gradient means "not requested"
        Assert.Throws<ArgumentNullException>(() => m.HessianVectorProduct(ok, null!, ok, new double[n]));
        Assert.Throws<ArgumentException>(() => m.ExampleLosses(ok, Dataset.Empty, new double[1]));
        Assert.Throws<ArgumentNullException>(() => m.ExampleLosses(ok, null!, Span<double>.Empty));
        Assert.Throws<ArgumentException>(() => m.Initialize(longVector, 0));
        Assert.Throws<ArgumentException>(() => c.Value(longVector));
        Assert.Throws<ArgumentException>(() => c.Hessian(ok, new double[n * n - 1]));
        Assert.Throws<ArgumentException>(() => c.Hessian(shortVector, new double[n * n]));
    }

    [Fact]
    public void InitialPoint_OfTheWrongLength_Throws()
    {
        var model = new BadStart();
        Assert.Throws<InvalidOperationException>(() => model.Initialize(new double[2], 0));
    }
}

/// <summary>An objective whose InitialPoint has the wrong length (2 coordinates, 3 values).</summary>
public sealed partial class BadStart
{
    /// <summary>f(x, y).</summary>
    [Objective] public double Value(double x, double y) => x * y;

    private static double[] InitialPoint() => [1.0, 2.0, 3.0];
}
