namespace Landscape.Probes;

/// <summary>
/// The loss and the directional curvature split over caller-given groups of examples (group ids 0 … G − 1). Sums are
/// over the group's examples; shares are the sums divided by the total number of examples, so the shares of all groups
/// add up to the full-data mean loss L(θ) and curvature dᵀHd (to rounding).
/// </summary>
/// <param name="Count">Examples per group.</param>
/// <param name="LossSum">Σ ℓᵢ over each group.</param>
/// <param name="CurvatureSum">Σ dᵀHᵢd over each group.</param>
/// <param name="TotalExamples">The number of examples n over all groups.</param>
public sealed record GroupDecomposition(int[] Count, double[] LossSum, double[] CurvatureSum, int TotalExamples)
{
    /// <summary>The number of groups G.</summary>
    public int Groups => Count.Length;

    /// <summary>Mean loss within each group; NaN for an empty group.</summary>
    public double[] LossMean => Divide(LossSum, g => Count[g]);

    /// <summary>Mean curvature within each group; NaN for an empty group.</summary>
    public double[] CurvatureMean => Divide(CurvatureSum, g => Count[g]);

    /// <summary>Each group's contribution LossSum / n to the full-data loss; the shares sum to L(θ).</summary>
    public double[] LossShare => Divide(LossSum, _ => TotalExamples);

    /// <summary>Each group's contribution CurvatureSum / n to the full-data dᵀHd; the shares sum to dᵀHd.</summary>
    public double[] CurvatureShare => Divide(CurvatureSum, _ => TotalExamples);

    /// <summary>The full-data mean loss: Σ LossSum / n (NaN with no examples).</summary>
    public double TotalLoss => Total(LossSum);

    /// <summary>The full-data mean curvature: Σ CurvatureSum / n (NaN with no examples).</summary>
    public double TotalCurvature => Total(CurvatureSum);

    private static double[] Divide(double[] sums, System.Func<int, int> denominator)
    {
        var result = new double[sums.Length];
        for (int g = 0; g < sums.Length; g++)
        {
            int d = denominator(g);
            result[g] = d == 0 ? double.NaN : sums[g] / d;
        }
        return result;
    }

    private double Total(double[] sums)
    {
        if (TotalExamples == 0) return double.NaN;
        double total = 0;
        foreach (double s in sums) total += s;
        return total / TotalExamples;
    }
}
