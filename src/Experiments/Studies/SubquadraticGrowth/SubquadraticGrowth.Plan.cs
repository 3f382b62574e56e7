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
        Networks = plan.Networks.Select(n => n.Name).ToArray();
        Examples = plan.Examples;
        Steps = plan.Steps;
        RandomDirections = plan.RandomDirections;
        PointsPerDecade = plan.PointsPerDecade;
        return plan;
    }
}

/// <summary>The study's settings resolved against the profile and validated.</summary>
internal sealed record SubquadraticGrowthPlan(
    IReadOnlyList<GrowthNetworks.Choice> Networks,
    int Examples,
    int Steps,
    double LearningRate,
    double LossThreshold,
    int RandomDirections,
    double MinT,
    double Decades,
    int PointsPerDecade)
{
    /// <summary>The decades of |t| a profile must span for the claims to be meaningful.</summary>
    public const double RequiredDecades = 5;

    /// <summary>Resolves the zero/empty settings to the profile's defaults and checks every value.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public static SubquadraticGrowthPlan Resolve(SubquadraticGrowth settings, ExperimentContext context)
    {
        string[] names = settings.Networks is { Length: > 0 } given
            ? given
            : context.ByProfile<string[]>(["fc-tanh-32x2"], ["fc-tanh-32x2"], ["fc-tanh-32x2", "fc-tanh-64x3"]);
        var networks = names.Select(GrowthNetworks.Named).ToArray();
        if (networks.Select(n => n.Name).Distinct().Count() != networks.Length)
            throw new ArgumentException(Invariant($"Networks lists a network twice: {string.Join(", ", names)}."), nameof(SubquadraticGrowth.Networks));

        int examples = Positive(settings.Examples, context.ByProfile(256, 512, 1000), nameof(settings.Examples));
        int steps = Positive(settings.Steps, context.ByProfile(3000, 4000, 8000), nameof(settings.Steps));
        int directions = Positive(settings.RandomDirections, context.ByProfile(3, 3, 5), nameof(settings.RandomDirections));
        int perDecade = Positive(settings.PointsPerDecade, context.ByProfile(5, 8, 10), nameof(settings.PointsPerDecade));
        if (!(settings.LearningRate > 0) || !double.IsFinite(settings.LearningRate))
            throw new ArgumentException(Invariant($"LearningRate must be positive and finite; got {settings.LearningRate}."), nameof(SubquadraticGrowth.LearningRate));
        if (!(settings.LossThreshold > 0) || !double.IsFinite(settings.LossThreshold))
            throw new ArgumentException(Invariant($"LossThreshold must be positive and finite; got {settings.LossThreshold}."), nameof(SubquadraticGrowth.LossThreshold));
        if (!(settings.MinT > 0) || !double.IsFinite(settings.MinT))
            throw new ArgumentException(Invariant($"MinT must be positive and finite; got {settings.MinT}."), nameof(SubquadraticGrowth.MinT));
        if (!(settings.Decades >= 2) || !(settings.Decades <= 12))
            throw new ArgumentException(Invariant($"Decades must lie in [2, 12] (the first and last decade are summarized separately); got {settings.Decades}."), nameof(SubquadraticGrowth.Decades));
        return new SubquadraticGrowthPlan(networks, examples, steps, settings.LearningRate, settings.LossThreshold, directions,
                              settings.MinT, settings.Decades, perDecade);
    }

    private static int Positive(int value, int profileDefault, string name)
    {
        if (value < 0) throw new ArgumentException(Invariant($"{name} must be positive (or 0 for the profile default); got {value}."), name);
        return value == 0 ? profileDefault : value;
    }
}
