using System;
using BenchmarkDotNet.Attributes;
using Landscape.Benchmarking;
using Landscape.Kernels;

namespace Landscape.Benchmarks;

/// <summary>
/// The machine's ceiling, measured in the same run as the problems: <see cref="Fma"/> is the FMA throughput peak
/// (<see cref="FmaPeak"/>: independent 256-bit FMA chains on every thread, nothing but FMAs), <see cref="Gemm"/> a large square product
/// through <see cref="Landscape.Kernels.Gemm.NNParallel"/>, the best our GEMM does on this machine.
/// </summary>
[MemoryDiagnoser]
public class Peak
{
    /// <summary>The FMA probe on <see cref="Program.Threads"/> threads (the runtime's one copy, which <c>landscape bench</c> also measures).</summary>
    private readonly FmaPeak _fma = new(Program.Threads);

    /// <summary>Order of the square GEMM.</summary>
    public const int GemmSize = 1024;

    private double[] _a = [], _b = [], _c = [];

    /// <summary>FLOPs of one <see cref="Fma"/> call on <see cref="Program.Threads"/> threads.</summary>
    public static double FmaFlops => new FmaPeak(Program.Threads).Flops;

    /// <summary>FLOPs of one <see cref="Gemm"/> call.</summary>
    public static double GemmFlops => 2.0 * GemmSize * GemmSize * GemmSize;

    /// <summary>Allocates the GEMM operands.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Parallelism.MaxThreads = Program.Threads;
        int size = GemmSize * GemmSize;
        _a = new double[size];
        _b = new double[size];
        _c = new double[size];
        var random = new Random(Problem.Seed);
        for (int i = 0; i < size; i++)
        {
            _a[i] = random.NextDouble() - 0.5;
            _b[i] = random.NextDouble() - 0.5;
        }
    }

    /// <summary>The FMA throughput ceiling: <see cref="FmaPeak.Run"/>, independent 256-bit FMA chains on every thread.</summary>
    [Benchmark]
    public double Fma() => _fma.Run();

    /// <summary>A 1024³ GEMM through <see cref="Landscape.Kernels.Gemm.NNParallel"/>.</summary>
    [Benchmark]
    public double Gemm()
    {
        Landscape.Kernels.Gemm.NNParallel(GemmSize, GemmSize, GemmSize, _a, GemmSize, _b, GemmSize, _c, GemmSize);
        return _c[0];
    }
}
