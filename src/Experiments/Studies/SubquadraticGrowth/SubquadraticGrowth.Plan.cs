using System;
using System.Collections.Generic;
using System.Linq;

using static Landscape.Experiments.Studies.StudyText;

namespace Landscape.Experiments.Studies;

public sealed partial class SubquadraticGrowth
{
    /// <summary>
    /// The plan step: resolves the settings against the profile, validates them, and writes the resolved values back to
    /// the profile-dependent settings, so the manifest and the report record the values the run used (not 0 or empty).
    /// </summary>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it); no setting is changed.</exception>
    internal SubquadraticGrowthPlan Plan(ExperimentContext context)
    {
        SubquadraticGrowthPlan plan = SubquadraticGrowthPlan.Resolve(this, context);
        Architectures = (NetworkArchitecture[])plan.Architectures.Clone();
        Networks = plan.Networks.Where(n => n.Family == NetworkArchitecture.Mlp).Select(n => n.Name).ToArray();
        Examples = plan.Examples;
        Steps = plan.Steps;
        ConvolutionalExamples = plan.ConvolutionalExamples;
        ConvolutionalSteps = plan.ConvolutionalSteps;
        RandomDirections = plan.RandomDirections;
        PointsPerDecade = plan.PointsPerDecade;
        return plan;
    }
}

/// <summary>The study's settings resolved against the profile and validated.</summary>
/// <param name="Architectures">The architecture families run, in the setting's order.</param>
/// <param name="Networks">Every network to train: the chosen MLPs (if mlp is run), then lenet-tanh and resnet-tanh as chosen.</param>
/// <param name="Examples">MNIST examples of the MLPs.</param>
/// <param name="Steps">Adam steps of the MLPs.</param>
/// <param name="ConvolutionalExamples">MNIST examples of the CNNs.</param>
/// <param name="ConvolutionalSteps">Adam steps of the CNNs.</param>
/// <param name="LearningRate">Adam's initial step size.</param>
/// <param name="LossThreshold">The near-zero-loss threshold.</param>
/// <param name="RandomDirections">Random directions per network and kind.</param>
/// <param name="MinT">The floor of the smallest |t|.</param>
/// <param name="Decades">Decades of |t| per profile.</param>
/// <param name="PointsPerDecade">Grid points per decade.</param>
internal sealed record SubquadraticGrowthPlan(
    NetworkArchitecture[] Architectures,
    IReadOnlyList<GrowthNetworks.Choice> Networks,
    int Examples,
    int Steps,
    int ConvolutionalExamples,
    int ConvolutionalSteps,
    double LearningRate,
    double LossThreshold,
    int RandomDirections,
    double MinT,
    double Decades,
    int PointsPerDecade)
{
    /// <summary>The decades of |t| a profile must span for the claims to be meaningful.</summary>
    public const double RequiredDecades = 5;

    /// <summary>The MNIST examples <paramref name="network"/> trains on: <see cref="Examples"/> for an MLP, <see cref="ConvolutionalExamples"/> for a CNN.</summary>
    public int ExamplesOf(GrowthNetworks.Choice network) => network.Family == NetworkArchitecture.Mlp ? Examples : ConvolutionalExamples;

    /// <summary>The Adam steps <paramref name="network"/> trains for: <see cref="Steps"/> for an MLP, <see cref="ConvolutionalSteps"/> for a CNN.</summary>
    public int StepsOf(GrowthNetworks.Choice network) => network.Family == NetworkArchitecture.Mlp ? Steps : ConvolutionalSteps;

    /// <summary>Resolves the zero/empty settings to the profile's defaults and checks every value.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public static SubquadraticGrowthPlan Resolve(SubquadraticGrowth settings, ExperimentContext context)
    {
        NetworkArchitecture[] architectures = settings.Architectures is { Length: > 0 } chosen
            ? NetworkArchitectures.Validate((NetworkArchitecture[])chosen.Clone(), nameof(SubquadraticGrowth.Architectures))
            : (NetworkArchitecture[])NetworkArchitectures.All.Clone();
        string[] names = settings.Networks is { Length: > 0 } given
            ? given
            : context.ByProfile<string[]>(["fc-tanh-32x2"], ["fc-tanh-32x2"], ["fc-tanh-32x2", "fc-tanh-64x3"]);
        var mlps = names.Select(GrowthNetworks.Named).ToArray();
        if (mlps.Select(n => n.Name).Distinct().Count() != mlps.Length)
            throw new ArgumentException(Invariant($"Networks lists a network twice: {string.Join(", ", names)}."), nameof(SubquadraticGrowth.Networks));
        var networks = new List<GrowthNetworks.Choice>();
        foreach (NetworkArchitecture architecture in architectures)
        {
            if (architecture == NetworkArchitecture.Mlp) networks.AddRange(mlps);
            else networks.Add(GrowthNetworks.Convolutional(architecture));
        }

        int examples = StudySettings.Positive(settings.Examples, context.ByProfile(256, 512, 1000), nameof(settings.Examples));
        int steps = StudySettings.Positive(settings.Steps, context.ByProfile(3000, 4000, 8000), nameof(settings.Steps));
        int convolutionalExamples = StudySettings.Positive(settings.ConvolutionalExamples, context.ByProfile(128, 256, 512), nameof(settings.ConvolutionalExamples));
        int convolutionalSteps = StudySettings.Positive(settings.ConvolutionalSteps, context.ByProfile(1000, 1200, 4000), nameof(settings.ConvolutionalSteps));
        int directions = StudySettings.Positive(settings.RandomDirections, context.ByProfile(3, 3, 5), nameof(settings.RandomDirections));
        int perDecade = StudySettings.Positive(settings.PointsPerDecade, context.ByProfile(5, 8, 10), nameof(settings.PointsPerDecade));
        if (!(settings.LearningRate > 0) || !double.IsFinite(settings.LearningRate))
            throw new ArgumentException(Invariant($"LearningRate must be positive and finite; got {settings.LearningRate}."), nameof(SubquadraticGrowth.LearningRate));
        if (!(settings.LossThreshold > 0) || !double.IsFinite(settings.LossThreshold))
            throw new ArgumentException(Invariant($"LossThreshold must be positive and finite; got {settings.LossThreshold}."), nameof(SubquadraticGrowth.LossThreshold));
        if (!(settings.MinT > 0) || !double.IsFinite(settings.MinT))
            throw new ArgumentException(Invariant($"MinT must be positive and finite; got {settings.MinT}."), nameof(SubquadraticGrowth.MinT));
        if (!(settings.Decades >= 2) || !(settings.Decades <= 12))
            throw new ArgumentException(Invariant($"Decades must lie in [2, 12] (the first and last decade are summarized separately); got {settings.Decades}."), nameof(SubquadraticGrowth.Decades));
        return new SubquadraticGrowthPlan(architectures, networks, examples, steps, convolutionalExamples, convolutionalSteps, settings.LearningRate, settings.LossThreshold, directions,
                              settings.MinT, settings.Decades, perDecade);
    }
}
