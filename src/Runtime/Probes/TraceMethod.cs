namespace Landscape.Probes;

/// <summary>The stochastic estimator used by <see cref="Hessian.Trace(IModel, System.ReadOnlySpan{double}, Dataset, int, int, TraceMethod)"/>.</summary>
public enum TraceMethod
{
    /// <summary>Hutchinson: the mean of zᵀHz over Rademacher probes z (one HVP each).</summary>
    Hutchinson,

    /// <summary>
    /// Hutch++ (Meyer, Musco, Musco and Woodruff, 2021): the exact trace of H on a sketched dominant subspace plus
    /// Hutchinson on its orthogonal complement, with the HVP budget split in thirds.
    /// </summary>
    HutchPlusPlus,
}
