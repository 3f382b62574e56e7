using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Landscape.Benchmarking;

/// <summary>
/// The machine's float64 ceiling: independent 256-bit FMA chains on every thread, nothing but FMAs. GFLOP/s of any
/// operation divided by this rate is its "% of peak"; measure it in the same run as the operation, because on a shared
/// machine the rate varies from run to run.
/// </summary>
public sealed class FmaPeak
{
    /// <summary>Loop trips per thread of one <see cref="Run"/> (12 chains × 4 lanes × 2 FLOPs each).</summary>
    public const int Iterations = 4_000_000;

    /// <summary>Independent accumulators: enough to cover the FMA latency × the FMA ports (4 × 2 on Zen 3).</summary>
    private const int Chains = 12;

    private readonly double[] _sums;

    /// <summary>A probe that runs the chains on <paramref name="threads"/> threads (through <see cref="Parallelism.For"/>).</summary>
    /// <exception cref="PlatformNotSupportedException">The processor has no x86 FMA3.</exception>
    public FmaPeak(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if (!IsSupported) throw new PlatformNotSupportedException("The FMA peak probe needs x86 FMA3 (AVX2-class processors).");
        Threads = threads;
        _sums = new double[threads];
    }

    /// <summary>Whether this processor can run the probe (x86 FMA3).</summary>
    public static bool IsSupported => Fma.IsSupported;

    /// <summary>The threads one <see cref="Run"/> uses.</summary>
    public int Threads { get; }

    /// <summary>FLOPs of one <see cref="Run"/>: threads × iterations × 12 chains × 4 lanes × 2.</summary>
    public double Flops => (double)Threads * Iterations * Chains * Vector256<double>.Count * 2;

    /// <summary>
    /// One probe call: <see cref="Iterations"/> trips of 12 FMA chains on each thread (at most
    /// <see cref="Parallelism.MaxThreads"/> of them run at once); returns a sum so that nothing is dead code.
    /// </summary>
    public double Run()
    {
        Parallelism.For(Threads, Worker);
        double total = 0;
        for (int t = 0; t < Threads; t++) total += _sums[t];
        return total;
    }

    private void Worker(int thread) => _sums[thread] = Chains12(Iterations);

    /// <summary>acc ← acc·m + a on 12 independent vectors, <paramref name="iterations"/> times; returns a sum so nothing is dead code.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double Chains12(int iterations)
    {
        Vector256<double> m = Vector256.Create(0.9999999), a = Vector256.Create(1e-7);
        Vector256<double> c0 = Vector256.Create(1.0), c1 = Vector256.Create(1.1), c2 = Vector256.Create(1.2), c3 = Vector256.Create(1.3);
        Vector256<double> c4 = Vector256.Create(1.4), c5 = Vector256.Create(1.5), c6 = Vector256.Create(1.6), c7 = Vector256.Create(1.7);
        Vector256<double> c8 = Vector256.Create(1.8), c9 = Vector256.Create(1.9), c10 = Vector256.Create(2.0), c11 = Vector256.Create(2.1);
        for (int i = 0; i < iterations; i++)
        {
            c0 = Fma.MultiplyAdd(c0, m, a);
            c1 = Fma.MultiplyAdd(c1, m, a);
            c2 = Fma.MultiplyAdd(c2, m, a);
            c3 = Fma.MultiplyAdd(c3, m, a);
            c4 = Fma.MultiplyAdd(c4, m, a);
            c5 = Fma.MultiplyAdd(c5, m, a);
            c6 = Fma.MultiplyAdd(c6, m, a);
            c7 = Fma.MultiplyAdd(c7, m, a);
            c8 = Fma.MultiplyAdd(c8, m, a);
            c9 = Fma.MultiplyAdd(c9, m, a);
            c10 = Fma.MultiplyAdd(c10, m, a);
            c11 = Fma.MultiplyAdd(c11, m, a);
        }
        Vector256<double> s = ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11));
        return Vector256.Sum(s);
    }
}
