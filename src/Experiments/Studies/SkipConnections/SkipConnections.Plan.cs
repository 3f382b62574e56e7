using System;
using System.Collections.Generic;
using System.Linq;

using static Landscape.Experiments.Studies.StudyText;

namespace Landscape.Experiments.Studies;

public sealed partial class SkipConnections
{
    /// <summary>
    /// The plan step: resolves the settings against the profile, validates them, and writes the resolved values back to
    /// the profile-dependent settings, so the manifest and the report record the values the run used (not 0 or empty).
    /// </summary>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it); no setting is changed.</exception>
    internal SkipConnectionsPlan Plan(ExperimentContext context)
    {
        SkipConnectionsPlan plan = SkipConnectionsPlan.Resolve(this, context);
        Depths = plan.Pairs.Select(p => p.Depth).ToArray();
        Seeds = plan.Seeds;
        Examples = plan.Examples;
        Steps = plan.Steps;
        SurfacePoints = plan.SurfacePoints;
        CurvatureGrid = plan.CurvatureGrid;
        return plan;
    }
}

/// <summary>The study's settings resolved against the profile and validated.</summary>
internal sealed record SkipConnectionsPlan(
    IReadOnlyList<SkipNetworks.Pair> Pairs,
    int Seeds,
    int Examples,
    int Steps,
    double LearningRate,
    double LossThreshold,
    int SurfacePoints,
    double SurfaceRadius,
    int LinePoints,
    int CurvatureGrid,
    int LanczosIterations,
    double MinT,
    double Decades,
    int PointsPerDecade)
{
    /// <summary>The training seeds: the run's seed, then the next ones (the residual and the plain network share each).</summary>
    public IEnumerable<int> SeedsFrom(int seed) => Enumerable.Range(0, Seeds).Select(k => unchecked(seed + k));

    /// <summary>Resolves the zero/empty settings to the profile's defaults and checks every value.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public static SkipConnectionsPlan Resolve(SkipConnections settings, ExperimentContext context)
    {
        int[] depths = settings.Depths is { Length: > 0 } given ? given : context.ByProfile<int[]>([2], [2], [2, 4]);
        var pairs = depths.Select(SkipNetworks.WithDepth).ToArray();
        if (depths.Distinct().Count() != depths.Length)
            throw new ArgumentException(Invariant($"Depths lists a depth twice: {string.Join(", ", depths)}."), nameof(SkipConnections.Depths));

        int seeds = StudySettings.Positive(settings.Seeds, context.ByProfile(1, 2, 2), nameof(settings.Seeds));
        int examples = StudySettings.Positive(settings.Examples, context.ByProfile(64, 128, 128), nameof(settings.Examples));
        int steps = StudySettings.Positive(settings.Steps, context.ByProfile(300, 500, 600), nameof(settings.Steps));
        int surface = StudySettings.Positive(settings.SurfacePoints, context.ByProfile(9, 17, 21), nameof(settings.SurfacePoints));
        int grid = NonNegative(settings.CurvatureGrid, context.ByProfile(3, 0, 5), nameof(settings.CurvatureGrid));
        if (surface < 3 || surface % 2 == 0)
            throw new ArgumentException(Invariant($"SurfacePoints must be odd and at least 3 (θ* at the centre, both sides); got {surface}."), nameof(SkipConnections.SurfacePoints));
        if (grid is 1 or 2)
            throw new ArgumentException(Invariant($"CurvatureGrid must be 0 (no map) or at least 3; got {grid}."), nameof(SkipConnections.CurvatureGrid));
        if (settings.LinePoints < 5 || settings.LinePoints % 2 == 0)
            throw new ArgumentException(Invariant($"LinePoints must be odd and at least 5 (θ* at the centre, the half radius on both sides); got {settings.LinePoints}."), nameof(SkipConnections.LinePoints));
        if (settings.LanczosIterations < 2)
            throw new ArgumentException(Invariant($"LanczosIterations must be at least 2; got {settings.LanczosIterations}."), nameof(SkipConnections.LanczosIterations));
        if (settings.PointsPerDecade < 2)
            throw new ArgumentException(Invariant($"PointsPerDecade must be at least 2; got {settings.PointsPerDecade}."), nameof(SkipConnections.PointsPerDecade));
        PositiveFinite(settings.LearningRate, nameof(SkipConnections.LearningRate));
        PositiveFinite(settings.LossThreshold, nameof(SkipConnections.LossThreshold));
        PositiveFinite(settings.SurfaceRadius, nameof(SkipConnections.SurfaceRadius));
        PositiveFinite(settings.MinT, nameof(SkipConnections.MinT));
        if (!(settings.Decades >= 2) || !(settings.Decades <= 12))
            throw new ArgumentException(Invariant($"Decades must lie in [2, 12] (the first decade is summarized separately); got {settings.Decades}."), nameof(SkipConnections.Decades));
        return new SkipConnectionsPlan(pairs, seeds, examples, steps, settings.LearningRate, settings.LossThreshold, surface, settings.SurfaceRadius,
                                       settings.LinePoints, grid, settings.LanczosIterations, settings.MinT, settings.Decades, settings.PointsPerDecade);
    }


    /// <summary>A setting whose 0 is a value of its own (no map), so "the profile default" is −1.</summary>
    private static int NonNegative(int value, int profileDefault, string name)
    {
        if (value < -1) throw new ArgumentException(Invariant($"{name} must be ≥ 0 (or −1 for the profile default); got {value}."), name);
        return value == -1 ? profileDefault : value;
    }

    private static void PositiveFinite(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new ArgumentException(Invariant($"{name} must be positive and finite; got {value}."), name);
    }
}
