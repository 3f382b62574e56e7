namespace Landscape.Experiments;

/// <summary>How a series is drawn.</summary>
public enum SeriesKind
{
    /// <summary>Points joined by a line.</summary>
    Line,

    /// <summary>Markers only.</summary>
    Scatter,
}
