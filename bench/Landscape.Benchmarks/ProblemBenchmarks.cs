using System;
using BenchmarkDotNet.Attributes;
using Landscape.Probes;

namespace Landscape.Benchmarks;

/// <summary>The five timed operations of one problem (DESIGN.md §8), each a single call of the public API.</summary>
[MemoryDiagnoser]
public abstract class ProblemBenchmarks
{
    private Problem _problem = null!;
    private double[] _gradient = [];
    private double[] _product = [];

    /// <summary>The problem this class times.</summary>
    protected abstract Problem Create();

    /// <summary>Builds the problem on <see cref="Program.Threads"/> threads.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Parallelism.MaxThreads = Program.Threads;
        _problem = Create();
        _gradient = new double[_problem.Model.ParameterCount];
        _product = new double[_problem.Model.ParameterCount];
    }

    /// <summary>L(θ).</summary>
    [Benchmark]
    public double Loss() => _problem.Model.Loss(_problem.Parameters, _problem.Data);

    /// <summary>L(θ) and ∇L(θ).</summary>
    [Benchmark]
    public double Gradient() => _problem.Model.Gradient(_problem.Parameters, _problem.Data, _gradient);

    /// <summary>H(θ)·v (and L(θ)).</summary>
    [Benchmark]
    public double HVP() => _problem.Model.HessianVectorProduct(_problem.Parameters, _problem.Data, _problem.Direction, _product);

    /// <summary>Top-1 Lanczos with exactly 20 HVPs.</summary>
    [Benchmark]
    public double Lanczos()
    {
        Eigenpairs top = Hessian.TopEigenpairs(_problem.Model, _problem.Parameters, _problem.Data, 1, _problem.LanczosOptions);
        if (top.HvpCount != Problem.LanczosHvps)
            throw new InvalidOperationException($"Lanczos used {top.HvpCount} HVPs; the benchmark is defined with {Problem.LanczosHvps}.");
        return top.Values[0];
    }

    /// <summary>The loss on the grid × grid plane slice through θ.</summary>
    [Benchmark]
    public double Plane()
    {
        PlaneSlice slice = Slice.Plane(_problem.Model, _problem.Parameters, _problem.Data, _problem.PlaneX, _problem.PlaneY,
                                       _problem.GridValues, _problem.GridValues);
        return slice.Loss[0, 0];
    }
}

/// <summary>P1: 20-100-1 tanh, MSE, n = 1,000.</summary>
public class P1 : ProblemBenchmarks
{
    /// <inheritdoc/>
    protected override Problem Create() => Problem.P1();
}

/// <summary>P2: 784-200-200-10 tanh, MSE, n = 5,000 MNIST.</summary>
public class P2 : ProblemBenchmarks
{
    /// <inheritdoc/>
    protected override Problem Create() => Problem.P2();
}
