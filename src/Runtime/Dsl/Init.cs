namespace Landscape;

/// <summary>
/// How <c>Initialize</c> draws a <see cref="DenseAttribute"/> layer's weights: zero-mean Gaussian with the standard deviation
/// below, multiplied by <see cref="DenseAttribute.InitScale"/>. Biases start at zero.
/// </summary>
public enum Init
{
    /// <summary>LeCun normal: std = 1/√fan-in.</summary>
    Default = 0,

    /// <summary>He normal (ReLU family): std = √(2/fan-in).</summary>
    He = 1,

    /// <summary>Xavier/Glorot normal: std = √(2/(fan-in + fan-out)).</summary>
    Xavier = 2,

    /// <summary>Standard normal: std = 1.</summary>
    Normal = 3,

    /// <summary>All weights zero.</summary>
    Zeros = 4,
}
