using System;
using Microsoft.CodeAnalysis;

namespace Landscape.Generators;

/// <summary>
/// Every diagnostic the Landscape generators report. IDs: LSG0001–0099 declaration usage, LSG0100–0199 network shape and
/// arguments, LSG0200–0299 [Objective] declarations and expressions,
/// LSG0300–0399 [Experiment] classes and their [Setting] properties, LSG0900+ internal. Must be kept in sync with docs/diagnostics.md and AnalyzerReleases.Unshipped.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string UsageCategory = "Landscape.Usage";
    private const string ShapeCategory = "Landscape.Network";
    private const string ObjectiveCategory = "Landscape.Objective";
    private const string ExperimentCategory = "Landscape.Experiment";
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

    /// <summary>LSG0103: "Network '{0}' has no layer".</summary>
    public static DiagnosticDescriptor NoLayers { get; } = new DiagnosticDescriptor(
        id: "LSG0103",
        title: "No layer",
        messageFormat: "Network '{0}' has no layer; add at least one, e.g. [Dense(10)] for the output layer",
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

    /// <summary>LSG0110: "{0} needs an image value (channels × height × width) but reads {1} flat values".</summary>
    public static DiagnosticDescriptor SpatialLayerOnFlatValue { get; } = new DiagnosticDescriptor(
        id: "LSG0110",
        title: "Spatial layer on a flat value",
        messageFormat: "{0} needs an image value (channels × height × width) but reads {1} flat values; declare [Input(channels, height, width)] and put spatial layers before the first [Dense]",
        category: ShapeCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0110");

    /// <summary>LSG0111: "{0} reads {1}: its {2}×{2} window does not fit the padded input ({3} after padding {4})".</summary>
    public static DiagnosticDescriptor WindowLargerThanInput { get; } = new DiagnosticDescriptor(
        id: "LSG0111",
        title: "Window larger than the padded input",
        messageFormat: "{0} reads {1}: its {2}×{2} window does not fit the padded input ({3} after padding {4}); use a smaller kernel or window, or more padding",
        category: ShapeCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0111");

    /// <summary>LSG0112: "{0} has Padding = {1}".</summary>
    public static DiagnosticDescriptor NegativePadding { get; } = new DiagnosticDescriptor(
        id: "LSG0112",
        title: "Negative padding",
        messageFormat: "{0} has Padding = {1}; padding must be zero or positive",
        category: ShapeCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0112");

    /// <summary>LSG0113: "[ResidualEnd] in network '{0}' closes no block".</summary>
    public static DiagnosticDescriptor ResidualEndWithoutBegin { get; } = new DiagnosticDescriptor(
        id: "LSG0113",
        title: "[ResidualEnd] without [ResidualBegin]",
        messageFormat: "[ResidualEnd] in network '{0}' closes no block; add [ResidualBegin] before the block's first layer, or remove it",
        category: ShapeCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0113");

    /// <summary>LSG0114: "[ResidualBegin] opens block {0} of network '{1}', which is never closed".</summary>
    public static DiagnosticDescriptor UnclosedResidualBlock { get; } = new DiagnosticDescriptor(
        id: "LSG0114",
        title: "Unclosed residual block",
        messageFormat: "[ResidualBegin] opens block {0} of network '{1}', which is never closed; add [ResidualEnd] after the block's last layer",
        category: ShapeCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0114");

    /// <summary>LSG0115: "[ResidualBegin] opens a block inside block {0}, which is still open".</summary>
    public static DiagnosticDescriptor NestedResidualBlock { get; } = new DiagnosticDescriptor(
        id: "LSG0115",
        title: "Nested residual block",
        messageFormat: "[ResidualBegin] opens a block inside block {0}, which is still open; residual blocks do not nest, so close {0} with [ResidualEnd] before opening another",
        category: ShapeCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0115");

    /// <summary>LSG0116: "Residual block {0} has no layer between [ResidualBegin] and [ResidualEnd]".</summary>
    public static DiagnosticDescriptor EmptyResidualBlock { get; } = new DiagnosticDescriptor(
        id: "LSG0116",
        title: "Empty residual block",
        messageFormat: "Residual block {0} has no layer between [ResidualBegin] and [ResidualEnd]; put the block's layers between them, or remove both",
        category: ShapeCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0116");

    /// <summary>LSG0117: "Residual block {0} maps its input {1} to {2}, so the shortcut x cannot be added to F(x)".</summary>
    public static DiagnosticDescriptor ResidualShapeMismatch { get; } = new DiagnosticDescriptor(
        id: "LSG0117",
        title: "Residual shapes differ",
        messageFormat: "Residual block {0} maps its input {1} to {2}, so the shortcut x cannot be added to F(x); use [ResidualEnd(..., Projection = true)] for a learned {3} shortcut, or make the block keep the shape",
        category: ShapeCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0117");

    /// <summary>LSG0118: "Residual block {0} maps its input {1} to {2}, but its 1×1 projection with stride {3} (the product of the block's strides) gives {4}".</summary>
    public static DiagnosticDescriptor ProjectionCannotMatch { get; } = new DiagnosticDescriptor(
        id: "LSG0118",
        title: "Projection cannot reproduce the block's shape",
        messageFormat: "Residual block {0} maps its input {1} to {2}, but its 1×1 projection with stride {3} (the product of the block's strides) gives {4}; make the block's sizes follow its strides (e.g. Padding = kernel/2 on odd kernels)",
        category: ShapeCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0118");

    /// <summary>LSG0119: "{0} has Padding = {1} with a {2}×{2} window".</summary>
    public static DiagnosticDescriptor PoolingPaddingTooLarge { get; } = new DiagnosticDescriptor(
        id: "LSG0119",
        title: "Pooling padding above half the window",
        messageFormat: "{0} has Padding = {1} with a {2}×{2} window; padding must be at most {3} (size/2, as PyTorch requires), or a window could hold only padding",
        category: ShapeCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0119");

    /// <summary>LSG0120: "Network '{0}' ends in {1}, whose output {2} is an image".</summary>
    public static DiagnosticDescriptor OutputNotFlat { get; } = new DiagnosticDescriptor(
        id: "LSG0120",
        title: "Network output is not flat",
        messageFormat: "Network '{0}' ends in {1}, whose output {2} is an image; the loss needs flat outputs, so end with [Dense(outputs)] or [GlobalAvgPool2d]",
        category: ShapeCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0120");

    /// <summary>LSG0121: "Network '{0}' has no parameters: none of its layers has weights".</summary>
    public static DiagnosticDescriptor NoParameters { get; } = new DiagnosticDescriptor(
        id: "LSG0121",
        title: "Network has no parameters",
        messageFormat: "Network '{0}' has no parameters: none of its layers has weights, so the loss does not depend on θ and has no gradient or Hessian; add a [Dense] or [Conv2d] layer, e.g. [Dense(10)] as the output layer",
        category: ShapeCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0121");

    /// <summary>LSG0201: "Objective type '{0}' must be declared partial so the generator can add the IModel members; add the 'partial' modifier".</summary>
    public static DiagnosticDescriptor ObjectiveNotPartial { get; } = new DiagnosticDescriptor(
        id: "LSG0201",
        title: "Objective type must be partial",
        messageFormat: "Objective type '{0}' must be declared partial so the generator can add the IModel members; add the 'partial' modifier",
        category: ObjectiveCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0201");

    /// <summary>LSG0202: "{0} cannot be generic: the generator emits non-generic code for a fixed list of double coordinates; remove the type parameters".</summary>
    public static DiagnosticDescriptor ObjectiveGeneric { get; } = new DiagnosticDescriptor(
        id: "LSG0202",
        title: "Objective cannot be generic",
        messageFormat: "{0} cannot be generic: the generator emits non-generic code for a fixed list of double coordinates; remove the type parameters",
        category: ObjectiveCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0202");

    /// <summary>LSG0203: "Type '{0}', which contains objective type '{1}', must be declared partial; add the 'partial' modifier or move the objective type out".</summary>
    public static DiagnosticDescriptor ObjectiveContainingTypeNotPartial { get; } = new DiagnosticDescriptor(
        id: "LSG0203",
        title: "Containing type of an objective must be partial",
        messageFormat: "Type '{0}', which contains objective type '{1}', must be declared partial; add the 'partial' modifier or move the objective type out",
        category: ObjectiveCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0203");

    /// <summary>LSG0204: "[Objective] method '{0}' must be an instance method: the generated IModel members are instance members that read the type's members as constants; remove 'static'".</summary>
    public static DiagnosticDescriptor ObjectiveStatic { get; } = new DiagnosticDescriptor(
        id: "LSG0204",
        title: "[Objective] method must be an instance method",
        messageFormat: "[Objective] method '{0}' must be an instance method: the generated IModel members are instance members that read the type's members as constants; remove 'static'",
        category: ObjectiveCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0204");

    /// <summary>LSG0205: "Type '{0}' has more than one [Objective] method; '{1}' is already its objective. Keep one [Objective] per type and declare another type for this one".</summary>
    public static DiagnosticDescriptor DuplicateObjective { get; } = new DiagnosticDescriptor(
        id: "LSG0205",
        title: "More than one [Objective] per type",
        messageFormat: "Type '{0}' has more than one [Objective] method; '{1}' is already its objective. Keep one [Objective] per type and declare another type for this one",
        category: ObjectiveCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0205");

    /// <summary>LSG0206: "Coordinate '{0}' {1}; every parameter of an [Objective] method is a coordinate and must be a by-value 'double'".</summary>
    public static DiagnosticDescriptor InvalidCoordinate { get; } = new DiagnosticDescriptor(
        id: "LSG0206",
        title: "Coordinate must be a plain double parameter",
        messageFormat: "Coordinate '{0}' {1}; every parameter of an [Objective] method is a coordinate and must be a by-value 'double'",
        category: ObjectiveCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0206");

    /// <summary>LSG0207: "[Objective] method '{0}' returns '{1}'; it must return double".</summary>
    public static DiagnosticDescriptor InvalidObjectiveReturnType { get; } = new DiagnosticDescriptor(
        id: "LSG0207",
        title: "[Objective] method must return double",
        messageFormat: "[Objective] method '{0}' returns '{1}'; it must return double",
        category: ObjectiveCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0207");

    /// <summary>LSG0208: "[Objective] method '{0}' has no parameters; declare each coordinate as a double parameter, e.g. 'double Value(double x, double y)'".</summary>
    public static DiagnosticDescriptor NoCoordinates { get; } = new DiagnosticDescriptor(
        id: "LSG0208",
        title: "[Objective] method has no coordinates",
        messageFormat: "[Objective] method '{0}' has no parameters; declare each coordinate as a double parameter, e.g. 'double Value(double x, double y)'",
        category: ObjectiveCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0208");

    /// <summary>LSG0209: "{0} is not supported in an [Objective]: {1}".</summary>
    public static DiagnosticDescriptor UnsupportedExpression { get; } = new DiagnosticDescriptor(
        id: "LSG0209",
        title: "Unsupported expression in an objective",
        messageFormat: "{0} is not supported in an [Objective]: {1}",
        category: ObjectiveCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0209");

    /// <summary>LSG0210: "Call to '{0}' is not supported in an [Objective]; the differentiable functions are the double overloads of {1}".</summary>
    public static DiagnosticDescriptor UnsupportedCall { get; } = new DiagnosticDescriptor(
        id: "LSG0210",
        title: "Unsupported call in an objective",
        messageFormat: "Call to '{0}' is not supported in an [Objective]; the differentiable functions are the double overloads of {1}",
        category: ObjectiveCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0210");

    /// <summary>LSG0211: "{0} is not supported in an [Objective] body; use local declarations, assignments to locals and one final 'return' (for piecewise functions, the conditional operator c ? a : b)".</summary>
    public static DiagnosticDescriptor UnsupportedStatement { get; } = new DiagnosticDescriptor(
        id: "LSG0211",
        title: "Unsupported statement in an objective",
        messageFormat: "{0} is not supported in an [Objective] body; use local declarations, assignments to locals and one final 'return' (for piecewise functions, the conditional operator c ? a : b)",
        category: ObjectiveCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0211");

    /// <summary>LSG0212: "Assignment to '{0}' is not supported: an [Objective] may assign only its own locals and coordinates; the type's members are read-only constants".</summary>
    public static DiagnosticDescriptor AssignmentToMember { get; } = new DiagnosticDescriptor(
        id: "LSG0212",
        title: "Assignment to a member in an objective",
        messageFormat: "Assignment to '{0}' is not supported: an [Objective] may assign only its own locals and coordinates; the type's members are read-only constants",
        category: ObjectiveCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0212");

    /// <summary>LSG0213: "[Objective] method '{0}' must have a body that ends with a 'return' statement (or an expression body)".</summary>
    public static DiagnosticDescriptor MissingReturn { get; } = new DiagnosticDescriptor(
        id: "LSG0213",
        title: "[Objective] method must end with a return",
        messageFormat: "[Objective] method '{0}' must have a body that ends with a 'return' statement (or an expression body)",
        category: ObjectiveCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0213");

    /// <summary>LSG0214: "'{0}' cannot be read in an [Objective]: {1}".</summary>
    public static DiagnosticDescriptor UnsupportedMember { get; } = new DiagnosticDescriptor(
        id: "LSG0214",
        title: "Unsupported member read in an objective",
        messageFormat: "'{0}' cannot be read in an [Objective]: {1}",
        category: ObjectiveCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0214");

    /// <summary>LSG0215: "[Objective] method '{0}' is declared in {1} '{2}'; declare it in a class, struct, record or record struct".</summary>
    public static DiagnosticDescriptor UnsupportedObjectiveType { get; } = new DiagnosticDescriptor(
        id: "LSG0215",
        title: "Objective declared in an unsupported type",
        messageFormat: "[Objective] method '{0}' is declared in {1} '{2}'; declare it in a class, struct, record or record struct",
        category: ObjectiveCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0215");

    /// <summary>LSG0216: "Member 'InitialPoint' of objective type '{0}' does not follow the convention 'double[] InitialPoint()' (a parameterless, non-generic method returning double[]); change its signature or rename it".</summary>
    public static DiagnosticDescriptor InvalidInitialPoint { get; } = new DiagnosticDescriptor(
        id: "LSG0216",
        title: "InitialPoint does not follow the convention",
        messageFormat: "Member 'InitialPoint' of objective type '{0}' does not follow the convention 'double[] InitialPoint()' (a parameterless, non-generic method returning double[]); change its signature or rename it",
        category: ObjectiveCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0216");

    /// <summary>LSG0301: "Experiment name '{0}' is used by more than one type: {1}; names must be unique within an assembly, so rename all but one".</summary>
    public static DiagnosticDescriptor DuplicateExperimentName { get; } = new DiagnosticDescriptor(
        id: "LSG0301",
        title: "Duplicate experiment name",
        messageFormat: "Experiment name '{0}' is used by more than one type: {1}; names must be unique within an assembly, so rename all but one",
        category: ExperimentCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0301");

    /// <summary>LSG0302: "Experiment name {0} is not lower-case kebab case (lower-case letters and digits, words joined by single hyphens, starting with a letter); {1}".</summary>
    public static DiagnosticDescriptor InvalidExperimentName { get; } = new DiagnosticDescriptor(
        id: "LSG0302",
        title: "Experiment name is not lower-case kebab case",
        messageFormat: "Experiment name {0} is not lower-case kebab case (lower-case letters and digits, words joined by single hyphens, starting with a letter); {1}",
        category: ExperimentCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0302");

    /// <summary>LSG0303: "Experiment type '{0}' must be declared partial, as the [Experiment] contract requires; add the 'partial' modifier".</summary>
    public static DiagnosticDescriptor ExperimentNotPartial { get; } = new DiagnosticDescriptor(
        id: "LSG0303",
        title: "Experiment type must be partial",
        messageFormat: "Experiment type '{0}' must be declared partial, as the [Experiment] contract requires; add the 'partial' modifier",
        category: ExperimentCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0303");

    /// <summary>LSG0304: "Experiment type '{0}' {1}; the catalog creates each experiment with 'new {0}()', so declare a non-static, non-abstract, non-generic class with a parameterless constructor that is at least internal".</summary>
    public static DiagnosticDescriptor ExperimentNotCreatable { get; } = new DiagnosticDescriptor(
        id: "LSG0304",
        title: "Experiment type cannot be created by the catalog",
        messageFormat: "Experiment type '{0}' {1}; the catalog creates each experiment with 'new {0}()', so declare a non-static, non-abstract, non-generic class with a parameterless constructor that is at least internal",
        category: ExperimentCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0304");

    /// <summary>LSG0305: "Experiment type '{0}' does not implement Landscape.Experiments.IExperiment: {1}".</summary>
    public static DiagnosticDescriptor ExperimentNotIExperiment { get; } = new DiagnosticDescriptor(
        id: "LSG0305",
        title: "Experiment type must implement IExperiment",
        messageFormat: "Experiment type '{0}' does not implement Landscape.Experiments.IExperiment: {1}",
        category: ExperimentCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0305");

    /// <summary>LSG0306: "Setting '{0}' has type '{1}', which is not supported; a setting is a bool, int, long, double, string or enum, or a one-dimensional array of one of these".</summary>
    public static DiagnosticDescriptor UnsupportedSettingType { get; } = new DiagnosticDescriptor(
        id: "LSG0306",
        title: "Unsupported setting type",
        messageFormat: "Setting '{0}' has type '{1}', which is not supported; a setting is a bool, int, long, double, string or enum, or a one-dimensional array of one of these",
        category: ExperimentCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0306");

    /// <summary>LSG0307: "Setting '{0}' {1}; a setting must be a public instance property with public 'get' and 'set' accessors, e.g. 'public int Steps { get; set; } = 100;'".</summary>
    public static DiagnosticDescriptor SettingNotReadWrite { get; } = new DiagnosticDescriptor(
        id: "LSG0307",
        title: "Setting must be a public read-write instance property",
        messageFormat: "Setting '{0}' {1}; a setting must be a public instance property with public 'get' and 'set' accessors, e.g. 'public int Steps {{ get; set; }} = 100;'",
        category: ExperimentCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0307");

    /// <summary>LSG0308: "Settings '{0}' and '{1}' of experiment '{2}' both have the command-line name '--{3}'; rename one of the properties".</summary>
    public static DiagnosticDescriptor DuplicateSettingName { get; } = new DiagnosticDescriptor(
        id: "LSG0308",
        title: "Two settings with the same command-line name",
        messageFormat: "Settings '{0}' and '{1}' of experiment '{2}' both have the command-line name '--{3}'; rename one of the properties",
        category: ExperimentCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0308");

    /// <summary>LSG0309 (warning): "Property '{0}' is marked [Setting], but its type '{1}' has no [Experiment], so the setting is ignored; add [Experiment(\"name\")] to the type or remove [Setting]".</summary>
    public static DiagnosticDescriptor SettingWithoutExperiment { get; } = new DiagnosticDescriptor(
        id: "LSG0309",
        title: "[Setting] outside an [Experiment] type",
        messageFormat: "Property '{0}' is marked [Setting], but its type '{1}' has no [Experiment], so the setting is ignored; add [Experiment(\"name\")] to the type or remove [Setting]",
        category: ExperimentCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpBase + "lsg0309");

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

    /// <summary>All descriptors, for lookup by ID (<see cref="Common.DiagnosticInfo"/> finds its descriptor here, so one missing here cannot be reported).</summary>
    public static DiagnosticDescriptor[] All { get; } =
    [
        NotPartial, Generic, ContainingTypeNotPartial, Static,
        MissingInput, DuplicateInput, NoLayers, NonPositiveSize, UnknownEnumValue, CrossEntropyNeedsTwoOutputs, TooLarge, InvalidInitScale,
        SpatialLayerOnFlatValue, WindowLargerThanInput, NegativePadding, ResidualEndWithoutBegin, UnclosedResidualBlock, NestedResidualBlock,
        EmptyResidualBlock, ResidualShapeMismatch, ProjectionCannotMatch, PoolingPaddingTooLarge, OutputNotFlat, NoParameters,
        ObjectiveNotPartial, ObjectiveGeneric, ObjectiveContainingTypeNotPartial, ObjectiveStatic, DuplicateObjective, InvalidCoordinate,
        InvalidObjectiveReturnType, NoCoordinates, UnsupportedExpression, UnsupportedCall, UnsupportedStatement, AssignmentToMember,
        MissingReturn, UnsupportedMember, UnsupportedObjectiveType, InvalidInitialPoint,
        DuplicateExperimentName, InvalidExperimentName, ExperimentNotPartial, ExperimentNotCreatable, ExperimentNotIExperiment,
        UnsupportedSettingType, SettingNotReadWrite, DuplicateSettingName, SettingWithoutExperiment,
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
