using System;

namespace Landscape;

/// <summary>
/// Global average pooling (PyTorch's <c>AdaptiveAvgPool2d(1)</c> followed by <c>flatten</c>): the mean over height and
/// width of each channel, so a C×H×W value becomes C flat values. A network may end with it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAvgPool2dAttribute : Attribute;
