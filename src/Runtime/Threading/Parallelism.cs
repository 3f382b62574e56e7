using System;
using System.Threading.Tasks;

namespace Landscape;

/// <summary>
/// How many threads Landscape's numeric code may use. Results never depend on this setting: work is split into
/// fixed-size blocks and partial results are combined in a fixed order, so 1 and N threads give the same bits.
/// </summary>
public static class Parallelism
{
    private static int s_maxThreads = Environment.ProcessorCount;

    /// <summary>The maximum number of threads (default: <see cref="Environment.ProcessorCount"/>; at least 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int MaxThreads
    {
        get => s_maxThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            s_maxThreads = value;
        }
    }

    /// <summary>Runs <paramref name="body"/> for every index in [0, <paramref name="count"/>) on up to <see cref="MaxThreads"/> threads.</summary>
    /// <remarks>Runs inline when there is one item or one thread. Callers must make each index's work independent.</remarks>
    public static void For(int count, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        int threads = Math.Min(s_maxThreads, count);
        if (threads <= 1)
        {
            for (int i = 0; i < count; i++) body(i);
            return;
        }
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
    }
}
