using System;
using System.Collections.Generic;
using System.Linq;

namespace Landscape.Tests.Objectives;

/// <summary>
/// One hand-written objective with what the tests need: the generated model, the user's own method (the independent
/// reference for values and finite differences), the generated span members, the expected coordinate names, a seeded
/// sampler of test points and, for piecewise objectives, a margin function whose value is the distance (in the switching
/// quantities) to the nearest branch switch or kink.
/// </summary>
internal sealed class ObjectiveCase
{
    /// <summary>Points whose margin is below this are resampled: every finite-difference stencil (coordinates moved by at
    /// most 2h ≤ 8e-3 in the sampled boxes) then stays on one side of every switch, whose quantities have slopes ≤ ~10 there.</summary>
    public const double MarginThreshold = 0.1;

    private ObjectiveCase(string name, IModel model, string[] coordinates, Func<double[], double> method,
        Func<ReadOnlySpan<double>, double> value, Action<ReadOnlySpan<double>, Span<double>> hessian,
        Func<Random, double[]> sample, Func<double[], double>? margin, double[]? initialPoint)
    {
        Name = name;
        Model = model;
        Coordinates = coordinates;
        Method = method;
        Value = value;
        Hessian = hessian;
        _sample = sample;
        _margin = margin;
        InitialPoint = initialPoint ?? new double[coordinates.Length];
    }

    private readonly Func<Random, double[]> _sample;
    private readonly Func<double[], double>? _margin;

    public string Name { get; }

    public IModel Model { get; }

    /// <summary>The coordinate names, in order (the method's parameters).</summary>
    public string[] Coordinates { get; }

    /// <summary>The user's [Objective] method, called directly.</summary>
    public Func<double[], double> Method { get; }

    /// <summary>The generated Value(ReadOnlySpan&lt;double&gt;).</summary>
    public Func<ReadOnlySpan<double>, double> Value { get; }

    /// <summary>The generated Hessian(ReadOnlySpan&lt;double&gt;, Span&lt;double&gt;).</summary>
    public Action<ReadOnlySpan<double>, Span<double>> Hessian { get; }

    /// <summary>What Initialize must write.</summary>
    public double[] InitialPoint { get; }

    public int Dimension => Coordinates.Length;

    public override string ToString() => Name;

    /// <summary><paramref name="count"/> seeded points, each at least <see cref="MarginThreshold"/> from every branch switch.</summary>
    public List<double[]> Points(int count, int seed)
    {
        var random = new Random(seed);
        var points = new List<double[]>();
        for (int attempt = 0; points.Count < count; attempt++)
        {
            if (attempt > 100 * count) throw new InvalidOperationException($"{Name}: the sampler rarely meets the margin.");
            double[] point = _sample(random);
            if (_margin is null || _margin(point) >= MarginThreshold) points.Add(point);
        }
        return points;
    }

    /// <summary>A sampler of points uniform in [lo, hi]ⁿ.</summary>
    private static Func<Random, double[]> Box(int n, double lo, double hi) => random =>
    {
        var point = new double[n];
        for (int i = 0; i < n; i++) point[i] = lo + (hi - lo) * random.NextDouble();
        return point;
    };

    private static ObjectiveCase Make<T>(T model, string[] coordinates, Func<T, double[], double> method,
        Func<T, ReadOnlySpan<double>, double> value, Action<T, ReadOnlySpan<double>, Span<double>> hessian,
        Func<Random, double[]> sample, Func<double[], double>? margin = null, double[]? initialPoint = null)
        where T : IModel =>
        new(typeof(T).Name, model, coordinates, p => method(model, p), p => value(model, p), (p, h) => hessian(model, p, h), sample, margin, initialPoint);

    private static double Min(params double[] values) => values.Min();

    /// <summary>Every hand-written objective of TestObjectives.cs.</summary>
    public static IReadOnlyList<ObjectiveCase> All { get; } =
    [
        Make(new SqrtWell(2.0), ["x"], (m, p) => m.Value(p[0]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(1, -3, 3)),
        Make(new Valley(4.0, 0.5), ["x", "y"], (m, p) => m.Value(p[0], p[1]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(2, -2, 2)),
        Make(new Rosenbrock(), ["x", "y"], (m, p) => m.Value(p[0], p[1]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(2, -2, 2)),
        Make(new SmoothedPower(1.5, 0.01), ["x"], (m, p) => m.Value(p[0]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(1, -2, 2)),
        Make(new TwoScale(1.0, 0.05, 1.0, 0.1), ["x"], (m, p) => m.Value(p[0]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(1, -3, 3)),
        Make(new TwoScale2D(1.0, 0.1, 0.2), ["x", "y"], (m, p) => m.Value(p[0], p[1]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(2, -2, 2)),
        Make(new Huber(), ["x", "y"], (m, p) => m.Value(p[0], p[1]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(2, -2, 2),
            margin: p => Math.Abs(Math.Abs(p[0]) - 0.75)),
        Make(new AbsValley(), ["x", "y"], (m, p) => m.Value(p[0], p[1]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(2, -2, 2),
            margin: p => Min(Math.Abs(p[0]), Math.Abs(p[0] - p[1]), Math.Abs(Math.Sin(p[1])))),
        Make(new MaxMin(), ["x", "y"], (m, p) => m.Value(p[0], p[1]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(2, -2, 2),
            margin: p => Min(Math.Abs(p[0] * p[0] - p[1]), Math.Abs(p[0] - p[1] * p[1]), Math.Abs(p[0] - p[1]), Math.Abs(Math.Min(p[0], p[1]) + 1.5))),
        Make(new PowVariableExponent(), ["x", "y"], (m, p) => m.Value(p[0], p[1]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(2, -1.5, 1.5)),
        Make(new Trigonometric(), ["x", "y"], (m, p) => m.Value(p[0], p[1]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(2, -2, 2)),
        Make(new Hyperbolic(), ["x", "y"], (m, p) => m.Value(p[0], p[1]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(2, -2, 2)),
        Make(new Logarithms(), ["x", "y"], (m, p) => m.Value(p[0], p[1]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(2, -2, 2)),
        Make(new CubeRoots(), ["x", "y"], (m, p) => m.Value(p[0], p[1]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(2, -2, 2),
            margin: p => Math.Abs(p[1]) - 0.2), // keeps |y| ≥ 0.3: ∛ has an infinite slope at 0
        Make(new DeepNesting(), ["x", "y"], (m, p) => m.Value(p[0], p[1]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(2, -2, 2)),
        Make(new SharedSubexpressions(), ["x", "y", "z"], (m, p) => m.Value(p[0], p[1], p[2]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(3, -1.5, 1.5)),
        Make(new SixCoordinates(), ["u", "v", "w", "x", "y", "z"], (m, p) => m.Value(p[0], p[1], p[2], p[3], p[4], p[5]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(6, -1.5, 1.5)),
        Make(new FiveCoordinatesBlock(0.4), ["a", "b", "c", "d", "e"], (m, p) => m.Value(p[0], p[1], p[2], p[3], p[4]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(5, -1.5, 1.5)),
        Make(new FourCoordinates(), ["a", "b", "c", "d"], (m, p) => m.Value(p[0], p[1], p[2], p[3]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(4, -1.5, 1.5)),
        Make(new ConditionalLogic(), ["x", "y"], (m, p) => m.Value(p[0], p[1]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(2, -2, 2),
            margin: p => Min(Math.Abs(p[0]), Math.Abs(p[1]), Math.Abs(p[0] + 1), Math.Abs(p[0] - p[1]), Math.Abs(p[0] - 0.25))),
        Make(new NestedConditionals(), ["x", "y"], (m, p) => m.Value(p[0], p[1]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(2, -2.5, 2.5),
            margin: p => Min(Math.Abs(p[0] + 1), Math.Abs(p[0] - 1), Math.Abs(p[1] - 0.5), Math.Abs(p[1] + 0.5))),
        Make(new BoolLocal(), ["x", "y"], (m, p) => m.Value(p[0], p[1]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(2, -2, 2),
            margin: p => Min(Math.Abs(p[0] * p[0] + p[1] * p[1] - 1), Math.Abs(p[0]), Math.Abs(p[1] - 1.5))),
        Make(new MemberKinds(), ["x", "y"], (m, p) => m.Value(p[0], p[1]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(2, -2, 2)),
        Make(new PrimaryConstructorBowl(0.75, 3), ["x", "y"], (m, p) => m.Value(p[0], p[1]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(2, -2, 2)),
        Make(new Saddle(1.5), ["x", "y"], (m, p) => m.Value(p[0], p[1]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(2, -2, 2)),
        Make(new StructWithStart { Target = 0.5 }, ["x", "y", "z"], (m, p) => m.Value(p[0], p[1], p[2]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(3, -2, 2),
            initialPoint: [1.0, 2.0, 3.0]),
        Make(new ObjectiveHolder.Nested(), ["x"], (m, p) => m.Value(p[0]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(1, -3, 3)),
        Make(new UnaryAndLiterals(), ["x", "y"], (m, p) => m.Value(p[0], p[1]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(2, -2, 2)),
        Make(new CoordinateReassignment(1.5, 0.25), ["x", "y"], (m, p) => m.Value(p[0], p[1]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(2, -2, 2)),
        Make(new Linear(), ["x", "y"], (m, p) => m.Value(p[0], p[1]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(2, -2, 2)),
        Make(new Quotients(), ["x", "y"], (m, p) => m.Value(p[0], p[1]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(2, -2, 2)),
        Make(new NameCollisions(), ["point", "t0", "hessian", "gradient", "in"], (m, p) => m.Value(p[0], p[1], p[2], p[3], p[4]), (m, p) => m.Value(p), (m, p, h) => m.Hessian(p, h), Box(5, -1.5, 1.5)),
    ];

    /// <summary>The case names, for [MemberData].</summary>
    public static IEnumerable<object[]> Names => All.Select(c => new object[] { c.Name });

    /// <summary>The case named <paramref name="name"/>.</summary>
    public static ObjectiveCase For(string name) => All.Single(c => c.Name == name);

    /// <summary>A stable seed per case (its index; string hashes are randomized per process).</summary>
    public static int SeedOf(string name)
    {
        for (int i = 0; i < All.Count; i++)
            if (All[i].Name == name) return 1000 + 17 * i;
        throw new ArgumentException(name);
    }
}
