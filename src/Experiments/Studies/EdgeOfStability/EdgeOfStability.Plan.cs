using System;
using System.Globalization;

namespace Landscape.Experiments.Studies;

public sealed partial class EdgeOfStability
{
    /// <summary>
    /// The plan step: resolves the settings against the profile, validates them, and writes the resolved values back to
    /// the profile-dependent settings, so the manifest and the report record the values the run used (not 0 or empty).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it and the expectation); no setting is changed.</exception>
    internal EdgeOfStabilityPlan Plan(ExperimentContext context)
    {
        EdgeOfStabilityPlan plan = EdgeOfStabilityPlan.Resolve(this, context);
        LearningRates = (double[])plan.LearningRates.Clone();
        Steps = plan.Steps;
        Examples = plan.Examples;
        Width = plan.Width;
        SharpnessEvery = plan.SharpnessEvery;
        return plan;
    }
}

/// <summary>The study's settings resolved against the profile and validated, with the fixed sizes of parts (a) to (c).</summary>
/// <param name="TwoCycleSteps">(a) GD steps per learning rate on the well and on the quadratic (even, so the last iterate is a fixed phase).</param>
/// <param name="LossLevelEtaCount">(b) log-spaced learning rates per exponent p.</param>
/// <param name="LossLevelSteps">(b) GD steps per learning rate.</param>
/// <param name="ValleySteps">(c) GD steps per learning rate.</param>
/// <param name="ValleyEvery">(c) every this many steps a row of the valley trajectory table.</param>
/// <param name="LearningRates">(d) the learning rates of the network runs.</param>
/// <param name="Steps">(d) GD steps per network run.</param>
/// <param name="Examples">(d) MNIST training examples.</param>
/// <param name="Width">(d) hidden width of the 784-w-w-10 fc-tanh network.</param>
/// <param name="SharpnessEvery">(d) steps between Lanczos sharpness measurements.</param>
/// <param name="CheckpointEvery">(d) steps between training checkpoints.</param>
internal sealed record EdgeOfStabilityPlan(
    int TwoCycleSteps,
    int LossLevelEtaCount,
    int LossLevelSteps,
    int ValleySteps,
    int ValleyEvery,
    double[] LearningRates,
    int Steps,
    int Examples,
    int Width,
    int SharpnessEvery,
    int CheckpointEvery)
{
    /// <summary>Resolves the zero/empty settings to the profile's values and checks every value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it and the expectation).</exception>
    public static EdgeOfStabilityPlan Resolve(EdgeOfStability settings, ExperimentContext context)
    {
        double[] etas = settings.LearningRates is { Length: > 0 } ? (double[])settings.LearningRates.Clone() : context.ByProfile<double[]>([0.3, 0.2], [0.2, 0.15], [0.2, 0.1]);
        foreach (double eta in etas)
        {
            if (!(eta > 0 && double.IsFinite(eta)))
                throw new ArgumentOutOfRangeException(nameof(EdgeOfStability.LearningRates), eta, "Every learning rate must be positive and finite.");
        }
        int steps = Positive(settings.Steps, context.ByProfile(400, 800, 1500), nameof(EdgeOfStability.Steps), minimum: 4);
        int examples = Positive(settings.Examples, context.ByProfile(500, 1000, 5000), nameof(EdgeOfStability.Examples), minimum: 1);
        int width = Positive(settings.Width, context.ByProfile(16, 32, 64), nameof(EdgeOfStability.Width), minimum: 1);
        EdgeOfStability.Network(width); // validates the width
        int every = Positive(settings.SharpnessEvery, context.ByProfile(5, 10, 20), nameof(EdgeOfStability.SharpnessEvery), minimum: 1);
        return new EdgeOfStabilityPlan(
            TwoCycleSteps: 400,
            LossLevelEtaCount: context.ByProfile(6, 8, 12),
            LossLevelSteps: 4000,
            ValleySteps: 4000,
            ValleyEvery: context.ByProfile(4, 2, 1),
            etas, steps, examples, width, every, CheckpointEvery: 100);
    }

    private static int Positive(int value, int profileDefault, string name, int minimum)
    {
        if (value == 0) return profileDefault;
        if (value < minimum)
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be at least {minimum} (or 0 for the profile default)."));
        return value;
    }
}
