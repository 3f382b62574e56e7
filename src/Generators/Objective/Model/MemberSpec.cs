namespace Landscape.Generators.Objective.Model;

/// <summary>A member read as a constant by the objective: how to read it in generated code, and how the source wrote it.</summary>
/// <param name="Expression">
/// The C# expression that reads it as a double from inside the type, e.g. <c>this.A</c>, <c>(double)this.Count</c>,
/// <c>global::Samples.Constants.Scale</c>, or a primary-constructor parameter's bare name.
/// </param>
/// <param name="Display">The reference as written in the objective, e.g. <c>A</c>, for the generated header.</param>
/// <param name="IsBoolean">True for a bool member used in a condition.</param>
/// <param name="IsBareName">True when <see cref="Expression"/> is a simple name (a primary-constructor parameter) that generated locals must not shadow.</param>
internal sealed record MemberSpec(string Expression, string Display, bool IsBoolean, bool IsBareName);
