using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Threading;
using Landscape.Generators.Common;
using Landscape.Generators.Network.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Landscape.Generators.Network;

public sealed partial class NetworkGenerator
{
    /// <summary>The largest array .NET allows (Array.MaxLength), which bounds the parameter vector and every buffer.</summary>
    private const long MaxArrayLength = 0x7FFFFFC7;

    /// <summary>
    /// Builds the spec of one [Network] class, or the diagnostics that explain why it cannot be generated.
    /// Never throws for user errors; an unexpected exception becomes LSG0999.
    /// </summary>
    internal static Result<NetworkSpec> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        try
        {
            return ParseCore(declaration, symbol, context.SemanticModel.Compilation, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Failure(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, LocationInfo.From(declaration.Identifier.GetLocation()),
                symbol.Name, exception.GetType().Name + ": " + exception.Message));
        }
    }

    /// <summary>
    /// The parse in three steps: the declaration's own shape (partial, static, generic, containing types), one reader per
    /// attribute in source order, then the shape-validation pass over what the attributes declare. Every step adds to one
    /// list of diagnostics, in that order.
    /// </summary>
    private static Result<NetworkSpec> ParseCore(TypeDeclarationSyntax declaration, INamedTypeSymbol symbol, Compilation compilation, CancellationToken cancellationToken)
    {
        // A half-typed declaration ("partial class" with no name yet): the compiler reports it; generate nothing.
        if (declaration.Identifier.IsMissing)
            return new Result<NetworkSpec>(null, EquatableArray<DiagnosticInfo>.Empty);

        var diagnostics = new List<DiagnosticInfo>();
        LocationInfo? nameLocation = LocationInfo.From(declaration.Identifier.GetLocation());
        string name = symbol.Name;
        CheckDeclaration(declaration, symbol, nameLocation, diagnostics, cancellationToken);

        cancellationToken.ThrowIfCancellationRequested();

        // Attributes, in source order (ordinal file path, then position) so partial declarations give a stable layer order.
        var attributes = symbol.GetAttributes()
            .Where(a => a.ApplicationSyntaxReference is not null)
            .OrderBy(a => a.ApplicationSyntaxReference!.SyntaxTree.FilePath, StringComparer.Ordinal)
            .ThenBy(a => a.ApplicationSyntaxReference!.Span.Start)
            .ToList();

        // [Network] twice (on two partial declarations, or twice in one list): the compiler reports CS0579. Generating for
        // each declaration would add the same hint name twice, which throws in AddSource (CS8785) and drops all output.
        if (attributes.Count(a => a.AttributeClass?.ToDisplayString() == KnownTypeNames.NetworkAttribute) > 1)
            return new Result<NetworkSpec>(null, EquatableArray<DiagnosticInfo>.Empty);

        DeclaredNetwork declared = ReadAttributes(attributes, name, diagnostics, cancellationToken);
        if (!TryValidateShape(declared, name, nameLocation, diagnostics, out LossKind loss, out LayerSpec[] layers))
            return diagnostics.Count == 0 ? new Result<NetworkSpec>(null, EquatableArray<DiagnosticInfo>.Empty) : Failure(diagnostics.ToArray());

        string? ns = symbol.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
        var spec = new NetworkSpec(ns, SymbolFacts.ContainingDeclarations(symbol), SymbolFacts.TypeKeyword(symbol), SymbolFacts.EscapeIdentifier(name), SymbolFacts.HintName(symbol), loss, declared.InputSize, layers.ToEquatableArray(), declared.InputImage,
            symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), SymbolFacts.WhyNotCreatable(symbol, compilation));

        // The chunk workspace at the smallest chunk (one example) must fit the budget of the chunk-size policy (Summation).
        if (TooLargeForOneChunk(spec) is { } message)
            return Failure(DiagnosticInfo.Create(DiagnosticDescriptors.TooLarge, nameLocation, name, message));
        return new Result<NetworkSpec>(spec, EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>
    /// The LSG0107 message when even a chunk of one example needs more workspace bytes than <see cref="Summation.ChunkBudgetBytes"/>
    /// (the same policy that chooses the chunk size), else null.
    /// </summary>
    internal static string? TooLargeForOneChunk(NetworkSpec spec)
    {
        var network = new LoweredNetwork(spec);
        if (!Summation.ExceedsBudget(network.Plan)) return null;
        return $"one example needs {Literals.Grouped(Summation.ChunkBytes(network.Plan, 1))} bytes of workspace buffers, more than the chunk budget of {Literals.Grouped(Summation.ChunkBudgetBytes)} bytes even at chunk size 1";
    }

    private static Result<NetworkSpec> Failure(params DiagnosticInfo[] diagnostics) => new(null, new EquatableArray<DiagnosticInfo>(diagnostics));

    /// <summary>The declaration's own shape: partial (LSG0001), not static (LSG0004), not generic (LSG0002), containing types partial (LSG0003).</summary>
    private static void CheckDeclaration(TypeDeclarationSyntax declaration, INamedTypeSymbol symbol, LocationInfo? nameLocation, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        string name = symbol.Name;
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, nameLocation, name));
        if (symbol.IsStatic)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Static, nameLocation, name));
        if (SymbolFacts.FirstGeneric(symbol) is not null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Generic, nameLocation, name));
        foreach (INamedTypeSymbol outer in SymbolFacts.ContainingTypes(symbol))
        {
            if (!SymbolFacts.IsPartial(outer, cancellationToken))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContainingTypeNotPartial, nameLocation, outer.Name, name));
        }
    }

    /// <summary>
    /// Runs the reader of each [Network], [Input] and layer attribute in source order; other attributes are ignored. An
    /// attribute with binding errors (the compiler reports them) is skipped and marks the declaration broken.
    /// </summary>
    private static DeclaredNetwork ReadAttributes(List<AttributeData> attributes, string name, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var declared = new DeclaredNetwork();
        var counts = new int[Enum.GetValues(typeof(LayerKind)).Length];
        foreach (AttributeData attribute in attributes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? attributeName = attribute.AttributeClass?.ToDisplayString();
            LayerKind? kind = LayerKindOf(attributeName);
            if (kind is null && attributeName is not (KnownTypeNames.NetworkAttribute or KnownTypeNames.InputAttribute))
                continue;
            // Layers are numbered per kind by source position, counting those that have errors, so messages match what the
            // user sees (dense0, conv1, …; a [ResidualEnd] takes the number of the block it closes, in the shape pass).
            int index = kind is { } k && k != LayerKind.ResidualEnd ? counts[(int)k]++ : -1;
            var syntax = attribute.ApplicationSyntaxReference!.GetSyntax(cancellationToken) as AttributeSyntax;
            LocationInfo? location = LocationInfo.From(syntax);
            if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error)
                || attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error))
            {
                declared.Broken = true;
                continue;
            }

            var reader = new AttributeReader(attribute, syntax, location, diagnostics);
            switch (kind)
            {
                case null when attributeName == KnownTypeNames.NetworkAttribute:
                    ReadNetworkAttribute(reader, declared);
                    break;
                case null:
                    ReadInputAttribute(reader, name, declared);
                    break;
                case LayerKind.Dense:
                    AddLayer(declared, ReadDenseAttribute(reader, index), reader);
                    break;
                case LayerKind.Conv2d:
                    AddLayer(declared, ReadConvolutionAttribute(reader, index), reader);
                    break;
                case LayerKind.MaxPool2d or LayerKind.AvgPool2d:
                    AddLayer(declared, ReadPoolingAttribute(reader, kind.Value, index), reader);
                    break;
                case LayerKind.GlobalAvgPool2d or LayerKind.ResidualBegin:
                    AddLayer(declared, new LayerSpec(kind.Value, 0, ActivationKind.Identity, false, InitKind.Default, 1.0), reader, LayerNames.Of(kind.Value, index));
                    break;
                case LayerKind.ResidualEnd:
                    AddLayer(declared, ReadResidualEndAttribute(reader), reader);
                    break;
            }
        }
        return declared;
    }

    /// <summary>The layer kind of an attribute's metadata name, or null for [Network], [Input] and unrelated attributes.</summary>
    private static LayerKind? LayerKindOf(string? attributeName) => attributeName switch
    {
        KnownTypeNames.DenseAttribute => LayerKind.Dense,
        KnownTypeNames.Conv2dAttribute => LayerKind.Conv2d,
        KnownTypeNames.MaxPool2dAttribute => LayerKind.MaxPool2d,
        KnownTypeNames.AvgPool2dAttribute => LayerKind.AvgPool2d,
        KnownTypeNames.GlobalAvgPool2dAttribute => LayerKind.GlobalAvgPool2d,
        KnownTypeNames.ResidualBeginAttribute => LayerKind.ResidualBegin,
        KnownTypeNames.ResidualEndAttribute => LayerKind.ResidualEnd,
        _ => null,
    };

    /// <summary>Adds a read layer and its name.</summary>
    private static void AddLayer(DeclaredNetwork declared, (LayerSpec Layer, string Name) read, AttributeReader reader) =>
        AddLayer(declared, read.Layer, reader, read.Name);

    /// <summary>Adds <paramref name="layer"/> named <paramref name="name"/>, at the attribute's location, valid unless the reader reported a value.</summary>
    private static void AddLayer(DeclaredNetwork declared, LayerSpec layer, AttributeReader reader, string name) =>
        declared.Layers.Add(new DeclaredLayer(layer, name, reader.Location, reader.Valid));

    /// <summary>[Network(loss)]: the loss function (LSG0105 for an undefined value, which marks the declaration broken).</summary>
    private static void ReadNetworkAttribute(AttributeReader reader, DeclaredNetwork declared)
    {
        declared.Loss = reader.Enum<LossKind>(0, "LossFunction");
        if (declared.Loss is null) declared.Broken = true;
    }

    /// <summary>
    /// [Input(size)] or [Input(channels, height, width)], told apart by the constructor's arity: the input size, and for an
    /// image its shape (LSG0104 at the argument that is not positive; LSG0107 when C·H·W does not fit in an array). A second
    /// [Input] is LSG0102 and is not read.
    /// </summary>
    private static void ReadInputAttribute(AttributeReader reader, string name, DeclaredNetwork declared)
    {
        declared.InputCount++;
        if (declared.InputCount > 1)
        {
            reader.Report(DiagnosticDescriptors.DuplicateInput, reader.Location, name);
            return;
        }
        if (reader.Attribute.ConstructorArguments.Length == 3)
        {
            int channels = reader.Positive(0, "The [Input] channels");
            int height = reader.Positive(1, "The [Input] height");
            int width = reader.Positive(2, "The [Input] width");
            if (!reader.Valid)
            {
                declared.InputSize = 0;
                return;
            }
            // Exact: C·H·W of three ints can exceed a long and wrap to a small or negative count.
            BigInteger size = (BigInteger)channels * height * width;
            if (size > MaxArrayLength)
            {
                reader.Report(DiagnosticDescriptors.TooLarge, reader.Location, name,
                    $"its input of {Literals.Int(channels)}×{Literals.Int(height)}×{Literals.Int(width)} has {Literals.Grouped(size)} values per example, more than fit in one array");
                declared.InputSize = 0;
                return;
            }
            declared.InputSize = (int)size;
            declared.InputImage = new ImageShape(channels, height, width);
            return;
        }
        declared.InputSize = reader.Positive(0, "The [Input] size");
    }

    /// <summary>
    /// [Dense(units, activation, Bias, Init, InitScale)]: one layer. Non-positive units (LSG0104), an undefined enum value
    /// (LSG0105) and an invalid InitScale (LSG0108) are reported and mark the layer invalid, which keeps its place (identity
    /// or the default init standing in for an undefined value): the shape pass stops inference at it, and numbering and
    /// residual blocks still match the source. So do the other layer readers.
    /// </summary>
    private static (LayerSpec, string) ReadDenseAttribute(AttributeReader reader, int index)
    {
        int units = reader.Positive(0, $"The units of [Dense] layer {index}");
        ActivationKind activation = reader.Enum<ActivationKind>(1, "Activation") ?? ActivationKind.Identity;
        (bool bias, InitKind init, double initScale) = reader.WeightProperties();
        return (LayerSpec.Dense(units, activation, bias, init, initScale), LayerNames.Of(LayerKind.Dense, index));
    }

    /// <summary>
    /// [Conv2d(channels, kernel, activation, Stride, Padding, Bias, Init, InitScale)]: non-positive channels, kernel or
    /// stride (LSG0104) and negative padding (LSG0112) are reported at the argument.
    /// </summary>
    private static (LayerSpec, string) ReadConvolutionAttribute(AttributeReader reader, int index)
    {
        string name = LayerNames.Of(LayerKind.Conv2d, index);
        int channels = reader.Positive(0, $"The channels of [Conv2d] {name}");
        int kernel = reader.Positive(1, $"The kernel of [Conv2d] {name}");
        ActivationKind activation = reader.Enum<ActivationKind>(2, "Activation") ?? ActivationKind.Identity;
        int stride = reader.NamedPositive("Stride", 1, $"The Stride of [Conv2d] {name}");
        int padding = reader.NamedPadding($"[Conv2d] {name}");
        (bool bias, InitKind init, double initScale) = reader.WeightProperties();
        var layer = new LayerSpec(LayerKind.Conv2d, channels, activation, bias, init, initScale) { Kernel = kernel, Stride = stride, Padding = padding };
        return (layer, name);
    }

    /// <summary>
    /// [MaxPool2d(size)] / [AvgPool2d(size)] with Stride (default: the size) and Padding: non-positive size or stride
    /// (LSG0104), negative padding (LSG0112) or padding above size/2 (LSG0119), reported at the argument.
    /// </summary>
    private static (LayerSpec, string) ReadPoolingAttribute(AttributeReader reader, LayerKind kind, int index)
    {
        string name = LayerNames.Of(kind, index);
        string attribute = kind == LayerKind.MaxPool2d ? "[MaxPool2d]" : "[AvgPool2d]";
        int size = reader.Positive(0, $"The size of {attribute} {name}");
        int stride = reader.NamedPositive("Stride", size, $"The Stride of {attribute} {name}");
        int padding = reader.NamedPadding($"{attribute} {name}");
        if (size > 0 && padding > size / 2)
            reader.Report(DiagnosticDescriptors.PoolingPaddingTooLarge, reader.NamedLocation("Padding"), $"{attribute} {name}", Literals.Int(padding), Literals.Int(size), Literals.Int(size / 2));
        var layer = new LayerSpec(kind, 0, ActivationKind.Identity, false, InitKind.Default, 1.0) { Kernel = size, Stride = stride, Padding = padding };
        return (layer, name);
    }

    /// <summary>[ResidualEnd(activation, Projection)]; its name (the block it closes) is given by the shape pass.</summary>
    private static (LayerSpec, string) ReadResidualEndAttribute(AttributeReader reader)
    {
        ActivationKind activation = reader.Enum<ActivationKind>(0, "Activation") ?? ActivationKind.Identity;
        bool projection = reader.Named("Projection") is { } value && (bool)value.Value!;
        return (new LayerSpec(LayerKind.ResidualEnd, 0, activation, projection, InitKind.Default, 1.0) { Projection = projection }, "");
    }

    /// <summary>
    /// What the attribute readers collect from one declaration, for the shape-validation pass. It lives only inside one
    /// parse (it is never cached, so it need not be equatable) and holds no symbols.
    /// </summary>
    private sealed class DeclaredNetwork
    {
        /// <summary>An attribute had binding errors (the compiler reports them) or the [Network] loss is undefined: generate nothing.</summary>
        public bool Broken { get; set; }

        /// <summary>The [Network] loss, or null when it is missing or undefined.</summary>
        public LossKind? Loss { get; set; }

        /// <summary>How many [Input] attributes there are (only the first is read).</summary>
        public int InputCount { get; set; }

        /// <summary>The first [Input]'s size (0 when there is none or it is invalid).</summary>
        public int InputSize { get; set; }

        /// <summary>The first [Input]'s image shape, or null for a flat input.</summary>
        public ImageShape? InputImage { get; set; }

        /// <summary>The layer attributes that were read, in source order, invalid ones included.</summary>
        public List<DeclaredLayer> Layers { get; } = [];
    }

    /// <summary>
    /// One layer attribute as written: the layer, its name, its location for diagnostics, and whether its numbers are
    /// valid (an invalid layer stops shape inference at it, after its own diagnostics).
    /// </summary>
    private readonly record struct DeclaredLayer(LayerSpec Layer, string Name, LocationInfo? Location, bool Valid);

    /// <summary>
    /// Reads one attribute's arguments, reporting invalid values at the argument that holds them: the small vocabulary
    /// every attribute reader shares.
    /// </summary>
    private sealed class AttributeReader(AttributeData attribute, AttributeSyntax? syntax, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        public AttributeData Attribute { get; } = attribute;

        /// <summary>The whole attribute's location.</summary>
        public LocationInfo? Location { get; } = location;

        /// <summary>False once a value was reported as invalid.</summary>
        public bool Valid { get; private set; } = true;

        /// <summary>Reports <paramref name="descriptor"/> at <paramref name="at"/> and marks the attribute invalid.</summary>
        public void Report(DiagnosticDescriptor descriptor, LocationInfo? at, params string[] arguments)
        {
            diagnostics.Add(DiagnosticInfo.Create(descriptor, at, arguments));
            Valid = false;
        }

        /// <summary>The location of constructor argument <paramref name="position"/>, or of the attribute.</summary>
        public LocationInfo? PositionalLocation(int position) => ArgumentLocation(syntax, Attribute, position, null) ?? Location;

        /// <summary>The location of the named property argument <paramref name="name"/>, or of the attribute.</summary>
        public LocationInfo? NamedLocation(string name) => ArgumentLocation(syntax, Attribute, -1, name) ?? Location;

        /// <summary>Constructor argument <paramref name="position"/> as an int; LSG0104 (<paramref name="what"/> must be positive) if it is not.</summary>
        public int Positive(int position, string what)
        {
            int value = (int)Attribute.ConstructorArguments[position].Value!;
            if (value <= 0) Report(DiagnosticDescriptors.NonPositiveSize, PositionalLocation(position), what, Literals.Int(value));
            return value;
        }

        /// <summary>The named int property <paramref name="name"/> (or <paramref name="fallback"/>); LSG0104 if it is not positive.</summary>
        public int NamedPositive(string name, int fallback, string what)
        {
            if (Named(name) is not { } constant) return fallback;
            int value = (int)constant.Value!;
            if (value <= 0) Report(DiagnosticDescriptors.NonPositiveSize, NamedLocation(name), what, Literals.Int(value));
            return value;
        }

        /// <summary>The named Padding (default 0); LSG0112 if it is negative.</summary>
        public int NamedPadding(string layer)
        {
            if (Named("Padding") is not { } constant) return 0;
            int value = (int)constant.Value!;
            if (value < 0) Report(DiagnosticDescriptors.NegativePadding, NamedLocation("Padding"), layer, Literals.Int(value));
            return value;
        }

        /// <summary>The named argument <paramref name="name"/>, if written.</summary>
        public TypedConstant? Named(string name)
        {
            foreach (KeyValuePair<string, TypedConstant> named in Attribute.NamedArguments)
                if (named.Key == name) return named.Value;
            return null;
        }

        /// <summary>Constructor argument <paramref name="position"/> as an enum; LSG0105, null and the attribute invalid when it is undefined.</summary>
        public TEnum? Enum<TEnum>(int position, string enumName)
            where TEnum : struct, System.Enum => Checked(ReadEnum<TEnum>(Attribute.ConstructorArguments[position], PositionalLocation(position), enumName, diagnostics));

        /// <summary>
        /// A weight layer's Bias, Init (LSG0105 when undefined, which marks the attribute invalid; the default stands in) and
        /// InitScale (LSG0108 when not finite and ≥ 0).
        /// </summary>
        public (bool Bias, InitKind Init, double InitScale) WeightProperties()
        {
            bool bias = Named("Bias") is not { } b || (bool)b.Value!;
            InitKind init = InitKind.Default;
            if (Named("Init") is { } i) init = Checked(ReadEnum<InitKind>(i, NamedLocation("Init"), "Init", diagnostics)) ?? InitKind.Default;
            double initScale = 1.0;
            if (Named("InitScale") is { } s)
            {
                initScale = (double)s.Value!;
                if (double.IsNaN(initScale) || double.IsInfinity(initScale) || initScale < 0)
                    Report(DiagnosticDescriptors.InvalidInitScale, NamedLocation("InitScale"), Literals.Double(initScale).TrimEnd('d'));
            }
            return (bias, init, initScale);
        }

        /// <summary>Marks the attribute invalid when an enum read gave null (LSG0105 is already reported).</summary>
        private TEnum? Checked<TEnum>(TEnum? value)
            where TEnum : struct
        {
            if (value is null) Valid = false;
            return value;
        }
    }

    /// <summary>Reads an enum argument, reporting LSG0105 when the value is not one of the defined members.</summary>
    private static TEnum? ReadEnum<TEnum>(TypedConstant constant, LocationInfo? location, string enumName, List<DiagnosticInfo> diagnostics)
        where TEnum : struct, Enum
    {
        int value = Convert.ToInt32(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
        if (Enum.IsDefined(typeof(TEnum), value)) return (TEnum)Enum.ToObject(typeof(TEnum), value);
        string names = string.Join(", ", Enum.GetNames(typeof(TEnum)));
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownEnumValue, location, "(" + enumName + ")" + Literals.Int(value), enumName, names));
        return null;
    }

    /// <summary>
    /// The location of constructor argument <paramref name="position"/> (when <paramref name="name"/> is null) or of the
    /// named property argument <paramref name="name"/> of an attribute, if written.
    /// </summary>
    private static LocationInfo? ArgumentLocation(AttributeSyntax? syntax, AttributeData attribute, int position, string? name)
    {
        if (syntax?.ArgumentList is not { } list) return null;
        string? parameterName = name is null && attribute.AttributeConstructor is { } constructor && position >= 0 && position < constructor.Parameters.Length
            ? constructor.Parameters[position].Name
            : null;
        int positional = 0;
        foreach (AttributeArgumentSyntax argument in list.Arguments)
        {
            if (argument.NameEquals is { } nameEquals)
            {
                if (name is not null && nameEquals.Name.Identifier.ValueText == name) return LocationInfo.From(argument);
                continue;
            }
            if (argument.NameColon is { } nameColon)
            {
                // A named constructor argument ("units: 10") may appear in any order: match it by parameter name.
                if (name is null && nameColon.Name.Identifier.ValueText == parameterName) return LocationInfo.From(argument);
                positional++;
                continue;
            }
            // C# allows an unnamed argument after named ones only when they are in position, so the index is the position.
            if (name is null && positional == position) return LocationInfo.From(argument);
            positional++;
        }
        return null;
    }
}
