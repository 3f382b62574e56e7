namespace Landscape.Generators.Experiment.Model;

/// <summary>One [Setting] property of an experiment.</summary>
/// <param name="Name">The command-line name: the property name in kebab case (<c>learning-rates</c>).</param>
/// <param name="PropertyName">The property name, unescaped (<c>LearningRates</c>).</param>
/// <param name="Kind">The element type.</param>
/// <param name="IsArray">Whether the property is a one-dimensional array of <see cref="Kind"/>.</param>
/// <param name="Description">The <c>[Setting]</c> description ("" when null).</param>
/// <param name="Enum">For <see cref="SettingKindSpec.Enum"/>, the enum type and its members; otherwise null.</param>
internal sealed record SettingSpec(
    string Name,
    string PropertyName,
    SettingKindSpec Kind,
    bool IsArray,
    string Description,
    EnumSpec? Enum);
