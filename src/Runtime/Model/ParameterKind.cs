namespace Landscape;

/// <summary>What a <see cref="ParameterBlock"/> holds.</summary>
public enum ParameterKind
{
    /// <summary>A dense weight matrix, row-major [units × fan-in].</summary>
    Weight,

    /// <summary>A bias vector [units].</summary>
    Bias,

    /// <summary>A named scalar coordinate of an objective.</summary>
    Coordinate,
}
