using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Landscape.Experiments.Studies.EdgeOfStabilityModels;
using Landscape.Optimization;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

/// <summary>One (architecture, learning rate) of part (d): the network's GD run and what the claims read from it.</summary>
/// <param name="Family">The architecture family of the network.</param>
/// <param name="Eta">The learning rate η.</param>
/// <param name="Trajectory">The run, with the Lanczos sharpness every few steps (NaN between measurements).</param>
/// <param name="Measured">The steps with a sharpness measurement.</param>
/// <param name="Onset">The first measured step with sharpness ≥ (1 − band)·2/η (−1: never).</param>
/// <param name="LateFrom">The first step of the late phase: the second half of the steps after onset.</param>
/// <param name="Late">The measured steps of the late phase.</param>
/// <param name="Fraction">The fraction of <paramref name="Late"/> within the band around 2/η.</param>
/// <param name="MaxAfterOnset">The largest sharpness measured from onset on (NaN without onset).</param>
/// <param name="LossAtOnset">The loss at onset (NaN without onset).</param>
/// <param name="FinalLoss">The loss at the last step.</param>
/// <param name="Increases">Steps after onset whose loss is above the previous step's.</param>
/// <param name="MeanHvps">The mean HVPs per sharpness measurement.</param>
internal sealed record NetworkEdgeRun(NetworkArchitecture Family, double Eta, Trajectory Trajectory, int[] Measured, int Onset, int LateFrom, int[] Late, double Fraction,
                                      double MaxAfterOnset, double LossAtOnset, double FinalLoss, int Increases, double MeanHvps)
{
    /// <summary>2/η.</summary>
    public double Threshold => 2 / Eta;

    /// <summary>The family's name: mlp, lenet or resnet.</summary>
    public string Name => NetworkArchitectures.Name(Family);

    /// <summary>"mlp, η = 0.2": the run's label in claims and figures.</summary>
    public string Label => Name + ", η = " + ExperimentContext.Format(Eta);
}

/// <summary>A run of part (d) with the iterates part (e) reads.</summary>
/// <param name="Edge">The run and its edge-of-stability summary.</param>
/// <param name="Mechanism">Part (e) at the run's late steps.</param>
internal sealed record NetworkRun(NetworkEdgeRun Edge, MechanismRun Mechanism);

/// <summary>
/// Part (d): full-batch GD on an fc-tanh MSE network on MNIST (Cohen et al. 2021): the sharpness, tracked every few
/// steps by warm-started Lanczos, rises to 2/η and then hovers around it, while the loss keeps decreasing,
/// non-monotonically.
/// </summary>
public sealed partial class EdgeOfStability
{
    /// <summary>A measurement counts as "at the edge" when within this relative band of 2/η.</summary>
    internal const double Band = 0.10;

    /// <summary>The fraction of late measurements that must lie in the band.</summary>
    internal const double RequiredFraction = 0.8;

    /// <summary>Lanczos' relative residual tolerance: ample for a ±10% band, and about half the HVPs of the default.</summary>
    private const double LanczosTolerance = 1e-6;

    /// <summary>The generated architecture description of the fc-tanh network of the given hidden width.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No network of that width is declared.</exception>
    internal static string Architecture(int width) => width switch
    {
        16 => FcTanh16.Architecture,
        32 => FcTanh32.Architecture,
        64 => FcTanh64.Architecture,
        200 => FcTanh200.Architecture,
        _ => throw new ArgumentOutOfRangeException(nameof(width), width, "The network width must be one of the declared fc-tanh widths: 16, 32, 64 or 200."),
    };

    /// <summary>The fc-tanh network of the given hidden width.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No network of that width is declared.</exception>
    internal static IModel Network(int width) => width switch
    {
        16 => new FcTanh16(),
        32 => new FcTanh32(),
        64 => new FcTanh64(),
        200 => new FcTanh200(),
        _ => throw new ArgumentOutOfRangeException(nameof(width), width, "The network width must be one of the declared fc-tanh widths: 16, 32, 64 or 200."),
    };

    /// <summary>The network part (d) trains for <paramref name="family"/>: the fc-tanh MLP of the plan's width, or the study CNN.</summary>
    internal static IModel Network(NetworkArchitecture family, int width) =>
        family == NetworkArchitecture.Mlp ? Network(width) : GrowthNetworks.Convolutional(family).Create();

    /// <summary>The generated architecture description of <paramref name="family"/>'s network.</summary>
    internal static string Architecture(NetworkArchitecture family, int width) =>
        family == NetworkArchitecture.Mlp ? Architecture(width) : GrowthNetworks.Convolutional(family).Architecture;

    /// <summary>
    /// Runs parts (d) and (e): per architecture, one GD run per learning rate from the same initialization, then the
    /// mechanism at the run's late steps. Null when the run was cancelled.
    /// </summary>
    internal static List<NetworkRun>? TrainNetworks(ExperimentContext context, EdgeOfStabilityPlan plan)
    {
        var runs = new List<NetworkRun>();
        double total = plan.Architectures.Sum(a => plan.LearningRatesOf(a).Length * (double)plan.StepsOf(a));
        using var progress = context.Progress("(d) networks on MNIST", total);
        foreach (NetworkArchitecture family in plan.Architectures)
        {
            // Under MPI, the network data-parallel over the ranks and this rank's shard (the same bits as one process).
            (IModel model, Dataset data) = context.Distribute(Network(family, plan.Width), StudyData.Mnist(plan.ExamplesOf(family)));
            var initial = new double[model.ParameterCount];
            model.Initialize(initial, context.Seed);
            double[] etas = plan.LearningRatesOf(family);
            int steps = plan.StepsOf(family);
            long[] late = MechanismSteps(steps, plan.MechanismPoints);
            for (int r = 0; r < etas.Length; r++)
            {
                double eta = etas[r];
                var recorder = new IterateRecorder(late.SelectMany(k => new[] { k, k + 1 }));
                Trajectory run = TrainNetwork(context, model, data, initial, eta, steps, plan, NetworkArchitectures.Name(family) + "-" + r.ToString(CultureInfo.InvariantCulture),
                                              recorder, progress);
                if (run.Status == RunStatus.Cancelled) return null;
                NetworkEdgeRun edge = MeasureEdge(family, eta, run);
                context.Log.WriteLine($"(e) {edge.Label}: mechanism at steps {string.Join(", ", late)}");
                runs.Add(new NetworkRun(edge, MeasureMechanism(context, model, data, edge, recorder.Iterates, late)));
            }
        }
        return runs;
    }

    private static Trajectory TrainNetwork(ExperimentContext context, IModel model, Dataset data, double[] initial, double eta, int steps,
                                           EdgeOfStabilityPlan plan, string name, IterateRecorder recorder, IProgressTask progress)
    {
        var trainer = new Trainer(model, data, new GradientDescent(), LearningRate.Constant(eta))
        {
            CheckpointPath = context.CheckpointPath("network-" + name),
            CheckpointEvery = plan.CheckpointEvery,
        };
        trainer.Monitors.Add(new SharpnessMonitor(plan.SharpnessEvery, k: 1, warmStart: true)
        {
            Options = new LanczosOptions { Tolerance = LanczosTolerance, Seed = context.Seed },
        });
        trainer.Monitors.Add(recorder);
        trainer.Monitors.Add(new TrainingProgressMonitor(progress));
        var theta = (double[])initial.Clone();
        if (context.CanResumeFrom(trainer.CheckpointPath))
        {
            context.Log.WriteLine($"(d) {name}, η = {ExperimentContext.Format(eta)}: resuming from {trainer.CheckpointPath}");
            return trainer.Resume(trainer.CheckpointPath, theta, steps, context.Cancellation);
        }
        return trainer.Run(theta, steps, context.Cancellation);
    }

    /// <summary>Onset, the late phase and the loss behaviour of one run.</summary>
    private static NetworkEdgeRun MeasureEdge(NetworkArchitecture family, double eta, Trajectory run)
    {
        double threshold = 2 / eta;
        long[] step = run.Step;
        double[] loss = run.Loss, sharpness = run.Sharpness, hvps = run.Column(SharpnessMonitor.HvpColumn);

        int[] measured = Enumerable.Range(0, sharpness.Length).Where(i => double.IsFinite(sharpness[i])).ToArray();
        int first = Array.FindIndex(measured, i => sharpness[i] >= (1 - Band) * threshold);
        int onset = first < 0 ? -1 : measured[first];
        // The late phase: the second half of the steps after onset, once the overshoot at onset has had time to settle.
        int lateFrom = onset < 0 ? step.Length : onset + (step.Length - onset) / 2;
        int[] late = measured.Where(i => i >= lateFrom).ToArray();
        double fraction = late.Length == 0 ? 0 : late.Count(i => Math.Abs(sharpness[i] / threshold - 1) <= Band) / (double)late.Length;
        double maxAfterOnset = onset < 0 ? double.NaN : measured.Where(i => i >= onset).Max(i => sharpness[i]);
        double lossAtOnset = onset < 0 ? double.NaN : loss[onset];
        double finalLoss = loss[^1];
        int increases = onset < 0 ? 0 : Enumerable.Range(onset + 1, loss.Length - onset - 1).Count(i => loss[i] > loss[i - 1]);
        double meanHvps = measured.Length == 0 ? double.NaN : measured.Average(i => hvps[i]);
        return new NetworkEdgeRun(family, eta, run, measured, onset, lateFrom, late, fraction, maxAfterOnset, lossAtOnset, finalLoss, increases, meanHvps);
    }
}
