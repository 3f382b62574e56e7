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
        Architectures = (NetworkArchitecture[])plan.Architectures.Clone();
        LearningRates = (double[])plan.LearningRates.Clone();
        Steps = plan.Steps;
        Examples = plan.Examples;
        Width = plan.Width;
        ConvolutionalLearningRates = (double[])plan.ConvolutionalLearningRates.Clone();
        ConvolutionalSteps = plan.ConvolutionalSteps;
        ConvolutionalExamples = plan.ConvolutionalExamples;
        SharpnessEvery = plan.SharpnessEvery;
        MechanismPoints = plan.MechanismPoints;
        return plan;
    }
}

/// <summary>The study's settings resolved against the profile and validated, with the fixed sizes of parts (a) to (c).</summary>
/// <param name="TwoCycleSteps">(a) GD steps per learning rate on the well and on the quadratic (even, so the last iterate is a fixed phase).</param>
/// <param name="LossLevelEtaCount">(b) log-spaced learning rates per exponent p.</param>
/// <param name="LossLevelSteps">(b) GD steps per learning rate.</param>
/// <param name="ValleySteps">(c) GD steps per learning rate.</param>
/// <param name="ValleyEvery">(c) every this many steps a row of the valley trajectory table.</param>
/// <param name="Architectures">(d) the architecture families run.</param>
/// <param name="LearningRates">(d) the learning rates of the MLP runs.</param>
/// <param name="Steps">(d) GD steps per MLP run.</param>
/// <param name="Examples">(d) MNIST training examples of the MLP.</param>
/// <param name="Width">(d) hidden width of the 784-w-w-10 fc-tanh network.</param>
/// <param name="ConvolutionalLearningRates">(d) the learning rates of the CNN runs.</param>
/// <param name="ConvolutionalSteps">(d) GD steps per CNN run.</param>
/// <param name="ConvolutionalExamples">(d) MNIST training examples of the CNNs.</param>
/// <param name="SharpnessEvery">(d) steps between Lanczos sharpness measurements.</param>
/// <param name="MechanismPoints">(e) late steps per run at which the mechanism is measured.</param>
/// <param name="CheckpointEvery">(d) steps between training checkpoints.</param>
internal sealed record EdgeOfStabilityPlan(
    int TwoCycleSteps,
    int LossLevelEtaCount,
    int LossLevelSteps,
    int ValleySteps,
    int ValleyEvery,
    NetworkArchitecture[] Architectures,
    double[] LearningRates,
    int Steps,
    int Examples,
    int Width,
    double[] ConvolutionalLearningRates,
    int ConvolutionalSteps,
    int ConvolutionalExamples,
    int SharpnessEvery,
    int MechanismPoints,
    int CheckpointEvery)
{
    /// <summary>The learning rates of <paramref name="family"/>'s runs.</summary>
    public double[] LearningRatesOf(NetworkArchitecture family) => family == NetworkArchitecture.Mlp ? LearningRates : ConvolutionalLearningRates;

    /// <summary>The GD steps of <paramref name="family"/>'s runs.</summary>
    public int StepsOf(NetworkArchitecture family) => family == NetworkArchitecture.Mlp ? Steps : ConvolutionalSteps;

    /// <summary>The MNIST examples of <paramref name="family"/>'s runs.</summary>
    public int ExamplesOf(NetworkArchitecture family) => family == NetworkArchitecture.Mlp ? Examples : ConvolutionalExamples;

    /// <summary>Resolves the zero/empty settings to the profile's values and checks every value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it and the expectation).</exception>
    public static EdgeOfStabilityPlan Resolve(EdgeOfStability settings, ExperimentContext context)
    {
        NetworkArchitecture[] architectures = settings.Architectures is { Length: > 0 } chosen
            ? NetworkArchitectures.Validate((NetworkArchitecture[])chosen.Clone(), nameof(EdgeOfStability.Architectures))
            : (NetworkArchitecture[])NetworkArchitectures.All.Clone();
        double[] etas = Rates(settings.LearningRates, context.ByProfile<double[]>([0.3, 0.2], [0.2, 0.15], [0.1, 0.05]), nameof(EdgeOfStability.LearningRates));
        int steps = Positive(settings.Steps, context.ByProfile(400, 800, 1500), nameof(EdgeOfStability.Steps), minimum: 16);
        int examples = Positive(settings.Examples, context.ByProfile(500, 1000, 5000), nameof(EdgeOfStability.Examples), minimum: 1);
        int width = Positive(settings.Width, context.ByProfile(16, 32, 200), nameof(EdgeOfStability.Width), minimum: 1);
        EdgeOfStability.Network(width); // validates the width
        double[] convolutionalEtas = Rates(settings.ConvolutionalLearningRates, context.ByProfile<double[]>([0.2, 0.15], [0.2, 0.15], [0.2, 0.15]),
                                           nameof(EdgeOfStability.ConvolutionalLearningRates));
        int convolutionalSteps = Positive(settings.ConvolutionalSteps, context.ByProfile(600, 800, 1200), nameof(EdgeOfStability.ConvolutionalSteps), minimum: 16);
        int convolutionalExamples = Positive(settings.ConvolutionalExamples, context.ByProfile(256, 256, 512), nameof(EdgeOfStability.ConvolutionalExamples), minimum: 1);
        int every = Positive(settings.SharpnessEvery, context.ByProfile(10, 10, 20), nameof(EdgeOfStability.SharpnessEvery), minimum: 1);
        int mechanismPoints = Positive(settings.MechanismPoints, context.ByProfile(2, 2, 4), nameof(EdgeOfStability.MechanismPoints), minimum: 1);
        return new EdgeOfStabilityPlan(
            TwoCycleSteps: 400,
            LossLevelEtaCount: context.ByProfile(6, 8, 12),
            LossLevelSteps: 4000,
            ValleySteps: 4000,
            ValleyEvery: context.ByProfile(4, 2, 1),
            architectures, etas, steps, examples, width, convolutionalEtas, convolutionalSteps, convolutionalExamples, every, mechanismPoints,
            CheckpointEvery: 100);
    }

    private static double[] Rates(double[] given, double[] profileDefault, string name)
    {
        double[] etas = given is { Length: > 0 } ? (double[])given.Clone() : profileDefault;
        foreach (double eta in etas)
        {
            if (!(eta > 0 && double.IsFinite(eta)))
                throw new ArgumentOutOfRangeException(name, eta, "Every learning rate must be positive and finite.");
        }
        return etas;
    }

    private static int Positive(int value, int profileDefault, string name, int minimum)
    {
        if (value == 0) return profileDefault;
        if (value < minimum)
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be at least {minimum} (or 0 for the profile default)."));
        return value;
    }
}
