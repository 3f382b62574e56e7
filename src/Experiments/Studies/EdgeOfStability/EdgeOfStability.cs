using System;
using System.Collections.Generic;
using System.Globalization;

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
    /// <summary>Learning rates of the network runs (part d); empty = the profile's (full 0.2, 0.1; quick 0.2, 0.15; test 0.3, 0.2).</summary>
    [Setting("Learning rates for full-batch GD on the MNIST network (empty = profile default: full 0.2,0.1; quick 0.2,0.15; test 0.3,0.2)")]
    public double[] LearningRates { get; set; } = [];

    /// <summary>GD steps per network run (part d); 0 = the profile's (full 1500, quick 800, test 400).</summary>
    [Setting("GD steps per network run (0 = profile default: full 1500, quick 800, test 400)")]
    public int Steps { get; set; }

    /// <summary>MNIST training examples (part d); 0 = the profile's (full 5000, quick 1000, test 500).</summary>
    [Setting("MNIST training examples for the network runs (0 = profile default: full 5000, quick 1000, test 500)")]
    public int Examples { get; set; }

    /// <summary>Hidden width of the 784-w-w-10 fc-tanh network (16, 32, 64 or 200); 0 = the profile's (full 64, quick 32, test 16).</summary>
    [Setting("Hidden width of the 784-w-w-10 fc-tanh network: 16, 32, 64 or 200 (0 = profile default: full 64, quick 32, test 16)")]
    public int Width { get; set; }

    /// <summary>Steps between sharpness measurements (part d); 0 = the profile's (full 20, quick 10, test 5).</summary>
    [Setting("Steps between Lanczos sharpness measurements (0 = profile default: full 20, quick 10, test 5)")]
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
            $"(d) fc-tanh {Architecture(plan.Width)} on {plan.Examples} MNIST examples, η ∈ {{{string.Join(", ", Array.ConvertAll(plan.LearningRates, e => e.ToString(CultureInfo.InvariantCulture)))}}}, {plan.Steps} steps"));
        IReadOnlyList<NetworkEdgeRun>? networks = TrainNetworks(context, plan);
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
/// <param name="Networks">Part (d): one run per learning rate on the MNIST network.</param>
internal sealed record EdgeOfStabilityResults(TwoCycleResults TwoCycles, IReadOnlyList<LossLevelSeries> LossLevels,
                                              IReadOnlyList<ValleyRun> Valley, IReadOnlyList<NetworkEdgeRun> Networks);
