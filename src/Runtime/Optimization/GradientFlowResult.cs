using System;
using System.IO;
using Landscape.Reporting;

namespace Landscape.Optimization;

/// <summary>
/// The path of a <see cref="GradientFlow.Rk4"/> integration: one row per visited point, from t = 0 to the requested
/// end time exactly.
/// </summary>
public sealed class GradientFlowResult
{
    internal GradientFlowResult(double[] times, double[] losses, double[] sharpness, double[] stepSizes, long gradientEvaluations,
                                long hvpCount, int sharpnessMeasurements)
    {
        Times = times;
        Losses = losses;
        Sharpness = sharpness;
        StepSizes = stepSizes;
        GradientEvaluations = gradientEvaluations;
        HvpCount = hvpCount;
        SharpnessMeasurements = sharpnessMeasurements;
    }

    /// <summary>The times t₀ = 0 &lt; t₁ &lt; … of the visited points; the last equals the requested time exactly.</summary>
    public double[] Times { get; }

    /// <summary>L(θ(tᵢ)), parallel to <see cref="Times"/>.</summary>
    public double[] Losses { get; }

    /// <summary>
    /// The sharpness λ_max(θ(tᵢ)) where it was measured (at the start of every <see cref="GradientFlowOptions.SharpnessEvery"/>-th
    /// step), NaN elsewhere, at the final point and everywhere for a fixed step; parallel to <see cref="Times"/>.
    /// </summary>
    public double[] Sharpness { get; }

    /// <summary>The RK4 step hᵢ taken from tᵢ to tᵢ₊₁ (one fewer than <see cref="Times"/>).</summary>
    public double[] StepSizes { get; }

    /// <summary>The number of RK4 steps (the length of <see cref="StepSizes"/>).</summary>
    public int Steps => StepSizes.Length;

    /// <summary>Gradient evaluations made (four per step, plus one loss-only evaluation at the end, not counted here).</summary>
    public long GradientEvaluations { get; }

    /// <summary>Hessian-vector products spent on sharpness measurements.</summary>
    public long HvpCount { get; }

    /// <summary>How many times the sharpness was computed.</summary>
    public int SharpnessMeasurements { get; }

    /// <summary>Writes <c>time,loss,sharpness,step_size</c> rows (invariant culture, round-trip doubles; the last row's step size is NaN).</summary>
    public void ToCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        CsvWriter.WriteHeader(writer, "time", "loss", "sharpness", "step_size");
        for (int i = 0; i < Times.Length; i++)
            CsvWriter.WriteRow(writer, Times[i], Losses[i], Sharpness[i], i < StepSizes.Length ? StepSizes[i] : double.NaN);
    }
}
