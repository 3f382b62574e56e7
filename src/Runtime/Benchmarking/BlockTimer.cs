using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;

namespace Landscape.Benchmarking;

/// <summary>
/// The one timing helper of Landscape's benchmarks (<c>landscape bench</c> and the bench/ suite against libtorch). Times
/// one or more sides (an operation, libtorch's twin, a peak probe) in blocks of back-to-back calls, each block after a
/// pause, the sides' blocks alternating round by round (libtorch's OpenMP workers spin for a while after each op and
/// would steal the cores from whatever runs right after, so no block starts until the other side has been idle for the
/// pause). Before each pause the process runs a full blocking GC and waits for finalizers, so no side pays for another's
/// garbage or finalizers inside a timed block.
/// </summary>
public static class BlockTimer
{
    private static double s_sink;

    /// <summary>One timed side: a name and one call of the operation (its result is consumed, so nothing is dead code).</summary>
    public sealed record Side(string Name, Func<double> Call);

    /// <summary>How to time.</summary>
    /// <param name="Rounds">Rounds; each round runs one block per side (the minimum when <see cref="TargetSpread"/> is set).</param>
    /// <param name="Pause">Idle time before every block (and every warm-up).</param>
    /// <param name="BlockTarget">Calls per block are chosen from the warm-up so a block lasts at least this long (one call when a call is longer).</param>
    /// <param name="Warmup">Warm-up per side: calls until this much time has passed (at least three calls, or one when that call alone is longer than a block); the median of the calls after the first sizes the blocks.</param>
    /// <param name="CallsPerBlock">When positive, exactly this many calls per block instead of sizing by <paramref name="BlockTarget"/>.</param>
    public sealed record Settings(int Rounds, TimeSpan Pause, TimeSpan BlockTarget, TimeSpan Warmup, int CallsPerBlock = 0)
    {
        /// <summary>
        /// When positive, rounds continue after <see cref="Rounds"/> until every side's <see cref="SideTiming.Spread"/> is at
        /// most this, or <see cref="TimeCap"/> has passed since the warm-ups began, or <see cref="MaxRounds"/> rounds ran.
        /// Zero (the default) runs exactly <see cref="Rounds"/> rounds.
        /// </summary>
        public double TargetSpread { get; init; }

        /// <summary>With <see cref="TargetSpread"/>: no round starts after this much time (warm-ups included).</summary>
        public TimeSpan TimeCap { get; init; } = TimeSpan.FromMinutes(1);

        /// <summary>With <see cref="TargetSpread"/>: the most rounds.</summary>
        public int MaxRounds { get; init; } = 1000;
    }

    /// <summary>
    /// Times every side of <paramref name="sides"/>: a warm-up per side (which sizes its blocks), then
    /// <see cref="Settings.Rounds"/> rounds of one block per side (more, up to the cap, while a side's spread is above
    /// <see cref="Settings.TargetSpread"/>), the side order reversed every other round (ABBA), so neither side always
    /// follows the other. <paramref name="log"/> receives one line per side when done.
    /// </summary>
    public static SideTiming[] Run(IReadOnlyList<Side> sides, Settings settings, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(sides);
        ArgumentNullException.ThrowIfNull(settings);
        if (sides.Count == 0) throw new ArgumentException("Nothing to time.", nameof(sides));
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Rounds, 1, nameof(settings));

        long started = Stopwatch.GetTimestamp();
        var calls = new int[sides.Count];
        var first = new double[sides.Count];
        var firstValue = new double[sides.Count];
        for (int s = 0; s < sides.Count; s++)
            (calls[s], first[s], firstValue[s]) = WarmUp(sides[s], settings);

        var blocks = new List<BlockSample>[sides.Count];
        var callTimes = new long[sides.Count][];
        for (int s = 0; s < sides.Count; s++)
        {
            blocks[s] = new List<BlockSample>(settings.Rounds);
            callTimes[s] = new long[calls[s]];
        }
        for (int round = 0; round < settings.Rounds || MoreRounds(settings, blocks, round, started); round++)
        {
            for (int i = 0; i < sides.Count; i++)
            {
                int s = round % 2 == 0 ? i : sides.Count - 1 - i;
                Quiesce(settings.Pause);
                blocks[s].Add(Block(sides[s].Call, round, callTimes[s]));
            }
        }

        var result = new SideTiming[sides.Count];
        for (int s = 0; s < sides.Count; s++)
        {
            result[s] = new SideTiming(sides[s].Name, calls[s], first[s], firstValue[s], blocks[s]);
            log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"  {sides[s].Name,-10} median {Format(result[s].MedianSecondsPerCall)} per call (blocks {Format(result[s].MinSecondsPerCall)}–{Format(result[s].MaxSecondsPerCall)}), {calls[s]} calls × {blocks[s].Count} blocks, {result[s].MedianCoresUsed:F2} cores used, {result[s].MedianAllocatedBytesPerCall:F0} B/call"));
        }
        return result;
    }

    /// <summary>Whether an adaptive run (<see cref="Settings.TargetSpread"/> &gt; 0) needs another round after <paramref name="round"/> rounds.</summary>
    private static bool MoreRounds(Settings settings, List<BlockSample>[] blocks, int round, long started)
    {
        if (settings.TargetSpread <= 0 || round >= settings.MaxRounds) return false;
        if (Stopwatch.GetElapsedTime(started) >= settings.TimeCap) return false;
        foreach (List<BlockSample> side in blocks)
            if (!(Spread(side) <= settings.TargetSpread)) return true;
        return false;
    }

    /// <summary>
    /// The relative spread of blocks' mean per-call times: their median absolute deviation from the median, over the
    /// median (robust to a block that a busy machine preempted; 0 for a single block).
    /// </summary>
    public static double Spread(IReadOnlyList<BlockSample> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Count == 0) return double.NaN;
        double median = Median(blocks.Select(b => b.SecondsPerCall));
        return Median(blocks.Select(b => Math.Abs(b.SecondsPerCall - median))) / median;
    }

    /// <summary>Per-round ratios b / a of the per-call times of two sides timed together (the same rounds).</summary>
    public static double[] Ratios(SideTiming a, SideTiming b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Blocks.Count != b.Blocks.Count) throw new ArgumentException("The sides were not timed in the same rounds.", nameof(b));
        return a.Blocks.Zip(b.Blocks, (x, y) => y.SecondsPerCall / x.SecondsPerCall).ToArray();
    }

    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        int half = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[half] : 0.5 * (sorted[half - 1] + sorted[half]);
    }

    /// <summary>A time in s, ms or µs.</summary>
    public static string Format(double seconds) => seconds switch
    {
        >= 1 => string.Create(CultureInfo.InvariantCulture, $"{seconds:F2} s"),
        >= 1e-3 => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e3:F2} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e6:F1} µs"),
    };

    private static (int Calls, double First, double FirstValue) WarmUp(Side side, Settings settings)
    {
        Quiesce(settings.Pause);
        long start = Stopwatch.GetTimestamp();
        double firstValue = side.Call();
        double first = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Consume(firstValue);
        double target = settings.BlockTarget.TotalSeconds;
        if (settings.CallsPerBlock <= 0 && first >= target)
            return (1, first, firstValue);
        // More warm-up calls (the first included JIT and first-touch costs); the median of their times sizes the blocks
        // (robust to a call that a busy machine preempted).
        var times = new List<double>();
        while (times.Count < 2 || Stopwatch.GetElapsedTime(start).TotalSeconds < settings.Warmup.TotalSeconds)
        {
            long t = Stopwatch.GetTimestamp();
            Consume(side.Call());
            times.Add(Stopwatch.GetElapsedTime(t).TotalSeconds);
        }
        double estimate = Median(times);
        int calls = settings.CallsPerBlock > 0 ? settings.CallsPerBlock : Math.Max(1, (int)Math.Ceiling(target / estimate));
        return (calls, first, firstValue);
    }

    private static BlockSample Block(Func<double> call, int round, long[] callTimes)
    {
        int calls = callTimes.Length;
        double sink = 0;
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        TimeSpan cpu = Environment.CpuUsage.TotalTime;
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
        {
            long t = Stopwatch.GetTimestamp();
            sink += call();
            callTimes[i] = Stopwatch.GetTimestamp() - t;
        }
        long end = Stopwatch.GetTimestamp();
        TimeSpan cpuEnd = Environment.CpuUsage.TotalTime;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Consume(sink);
        Array.Sort(callTimes);
        double tick = 1.0 / Stopwatch.Frequency;
        double medianCall = calls % 2 == 1 ? callTimes[calls / 2] * tick : 0.5 * (callTimes[calls / 2 - 1] + callTimes[calls / 2]) * tick;
        return new BlockSample(round, calls, (end - start) * tick, (cpuEnd - cpu).TotalSeconds, allocated, callTimes[0] * tick, medianCall);
    }

    /// <summary>Collects garbage (and runs finalizers) left by whatever ran before, then idles for <paramref name="pause"/>.</summary>
    private static void Quiesce(TimeSpan pause)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        if (pause > TimeSpan.Zero) Thread.Sleep(pause);
    }

    private static void Consume(double value)
    {
        if (double.IsNaN(value)) throw new InvalidOperationException("A timed call returned NaN.");
        s_sink += value;
    }
}

/// <summary>One timed block: <see cref="Calls"/> back-to-back calls of one side.</summary>
/// <param name="Round">The round it belongs to.</param>
/// <param name="Calls">Calls in the block.</param>
/// <param name="Seconds">Wall time of the whole block.</param>
/// <param name="CpuSeconds">Process CPU time (all threads) during the block, from <see cref="Environment.CpuUsage"/>.</param>
/// <param name="AllocatedBytes">Managed bytes allocated during the block on every thread (precise count).</param>
/// <param name="MinCallSeconds">The fastest single call of the block.</param>
/// <param name="MedianCallSeconds">The median single call of the block.</param>
public sealed record BlockSample(int Round, int Calls, double Seconds, double CpuSeconds, long AllocatedBytes, double MinCallSeconds,
                                 double MedianCallSeconds)
{
    /// <summary>Mean wall time per call in this block.</summary>
    public double SecondsPerCall => Seconds / Calls;
}

/// <summary>The timings of one side.</summary>
/// <param name="Name">The side's name.</param>
/// <param name="CallsPerBlock">Calls per block (from the warm-up, or fixed).</param>
/// <param name="FirstCallSeconds">Wall time of the very first call (JIT and first-touch included).</param>
/// <param name="FirstValue">What the first call returned (for agreement checks between sides).</param>
/// <param name="Blocks">The timed blocks, in round order.</param>
public sealed record SideTiming(string Name, int CallsPerBlock, double FirstCallSeconds, double FirstValue, IReadOnlyList<BlockSample> Blocks)
{
    /// <summary>The median over blocks of the mean time per call.</summary>
    public double MedianSecondsPerCall => BlockTimer.Median(Blocks.Select(b => b.SecondsPerCall));

    /// <summary>The relative spread of the blocks' mean times per call (<see cref="BlockTimer.Spread"/>).</summary>
    public double Spread => BlockTimer.Spread(Blocks);

    /// <summary>The fastest block's mean time per call.</summary>
    public double MinSecondsPerCall => Blocks.Min(b => b.SecondsPerCall);

    /// <summary>The slowest block's mean time per call.</summary>
    public double MaxSecondsPerCall => Blocks.Max(b => b.SecondsPerCall);

    /// <summary>
    /// The median over blocks of process CPU time over wall time: the cores the process actually got (at most the
    /// threads; well below them means the machine was contended while this side ran).
    /// </summary>
    public double MedianCoresUsed => BlockTimer.Median(Blocks.Select(b => b.CpuSeconds / b.Seconds));

    /// <summary>The median over blocks of the managed bytes allocated per call (all threads).</summary>
    public double MedianAllocatedBytesPerCall => BlockTimer.Median(Blocks.Select(b => (double)b.AllocatedBytes / b.Calls));

    /// <summary>The largest per-call allocation of any block (all threads).</summary>
    public double MaxAllocatedBytesPerCall => Blocks.Max(b => (double)b.AllocatedBytes / b.Calls);
}
