using System;
using System.Collections.Generic;

namespace Landscape.Experiments.Studies;

/// <summary>
/// E4: data of different magnitudes give a two-layer tanh network different loss scales. At a teacher (an exact
/// minimum) in tanh's linear regime, each example's loss along a first-layer direction grows like rᵢ²t² until
/// |t| ≈ c/rᵢ and then saturates, so one magnitude gives one scale, two magnitudes two separated steps, and a
/// power-law density ρ(r) ∝ r^(−1−β) the subquadratic growth ΔL ∝ |t|^β; a linear model stays exactly quadratic.
/// </summary>
[Experiment("data-magnitudes", Summary = "Data magnitudes set the loss scales of a two-layer tanh net: one scale, two steps, |t|^β growth")]
public sealed partial class DataMagnitudes : IExperiment
{
    /// <summary>Input dimension d of the study's networks (fixed by their declarations).</summary>
    internal const int InputDimension = 10;

    /// <summary>Hidden units m of the tanh network (fixed by its declaration).</summary>
    internal const int HiddenUnits = 20;

    /// <summary>A step of ΔL(t) is a run of t where the local exponent exceeds this level (ΔL grows faster than |t|^0.15).</summary>
    internal const double StepLevel = 0.15;

    /// <summary>An example has saturated once its own local exponent falls below this level (its loss grows slower than |t|^0.5).</summary>
    internal const double SaturationLevel = 0.5;

    /// <summary>Examples per data set; 0 uses the profile default (2000 test, 4000 quick and full).</summary>
    [Setting("Examples per data set (0 = profile default: 2000 test, 4000 quick and full)")]
    public int Samples { get; set; }

    /// <summary>Independent seeds (data, teacher, direction); 0 uses the profile default (1 test and quick, 3 full).</summary>
    [Setting("Independent seeds for data, teacher and direction (0 = profile default: 1 test/quick, 3 full)")]
    public int Seeds { get; set; }

    /// <summary>Grid points per decade of |t|; 0 uses the profile default (6 test, 10 quick, 20 full).</summary>
    [Setting("Grid points per decade of |t| (0 = profile default: 6 test, 10 quick, 20 full)")]
    public int PointsPerDecade { get; set; }

    /// <summary>Reshufflings of which magnitude goes with which direction per power law; 0 uses the profile default (8 test, 16 quick, 32 full).</summary>
    [Setting("Reshufflings of the magnitudes among the directions per power law (0 = profile default: 8 test, 16 quick, 32 full)")]
    public int Reshuffles { get; set; }

    /// <summary>Smallest |t| of the growth profiles.</summary>
    [Setting("Smallest |t| of the growth profiles")]
    public double MinT { get; set; } = 1e-6;

    /// <summary>Largest |t| of the growth profiles.</summary>
    [Setting("Largest |t| of the growth profiles")]
    public double MaxT { get; set; } = 1e4;

    /// <summary>Tail exponents β of the power-law magnitude densities ρ(r) ∝ r^(−1−β).</summary>
    [Setting("Tail exponents β of the power-law magnitude densities r^(-1-β)")]
    public double[] Betas { get; set; } = [0.5, 1.0, 1.5];

    /// <summary>Largest magnitude of the power law (the smallest is 1).</summary>
    [Setting("Largest magnitude of the power law on [1, max]")]
    public double MaxMagnitude { get; set; } = 1e4;

    /// <summary>Power-law magnitudes as the n midpoint quantiles of the density (true) or as independent inverse-CDF draws (false).</summary>
    [Setting("Power-law magnitudes as the midpoint quantiles of the density (true) or as independent random draws (false)")]
    public bool QuantileMagnitudes { get; set; } = true;

    /// <summary>The two magnitudes of case (b), in equal groups.</summary>
    [Setting("The two magnitudes of the two-group case (equal group sizes)")]
    public double[] GroupMagnitudes { get; set; } = [1.0, 100.0];

    /// <summary>Standard deviation of the linear-regime teacher's first-layer weights.</summary>
    [Setting("Std of the linear-regime teacher's first-layer weights")]
    public double TeacherWeightScale { get; set; } = 1e-7;

    /// <summary>Standard deviation of the saturated teacher's first-layer weights.</summary>
    [Setting("Std of the saturated teacher's first-layer weights")]
    public double SaturatedWeightScale { get; set; } = 1.0;

    /// <summary>Full-batch Adam steps of the trained student; 0 uses the profile default (300 test, 1000 quick, 4000 full).</summary>
    [Setting("Full-batch Adam steps for the trained student (0 = profile default: 300 test, 1000 quick, 4000 full)")]
    public int StudentSteps { get; set; }

    /// <summary>Adam learning rate of the trained student.</summary>
    [Setting("Adam learning rate of the trained student")]
    public double StudentLearningRate { get; set; } = 1e-3;

    /// <summary>Runs the study: plan, then the teacher cases for every seed and the trained student, then tables, figures and claims.</summary>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it).</exception>
    public ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        DataMagnitudesPlan plan = Plan(context);

        var models = new MagnitudeModels();
        List<SeedResults>? seeds;
        StudentResult? student;
        using (IProgressTask progress = context.Progress("data-magnitudes: growth profiles", plan.Seeds * (4 + 3 * plan.Betas.Length) + 1))
        {
            seeds = ProbeTeachers(context, plan, models, progress);
            if (seeds is null) return context.Result(); // cancelled
            student = TrainStudent(context, plan, models, seeds[0]);
            if (student is null) return context.Result();
            progress.Increment();
        }

        var results = new DataMagnitudesResults(seeds, student);
        WriteTables(context, results);
        DrawFigures(context, results);
        StateClaims(context, plan, results);
        return context.Result();
    }
}

/// <summary>What the study measured: every case for every seed, and the trained student (on the first seed's data).</summary>
/// <param name="Seeds">One entry per seed, in order.</param>
/// <param name="Student">The trained-student variant.</param>
internal sealed record DataMagnitudesResults(IReadOnlyList<SeedResults> Seeds, StudentResult Student);
