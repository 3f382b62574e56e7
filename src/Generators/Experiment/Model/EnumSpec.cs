using Landscape.Generators.Common;

namespace Landscape.Generators.Experiment.Model;

/// <summary>An enum used by a setting.</summary>
/// <param name="TypeName">The fully qualified C# name, e.g. <c>global::Samples.Mode</c>.</param>
/// <param name="DisplayName">The name shown in help text: the enum's name with its containing types, e.g. <c>Mode</c> or <c>Outer.Mode</c>.</param>
/// <param name="Members">The member names in declaration order, unescaped.</param>
internal sealed record EnumSpec(string TypeName, string DisplayName, EquatableArray<string> Members);
