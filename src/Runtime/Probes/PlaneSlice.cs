using System.Collections.Generic;
using System.IO;
using Landscape.Data;
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

    /// <summary>
    /// Writes the slice for NumPy in <paramref name="directory"/> (created if missing), each file atomically:
    /// <c>x.npy</c> (length nx), <c>y.npy</c> (length ny) and <c>loss.npy</c>, a 2-dimensional float64 array of shape
    /// (nx, ny) with <c>loss[i, j]</c> = L(θ + x[i]·d₁ + y[j]·d₂) — the grid itself, not the long CSV format, so
    /// <c>plt.contour(x, y, loss.T)</c> plots it directly.
    /// </summary>
    /// <returns>The paths written, in the order above.</returns>
    public IReadOnlyList<string> WriteNpy(string directory)
    {
        int rows = Loss.GetLength(0), columns = Loss.GetLength(1);
        var grid = new double[Loss.Length];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                grid[i * columns + j] = Loss[i, j];
        return Npy.WriteColumns(directory,
            ("x", new NpyArray([X.Length], X)), ("y", new NpyArray([Y.Length], Y)), ("loss", new NpyArray([rows, columns], grid)));
    }
}
