using System.Collections.Generic;
using System.IO;
using Landscape.Data;
using Landscape.Reporting;

namespace Landscape.Probes;

/// <summary>
/// How the loss grows away from θ along a direction d, on a log-spaced grid of |t| on both sides: the increase
/// ΔL(t) = L(θ + t·d) − L(θ), the local exponent p(t) = d ln ΔL / d ln|t|, the quadratic model ½ dᵀHd t², and the radius
/// where the quadratic regime (p ≈ 2) ends.
/// </summary>
/// <param name="T">The positions, ascending: −maxT … −minT, then minT … maxT.</param>
/// <param name="Delta">ΔL(t), computed as the mean over examples of ℓᵢ(θ + t·d) − ℓᵢ(θ) (see <see cref="Growth.Profile"/>).</param>
/// <param name="Quadratic">The quadratic prediction ½ dᵀH(θ)d · t².</param>
/// <param name="LocalExponent">
/// p(t) by centered differences in log–log between the neighbouring points on the same side; NaN at the two ends of each
/// side and wherever this point or a neighbour has ΔL ≤ 0 or is flagged in <see cref="Underflow"/>.
/// </param>
/// <param name="Underflow">
/// True where |ΔL| ≤ <see cref="Growth.UnderflowUlps"/> ulps of L(θ): the difference is dominated by rounding (or θ + t·d
/// rounds to θ) and is excluded from exponents and fits.
/// </param>
/// <param name="BaseLoss">L(θ).</param>
/// <param name="Curvature">dᵀH(θ)d.</param>
/// <param name="QuadraticRadiusPositive">The smallest |t| with t &gt; 0 where p is defined and |p − 2| &gt; 0.1; +∞ if p never leaves 2 ± 0.1 (the quadratic regime covers the whole grid).</param>
/// <param name="QuadraticRadiusNegative">The same for t &lt; 0 (reported as a positive |t|).</param>
public sealed record GrowthProfile(
    double[] T,
    double[] Delta,
    double[] Quadratic,
    double[] LocalExponent,
    bool[] Underflow,
    double BaseLoss,
    double Curvature,
    double QuadraticRadiusPositive,
    double QuadraticRadiusNegative)
{
    /// <summary>
    /// The smaller of <see cref="QuadraticRadiusPositive"/> and <see cref="QuadraticRadiusNegative"/>: +∞ when p stays within
    /// 2 ± 0.1 over the whole grid on both sides.
    /// </summary>
    public double QuadraticRadius => System.Math.Min(QuadraticRadiusPositive, QuadraticRadiusNegative);

    /// <summary>Writes the columns <c>t,delta,quadratic,exponent,underflow</c> (underflow as 0/1; invariant culture, round-trip).</summary>
    public void WriteCsv(TextWriter writer)
    {
        CsvWriter.WriteHeader(writer, "t", "delta", "quadratic", "exponent", "underflow");
        for (int k = 0; k < T.Length; k++)
            CsvWriter.WriteRow(writer, T[k], Delta[k], Quadratic[k], LocalExponent[k], Underflow[k] ? 1 : 0);
    }

    /// <summary>
    /// Writes the profile for NumPy: five 1-dimensional float64 files of equal length in <paramref name="directory"/>
    /// (created if missing) — <c>t.npy</c>, <c>delta.npy</c>, <c>quadratic.npy</c>, <c>exponent.npy</c> and
    /// <c>underflow.npy</c> (1.0 where flagged, else 0.0), the columns of <see cref="WriteCsv"/> — each written atomically.
    /// The scalars (<see cref="BaseLoss"/>, <see cref="Curvature"/>, the radii) are properties, not files.
    /// </summary>
    /// <returns>The paths written, in the order above.</returns>
    public IReadOnlyList<string> WriteNpy(string directory)
    {
        var underflow = new double[Underflow.Length];
        for (int k = 0; k < underflow.Length; k++) underflow[k] = Underflow[k] ? 1 : 0;
        return Npy.WriteColumns(directory,
            ("t", new NpyArray([T.Length], T)), ("delta", new NpyArray([Delta.Length], Delta)),
            ("quadratic", new NpyArray([Quadratic.Length], Quadratic)), ("exponent", new NpyArray([LocalExponent.Length], LocalExponent)),
            ("underflow", new NpyArray([underflow.Length], underflow)));
    }
}
