using System;
using Microsoft.CodeAnalysis;

namespace Landscape.Generators;

/// <summary>
/// Every diagnostic the Landscape generators report. IDs: LSG0001–0099 declaration usage, LSG0100–0199 network shape and
/// arguments, LSG0900+ internal. Must be kept in sync with docs/diagnostics.md and AnalyzerReleases.Unshipped.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string UsageCategory = "Landscape.Usage";
    private const string ShapeCategory = "Landscape.Network";
    // Relative to the repository root: the project has no public URL yet.
    private const string HelpBase = "docs/diagnostics.md#";

    /// <summary>LSG0001: "Network type '{0}' must be declared partial so the generator can add its members".</summary>
    public static DiagnosticDescriptor NotPartial { get; } = new DiagnosticDescriptor(
        id: "LSG0001",
        title: "Network type must be partial",
        messageFormat: "Network type '{0}' must be declared partial so the generator can add its members; add the 'partial' modifier",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0001");

    /// <summary>LSG0002: "Network type '{0}' cannot be generic or nested in a generic type".</summary>
    public static DiagnosticDescriptor Generic { get; } = new DiagnosticDescriptor(
        id: "LSG0002",
        title: "Network type cannot be generic",
        messageFormat: "Network type '{0}' cannot be generic or nested in a generic type; declare it in a non-generic scope",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0002");

    /// <summary>LSG0003: "Type '{0}', which contains network '{1}', must be declared partial".</summary>
    public static DiagnosticDescriptor ContainingTypeNotPartial { get; } = new DiagnosticDescriptor(
        id: "LSG0003",
        title: "Containing type must be partial",
        messageFormat: "Type '{0}', which contains network '{1}', must be declared partial; add the 'partial' modifier or move the network out",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0003");

    /// <summary>LSG0004: "Network type '{0}' cannot be static".</summary>
    public static DiagnosticDescriptor Static { get; } = new DiagnosticDescriptor(
        id: "LSG0004",
        title: "Network type cannot be static",
        messageFormat: "Network type '{0}' cannot be static: it implements IModel; remove the 'static' modifier",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0004");

    /// <summary>LSG0101: "Network '{0}' has no [Input]".</summary>
    public static DiagnosticDescriptor MissingInput { get; } = new DiagnosticDescriptor(
        id: "LSG0101",
        title: "Missing [Input]",
        messageFormat: "Network '{0}' has no [Input]; add [Input(features)] to declare the input size",
        category: ShapeCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0101");

    /// <summary>LSG0102: "Network '{0}' has more than one [Input]".</summary>
    public static DiagnosticDescriptor DuplicateInput { get; } = new DiagnosticDescriptor(
        id: "LSG0102",
        title: "Duplicate [Input]",
        messageFormat: "Network '{0}' has more than one [Input]; keep exactly one",
        category: ShapeCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0102");

    /// <summary>LSG0103: "Network '{0}' has no [Dense] layer".</summary>
    public static DiagnosticDescriptor NoLayers { get; } = new DiagnosticDescriptor(
        id: "LSG0103",
        title: "No [Dense] layer",
        messageFormat: "Network '{0}' has no [Dense] layer; add at least one, e.g. [Dense(10)] for the output layer",
        category: ShapeCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0103");

    /// <summary>LSG0104: "{0} must be positive, but is {1}".</summary>
    public static DiagnosticDescriptor NonPositiveSize { get; } = new DiagnosticDescriptor(
        id: "LSG0104",
        title: "Size must be positive",
        messageFormat: "{0} must be positive, but is {1}",
        category: ShapeCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0104");

    /// <summary>LSG0105: "{0} is not a defined {1} value".</summary>
    public static DiagnosticDescriptor UnknownEnumValue { get; } = new DiagnosticDescriptor(
        id: "LSG0105",
        title: "Unknown enum value",
        messageFormat: "{0} is not a defined {1} value; use one of: {2}",
        category: ShapeCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0105");

    /// <summary>LSG0106: "Network '{0}' uses softmax cross-entropy with {1} output unit(s)".</summary>
    public static DiagnosticDescriptor CrossEntropyNeedsTwoOutputs { get; } = new DiagnosticDescriptor(
        id: "LSG0106",
        title: "Cross-entropy needs at least two outputs",
        messageFormat: "Network '{0}' uses softmax cross-entropy with {1} output unit; softmax over one unit is constant (loss 0), so use at least 2 output units or LossFunction.MeanSquaredError",
        category: ShapeCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0106");

    /// <summary>LSG0107: "Network '{0}' is too large: {1}".</summary>
    public static DiagnosticDescriptor TooLarge { get; } = new DiagnosticDescriptor(
        id: "LSG0107",
        title: "Network too large",
        messageFormat: "Network '{0}' is too large: {1}",
        category: ShapeCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0107");

    /// <summary>LSG0108: "InitScale must be finite and non-negative, but is {0}".</summary>
    public static DiagnosticDescriptor InvalidInitScale { get; } = new DiagnosticDescriptor(
        id: "LSG0108",
        title: "Invalid InitScale",
        messageFormat: "InitScale must be finite and non-negative, but is {0}",
        category: ShapeCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0108");

    /// <summary>LSG0999: "The Landscape generator failed on '{0}': {1}".</summary>
    public static DiagnosticDescriptor InternalError { get; } = new DiagnosticDescriptor(
        id: "LSG0999",
        title: "Internal generator error",
        messageFormat: "The Landscape generator failed on '{0}': {1}. Please report this with the declaration.",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0999");

    /// <summary>All descriptors, for lookup by ID.</summary>
    public static DiagnosticDescriptor[] All { get; } =
    [
        NotPartial, Generic, ContainingTypeNotPartial, Static,
        MissingInput, DuplicateInput, NoLayers, NonPositiveSize, UnknownEnumValue, CrossEntropyNeedsTwoOutputs, TooLarge, InvalidInitScale,
        InternalError,
    ];

    /// <summary>The descriptor with <paramref name="id"/>.</summary>
    public static DiagnosticDescriptor ById(string id)
    {
        foreach (DiagnosticDescriptor d in All)
            if (string.Equals(d.Id, id, StringComparison.Ordinal)) return d;
        throw new ArgumentException("Unknown diagnostic ID " + id, nameof(id));
    }
}
