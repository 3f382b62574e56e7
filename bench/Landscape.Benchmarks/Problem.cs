using System;
using System.Collections.Generic;
using System.IO;
using Landscape.Data;
using Landscape.Numerics;
using Landscape.Probes;

namespace Landscape.Benchmarks;

/// <summary>
/// One benchmark problem, fully materialized: the model, its data, the initialized parameters θ, the HVP direction v
/// and the two plane-slice directions. Everything is seeded, so the benchmark and the exported peer file agree.
/// </summary>
public sealed class Problem
{
    /// <summary>The seed of every random quantity of the problems (data, θ, directions).</summary>
    public const int Seed = 7;

    private Problem(string name, string description, IModel model, int[] widths, Dataset data, int grid)
    {
        Name = name;
        Description = description;
        Model = model;
        Widths = widths;
        Data = data;
        PlaneGrid = grid;
        Parameters = new double[model.ParameterCount];
        model.Initialize(Parameters, Seed);
        Direction = Directions.Random(model, Seed + 1, Normalization.Filter, Parameters);
        PlaneX = Directions.Random(model, Seed + 2, Normalization.Filter, Parameters);
        PlaneY = Directions.Random(model, Seed + 3, Normalization.Filter, Parameters);
        GridValues = Linspace(-1.0, 1.0, grid);
    }

    /// <summary>"P1" or "P2".</summary>
    public string Name { get; }

    /// <summary>Architecture, loss and data in words.</summary>
    public string Description { get; }

    /// <summary>The generated network.</summary>
    public IModel Model { get; }

    /// <summary>Layer widths: input, then the units of every dense layer (every hidden layer is tanh, the last is linear).</summary>
    public int[] Widths { get; }

    /// <summary>The examples.</summary>
    public Dataset Data { get; }

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
        return new Problem("P1", "20-100-1 tanh, MSE, n = 1,000 synthetic (seeded)", new P1Network(), [20, 100, 1],
                           new Dataset(inputs, targets, n), grid: 51);
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
        return new Problem("P2", "784-200-200-10 tanh, MSE one-hot, n = 5,000 MNIST", new P2Network(), [784, 200, 200, 10], data, grid: 11);
    }

    /// <summary>The problem called <paramref name="name"/> ("P1" or "P2").</summary>
    public static Problem ByName(string name) => name switch
    {
        "P1" => P1(),
        "P2" => P2(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Expected P1 or P2."),
    };

    private static double[] Linspace(double from, double to, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = from + (to - from) * i / (count - 1);
        return values;
    }
}
