namespace Landscape.Experiments;

/// <summary>A heat map over a grid: <c>Values[i, j]</c> at (<c>X[j]</c>, <c>Y[i]</c>).</summary>
/// <param name="Label">Colour-bar label.</param>
/// <param name="X">Column coordinates.</param>
/// <param name="Y">Row coordinates.</param>
/// <param name="Values">Row-major values, <c>Y.Length × X.Length</c>.</param>
public sealed record HeatmapData(string Label, double[] X, double[] Y, double[,] Values)
{
    /// <summary>
    /// The number of contour lines drawn over the colours (0 = none): at evenly spaced values strictly between the
    /// smallest and the largest value of the grid. Set by <see cref="Figure.Contours"/>.
    /// </summary>
    public int Contours { get; init; }
}
