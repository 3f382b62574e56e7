using System.Collections.Generic;
using System.IO;
using Landscape.Data;
using Landscape.Reporting;

namespace Landscape.Probes;

/// <summary>
/// The loss along a line θ + t·d: at every <see cref="T"/>[k], the loss L, the slope ∇L·d (the first derivative of
/// L(θ + t·d) in t) and the curvature dᵀHd (the second derivative), all from one fused Hessian-vector-product pass.
/// </summary>
/// <param name="T">The positions t along the direction.</param>
/// <param name="Loss">L(θ + t·d).</param>
/// <param name="Slope">∇L(θ + t·d)·d.</param>
/// <param name="Curvature">dᵀ H(θ + t·d) d.</param>
public sealed record LineSlice(double[] T, double[] Loss, double[] Slope, double[] Curvature)
{
    /// <summary>Writes the columns <c>t,loss,slope,curvature</c>, one line per point (invariant culture, round-trip).</summary>
    public void WriteCsv(TextWriter writer)
    {
        CsvWriter.WriteHeader(writer, "t", "loss", "slope", "curvature");
        for (int k = 0; k < T.Length; k++)
            CsvWriter.WriteRow(writer, T[k], Loss[k], Slope[k], Curvature[k]);
    }

    /// <summary>
    /// Writes the slice for NumPy: four 1-dimensional float64 files of equal length in <paramref name="directory"/>
    /// (created if missing) — <c>t.npy</c>, <c>loss.npy</c>, <c>slope.npy</c> and <c>curvature.npy</c>, the columns of
    /// <see cref="WriteCsv"/> — each written atomically.
    /// </summary>
    /// <returns>The paths written, in the order above.</returns>
    public IReadOnlyList<string> WriteNpy(string directory) => Npy.WriteColumns(directory,
        ("t", new NpyArray([T.Length], T)), ("loss", new NpyArray([Loss.Length], Loss)),
        ("slope", new NpyArray([Slope.Length], Slope)), ("curvature", new NpyArray([Curvature.Length], Curvature)));
}
