using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Landscape.Generators.Tests.Fuzzing;

/// <summary>
/// An independent judge of [Network] declarations, written from the rules of DESIGN §2 and §2b rather than from the
/// generator's parser: it reads the attributes of a variant that compiles and says whether the declaration is valid or
/// which rule it breaks first. The fuzz test holds the generator to it: an invalid declaration must get an LSG error,
/// that one among them, and a valid one none. It has no opinion (null) on what it does not model: variants the compiler
/// rejects, none or several networks, the declaration rules (LSG0001–0004), and networks large enough to come near the
/// array and workspace limits (LSG0107, whose workspace bound depends on the generator's buffer plan).
/// </summary>
internal static class NetworkOracle
{
    /// <summary>The verdict on a valid declaration.</summary>
    public const string Valid = "valid";

    /// <summary>
    /// The judged networks stay far below the limits: at most a million values per example summed over every layer's
    /// output and patch matrix (a few dozen megabytes of workspace per example, where the budget is 256 MiB) and ten
    /// million parameters (the array limit is 2,147,483,591).
    /// </summary>
    private const long MaxValues = 1_000_000, MaxParameters = 10_000_000;

    /// <summary>
    /// The verdict on the one network declared in <paramref name="tree"/> (which must have no compiler error):
    /// <see cref="Valid"/>, the ID of the first rule it breaks, or null when the oracle has no opinion.
    /// </summary>
    public static string? Judge(Compilation compilation, SyntaxTree tree)
    {
        SemanticModel model = compilation.GetSemanticModel(tree);
        List<INamedTypeSymbol> networks = tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>()
            .Select(d => model.GetDeclaredSymbol(d))
            .OfType<INamedTypeSymbol>()
            .Where(s => s.GetAttributes().Any(a => Name(a) == "Network"))
            .Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default)
            .ToList();
        if (networks.Count != 1 || !IsPlainDeclaration(networks[0])) return null;
        AttributeData[] attributes = networks[0].GetAttributes()
            .Where(a => a.ApplicationSyntaxReference is not null && Name(a) is not null)
            .OrderBy(a => a.ApplicationSyntaxReference!.SyntaxTree.FilePath, StringComparer.Ordinal)
            .ThenBy(a => a.ApplicationSyntaxReference!.Span.Start)
            .ToArray();
        if (attributes.Any(a => a.ConstructorArguments.Any(c => c.Kind == TypedConstantKind.Error) || a.NamedArguments.Any(n => n.Value.Kind == TypedConstantKind.Error)))
            return null;
        try
        {
            return ArgumentError(attributes) ?? Walk(attributes);
        }
        catch (OverflowException)
        {
            return null; // a size beyond a long (the walk multiplies in a checked context): far too large to judge
        }
    }

    /// <summary>
    /// A class the generator targets without a declaration error: partial, not static, not generic, in partial,
    /// non-generic containing types.
    /// </summary>
    private static bool IsPlainDeclaration(INamedTypeSymbol symbol)
    {
        if (symbol.TypeKind != TypeKind.Class || symbol.IsStatic) return false;
        for (INamedTypeSymbol? type = symbol; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType) return false;
            if (!type.DeclaringSyntaxReferences.All(r => r.GetSyntax() is TypeDeclarationSyntax d && d.Modifiers.Any(SyntaxKind.PartialKeyword)))
                return false;
        }
        return true;
    }

    /// <summary>The DSL name of a Landscape network attribute ("Conv2d", "Network", ...), or null for any other attribute.</summary>
    private static string? Name(AttributeData attribute) =>
        attribute.AttributeClass is { ContainingNamespace: { Name: "Landscape", ContainingNamespace.IsGlobalNamespace: true } } type
        && type.Name is "NetworkAttribute" or "InputAttribute" or "DenseAttribute" or "Conv2dAttribute" or "MaxPool2dAttribute" or "AvgPool2dAttribute"
            or "GlobalAvgPool2dAttribute" or "ResidualBeginAttribute" or "ResidualEndAttribute"
            ? type.Name[..^"Attribute".Length]
            : null;

    /// <summary>
    /// The first value that is wrong on its own, whatever the shapes: a second [Input] (LSG0102), a size, channel count,
    /// kernel, window or stride that is not positive (LSG0104), an undefined enum value (LSG0105), an InitScale that is
    /// not finite and ≥ 0 (LSG0108), a negative padding (LSG0112), a pooling padding above size/2 (LSG0119).
    /// </summary>
    private static string? ArgumentError(AttributeData[] attributes)
    {
        int inputs = 0;
        foreach (AttributeData attribute in attributes)
        {
            string? error = Name(attribute) switch
            {
                "Network" => Defined<LossFunction>(attribute.ConstructorArguments[0]),
                "Input" => ++inputs > 1 ? "LSG0102" : attribute.ConstructorArguments.Any(a => (int)a.Value! <= 0) ? "LSG0104" : null,
                "Dense" => Positive(Int(attribute, 0)) ?? Defined<Activation>(attribute.ConstructorArguments[1]) ?? WeightError(attribute),
                "Conv2d" => Positive(Int(attribute, 0)) ?? Positive(Int(attribute, 1)) ?? Defined<Activation>(attribute.ConstructorArguments[2])
                    ?? Positive(Named(attribute, "Stride") ?? 1) ?? NotNegative(Named(attribute, "Padding") ?? 0) ?? WeightError(attribute),
                "MaxPool2d" or "AvgPool2d" => PoolingError(Int(attribute, 0), Named(attribute, "Stride"), Named(attribute, "Padding") ?? 0),
                "ResidualEnd" => Defined<Activation>(attribute.ConstructorArguments[0]),
                _ => null,
            };
            if (error is not null) return error;
        }
        return null;
    }

    private static string? PoolingError(int size, int? stride, int padding) =>
        Positive(size) ?? Positive(stride ?? size) ?? NotNegative(padding) ?? (padding > size / 2 ? "LSG0119" : null);

    private static string? WeightError(AttributeData attribute)
    {
        if (attribute.NamedArguments.FirstOrDefault(n => n.Key == "Init").Value is { Kind: not TypedConstantKind.Error, Value: not null } init
            && Defined<Init>(init) is { } error)
            return error;
        double scale = attribute.NamedArguments.FirstOrDefault(n => n.Key == "InitScale").Value.Value is double s ? s : 1.0;
        return double.IsFinite(scale) && scale >= 0 ? null : "LSG0108";
    }

    private static string? Positive(int value) => value > 0 ? null : "LSG0104";

    private static string? NotNegative(int padding) => padding >= 0 ? null : "LSG0112";

    private static string? Defined<TEnum>(TypedConstant constant)
        where TEnum : struct, Enum => Enum.IsDefined(typeof(TEnum), (int)constant.Value!) ? null : "LSG0105";

    private static int Int(AttributeData attribute, int position) => (int)attribute.ConstructorArguments[position].Value!;

    private static int? Named(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(n => n.Key == name).Value.Value is int value ? value : null;

    private static bool Bias(AttributeData attribute) =>
        attribute.NamedArguments.FirstOrDefault(n => n.Key == "Bias").Value.Value is not false;

    /// <summary>A value's shape: C×H×W, or C flat values (H = W = 1).</summary>
    private readonly record struct Shape(long C, long H, long W, bool Spatial)
    {
        public long Size => checked(C * H * W);
    }

    /// <summary>
    /// Shape inference in declaration order (every argument is valid here): the first error, or <see cref="Valid"/>, or
    /// null once the network is too large to judge. Sizes are multiplied in a checked context.
    /// </summary>
    private static string? Walk(AttributeData[] attributes)
    {
        checked
        {
            AttributeData? input = attributes.FirstOrDefault(a => Name(a) == "Input");
            AttributeData[] layers = attributes.Where(a => Name(a) is not ("Network" or "Input")).ToArray();
            if (input is null) return "LSG0101";
            if (layers.Length == 0) return "LSG0103";
            var shape = input.ConstructorArguments.Length == 3
                ? new Shape(Int(input, 0), Int(input, 1), Int(input, 2), true)
                : new Shape(Int(input, 0), 1, 1, false);
            long values = shape.Size, parameters = 0;
            if (values > MaxValues) return null;
            (Shape X, int Layers, long Stride)? block = null;
            foreach (AttributeData layer in layers)
            {
                string name = Name(layer)!;
                if (name == "ResidualBegin")
                {
                    if (block is not null) return "LSG0115";
                    block = (shape, 0, 1);
                    continue;
                }
                if (name == "ResidualEnd")
                {
                    if (block is not { } open) return "LSG0113";
                    if (open.Layers == 0) return "LSG0116";
                    bool projection = layer.NamedArguments.FirstOrDefault(n => n.Key == "Projection").Value.Value is true;
                    if (!projection && shape != open.X) return "LSG0117";
                    if (projection && shape.Spatial)
                    {
                        // S is a 1×1 convolution with the block's stride product: ⌊(H − 1)/S⌋ + 1 rows.
                        var projected = new Shape(shape.C, (open.X.H - 1) / open.Stride + 1, (open.X.W - 1) / open.Stride + 1, true);
                        if (projected != shape) return "LSG0118";
                        parameters += shape.C * open.X.C + shape.C;
                    }
                    else if (projection)
                    {
                        parameters += shape.Size * open.X.Size + shape.Size;
                    }
                    block = null;
                    continue;
                }
                if (name != "Dense" && !shape.Spatial) return "LSG0110";
                int stride = 1;
                switch (name)
                {
                    case "Dense":
                        long units = Int(layer, 0);
                        parameters += units * shape.Size + (Bias(layer) ? units : 0);
                        shape = new Shape(units, 1, 1, false);
                        break;
                    case "GlobalAvgPool2d":
                        shape = new Shape(shape.C, 1, 1, false);
                        break;
                    default:
                        bool convolution = name == "Conv2d";
                        int kernel = Int(layer, convolution ? 1 : 0);
                        stride = Named(layer, "Stride") ?? (convolution ? 1 : kernel);
                        long padding = Named(layer, "Padding") ?? 0;
                        if (kernel > shape.H + 2 * padding || kernel > shape.W + 2 * padding) return "LSG0111";
                        long height = (shape.H + 2 * padding - kernel) / stride + 1, width = (shape.W + 2 * padding - kernel) / stride + 1;
                        if (height > MaxValues || width > MaxValues) return null;
                        if (convolution)
                        {
                            long channels = Int(layer, 0);
                            values += shape.C * kernel * kernel * height * width;
                            parameters += channels * shape.C * kernel * kernel + (Bias(layer) ? channels : 0);
                            shape = new Shape(channels, height, width, true);
                        }
                        else
                        {
                            shape = shape with { H = height, W = width };
                        }
                        break;
                }
                values += shape.Size;
                if (values > MaxValues || parameters > MaxParameters) return null;
                if (block is { } inside) block = (inside.X, inside.Layers + 1, Math.Min(inside.Stride * stride, int.MaxValue));
            }
            if (block is not null) return "LSG0114";
            if (shape.Spatial) return "LSG0120";
            bool crossEntropy = (int)attributes.First(a => Name(a) == "Network").ConstructorArguments[0].Value! == (int)LossFunction.SoftmaxCrossEntropy;
            if (crossEntropy && shape.Size == 1) return "LSG0106";
            return parameters == 0 ? "LSG0121" : Valid;
        }
    }
}
