using System;

namespace Landscape;

/// <summary>
/// Marks a public read-write property of an <see cref="ExperimentAttribute"/> class as a setting. Supported types:
/// <c>bool</c>, <c>int</c>, <c>long</c>, <c>double</c>, <c>string</c>, enums, and one-dimensional arrays of those.
/// The command-line name is the property name in kebab case (<c>LearningRates</c> → <c>--learning-rates</c>); the
/// default is the property's initial value.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class SettingAttribute(string description) : Attribute
{
    /// <summary>What the setting controls, shown by <c>--help</c> and <c>landscape describe</c>.</summary>
    public string Description { get; } = description;
}
