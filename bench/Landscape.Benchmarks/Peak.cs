using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using Landscape.Kernels;

namespace Landscape.Benchmarks;

/// <summary>
/// The machine's ceiling, measured in the same run as the problems: <see cref="Fma"/> is the FMA throughput peak
/// (independent 256-bit FMA chains on every thread, nothing but FMAs), <see cref="Gemm"/> a large square product
/// through <see cref="Landscape.Kernels.Gemm.NNParallel"/>, the best our GEMM does on this machine.
/// </summary>
[MemoryDiagnoser]
public class Peak
{
    /// <summary>Loop trips per thread of the FMA probe (12 chains × 4 lanes × 2 FLOPs each).</summary>
    public const int FmaIterations = 4_000_000;

    /// <summary>Independent accumulators: enough to cover the FMA latency × the FMA ports (4 × 2 on Zen 3).</summary>
    private const int Chains = 12;

    /// <summary>Order of the square GEMM.</summary>
    public const int GemmSize = 1024;

    private double[] _a = [], _b = [], _c = [];
    private readonly double[] _sums = new double[64];

    /// <summary>FLOPs of one <see cref="Fma"/> call on <see cref="Program.Threads"/> threads.</summary>
    public static double FmaFlops => (double)Program.Threads * FmaIterations * Chains * Vector256<double>.Count * 2;

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

    /// <summary>The FMA throughput ceiling: <see cref="Chains"/> independent 256-bit FMA chains per thread.</summary>
    [Benchmark]
    public double Fma()
    {
        Parallelism.For(Program.Threads, FmaWorker);
        double total = 0;
        for (int t = 0; t < Program.Threads; t++) total += _sums[t];
        return total;
    }

    private void FmaWorker(int thread) => _sums[thread] = FmaChains(FmaIterations);

    /// <summary>A 1024³ GEMM through <see cref="Landscape.Kernels.Gemm.NNParallel"/>.</summary>
    [Benchmark]
    public double Gemm()
    {
        Landscape.Kernels.Gemm.NNParallel(GemmSize, GemmSize, GemmSize, _a, GemmSize, _b, GemmSize, _c, GemmSize);
        return _c[0];
    }

    /// <summary>acc ← acc·m + a on 12 independent vectors, <paramref name="iterations"/> times; returns a sum so nothing is dead code.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double FmaChains(int iterations)
    {
        if (!System.Runtime.Intrinsics.X86.Fma.IsSupported)
            throw new PlatformNotSupportedException("The FMA peak probe needs x86 FMA3.");
        Vector256<double> m = Vector256.Create(0.9999999), a = Vector256.Create(1e-7);
        Vector256<double> c0 = Vector256.Create(1.0), c1 = Vector256.Create(1.1), c2 = Vector256.Create(1.2), c3 = Vector256.Create(1.3);
        Vector256<double> c4 = Vector256.Create(1.4), c5 = Vector256.Create(1.5), c6 = Vector256.Create(1.6), c7 = Vector256.Create(1.7);
        Vector256<double> c8 = Vector256.Create(1.8), c9 = Vector256.Create(1.9), c10 = Vector256.Create(2.0), c11 = Vector256.Create(2.1);
        for (int i = 0; i < iterations; i++)
        {
            c0 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(c0, m, a);
            c1 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(c1, m, a);
            c2 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(c2, m, a);
            c3 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(c3, m, a);
            c4 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(c4, m, a);
            c5 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(c5, m, a);
            c6 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(c6, m, a);
            c7 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(c7, m, a);
            c8 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(c8, m, a);
            c9 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(c9, m, a);
            c10 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(c10, m, a);
            c11 = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(c11, m, a);
        }
        Vector256<double> s = ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11));
        return Vector256.Sum(s);
    }
}
