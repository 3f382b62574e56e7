using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Landscape.Benchmarks;
using Landscape.Distributed;

namespace Landscape.Mpi.Probe;

/// <summary>
/// <c>cost messages</c> (under mpirun, ≥ 2 ranks): one-way point-to-point time (ping-pong between ranks 0 and 1, half the
/// round trip) and broadcast time over all ranks, per vector length. <c>cost compute</c> (one process): gradient and HVP
/// time per example of P2 and P4 on one thread, and their parameter counts and chunk sizes. <c>cost lanczos</c> (under
/// mpirun): P2's top eigenvalue through the Hessian operator with and without its distributed fixed point. Rank 0 prints
/// CSV lines.
/// </summary>
internal static class Cost
{
    public static int Run(string what)
    {
        Communicator comm = Communicator.World;
        if (what == "messages")
        {
            if (comm.IsRoot) Console.WriteLine($"ranks,doubles,one_way_ms,broadcast_ms");
            foreach (int length in new[] { 1, 1_000, 10_000, 100_000, 199_210, 1_000_000 })
            {
                var buffer = new double[length];
                int repeats = length >= 100_000 ? 20 : 200;
                double oneWay = double.NaN;
                if (comm.Size >= 2)
                {
                    comm.Barrier();
                    var clock = Stopwatch.StartNew();
                    for (int k = 0; k < repeats; k++)
                    {
                        if (comm.Rank == 0) { comm.Send(buffer, 1, 7); comm.Receive(buffer, 1, 8); }
                        else if (comm.Rank == 1) { comm.Receive(buffer, 0, 7); comm.Send(buffer, 0, 8); }
                    }
                    oneWay = clock.Elapsed.TotalMilliseconds / repeats / 2;
                }
                comm.Barrier();
                var broadcast = Stopwatch.StartNew();
                for (int k = 0; k < repeats; k++) comm.Broadcast(buffer.AsSpan(), 0);
                comm.Barrier();
                double bcast = broadcast.Elapsed.TotalMilliseconds / repeats;
                if (comm.IsRoot) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{comm.Size},{length},{oneWay:F4},{bcast:F4}"));
            }
            return 0;
        }
        if (what == "lanczos") return Lanczos(comm);
        Parallelism.MaxThreads = 1;
        Console.WriteLine("network,parameters,chunk_size,examples,gradient_ms_per_example,hvp_ms_per_example");
        Measure("P2", new P2Network(), 784, 10, 1024);
        Measure("P4", new P4ResNet8(), 784, 10, 64);
        return 0;
    }

    /// <summary>
    /// <c>cost lanczos</c> (under mpirun, one thread per rank): P2's top eigenvalue on 5,000 synthetic examples by 20
    /// products, through a Hessian operator that keeps every rank's fixed points, and through one that takes full
    /// collective HVPs (budget 0), in alternating rounds; rank 0 prints the wall time of each call and checks that the two
    /// give the same bits.
    /// </summary>
    private static int Lanczos(Communicator comm)
    {
        Parallelism.MaxThreads = 1;
        var model = new DataParallelModel(new P2Network(), comm);
        Dataset shard = model.Shard(Synthetic(5000, 784, 10));
        var theta = new double[model.ParameterCount];
        model.Initialize(theta, 1);
        double[] start = Enumerable.Range(0, theta.Length).Select(i => Math.Sin(0.37 * i)).ToArray();
        var options = new Landscape.Probes.LanczosOptions { MaxIterations = 19, Tolerance = 1e-300, WarmStart = [start], WarmStartNoise = 0 };
        if (comm.IsRoot) Console.WriteLine("ranks,round,operator,seconds,top");
        double? reference = null;
        for (int round = 0; round < 3; round++)
        {
            foreach (long budget in new[] { Landscape.Probes.OperatorOptions.DefaultMemoryBudgetBytes, 0L })
            {
                comm.Barrier();
                var clock = Stopwatch.StartNew();
                using var hessian = Landscape.Probes.Hessian.Operator(model, theta, shard, new Landscape.Probes.OperatorOptions { MemoryBudgetBytes = budget });
                double top = Landscape.Probes.Hessian.TopEigenpairs(hessian, 1, options).Values[0];
                comm.Barrier();
                double seconds = clock.Elapsed.TotalSeconds;
                reference ??= top;
                if (BitConverter.DoubleToInt64Bits(top) != BitConverter.DoubleToInt64Bits(reference.Value))
                    throw new InvalidOperationException($"The top eigenvalue differs between the operators: {top:R} against {reference.Value:R}.");
                if (comm.IsRoot)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{comm.Size},{round},{(hessian.IsCached ? "fixed-point" : "full-hvp")},{seconds:F3},{top:R}"));
            }
        }
        return 0;
    }

    /// <summary><paramref name="count"/> examples with inputs uniform in [0, 1) and one-hot targets, from seed 1.</summary>
    private static Dataset Synthetic(int count, int inputs, int outputs)
    {
        var random = new Random(1);
        var x = new double[count * inputs];
        var y = new double[count * outputs];
        for (int i = 0; i < x.Length; i++) x[i] = random.NextDouble();
        for (int e = 0; e < count; e++) y[e * outputs + random.Next(outputs)] = 1;
        return new Dataset(x, y, count);
    }

    private static void Measure(string name, IModel model, int inputs, int outputs, int count)
    {
        Dataset data = Synthetic(count, inputs, outputs);
        var theta = new double[model.ParameterCount];
        model.Initialize(theta, 1);
        var gradient = new double[theta.Length];
        var product = new double[theta.Length];
        double Time(Action call)
        {
            call(); // warm-up
            var samples = Enumerable.Range(0, 5).Select(_ => { var c = Stopwatch.StartNew(); call(); return c.Elapsed.TotalMilliseconds; }).Order().ToArray();
            return samples[2] / count; // the median, per example
        }
        double g = Time(() => model.Gradient(theta, data, gradient));
        double h = Time(() => model.HessianVectorProduct(theta, data, gradient, product));
        int chunk = ((Models.IPartialSums)model).ChunkSize;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name},{model.ParameterCount},{chunk},{count},{g:F5},{h:F5}"));
    }
}
