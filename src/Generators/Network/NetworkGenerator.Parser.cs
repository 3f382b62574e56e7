using System;
using System.Collections.Generic;
using System.Linq;
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
            return ParseCore(declaration, symbol, cancellationToken);
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
    private static Result<NetworkSpec> ParseCore(TypeDeclarationSyntax declaration, INamedTypeSymbol symbol, CancellationToken cancellationToken)
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
        var spec = new NetworkSpec(ns, SymbolFacts.ContainingDeclarations(symbol), SymbolFacts.TypeKeyword(symbol), SymbolFacts.EscapeIdentifier(name), SymbolFacts.HintName(symbol), loss, declared.InputSize, layers.ToEquatableArray(), declared.InputImage);

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
    /// Runs the reader of each [Network], [Input] and [Dense] attribute in source order; other attributes are ignored. An
    /// attribute with binding errors (the compiler reports them) is skipped and marks the declaration broken.
    /// </summary>
    private static DeclaredNetwork ReadAttributes(List<AttributeData> attributes, string name, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var declared = new DeclaredNetwork();
        int denseCount = 0;
        foreach (AttributeData attribute in attributes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? attributeName = attribute.AttributeClass?.ToDisplayString();
            if (attributeName is not (KnownTypeNames.NetworkAttribute or KnownTypeNames.InputAttribute or KnownTypeNames.DenseAttribute))
                continue;
            // Layers are numbered by source position, counting those that have errors, so messages match what the user sees.
            int layerIndex = attributeName == KnownTypeNames.DenseAttribute ? denseCount++ : -1;
            var syntax = attribute.ApplicationSyntaxReference!.GetSyntax(cancellationToken) as AttributeSyntax;
            LocationInfo? location = LocationInfo.From(syntax);
            if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error)
                || attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error))
            {
                declared.Broken = true;
                continue;
            }

            switch (attributeName)
            {
                case KnownTypeNames.NetworkAttribute:
                    ReadNetworkAttribute(attribute, syntax, location, declared, diagnostics);
                    break;
                case KnownTypeNames.InputAttribute:
                    ReadInputAttribute(attribute, syntax, location, name, declared, diagnostics);
                    break;
                case KnownTypeNames.DenseAttribute:
                    ReadDenseAttribute(attribute, syntax, location, layerIndex, declared, diagnostics);
                    break;
            }
        }
        return declared;
    }

    /// <summary>[Network(loss)]: the loss function (LSG0105 for an undefined value, which marks the declaration broken).</summary>
    private static void ReadNetworkAttribute(AttributeData attribute, AttributeSyntax? syntax, LocationInfo? location, DeclaredNetwork declared, List<DiagnosticInfo> diagnostics)
    {
        declared.Loss = ReadEnum<LossKind>(attribute.ConstructorArguments[0], ArgumentLocation(syntax, attribute, 0, null) ?? location, "LossFunction", diagnostics);
        if (declared.Loss is null) declared.Broken = true;
    }

    /// <summary>
    /// [Input(size)] or [Input(channels, height, width)], told apart by the constructor's arity: the input size, and for an
    /// image its shape (LSG0104 at the argument that is not positive; LSG0107 when C·H·W does not fit in an int). A second
    /// [Input] is LSG0102 and is not read.
    /// </summary>
    private static void ReadInputAttribute(AttributeData attribute, AttributeSyntax? syntax, LocationInfo? location, string name, DeclaredNetwork declared, List<DiagnosticInfo> diagnostics)
    {
        declared.InputCount++;
        if (declared.InputCount > 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateInput, location, name));
            return;
        }
        if (attribute.ConstructorArguments.Length == 3)
        {
            string[] names = ["channels", "height", "width"];
            var extents = new int[3];
            bool positive = true;
            for (int i = 0; i < 3; i++)
            {
                extents[i] = (int)attribute.ConstructorArguments[i].Value!;
                if (extents[i] > 0) continue;
                positive = false;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, ArgumentLocation(syntax, attribute, i, null) ?? location,
                    $"The [Input] {names[i]}", Literals.Int(extents[i])));
            }
            if (!positive)
            {
                declared.InputSize = 0;
                return;
            }
            long size = (long)extents[0] * extents[1] * extents[2];
            if (size > MaxArrayLength)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooLarge, location, name,
                    $"its input of {extents[0]}×{extents[1]}×{extents[2]} has {Literals.Grouped(size)} values per example, more than fit in one array"));
                declared.InputSize = 0;
                return;
            }
            declared.InputSize = (int)size;
            declared.InputImage = new ImageShape(extents[0], extents[1], extents[2]);
            return;
        }
        declared.InputSize = (int)attribute.ConstructorArguments[0].Value!;
        if (declared.InputSize <= 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, ArgumentLocation(syntax, attribute, 0, null) ?? location,
                "The [Input] size", Literals.Int(declared.InputSize)));
    }

    /// <summary>
    /// [Dense(units, activation, Bias, Init, InitScale)]: one layer. Non-positive units (LSG0104) and an invalid InitScale
    /// (LSG0108) are reported and the layer is still added; an undefined enum value (LSG0105) marks the declaration broken.
    /// </summary>
    private static void ReadDenseAttribute(AttributeData attribute, AttributeSyntax? syntax, LocationInfo? location, int layerIndex, DeclaredNetwork declared, List<DiagnosticInfo> diagnostics)
    {
        int units = (int)attribute.ConstructorArguments[0].Value!;
        if (units <= 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, ArgumentLocation(syntax, attribute, 0, null) ?? location,
                $"The units of [Dense] layer {layerIndex}", Literals.Int(units)));
        ActivationKind? activation = ReadEnum<ActivationKind>(attribute.ConstructorArguments[1], ArgumentLocation(syntax, attribute, 1, null) ?? location, "Activation", diagnostics);
        bool bias = true;
        InitKind? init = InitKind.Default;
        double initScale = 1.0;
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            LocationInfo? namedLocation = ArgumentLocation(syntax, attribute, -1, named.Key) ?? location;
            switch (named.Key)
            {
                case "Bias":
                    bias = (bool)named.Value.Value!;
                    break;
                case "Init":
                    init = ReadEnum<InitKind>(named.Value, namedLocation, "Init", diagnostics);
                    break;
                case "InitScale":
                    initScale = (double)named.Value.Value!;
                    if (double.IsNaN(initScale) || double.IsInfinity(initScale) || initScale < 0)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidInitScale, namedLocation, Literals.Double(initScale).TrimEnd('d')));
                    break;
            }
        }
        if (activation is null || init is null) declared.Broken = true;
        else declared.Layers.Add(new DeclaredLayer(units, activation.Value, bias, init.Value, initScale, location));
    }

    /// <summary>
    /// The shape-validation pass over what the attributes declared: an [Input] (LSG0101), at least one layer (LSG0103), two
    /// or more outputs for cross-entropy (LSG0106), then sizes that fit in one .NET array (LSG0107). Returns false when the
    /// network cannot be generated; <paramref name="diagnostics"/> then says why (it is empty for a declaration the
    /// compiler already rejects). On success, gives the loss and the layers with their fan-ins.
    /// </summary>
    private static bool TryValidateShape(DeclaredNetwork declared, string name, LocationInfo? nameLocation, List<DiagnosticInfo> diagnostics, out LossKind loss, out LayerSpec[] layers)
    {
        loss = default;
        layers = [];
        if (declared.Broken && diagnostics.Count == 0)
            return false;
        List<DeclaredLayer> declaredLayers = declared.Layers;
        if (declared.InputCount == 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingInput, nameLocation, name));
        if (declaredLayers.Count == 0 && !declared.Broken)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoLayers, nameLocation, name));
        if (declared.Loss == LossKind.SoftmaxCrossEntropy && declaredLayers.Count > 0 && declaredLayers[declaredLayers.Count - 1].Units == 1)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CrossEntropyNeedsTwoOutputs, declaredLayers[declaredLayers.Count - 1].Location, name, "1"));

        if (diagnostics.Count > 0 || declared.Broken || declared.Loss is null)
            return false;

        // Sizes: every parameter block and every workspace buffer must fit in one .NET array.
        var specs = new LayerSpec[declaredLayers.Count];
        long parameterCount = 0;
        int fanIn = declared.InputSize;
        for (int i = 0; i < declaredLayers.Count; i++)
        {
            DeclaredLayer layer = declaredLayers[i];
            parameterCount += (long)layer.Units * fanIn + (layer.Bias ? layer.Units : 0);
            specs[i] = new LayerSpec(layer.Units, fanIn, layer.Activation, layer.Bias, layer.Init, layer.InitScale);
            fanIn = layer.Units;
        }
        if (parameterCount > MaxArrayLength)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooLarge, nameLocation, name,
                $"it has {Literals.Grouped(parameterCount)} parameters, more than the {Literals.Grouped(MaxArrayLength)} that fit in one array"));
            return false;
        }
        loss = declared.Loss.Value;
        layers = specs;
        return true;
    }

    /// <summary>
    /// What the attribute readers collect from one declaration, for the shape-validation pass. It lives only inside one
    /// parse (it is never cached, so it need not be equatable) and holds no symbols.
    /// </summary>
    private sealed class DeclaredNetwork
    {
        /// <summary>An attribute had binding errors (the compiler reports them) or an undefined enum value: generate nothing.</summary>
        public bool Broken { get; set; }

        /// <summary>The [Network] loss, or null when it is missing or undefined.</summary>
        public LossKind? Loss { get; set; }

        /// <summary>How many [Input] attributes there are (only the first is read).</summary>
        public int InputCount { get; set; }

        /// <summary>The first [Input]'s size (0 when there is none).</summary>
        public int InputSize { get; set; }

        /// <summary>The first [Input]'s image shape, or null for a flat input.</summary>
        public ImageShape? InputImage { get; set; }

        /// <summary>The [Dense] layers that were read, in source order (those with an undefined enum value are left out).</summary>
        public List<DeclaredLayer> Layers { get; } = [];
    }

    /// <summary>One [Dense] attribute as written, with its location for diagnostics; the fan-in is known only in the shape pass.</summary>
    private readonly record struct DeclaredLayer(int Units, ActivationKind Activation, bool Bias, InitKind Init, double InitScale, LocationInfo? Location);

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
