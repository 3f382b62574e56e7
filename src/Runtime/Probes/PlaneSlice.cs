using System.IO;
using Landscape.Reporting;

namespace Landscape.Probes;

/// <summary>The loss on a grid in the plane θ + x·d₁ + y·d₂: <see cref="Loss"/>[i, j] = L(θ + X[i]·d₁ + Y[j]·d₂).</summary>
/// <param name="X">Coordinates along d₁.</param>
/// <param name="Y">Coordinates along d₂.</param>
/// <param name="Loss">The loss, indexed [x index, y index].</param>
public sealed record PlaneSlice(double[] X, double[] Y, double[,] Loss)
{
    /// <summary>Writes the long format <c>x,y,loss</c>: one line per grid point, x outer, y inner (invariant culture, round-trip).</summary>
    public void WriteCsv(TextWriter writer)
    {
        CsvWriter.WriteHeader(writer, "x", "y", "loss");
        for (int i = 0; i < X.Length; i++)
            for (int j = 0; j < Y.Length; j++)
                CsvWriter.WriteRow(writer, X[i], Y[j], Loss[i, j]);
    }
}
