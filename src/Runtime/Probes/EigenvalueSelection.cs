namespace Landscape.Probes;

/// <summary>Which end of the Hessian spectrum <see cref="Hessian.TopEigenpairs(IModel, System.ReadOnlySpan{double}, Dataset, int, LanczosOptions?)"/> computes.</summary>
public enum EigenvalueSelection
{
    /// <summary>The k algebraically largest eigenvalues, reported in descending order.</summary>
    Largest,

    /// <summary>The k algebraically smallest (most negative) eigenvalues, reported in ascending order (most negative first).</summary>
    Smallest,

    /// <summary>The k eigenvalues of largest magnitude |λ|, reported in descending order of |λ|.</summary>
    LargestMagnitude,
}
