using System;

namespace Landscape;

/// <summary>The number of input features of a <see cref="NetworkAttribute"/> declaration (exactly one per network).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InputAttribute(int size) : Attribute
{
    /// <summary>Input features per example (≥ 1).</summary>
    public int Size { get; } = size;
}
