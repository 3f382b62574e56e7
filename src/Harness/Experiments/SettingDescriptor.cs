using System;
using System.Collections.Generic;

namespace Landscape.Experiments;

/// <summary>One setting of an experiment, as generated from a <see cref="SettingAttribute"/> property.</summary>
public sealed class SettingDescriptor
{
    /// <summary>Creates a descriptor (called by generated code).</summary>
    /// <param name="name">Command-line name in kebab case, without dashes (<c>learning-rates</c>).</param>
    /// <param name="propertyName">The C# property name.</param>
    /// <param name="kind">The element type.</param>
    /// <param name="isArray">Whether the setting is an array.</param>
    /// <param name="description">The <see cref="SettingAttribute.Description"/>.</param>
    /// <param name="enumTypeName">For enums, the enum's C# name (for help text).</param>
    /// <param name="enumValues">For enums, the member names in declaration order.</param>
    public SettingDescriptor(string name, string propertyName, SettingKind kind, bool isArray, string description,
        string? enumTypeName = null, IReadOnlyList<string>? enumValues = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(propertyName);
        Name = name;
        PropertyName = propertyName;
        Kind = kind;
        IsArray = isArray;
        Description = description ?? "";
        EnumTypeName = enumTypeName;
        EnumValues = enumValues ?? [];
    }

    /// <summary>Command-line name in kebab case, without dashes.</summary>
    public string Name { get; }

    /// <summary>The C# property name.</summary>
    public string PropertyName { get; }

    /// <summary>The element type.</summary>
    public SettingKind Kind { get; }

    /// <summary>Whether the setting takes several values.</summary>
    public bool IsArray { get; }

    /// <summary>What the setting controls.</summary>
    public string Description { get; }

    /// <summary>For enums, the enum type's name.</summary>
    public string? EnumTypeName { get; }

    /// <summary>For enums, the accepted member names.</summary>
    public IReadOnlyList<string> EnumValues { get; }

    /// <summary>The default value as command-line text (arrays comma-separated); set by <see cref="ExperimentDescriptor"/>.</summary>
    public string Default { get; internal set; } = "";

    /// <summary>The type as shown in help: <c>double[]</c>, <c>int</c>, <c>Activation</c>, ….</summary>
    public string TypeDisplay
    {
        get
        {
            string element = Kind switch
            {
                SettingKind.Boolean => "bool",
                SettingKind.Int32 => "int",
                SettingKind.Int64 => "long",
                SettingKind.Double => "double",
                SettingKind.String => "string",
                _ => EnumTypeName ?? "enum",
            };
            return IsArray ? element + "[]" : element;
        }
    }
}
