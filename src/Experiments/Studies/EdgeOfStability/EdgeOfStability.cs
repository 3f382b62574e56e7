using System;
using System.Globalization;
using Landscape;

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

    /// <inheritdoc/>
    public ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        NetworkPart.Plan plan = NetworkPlan(context);

        context.Log.WriteLine("(a) 2-cycle on the subquadratic well");
        TwoCyclePart.Run(context, steps: 400);
        context.Log.WriteLine("(b) loss level vs η on smoothed |x|^p");
        LossLevelPart.Run(context, etaCount: context.ByProfile(6, 8, 12), steps: 4000);
        context.Log.WriteLine("(c) progressive sharpening in a 2-D valley");
        ValleyPart.Run(context, steps: 4000, every: context.ByProfile(4, 2, 1));
        context.Log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(d) fc-tanh 784-{plan.Width}-{plan.Width}-10 on {plan.Examples} MNIST examples, η ∈ {{{string.Join(", ", Array.ConvertAll(plan.LearningRates, e => e.ToString(CultureInfo.InvariantCulture)))}}}, {plan.Steps} steps"));
        NetworkPart.Run(context, plan);
        return context.Result();
    }

    /// <summary>The part (d) plan: the settings, with 0/empty replaced by the profile's values, validated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it and the expectation).</exception>
    internal NetworkPart.Plan NetworkPlan(ExperimentContext context)
    {
        double[] etas = LearningRates is { Length: > 0 } ? (double[])LearningRates.Clone() : context.ByProfile<double[]>([0.3, 0.2], [0.2, 0.15], [0.2, 0.1]);
        foreach (double eta in etas)
        {
            if (!(eta > 0 && double.IsFinite(eta)))
                throw new ArgumentOutOfRangeException(nameof(LearningRates), eta, "Every learning rate must be positive and finite.");
        }
        int steps = Positive(Steps, context.ByProfile(400, 800, 1500), nameof(Steps), minimum: 4);
        int examples = Positive(Examples, context.ByProfile(500, 1000, 5000), nameof(Examples), minimum: 1);
        int width = Positive(Width, context.ByProfile(16, 32, 64), nameof(Width), minimum: 1);
        NetworkPart.Network(width); // validates the width
        int every = Positive(SharpnessEvery, context.ByProfile(5, 10, 20), nameof(SharpnessEvery), minimum: 1);
        return new NetworkPart.Plan(examples, width, etas, steps, every, CheckpointEvery: 100);
    }

    private static int Positive(int value, int profileDefault, string name, int minimum)
    {
        if (value == 0) return profileDefault;
        if (value < minimum)
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be at least {minimum} (or 0 for the profile default)."));
        return value;
    }
}
