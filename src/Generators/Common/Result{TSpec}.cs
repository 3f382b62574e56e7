using System;

namespace Landscape.Generators.Common;

/// <summary>A pipeline value: a spec (null when the declaration is invalid) plus the diagnostics found while building it.</summary>
internal sealed record Result<TSpec>(TSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics)
    where TSpec : class, IEquatable<TSpec>;
