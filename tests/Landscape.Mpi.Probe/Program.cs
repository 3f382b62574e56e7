using System;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using Landscape;
using Landscape.Distributed;
using Landscape.Optimization;
using Landscape.Probes;

namespace Landscape.Mpi.Probe;

/// <summary>A small tanh network: 2,600 examples make six chunks of 512, split across ranks in ways that are not subtrees.</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(12)]
[Dense(16, Activation.Tanh)]
[Dense(3)]
public sealed partial class ProbeNet;

/// <summary>
/// Usage: <c>Landscape.Mpi.Probe [plain] [threads N] [examples N] [fail-on-rank R]</c>. Computes loss, gradient, H·v,
/// the top-3 eigenpairs, a Hutchinson trace estimate and 25 heavy-ball steps, and rank 0 prints one line per result
/// with the SHA-256 of its bits. <c>plain</c> evaluates the network itself on the whole dataset in one process;
/// otherwise it is wrapped in a DataParallelModel over Communicator.World and every rank passes its shard.
/// <c>fail-on-rank R</c> throws on rank R after the first collective call (the job must end, not hang).
/// <c>cli …</c> runs the Landscape command line over this program's experiments; <c>cost messages|compute</c> measures
/// the cost model of docs/distributed.md.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "cli") return Experiments.LandscapeCli.Run(args[1..], Experiments.ExperimentCatalog.All);
        if (args.Length > 1 && args[0] == "cost") return Cost.Run(args[1]);
        bool plain = args.Contains("plain");
        int threads = Option(args, "threads", 1), examples = Option(args, "examples", 2600), failOn = Option(args, "fail-on-rank", -1);
        Parallelism.MaxThreads = threads;
        Communicator comm = plain ? Communicator.Local : Communicator.World;

        Dataset all = Data(examples);
        IModel network = new ProbeNet();
        IModel model = plain ? network : new DataParallelModel(network, comm);
        Dataset data = plain ? all : ((DataParallelModel)model).Shard(all);

        var theta = new double[model.ParameterCount];
        model.Initialize(theta, 3);
        var gradient = new double[theta.Length];
        var product = new double[theta.Length];
        var direction = Enumerable.Range(0, theta.Length).Select(i => Math.Sin(0.37 * i)).ToArray();

        double loss = model.Loss(theta, data);
        if (comm.Rank == failOn) throw new InvalidOperationException($"rank {failOn} fails on purpose");
        double gradientLoss = model.Gradient(theta, data, gradient);
        double productLoss = model.HessianVectorProduct(theta, data, direction, product);
        Eigenpairs top = Hessian.TopEigenpairs(model, theta, data, 3, new LanczosOptions { Seed = 5 });
        TraceEstimate trace = Hessian.Trace(model, theta, data, probes: 8, seed: 6);

        var trainer = new Trainer(model, data, new HeavyBall(0.9), LearningRate.Constant(0.05));
        var trained = (double[])theta.Clone();
        Trajectory run = trainer.Run(trained, 25);

        if (!comm.IsRoot) return 0;
        Console.WriteLine($"ranks {comm.Size}");
        Print("loss", [loss, gradientLoss, productLoss]);
        Print("gradient", gradient);
        Print("hvp", product);
        Print("eigenvalues", top.Values);
        Print("eigenvectors", top.Vectors.SelectMany(v => v).ToArray());
        Print("trace", [trace.Estimate, trace.StandardError]);
        Print("trajectory", run.Loss.Concat(run.Column(Trajectory.GradientNormColumn)).ToArray());
        Print("trained", trained);
        return 0;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>Seeded inputs in [−1, 1] and targets from a fixed smooth function of them.</summary>
    private static Dataset Data(int count)
    {
        var random = new Random(11);
        var x = new double[count * 12];
        var y = new double[count * 3];
        for (int i = 0; i < x.Length; i++) x[i] = 2 * random.NextDouble() - 1;
        for (int e = 0; e < count; e++)
        {
            for (int k = 0; k < 3; k++) y[e * 3 + k] = Math.Sin(x[e * 12 + k] + 0.5 * x[e * 12 + k + 3]);
        }
        return new Dataset(x, y, count);
    }

    private static void Print(string name, double[] values)
    {
        byte[] bytes = values.SelectMany(BitConverter.GetBytes).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {values.Length} {values[0]:R} {Convert.ToHexString(SHA256.HashData(bytes))}"));
    }
}
