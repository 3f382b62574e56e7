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
    /// <param name="operations">The operations compared (a subset of <see cref="Compare.Operations"/>, in that order); all of them when null.</param>
    public Problem(string name, string description, IModel model, Dataset data, int planeGrid, OperationFlops flops,
                   Func<TorchNetwork> torch, IReadOnlyList<string>? operations = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(torch);
        operations ??= Compare.Operations;
        if (operations.Any(o => !Compare.Operations.Contains(o)))
            throw new ArgumentException($"Unknown operation among {string.Join(", ", operations)}; expected {string.Join(", ", Compare.Operations)}.", nameof(operations));
        if (operations.Contains("Plane") && planeGrid < 2)
            throw new ArgumentOutOfRangeException(nameof(planeGrid), planeGrid, "A plane slice needs at least 2 points per axis.");
        Operations = Compare.Operations.Where(operations.Contains).ToArray();
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
        GridValues = planeGrid >= 2 ? Linspace(-1.0, 1.0, planeGrid) : [];
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

    /// <summary>The operations compared on this problem, in report order (the convolutional problems skip the composites: see <see cref="P3"/>).</summary>
    public IReadOnlyList<string> Operations { get; }

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
        return Dense("P1", "20-100-1 tanh, MSE, n = 1,000 synthetic (seeded)", new P1Network(), Benchmarks.Flops.P1Widths,
                     new Dataset(inputs, targets, n), planeGrid: 51);
    }

    /// <summary>P2: 784-200-200-10 tanh, MSE on one-hot targets, the first 5,000 MNIST test images (standardized).</summary>
    public static Problem P2() =>
        Dense("P2", "784-200-200-10 tanh, MSE one-hot, n = 5,000 MNIST", new P2Network(), Benchmarks.Flops.P2Widths, Mnist(5000), planeGrid: 11);

    /// <summary>
    /// The convolutional problems' operations: loss, loss + gradient and HVP. Lanczos (20 HVPs) and a plane slice would
    /// take libtorch minutes per call on them (one P4 HVP ≈ 7 s), and DESIGN.md §8 defines plane grids for P1 and P2 only.
    /// </summary>
    private static readonly string[] s_basicOperations = ["Loss", "Gradient", "HVP", "Operator"];

    /// <summary>
    /// P3: LeNet-5 (DESIGN.md §2b: tanh, average pooling), softmax cross-entropy on one-hot targets, the first 2,000
    /// MNIST test images (standardized, as P2) as 1×28×28.
    /// </summary>
    public static Problem P3()
    {
        const int n = 2000;
        var model = new P3LeNet5();
        return new Problem("P3", "LeNet-5 (1×28×28, conv 6@5×5 pad 2, tanh, avg pool, conv 16@5×5, tanh, avg pool, 120-84-10 tanh), softmax CE, n = 2,000 MNIST",
                           model, Mnist(n), planeGrid: 0, Benchmarks.Flops.Layered(CheckMaps("P3", model, Benchmarks.Flops.P3Maps), n),
                           () => new TorchLeNet5(), s_basicOperations);
    }

    /// <summary>
    /// P4: ResNet8 (DESIGN.md §2b: relu, He init, an identity and a projection block, global average pooling), softmax
    /// cross-entropy on one-hot targets, the first 500 MNIST test images (standardized, as P2) as 1×28×28.
    /// </summary>
    public static Problem P4()
    {
        const int n = 500;
        var model = new P4ResNet8();
        return new Problem("P4", "ResNet8 (1×28×28, conv 16@3×3, identity block 16@28×28, projection block 32@14×14 stride 2, global avg pool, dense 10; relu, He init), softmax CE, n = 500 MNIST",
                           model, Mnist(n), planeGrid: 0, Benchmarks.Flops.Layered(CheckMaps("P4", model, Benchmarks.Flops.P4Maps), n),
                           () => new TorchResNet8(), s_basicOperations);
    }

    /// <summary>The first <paramref name="count"/> MNIST test images (standardized) with one-hot targets, read from next to the executable.</summary>
    private static Dataset Mnist(int count)
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "data", "mnist");
        string images = Path.Combine(directory, "t10k-images-idx3-ubyte.gz");
        string labels = Path.Combine(directory, "t10k-labels-idx1-ubyte.gz");
        if (!File.Exists(images))
            throw new FileNotFoundException($"MNIST images not found at '{images}'; the build copies them there from data/mnist/.", images);
        return Landscape.Data.Mnist.Load(images, labels, new MnistOptions { Count = count, Standardize = true });
    }

    /// <summary>
    /// Checks the FLOP count's maps against the generated model: one map per weight block, in layout order, each with the
    /// block's rows (O or units) and columns (C·K·K or fan-in). The positions L cannot be read from the layout; they are
    /// the output shapes in the model's generated header.
    /// </summary>
    private static LinearMap[] CheckMaps(string name, IModel model, LinearMap[] maps)
    {
        ParameterBlock[] weights = model.Layout.Where(b => b.Kind == ParameterKind.Weight).ToArray();
        bool same = weights.Length == maps.Length;
        for (int i = 0; same && i < maps.Length; i++)
            same = weights[i].Rows == maps[i].Rows && weights[i].Columns == maps[i].Columns && weights[i].Name.StartsWith(maps[i].Name + ".", StringComparison.Ordinal);
        if (!same)
            throw new InvalidOperationException(
                $"{name}: the FLOP count's linear maps ({string.Join(", ", maps.Select(m => $"{m.Name} {m.Rows}×{m.Columns}"))}) do not match the model's weight blocks ({string.Join(", ", weights.Select(b => $"{b.Name} {b.Rows}×{b.Columns}"))}).");
        return maps;
    }

    /// <summary>
    /// Every problem of the suite, in report order: name and factory (a factory builds the data, so it may take a few
    /// seconds).
    /// </summary>
    public static IReadOnlyList<(string Name, Func<Problem> Create)> All { get; } =
    [
        ("P1", P1),
        ("P2", P2),
        ("P3", P3),
        ("P4", P4),
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
