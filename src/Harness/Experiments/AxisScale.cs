namespace Landscape.Experiments;

/// <summary>Scale of a figure axis.</summary>
public enum AxisScale
{
    /// <summary>Linear axis.</summary>
    Linear,

    /// <summary>Base-10 logarithmic axis; non-positive values are left out of the plot (never of the tables).</summary>
    Log,
}
