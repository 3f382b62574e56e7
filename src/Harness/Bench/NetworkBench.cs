using System;
using System.Collections.Generic;
using Landscape.Benchmarking;
using Landscape.Probes;

namespace Landscape.Experiments.Bench;

/// <summary>
/// Times the operations of one network: seeded synthetic data of its shapes, θ from its <c>Initialize</c>, a seeded
/// filter-normalized v, then per operation a warm-up and blocks of back-to-back calls (<see cref="BlockTimer"/>) until the
/// blocks' spread is small or the time cap is reached.
/// </summary>
internal static class NetworkBench
{
    /// <summary>The subject of every operation of <paramref name="network"/>: data from <paramref name="seed"/>, θ from <paramref name="seed"/>, v from seed + 1.</summary>
    public static BenchSubject Subject(NetworkDescriptor network, int examples, int seed)
    {
        ArgumentNullException.ThrowIfNull(network);
        IModel model = network.Create();
        Dataset data = network.SyntheticData(examples, seed);
        var parameters = new double[model.ParameterCount];
        model.Initialize(parameters, seed);
        double[] direction = Directions.Random(model, seed + 1, Normalization.Filter, parameters);
        return new BenchSubject(model, data, parameters, direction);
    }

    /// <summary>Times each of <paramref name="operations"/> on <paramref name="subject"/>, one after another.</summary>
    public static List<BenchRow> Measure(NetworkDescriptor network, BenchSubject subject, IReadOnlyList<BenchOperation> operations,
        BlockTimer.Settings settings)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(settings);
        var rows = new List<BenchRow>(operations.Count);
        foreach (BenchOperation operation in operations)
        {
            BenchCall call = operation.Prepare(subject);
            try
            {
                SideTiming timing = BlockTimer.Run([new BlockTimer.Side(operation.Name, call.Call)], settings)[0];
                long flops = checked(operation.FlopsPerExample(network) * subject.Data.Count);
                bool reached = settings.TargetSpread <= 0 || timing.Spread <= settings.TargetSpread;
                rows.Add(new BenchRow(network, operation.Name, subject.Data.Count, flops, timing, reached));
            }
            finally
            {
                call.State?.Dispose();
            }
        }
        return rows;
    }

    /// <summary>The FMA peak of <paramref name="probe"/>, timed like an operation.</summary>
    public static SideTiming Peak(FmaPeak probe, BlockTimer.Settings settings)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return BlockTimer.Run([new BlockTimer.Side("FMA peak", probe.Run)], settings)[0];
    }
}
