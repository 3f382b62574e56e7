using System.Collections.Generic;
using Landscape.Benchmarking;

namespace Landscape.Experiments.Bench;

/// <summary>One timed operation of one network: its timing, its FLOPs per call, and its rate against the run's peak.</summary>
/// <param name="Network">The network's descriptor.</param>
/// <param name="Operation">The operation's name.</param>
/// <param name="Examples">Examples per call.</param>
/// <param name="Flops">FLOPs of one call: the descriptor's FLOPs per example × examples.</param>
/// <param name="Timing">The blocks of calls (<see cref="BlockTimer"/>).</param>
/// <param name="SpreadReached">Whether the blocks' spread fell to the target (otherwise the time cap or the block limit ended the timing).</param>
internal sealed record BenchRow(NetworkDescriptor Network, string Operation, int Examples, long Flops, SideTiming Timing, bool SpreadReached)
{
    /// <summary>The median over blocks of the mean time per call, in milliseconds.</summary>
    public double MedianMilliseconds => Timing.MedianSecondsPerCall * 1e3;

    /// <summary>GFLOP/s at the median time: FLOPs / median seconds / 10⁹.</summary>
    public double Gflops => Flops / Timing.MedianSecondsPerCall / 1e9;

    /// <summary>The median managed bytes allocated per call (all threads).</summary>
    public double AllocatedBytesPerCall => Timing.MedianAllocatedBytesPerCall;

    /// <summary><see cref="Gflops"/> as a percentage of <paramref name="peakGflops"/>, not clamped (above 100 means the peak measurement was disturbed).</summary>
    public double PercentOfPeak(double peakGflops) => 100 * Gflops / peakGflops;
}

/// <summary>The FMA peak of a run: measured before the networks and again after them; the larger is the reference.</summary>
/// <param name="Threads">Threads of the probe (the run's threads).</param>
/// <param name="FlopsPerCall">FLOPs of one probe call.</param>
/// <param name="Before">The probe's timing before the networks.</param>
/// <param name="After">The probe's timing after them.</param>
internal sealed record PeakMeasurement(int Threads, double FlopsPerCall, SideTiming Before, SideTiming After)
{
    /// <summary>GFLOP/s of the measurement before the networks.</summary>
    public double BeforeGflops => FlopsPerCall / Before.MedianSecondsPerCall / 1e9;

    /// <summary>GFLOP/s of the measurement after them.</summary>
    public double AfterGflops => FlopsPerCall / After.MedianSecondsPerCall / 1e9;

    /// <summary>The reference rate: the larger of the two (a busy machine only ever lowers a measurement).</summary>
    public double Gflops => System.Math.Max(BeforeGflops, AfterGflops);
}

/// <summary>Everything one <c>bench</c> run measured.</summary>
/// <param name="Examples">Examples per call.</param>
/// <param name="Threads">Threads of every call and of the peak.</param>
/// <param name="Seed">Seed of the synthetic data, θ and v.</param>
/// <param name="Settings">How operations were timed.</param>
/// <param name="Peak">The FMA peak.</param>
/// <param name="Rows">One row per network and operation, in order.</param>
internal sealed record BenchRun(int Examples, int Threads, int Seed, BlockTimer.Settings Settings, PeakMeasurement Peak, IReadOnlyList<BenchRow> Rows);
