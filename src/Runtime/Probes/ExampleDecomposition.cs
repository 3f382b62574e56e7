namespace Landscape.Probes;

/// <summary>
/// The loss and the directional curvature split over examples: <see cref="Loss"/>[i] = ℓᵢ(θ) and
/// <see cref="Curvature"/>[i] = dᵀHᵢd, with Hᵢ the Hessian of ℓᵢ; the full-data values are their means.
/// </summary>
/// <param name="Loss">ℓᵢ(θ) per example.</param>
/// <param name="Curvature">dᵀ∇²ℓᵢ(θ)d per example.</param>
public sealed record ExampleDecomposition(double[] Loss, double[] Curvature)
{
    /// <summary>The mean loss (equals L(θ) to rounding); NaN with no examples.</summary>
    public double MeanLoss => Mean(Loss);

    /// <summary>The mean curvature (equals dᵀHd of the full data to rounding); NaN with no examples.</summary>
    public double MeanCurvature => Mean(Curvature);

    private static double Mean(double[] values) =>
        values.Length == 0 ? double.NaN : System.Numerics.Tensors.TensorPrimitives.Sum<double>(values) / values.Length;
}
