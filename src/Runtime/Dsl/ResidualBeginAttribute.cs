using System;

namespace Landscape;

/// <summary>
/// Opens a residual block: the value entering here, x, is kept for the shortcut that <see cref="ResidualEndAttribute"/>
/// adds back. The layers between the two are the block's F. Blocks do not nest and are not empty.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ResidualBeginAttribute : Attribute;
