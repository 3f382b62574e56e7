using System;
using System.Globalization;

namespace Landscape.Experiments.Studies;

public sealed partial class DataMagnitudes
{
    /// <summary>
    /// The plan step: resolves the settings against the profile, validates them, and writes the resolved values back to
    /// the profile-dependent settings, so the manifest and the report record the values the run used (not 0).
    /// </summary>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it); no setting is changed.</exception>
    internal DataMagnitudesPlan Plan(ExperimentContext context)
    {
        DataMagnitudesPlan plan = DataMagnitudesPlan.Resolve(this, context);
        Samples = plan.Samples;
        Seeds = plan.Seeds;
        PointsPerDecade = plan.PointsPerDecade;
        Reshuffles = plan.Reshuffles;
        StudentSteps = plan.StudentSteps;
        return plan;
    }
}

/// <summary>The settings of <see cref="DataMagnitudes"/> resolved against the profile and validated.</summary>
internal sealed record DataMagnitudesPlan(
    int Samples,
    int Seeds,
    int PointsPerDecade,
    int Reshuffles,
    double MinT,
    double MaxT,
    double[] Betas,
    double MaxMagnitude,
    bool QuantileMagnitudes,
    double[] GroupMagnitudes,
    double TeacherWeightScale,
    double SaturatedWeightScale,
    int StudentSteps,
    double StudentLearningRate)
{
    /// <summary>Resolves the zero settings to the profile's defaults and checks every value.</summary>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it).</exception>
    public static DataMagnitudesPlan Resolve(DataMagnitudes settings, ExperimentContext context)
    {
        int samples = settings.Samples > 0 ? settings.Samples : context.ByProfile(2000, 4000, 4000);
        int seeds = settings.Seeds > 0 ? settings.Seeds : context.ByProfile(1, 1, 3);
        int points = settings.PointsPerDecade > 0 ? settings.PointsPerDecade : context.ByProfile(6, 10, 20);
        int reshuffles = settings.Reshuffles > 0 ? settings.Reshuffles : context.ByProfile(8, 16, 32);
        int studentSteps = settings.StudentSteps > 0 ? settings.StudentSteps : context.ByProfile(300, 1000, 4000);

        if (settings.Samples < 0) throw new ArgumentOutOfRangeException(nameof(settings.Samples), settings.Samples, "Expected a positive number of examples (or 0 for the profile default).");
        if (settings.Seeds < 0) throw new ArgumentOutOfRangeException(nameof(settings.Seeds), settings.Seeds, "Expected a positive number of seeds (or 0 for the profile default).");
        if (settings.PointsPerDecade < 0) throw new ArgumentOutOfRangeException(nameof(settings.PointsPerDecade), settings.PointsPerDecade, "Expected positive points per decade (or 0 for the profile default).");
        if (settings.Reshuffles < 0) throw new ArgumentOutOfRangeException(nameof(settings.Reshuffles), settings.Reshuffles, "Expected a positive number of reshufflings (or 0 for the profile default).");
        if (reshuffles < 2) throw new ArgumentOutOfRangeException(nameof(settings.Reshuffles), reshuffles, "Expected at least 2 reshufflings (their spread needs two).");
        if (settings.StudentSteps < 0) throw new ArgumentOutOfRangeException(nameof(settings.StudentSteps), settings.StudentSteps, "Expected a positive number of steps (or 0 for the profile default).");
        if (samples < 20) throw new ArgumentOutOfRangeException(nameof(settings.Samples), samples, "Expected at least 20 examples per data set.");
        if (points < 3) throw new ArgumentOutOfRangeException(nameof(settings.PointsPerDecade), points, "Expected at least 3 grid points per decade (the local exponent needs neighbours).");
        if (!(settings.MinT > 0) || !(settings.MaxT > settings.MinT * 100) || !double.IsFinite(settings.MaxT))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Expected 0 < MinT and MaxT ≥ 100·MinT (finite); got MinT = {settings.MinT}, MaxT = {settings.MaxT}."), nameof(settings.MinT));
        ArgumentNullException.ThrowIfNull(settings.Betas, nameof(settings.Betas));
        if (settings.Betas.Length == 0) throw new ArgumentException("Expected at least one tail exponent β.", nameof(settings.Betas));
        foreach (double beta in settings.Betas)
            if (!(beta > 0 && beta < 2)) throw new ArgumentOutOfRangeException(nameof(settings.Betas), beta, "Each β must lie in (0, 2), where ΔL ∝ |t|^β is predicted.");
        if (!(settings.MaxMagnitude > 1) || !double.IsFinite(settings.MaxMagnitude))
            throw new ArgumentOutOfRangeException(nameof(settings.MaxMagnitude), settings.MaxMagnitude, "Expected a finite largest magnitude above 1 (the smallest is 1).");
        ArgumentNullException.ThrowIfNull(settings.GroupMagnitudes, nameof(settings.GroupMagnitudes));
        if (settings.GroupMagnitudes.Length != 2 || !(settings.GroupMagnitudes[0] > 0) || !(settings.GroupMagnitudes[1] > settings.GroupMagnitudes[0]) || !double.IsFinite(settings.GroupMagnitudes[1]))
            throw new ArgumentException("Expected two increasing positive magnitudes; got [" + string.Join(", ", System.Array.ConvertAll(settings.GroupMagnitudes, v => v.ToString(CultureInfo.InvariantCulture))) + "].", nameof(settings.GroupMagnitudes));
        if (!(settings.TeacherWeightScale > 0) || !double.IsFinite(settings.TeacherWeightScale))
            throw new ArgumentOutOfRangeException(nameof(settings.TeacherWeightScale), settings.TeacherWeightScale, "Expected a positive, finite weight scale.");
        if (!(settings.SaturatedWeightScale > 0) || !double.IsFinite(settings.SaturatedWeightScale))
            throw new ArgumentOutOfRangeException(nameof(settings.SaturatedWeightScale), settings.SaturatedWeightScale, "Expected a positive, finite weight scale.");
        if (!(settings.StudentLearningRate > 0) || !double.IsFinite(settings.StudentLearningRate))
            throw new ArgumentOutOfRangeException(nameof(settings.StudentLearningRate), settings.StudentLearningRate, "Expected a positive, finite learning rate.");

        return new DataMagnitudesPlan(samples, seeds, points, reshuffles, settings.MinT, settings.MaxT, (double[])settings.Betas.Clone(), settings.MaxMagnitude, settings.QuantileMagnitudes,
                             (double[])settings.GroupMagnitudes.Clone(), settings.TeacherWeightScale, settings.SaturatedWeightScale,
                             studentSteps, settings.StudentLearningRate);
    }
}
