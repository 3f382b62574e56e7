using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Landscape.Data;
using Landscape.Numerics;
using Landscape.Probes;

namespace Landscape.Benchmarks;

/// <summary>
/// One benchmark problem, fully materialized: our model, its data, the initialized parameters θ, the HVP direction v,
/// the two plane-slice directions, the analytic FLOP counts, and how to build the same network in libtorch from the
/// same θ. Everything is seeded, so both sides see exactly the same numbers. A new problem is one more entry in
/// <see cref="All"/>: a factory that builds its model and data and passes them here with its FLOP counts and its
/// libtorch twin (see <see cref="Dense"/> for the dense networks).
/// </summary>
public sealed class Problem
{
    /// <summary>The seed of every random quantity of the problems (data, θ, directions).</summary>
    public const int Seed = 7;

    /// <summary>
    /// Materializes a problem. θ is <paramref name="model"/>'s seeded initialization; v, d₁ and d₂ are filter-normalized
    /// Gaussian directions (seeds <see cref="Seed"/> + 1, 2, 3); the plane grid spans [−1, 1] on both axes.
    /// </summary>
    /// <param name="name">Short name ("P1").</param>
    /// <param name="description">Architecture, loss and data in words.</param>
    /// <param name="model">Our generated network.</param>
    /// <param name="data">The examples.</param>
    /// <param name="planeGrid">Points per axis of the plane slice.</param>
    /// <param name="flops">Analytic FLOPs of one loss, loss + gradient and HVP call (both sides are credited with these).</param>
    /// <param name="torch">Builds the libtorch twin of <paramref name="model"/> (same architecture, loss and parameter order).</param>
    public Problem(string name, string description, IModel model, Dataset data, int planeGrid, OperationFlops flops,
                   Func<TorchNetwork> torch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(torch);
        Name = name;
        Description = description;
        Model = model;
        Data = data;
        PlaneGrid = planeGrid;
        Flops = flops;
        Torch = torch;
        Parameters = new double[model.ParameterCount];
        model.Initialize(Parameters, Seed);
        Direction = Directions.Random(model, Seed + 1, Normalization.Filter, Parameters);
        PlaneX = Directions.Random(model, Seed + 2, Normalization.Filter, Parameters);
        PlaneY = Directions.Random(model, Seed + 3, Normalization.Filter, Parameters);
        GridValues = Linspace(-1.0, 1.0, planeGrid);
    }

    /// <summary>"P1", "P2", ….</summary>
    public string Name { get; }

    /// <summary>Architecture, loss and data in words.</summary>
    public string Description { get; }

    /// <summary>The generated network.</summary>
    public IModel Model { get; }

    /// <summary>The examples.</summary>
    public Dataset Data { get; }

    /// <summary>Analytic FLOP counts of one call of each basic operation.</summary>
    public OperationFlops Flops { get; }

    /// <summary>Builds the libtorch twin of <see cref="Model"/>.</summary>
    public Func<TorchNetwork> Torch { get; }

    /// <summary>θ: the model's seeded initialization.</summary>
    public double[] Parameters { get; }

    /// <summary>v, the direction of the timed Hessian-vector product (filter-normalized Gaussian).</summary>
    public double[] Direction { get; }

    /// <summary>d₁ of the plane slice.</summary>
    public double[] PlaneX { get; }

    /// <summary>d₂ of the plane slice.</summary>
    public double[] PlaneY { get; }

    /// <summary>Points per axis of the plane slice.</summary>
    public int PlaneGrid { get; }

    /// <summary>The plane-slice coordinates on both axes: <see cref="PlaneGrid"/> points evenly spaced in [−1, 1].</summary>
    public double[] GridValues { get; }

    /// <summary>Hessian-vector products of the timed Lanczos run: 19 Lanczos steps plus the residual check of the Ritz pair.</summary>
    public const int LanczosHvps = 20;

    /// <summary>The Lanczos options of the timed run: a warm start at v (no noise) and a tolerance no run reaches, so exactly <see cref="LanczosHvps"/> HVPs.</summary>
    public LanczosOptions LanczosOptions => new()
    {
        MaxIterations = LanczosHvps - 1,
        Tolerance = 1e-300,
        WarmStart = new List<double[]> { Direction },
        WarmStartNoise = 0,
    };

    /// <summary>P1: 20-100-1 tanh, MSE, n = 1,000 synthetic examples (x ~ N(0, I), y = sin(wᵀx) for a seeded teacher w ~ N(0, I/20)).</summary>
    public static Problem P1()
    {
        const int n = 1000, d = 20;
        var inputs = new double[n * d];
        CounterRandom.FillNormal(inputs, Seed, 100, 1.0);
        var teacher = new double[d];
        CounterRandom.FillNormal(teacher, Seed, 101, 1.0 / Math.Sqrt(d));
        var targets = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j < d; j++) s += teacher[j] * inputs[i * d + j];
            targets[i] = Math.Sin(s);
        }
        return Dense("P1", "20-100-1 tanh, MSE, n = 1,000 synthetic (seeded)", new P1Network(), [20, 100, 1],
                     new Dataset(inputs, targets, n), planeGrid: 51);
    }

    /// <summary>P2: 784-200-200-10 tanh, MSE on one-hot targets, the first 5,000 MNIST test images (standardized).</summary>
    public static Problem P2()
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "data", "mnist");
        string images = Path.Combine(directory, "t10k-images-idx3-ubyte.gz");
        string labels = Path.Combine(directory, "t10k-labels-idx1-ubyte.gz");
        if (!File.Exists(images))
            throw new FileNotFoundException($"MNIST images not found at '{images}'; the build copies them there from data/mnist/.", images);
        Dataset data = Mnist.Load(images, labels, new MnistOptions { Count = 5000, Standardize = true });
        return Dense("P2", "784-200-200-10 tanh, MSE one-hot, n = 5,000 MNIST", new P2Network(), [784, 200, 200, 10], data, planeGrid: 11);
    }

    /// <summary>
    /// Every problem of the suite, in report order: name and factory (a factory builds the data, so it may take a few
    /// seconds). P3 (LeNet-5) and P4 (ResNet8) plug in here once their layers exist.
    /// </summary>
    public static IReadOnlyList<(string Name, Func<Problem> Create)> All { get; } =
    [
        ("P1", P1),
        ("P2", P2),
    ];

    /// <summary>The problem called <paramref name="name"/> (one of <see cref="All"/>).</summary>
    public static Problem ByName(string name)
    {
        foreach ((string n, Func<Problem> create) in All)
            if (n == name) return create();
        throw new ArgumentOutOfRangeException(nameof(name), name, $"Expected one of {string.Join(", ", All.Select(p => p.Name))}.");
    }

    /// <summary>
    /// A dense tanh network (every hidden layer tanh, the last linear) with mean squared error: FLOPs from
    /// <see cref="Benchmarks.Flops.Dense"/> and the libtorch twin <see cref="TorchMlp"/> of the same widths.
    /// </summary>
    public static Problem Dense(string name, string description, IModel model, int[] widths, Dataset data, int planeGrid)
    {
        ArgumentNullException.ThrowIfNull(widths);
        return new Problem(name, description, model, data, planeGrid, Benchmarks.Flops.Dense(widths, data.Count),
                           () => new TorchMlp(widths, TorchMlp.Hidden.Tanh, TorchMlp.LossHead.MeanSquaredError));
    }

    private static double[] Linspace(double from, double to, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = from + (to - from) * i / (count - 1);
        return values;
    }
}
