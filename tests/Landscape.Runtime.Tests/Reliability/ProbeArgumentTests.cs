using System;
using System.Collections.Generic;
using System.Linq;
using Landscape.Optimization;
using Landscape.Probes;

namespace Landscape.Tests.Reliability;

/// <summary>
/// Wrong-length vectors and NaN/∞ values passed to the probe and training entry points (Slice, Growth, Hessian,
/// Directions, Decomposition, Trainer, GradientFlow), one case at a time: each raises <see cref="ArgumentException"/>
/// naming the argument, with a message that states what was found and what was expected.
/// </summary>
public sealed class ProbeArgumentTests
{
    private static readonly ReliabilityNet Net = new();
    private const int N = 26;

    private static Dataset Data { get; } = ReliabilityFixtures.Data();

    private static double[] Theta { get; } = ReliabilityFixtures.Parameters(Net);

    private static double[] Direction { get; } = Directions.Random(Net, seed: 5, Normalization.Unit);

    /// <summary><paramref name="source"/> with element <paramref name="index"/> replaced by <paramref name="value"/>.</summary>
    private static double[] With(double[] source, int index, double value)
    {
        double[] copy = (double[])source.Clone();
        copy[index] = value;
        return copy;
    }

    private static double[] Short => new double[N - 1];

    private static readonly Dictionary<string, (Action Call, string Parameter, string[] Message)> Cases = new()
    {
        // ---- wrong lengths
        ["Slice.Line parameters length"] = (() => Slice.Line(Net, Short, Data, Direction, [0.0]), "parameters", ["25 values", "26 parameters"]),
        ["Slice.Line direction length"] = (() => Slice.Line(Net, Theta, Data, Short, [0.0]), "direction", ["25 values", "26 parameters"]),
        ["Slice.Plane d1 length"] = (() => Slice.Plane(Net, Theta, Data, Short, Direction, [0.0], [0.0]), "d1", ["25 values", "26 parameters"]),
        ["Slice.Plane d2 length"] = (() => Slice.Plane(Net, Theta, Data, Direction, new double[N + 1], [0.0], [0.0]), "d2", ["27 values", "26 parameters"]),
        ["Growth.Profile parameters length"] = (() => Growth.Profile(Net, Short, Data, Direction, 1e-3, 1, 4), "parameters", ["25 values", "26 parameters"]),
        ["Growth.Profile direction length"] = (() => Growth.Profile(Net, Theta, Data, Short, 1e-3, 1, 4), "direction", ["25 values", "26 parameters"]),
        ["Growth.FitExponent lengths"] = (() => Growth.FitExponent([1.0, 2.0], [1.0], 0, 1), "deltas", ["ts has 2 values and deltas 1"]),
        ["Hessian.TopEigenpairs parameters length"] = (() => Hessian.TopEigenpairs(Net, Short, Data, 1), "parameters", ["25 values", "26 parameters"]),
        ["Hessian.Trace parameters length"] = (() => Hessian.Trace(Net, Short, Data, 4, 1), "parameters", ["25 values", "26 parameters"]),
        ["Hessian.Density parameters length"] = (() => Hessian.Density(Net, Short, Data), "parameters", ["25 values", "26 parameters"]),
        ["Hessian.Dense parameters length"] = (() => Hessian.Dense(Net, Short, Data), "parameters", ["25 values", "26 parameters"]),
        ["Directions.Random reference length"] = (() => Directions.Random(Net, 1, Normalization.Filter, Short), "reference", ["25 values", "26 parameters"]),
        ["Directions.Between lengths"] = (() => Directions.Between(Theta, Short), "b", ["26 and 25 values"]),
        ["Directions.Orthogonalize lengths"] = (() => Directions.Orthogonalize(Theta, new double[3]), "second", ["26 and 3 values"]),
        ["Decomposition.Curvature parameters length"] = (() => Decomposition.Curvature(Net, Short, Data, Direction), "parameters", ["25 values", "26 parameters"]),
        ["Decomposition.Curvature direction length"] = (() => Decomposition.Curvature(Net, Theta, Data, Short), "direction", ["25 values", "26 parameters"]),
        ["Decomposition.Curvature groupOf length"] = (() => Decomposition.Curvature(Net, Theta, Data, Direction, new int[4]), "groupOf", ["4 entries", "5 examples"]),
        ["Trainer.Run parameters length"] = (() => NewTrainer().Run(Short, 1), "parameters", ["25 values", "26 parameters"]),
        ["GradientFlow.Rk4 parameters length"] = (() => GradientFlow.Rk4(Net, Short, Data, 0.1), "parameters", ["25 values", "26 parameters"]),

        // ---- NaN and infinities
        ["Slice.Line NaN parameter"] = (() => Slice.Line(Net, With(Theta, 3, double.NaN), Data, Direction, [0.0]), "parameters", ["parameters[3] is NaN", "finite"]),
        ["Slice.Line infinite direction"] = (() => Slice.Line(Net, Theta, Data, With(Direction, 0, double.PositiveInfinity), [0.0]), "direction", ["direction[0] is Infinity", "finite"]),
        ["Slice.Line NaN position"] = (() => Slice.Line(Net, Theta, Data, Direction, [0.0, double.NaN]), "ts", ["ts[1] is NaN", "finite"]),
        ["Slice.Plane NaN d2"] = (() => Slice.Plane(Net, Theta, Data, Direction, With(Direction, 25, double.NaN), [0.0], [0.0]), "d2", ["d2[25] is NaN"]),
        ["Slice.Plane infinite xs"] = (() => Slice.Plane(Net, Theta, Data, Direction, Direction, [double.NegativeInfinity], [0.0]), "xs", ["xs[0] is -Infinity"]),
        ["Slice.Plane NaN ys"] = (() => Slice.Plane(Net, Theta, Data, Direction, Direction, [0.0], [1.0, double.NaN]), "ys", ["ys[1] is NaN"]),
        ["Growth.Profile NaN parameter"] = (() => Growth.Profile(Net, With(Theta, 10, double.NaN), Data, Direction, 1e-3, 1, 4), "parameters", ["parameters[10] is NaN"]),
        ["Growth.Profile infinite direction"] = (() => Growth.Profile(Net, Theta, Data, With(Direction, 2, double.NegativeInfinity), 1e-3, 1, 4), "direction", ["direction[2] is -Infinity"]),
        ["Growth.Profile NaN minT"] = (() => Growth.Profile(Net, Theta, Data, Direction, double.NaN, 1, 4), "minT", ["0 < minT ≤ maxT < ∞"]),
        ["Growth.Profile infinite maxT"] = (() => Growth.Profile(Net, Theta, Data, Direction, 1e-3, double.PositiveInfinity, 4), "minT", ["0 < minT ≤ maxT < ∞"]),
        ["Growth.FitExponent NaN window"] = (() => Growth.FitExponent([1.0], [1.0], double.NaN, 1), "lo", ["0 ≤ lo ≤ hi"]),
        ["Hessian.TopEigenpairs NaN parameter"] = (() => Hessian.TopEigenpairs(Net, With(Theta, 0, double.NaN), Data, 1), "parameters", ["parameters[0] is NaN"]),
        ["Hessian.Trace infinite parameter"] = (() => Hessian.Trace(Net, With(Theta, 1, double.PositiveInfinity), Data, 4, 1), "parameters", ["parameters[1] is Infinity"]),
        ["Hessian.Density NaN parameter"] = (() => Hessian.Density(Net, With(Theta, 2, double.NaN), Data), "parameters", ["parameters[2] is NaN"]),
        ["Hessian.Dense NaN parameter"] = (() => Hessian.Dense(Net, With(Theta, 4, double.NaN), Data), "parameters", ["parameters[4] is NaN"]),
        ["Directions.Random NaN reference"] = (() => Directions.Random(Net, 1, Normalization.Filter, With(Theta, 5, double.NaN)), "reference", ["reference[5] is NaN"]),
        ["Directions.Between NaN point"] = (() => Directions.Between(Theta, With(Theta, 6, double.NaN)), "b", ["b[6] is NaN"]),
        ["Directions.Orthogonalize NaN first"] = (() => Directions.Orthogonalize(With(Direction, 7, double.NaN), (double[])Theta.Clone()), "first", ["first[7] is NaN"]),
        ["Directions.Normalize NaN"] = (() => Directions.Normalize(new[] { 1.0, double.NaN }), "vector", ["norm NaN"]),
        ["Decomposition.Curvature NaN direction"] = (() => Decomposition.Curvature(Net, Theta, Data, With(Direction, 8, double.NaN)), "direction", ["direction[8] is NaN"]),
        ["Trainer.Run NaN parameter"] = (() => NewTrainer().Run(With(Theta, 9, double.NaN), 1), "parameters", ["parameters[9] is NaN"]),
        ["GradientFlow.Rk4 infinite parameter"] = (() => GradientFlow.Rk4(Net, With(Theta, 11, double.PositiveInfinity), Data, 0.1), "parameters", ["parameters[11] is Infinity"]),
        ["Dataset NaN input"] = (() => _ = new Dataset([1.0, double.NaN], [0.0], 1), "inputs", ["inputs[1] is NaN"]),
        ["Dataset infinite target"] = (() => _ = new Dataset([1.0], [double.NegativeInfinity], 1), "targets", ["targets[0] is -Infinity"]),
    };

    private static Trainer NewTrainer() => new(Net, Data, new GradientDescent(), LearningRate.Constant(0.1));

    public static TheoryData<string> CaseNames() => new(Cases.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void BadArgument_ThrowsNamingItAndTheExpectation(string name)
    {
        (Action call, string parameter, string[] fragments) = Cases[name];
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(parameter, e.ParamName);
        foreach (string fragment in fragments) Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullModelOrData_ThrowArgumentNullException()
    {
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => Slice.Line(null!, Theta, Data, Direction, [0.0])).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentNullException>(() => Slice.Line(Net, Theta, null!, Direction, [0.0])).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => Growth.Profile(null!, Theta, Data, Direction, 1e-3, 1, 4)).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => Hessian.TopEigenpairs(null!, Theta, Data, 1)).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentNullException>(() => Hessian.Trace(Net, Theta, null!, 4, 1)).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => Directions.Random(null!, 1, Normalization.Unit)).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => new Trainer(null!, Data, new GradientDescent(), LearningRate.Constant(0.1))).ParamName);
    }

    [Fact]
    public void OutOfRangeCounts_ThrowArgumentOutOfRangeException()
    {
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => Hessian.TopEigenpairs(Net, Theta, Data, 0)).ParamName);
        Assert.Equal("probes", Assert.Throws<ArgumentOutOfRangeException>(() => Hessian.Trace(Net, Theta, Data, 0, 1)).ParamName);
        Assert.Equal("pointsPerDecade", Assert.Throws<ArgumentOutOfRangeException>(() => Growth.Profile(Net, Theta, Data, Direction, 1e-3, 1, 0)).ParamName);
        Assert.Equal("steps", Assert.Throws<ArgumentOutOfRangeException>(() => NewTrainer().Run((double[])Theta.Clone(), -1)).ParamName);
        Assert.Equal("BatchSize", Assert.Throws<ArgumentOutOfRangeException>(() => NewTrainer().BatchSize = 0).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Hessian.TopEigenpairs(Net, Theta, Data, 1, new LanczosOptions { Tolerance = double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Directions.Random(Net, 1, (Normalization)42, Theta));
    }

    [Fact]
    public void ValidArguments_StillWork()
    {
        // The new finiteness checks must not reject what the probes accept: a finite point and direction.
        LineSlice line = Slice.Line(Net, Theta, Data, Direction, [-1.0, 0.0, 1.0]);
        Assert.All(line.Loss, l => Assert.True(double.IsFinite(l)));
        Assert.True(Hessian.TopEigenpairs(Net, Theta, Data, 1).Values.Single() > 0);
    }
}
