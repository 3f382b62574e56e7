using System;
using System.Collections.Generic;

namespace Landscape.Experiments.Studies;

/// <summary>
/// E3 <c>learning-rate-decay</c> (PAPER.md §4.3): on landscapes with two separate scales, a large constant step size
/// crosses the coarse scale quickly but cannot enter the fine one and plateaus at its height; a small constant step
/// size enters the fine scale but crosses the coarse one slowly; a step decay gets both. Shown on a 1-D two-scale
/// objective, a 2-D one with a curved fine valley, and a tanh network on data of two input magnitudes.
/// </summary>
[Experiment("learning-rate-decay", Summary = "Large η plateaus at the fine-scale height; a step decay drops the loss and beats both constant rates")]
public sealed partial class LearningRateDecay : IExperiment
{
    /// <summary>Large step size η_big of the objective runs (stable on the coarse scale A/s₁² = 1, unstable on the fine B/s₂² = 10).</summary>
    [Setting("Large learning rate of the 1-D and 2-D objective runs")]
    public double LargeLearningRate { get; set; } = 1.0;

    /// <summary>Factor from η_big to η_small (also the step decay's factor).</summary>
    [Setting("Decay factor: eta_small = factor * eta_big")]
    public double DecayFactor { get; set; } = 0.1;

    /// <summary>Target loss of the objective runs.</summary>
    [Setting("Target loss of the 1-D and 2-D objective runs")]
    public double TargetLoss { get; set; } = 1e-6;

    /// <summary>Steps of each objective run; 0 means the profile default (1500 test and quick, 3000 full).</summary>
    [Setting("Steps of each 1-D and 2-D run (0 = profile default: 1500 test/quick, 3000 full)")]
    public int ObjectiveSteps { get; set; }

    /// <summary>Steps of each network run; 0 means the profile default (2000). The decay is at half the run.</summary>
    [Setting("Steps of each network run, decay at half (0 = profile default: 2000)")]
    public int NetworkSteps { get; set; }

    /// <summary>Examples of the network's data set (half of norm 1, half of norm <see cref="LargeMagnitude"/>).</summary>
    [Setting("Examples of the two-magnitude data set (even)")]
    public int NetworkExamples { get; set; } = 100;

    /// <summary>Input norm of the fine-scale group.</summary>
    [Setting("Input norm of the large-magnitude group")]
    public double LargeMagnitude { get; set; } = 10;

    /// <summary>κ in η_big = κ·2/λ_fine for the network.</summary>
    [Setting("Network eta_big = instability * 2 / lambda_fine (measured at initialization)")]
    public double NetworkInstability { get; set; } = 2.5;

    /// <summary>Extra network seeds run as replicates (reported as measurements); 0 means the profile default (0 test, 1 quick, 4 full).</summary>
    [Setting("Extra network seeds run as replicates (0 = profile default: 0 test, 1 quick, 4 full)")]
    public int NetworkReplicates { get; set; }

    /// <summary>Runs the study: plan, then the 1-D and 2-D objectives and the network (with its replicates), then tables, figures and claims.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it).</exception>
    public ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        LearningRateDecayPlan plan = Plan(context);

        ObjectiveOutcome? oneD = CompareSchedules(context, plan, OneDimensional());
        if (oneD is null) return context.Result(); // cancelled
        ObjectiveOutcome? twoD = CompareSchedules(context, plan, TwoDimensional());
        if (twoD is null) return context.Result();
        NetworkOutcome? network = CompareSchedulesOnNetwork(context, plan, context.Seed, checkpoints: true);
        if (network is null) return context.Result();
        var replicates = new List<NetworkOutcome>();
        for (int r = 1; r <= plan.NetworkReplicates; r++)
        {
            NetworkOutcome? replicate = CompareSchedulesOnNetwork(context, plan, unchecked(context.Seed + r), checkpoints: false);
            if (replicate is null) return context.Result();
            replicates.Add(replicate);
        }

        var results = new LearningRateDecayResults(oneD, twoD, network, replicates);
        WriteTables(context, results);
        DrawFigures(context, plan, results);
        StateClaims(context, plan, results);
        return context.Result();
    }
}

/// <summary>What the three comparisons measured.</summary>
/// <param name="OneD">The 1-D two-scale objective.</param>
/// <param name="TwoD">The 2-D two-scale valley.</param>
/// <param name="Network">The two-magnitude network at the run's seed (its curves are the tables and figures).</param>
/// <param name="Replicates">The same network comparison at the replicate seeds (reported as measurements).</param>
internal sealed record LearningRateDecayResults(ObjectiveOutcome OneD, ObjectiveOutcome TwoD, NetworkOutcome Network, IReadOnlyList<NetworkOutcome> Replicates);
