using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Landscape.Generators.Tests.Fuzzing;

/// <summary>
/// Seeded source mutations of the kinds a user produces while typing or by mistake: deleted, duplicated, swapped and
/// inserted tokens; numbers out of range or huge; arguments of the wrong type; unknown enum members; changed types and
/// operators; unicode identifiers (consistent and not); duplicated attributes; and truncated, half-typed files. For
/// networks, also well-formed C# with other numbers: kernel and window sizes, strides, paddings, channels and units, the
/// input's shape, dropped, doubled or moved [ResidualBegin]/[ResidualEnd], a toggled Projection, inserted and dropped layers,
/// which reach the shape pass rather than the compiler. Token mutations work on the lexer's tokens of the current text and
/// layer mutations on its attribute lines, so mutations compose.
/// </summary>
internal static class Mutator
{
    /// <summary>The mutation operators, by name (the names appear in failure messages and in the per-operator counts).</summary>
    public static IReadOnlyList<(string Name, Func<string, Random, string> Apply)> Operators { get; } =
    [
        ("delete-token", DeleteToken),
        ("duplicate-token", DuplicateToken),
        ("swap-tokens", SwapAdjacentTokens),
        ("insert-token", InsertToken),
        ("number-out-of-range", ReplaceNumber),
        ("huge-size", HugeSize),
        ("argument-type", SwapArgumentType),
        ("unknown-enum", UnknownEnumMember),
        ("change-type", ChangeType),
        ("change-operator", ChangeOperator),
        ("change-call", ChangeCall),
        ("unicode-rename", UnicodeRename),
        ("unicode-rename-one", UnicodeRenameOne),
        ("duplicate-attribute", DuplicateAttribute),
        ("delete-line", DeleteLine),
        ("truncate", Truncate),
        ("kernel-size", KernelSize),
        ("layer-stride", LayerStride),
        ("layer-padding", LayerPadding),
        ("layer-channels", LayerChannels),
        ("input-shape", InputShape),
        ("residual-marker", ResidualMarker),
        ("residual-projection", ResidualProjection),
        ("insert-layer", InsertLayer),
        ("drop-layers", DropLayers),
    ];

    /// <summary>One layer attribute on a line of its own, as the seeds write them: its indentation, name and argument text.</summary>
    private static readonly Regex s_layerLine = new(
        @"^(?<indent>[ \t]*)\[(?<name>Input|Dense|Conv2d|MaxPool2d|AvgPool2d|GlobalAvgPool2d|ResidualBegin|ResidualEnd)(\((?<arguments>.*)\))?\][ \t]*$",
        RegexOptions.CultureInvariant);

    private static readonly string[] KernelSizes = ["0", "-1", "1", "2", "3", "4", "5", "7", "9", "13", "1000", "int.MaxValue"];

    private static readonly string[] Strides = ["0", "-2", "1", "2", "3", "4", "7", "100", "int.MaxValue"];

    private static readonly string[] Paddings = ["-1", "0", "1", "2", "3", "6", "100", "int.MaxValue"];

    private static readonly string[] Widths = ["0", "-3", "1", "2", "3", "5", "16", "100000"];

    private static readonly string[] InputShapes = ["16", "5", "1, 1, 1", "1, 3, 3", "2, 8, 8", "3, 5, 9", "1, 12, 12", "1, 28, 28", "0, 8, 8", "1, 2, 100", "2, -4, 4"];

    private static readonly string[] InsertedLayers =
    [
        "[Conv2d(3, 3, Padding = 1)]", "[Conv2d(2, 1, Activation.Relu)]", "[Conv2d(4, 3, Stride = 2)]", "[Conv2d(2, 5)]", "[MaxPool2d(2)]",
        "[AvgPool2d(3, Stride = 1, Padding = 1)]", "[MaxPool2d(3, Stride = 2, Padding = 1)]", "[GlobalAvgPool2d]", "[Dense(4, Activation.Tanh)]",
        "[Dense(1)]", "[ResidualBegin]", "[ResidualEnd]", "[ResidualEnd(Activation.Relu, Projection = true)]",
    ];

    private static readonly string[] InsertPool =
    [
        ",", ";", "(", ")", "[", "]", "{", "}", "=", ".", "static", "partial", "public", "abstract", "<T>", "ref", "params",
        "out", "int", "float", "double", "string", "Math.", "Console.WriteLine()", "yield", "async", "=>", "?", ":", "!",
        "new", "this", "\"", "'", "/*", "#if X\n", "@", "unsafe", "readonly", "[Input(3)]", "[Dense(2)]", "[Objective]",
        "[Network(LossFunction.MeanSquaredError)]", "x", "y", "0", "1e-3", "-", "*", "const", "in", "scoped", "nameof(x)",
    ];

    private static readonly string[] Numbers =
    [
        "0", "-1", "-2147483648", "2147483647", "2147483648", "1000000", "99999999999", "1e308", "1e309", "0.5", "2.5", "0x7FFFFFFF",
        "int.MaxValue", "double.NaN", "double.PositiveInfinity", "1_000_000", "-0.0", "1e-320", "3u", "3L", "3m", "3f",
    ];

    private static readonly string[] HugeSizes = ["100000", "2000000000", "46341", "65536", "1048576", "int.MaxValue", "0", "-5"];

    private static readonly string[] WrongArguments =
    [
        "\"3\"", "true", "null", "'c'", "3.5", "3L", "typeof(int)", "new int[0]", "default", "Activation.Tanh",
        "LossFunction.MeanSquaredError", "Init.He", "nameof(Fuzz)", "1 + 2", "(int)3.9", "x => x", "Bias = true",
    ];

    private static readonly string[] EnumReplacements =
    [
        "Activation.Swish", "Activation.tanh", "LossFunction.Hinge", "Init.Orthogonal", "(Activation)99", "(LossFunction)(-1)",
        "(Init)42", "Activation.Identity | Activation.Tanh", "(Activation)1", "default(Activation)", "Activation", "0",
    ];

    private static readonly string[] Types =
    [
        "int", "float", "decimal", "object", "string", "double?", "ref double", "in double", "System.Span<double>", "var",
        "dynamic", "void", "long", "Half", "double[]", "(double, double)",
    ];

    private static readonly string[] BinaryOperators = ["%", "&", "|", "^", "<<", "==", "&&", "??", "+", "-", "*", "/", "<", ">="];

    private static readonly string[] Calls =
    [
        "Math.Cbrt", "Math.Atan2", "Math.Round", "Math.Floor", "Math.Sign", "Math.Clamp", "Console.ReadLine", "Math.PI",
        "Math.FusedMultiplyAdd", "MathF.Sqrt", "Math.Log10", "Math.Pow", "Math.Exp", "Math.Abs", "Math.Max", "GC.Collect",
    ];

    private static readonly string[] UnicodeNames = ["Ωμέγα", "変数", "x\u0301", "_", "@class", "ℌ", "𝑥", "Δt", "ǅ", "a\u200Db", "Λ2"];

    /// <summary>Applies 1–3 random operators to <paramref name="source"/>; returns the variant and the operator names.</summary>
    public static (string Source, string[] Operators) Mutate(string source, Random random)
    {
        int count = random.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 };
        var names = new string[count];
        for (int i = 0; i < count; i++)
        {
            (string name, Func<string, Random, string> apply) = Operators[random.Next(Operators.Count)];
            names[i] = name;
            source = apply(source, random);
        }
        return (source, names);
    }

    private static List<SyntaxToken> Tokens(string source) =>
        SyntaxFactory.ParseTokens(source).Where(t => !t.IsKind(SyntaxKind.EndOfFileToken) && t.Span.Length > 0).ToList();

    private static string Replace(string source, TextSpan span, string text) =>
        string.Concat(source.AsSpan(0, span.Start), text, source.AsSpan(span.End));

    private static T Pick<T>(IReadOnlyList<T> items, Random random) => items[random.Next(items.Count)];

    /// <summary>Replaces a random token satisfying <paramref name="where"/> with <paramref name="replacement"/>; a random token when none does.</summary>
    private static string ReplaceToken(string source, Random random, Func<SyntaxToken, bool> where, string replacement)
    {
        List<SyntaxToken> tokens = Tokens(source);
        if (tokens.Count == 0) return source + replacement;
        List<SyntaxToken> candidates = tokens.Where(where).ToList();
        SyntaxToken token = candidates.Count > 0 ? Pick(candidates, random) : Pick(tokens, random);
        return Replace(source, token.Span, replacement);
    }

    private static string DeleteToken(string source, Random random) => ReplaceToken(source, random, _ => true, "");

    private static string DuplicateToken(string source, Random random)
    {
        List<SyntaxToken> tokens = Tokens(source);
        if (tokens.Count == 0) return source;
        SyntaxToken token = Pick(tokens, random);
        return Replace(source, token.Span, token.Text + " " + token.Text);
    }

    private static string SwapAdjacentTokens(string source, Random random)
    {
        List<SyntaxToken> tokens = Tokens(source);
        if (tokens.Count < 2) return source;
        int i = random.Next(tokens.Count - 1);
        SyntaxToken a = tokens[i], b = tokens[i + 1];
        // Replace the later token first so the earlier span stays valid.
        return Replace(Replace(source, b.Span, a.Text), a.Span, b.Text);
    }

    private static string InsertToken(string source, Random random)
    {
        List<SyntaxToken> tokens = Tokens(source);
        int position = tokens.Count == 0 ? 0 : Pick(tokens, random).Span.Start;
        return source.Insert(position, Pick(InsertPool, random) + " ");
    }

    private static string ReplaceNumber(string source, Random random) =>
        ReplaceToken(source, random, t => t.IsKind(SyntaxKind.NumericLiteralToken), Pick(Numbers, random));

    private static string HugeSize(string source, Random random)
    {
        // A number directly inside [Input(…)] or [Dense(…)], else any number.
        List<SyntaxToken> tokens = Tokens(source);
        var sizes = new List<SyntaxToken>();
        for (int i = 2; i < tokens.Count; i++)
        {
            if (tokens[i].IsKind(SyntaxKind.NumericLiteralToken) && tokens[i - 1].IsKind(SyntaxKind.OpenParenToken)
                && tokens[i - 2].Text is "Input" or "Dense")
                sizes.Add(tokens[i]);
        }
        if (sizes.Count == 0) return ReplaceNumber(source, random);
        return Replace(source, Pick(sizes, random).Span, Pick(HugeSizes, random));
    }

    private static string SwapArgumentType(string source, Random random)
    {
        // An argument: a token right after '(' or ',' inside an attribute or call.
        List<SyntaxToken> tokens = Tokens(source);
        var arguments = new List<SyntaxToken>();
        for (int i = 1; i < tokens.Count; i++)
        {
            if (tokens[i - 1].Kind() is SyntaxKind.OpenParenToken or SyntaxKind.CommaToken
                && tokens[i].Kind() is SyntaxKind.NumericLiteralToken or SyntaxKind.IdentifierToken)
                arguments.Add(tokens[i]);
        }
        if (arguments.Count == 0) return source;
        return Replace(source, Pick(arguments, random).Span, Pick(WrongArguments, random));
    }

    private static string UnknownEnumMember(string source, Random random)
    {
        // "Activation . Tanh" → replace the three tokens; "Init . He" and "LossFunction . X" likewise.
        List<SyntaxToken> tokens = Tokens(source);
        var starts = new List<int>();
        for (int i = 0; i + 2 < tokens.Count; i++)
        {
            if (tokens[i].Text is "Activation" or "LossFunction" or "Init" && tokens[i + 1].IsKind(SyntaxKind.DotToken))
                starts.Add(i);
        }
        if (starts.Count == 0) return SwapArgumentType(source, random);
        int s = Pick(starts, random);
        return Replace(source, TextSpan.FromBounds(tokens[s].SpanStart, tokens[s + 2].Span.End), Pick(EnumReplacements, random));
    }

    private static string ChangeType(string source, Random random) =>
        ReplaceToken(source, random, t => t.Kind() is SyntaxKind.DoubleKeyword or SyntaxKind.IntKeyword or SyntaxKind.VarKeyword, Pick(Types, random));

    private static string ChangeOperator(string source, Random random) =>
        ReplaceToken(source, random, t => t.Kind() is SyntaxKind.PlusToken or SyntaxKind.MinusToken or SyntaxKind.AsteriskToken
            or SyntaxKind.SlashToken or SyntaxKind.LessThanToken or SyntaxKind.GreaterThanToken or SyntaxKind.AmpersandAmpersandToken,
            Pick(BinaryOperators, random));

    private static string ChangeCall(string source, Random random)
    {
        List<SyntaxToken> tokens = Tokens(source);
        var calls = new List<int>();
        for (int i = 0; i + 2 < tokens.Count; i++)
            if (tokens[i].Text == "Math" && tokens[i + 1].IsKind(SyntaxKind.DotToken)) calls.Add(i);
        if (calls.Count == 0) return InsertToken(source, random);
        int s = Pick(calls, random);
        return Replace(source, TextSpan.FromBounds(tokens[s].SpanStart, tokens[s + 2].Span.End), Pick(Calls, random));
    }

    /// <summary>Renames one identifier everywhere (a consistent, usually valid change).</summary>
    private static string UnicodeRename(string source, Random random)
    {
        List<SyntaxToken> identifiers = Tokens(source).Where(IsRenameable).ToList();
        if (identifiers.Count == 0) return source;
        string name = Pick(identifiers, random).Text;
        string replacement = Pick(UnicodeNames, random);
        List<SyntaxToken> same = Tokens(source).Where(t => t.IsKind(SyntaxKind.IdentifierToken) && t.Text == name).ToList();
        for (int i = same.Count - 1; i >= 0; i--) source = Replace(source, same[i].Span, replacement);
        return source;
    }

    /// <summary>Renames one occurrence of an identifier (usually leaves a dangling reference).</summary>
    private static string UnicodeRenameOne(string source, Random random) =>
        ReplaceToken(source, random, IsRenameable, Pick(UnicodeNames, random));

    /// <summary>User-chosen names: type, member, parameter and local names (not the DSL's or the framework's).</summary>
    private static bool IsRenameable(SyntaxToken token) =>
        token.IsKind(SyntaxKind.IdentifierToken)
        && token.Text is not ("Landscape" or "System" or "Math" or "Network" or "Input" or "Dense" or "Objective" or "Activation"
            or "LossFunction" or "Init" or "Bias" or "InitScale" or "Fuzz" or "Console");

    private static string DuplicateAttribute(string source, Random random)
    {
        string[] lines = source.Split('\n');
        int[] attributes = Enumerable.Range(0, lines.Length).Where(i => lines[i].TrimStart().StartsWith('[')).ToArray();
        if (attributes.Length == 0) return source;
        int line = Pick(attributes, random);
        var result = lines.ToList();
        result.Insert(line + 1, lines[line]);
        return string.Join('\n', result);
    }

    private static string DeleteLine(string source, Random random)
    {
        var lines = source.Split('\n').ToList();
        if (lines.Count == 0) return source;
        lines.RemoveAt(random.Next(lines.Count));
        return string.Join('\n', lines);
    }

    /// <summary>Cuts the file at a random point (half-typed code), sometimes closing what is open.</summary>
    private static string Truncate(string source, Random random)
    {
        string cut = source[..random.Next(source.Length + 1)];
        return random.Next(3) == 0 ? cut + "\n}" : cut;
    }

    /// <summary>A convolution's kernel or a pooling window's size.</summary>
    private static string KernelSize(string source, Random random) => EditLayer(source, random, name => name is "Conv2d" or "MaxPool2d" or "AvgPool2d",
        (name, arguments) => SetPositional(arguments, name == "Conv2d" ? 1 : 0, Pick(KernelSizes, random)));

    /// <summary>A convolution's or pooling's Stride, set or replaced.</summary>
    private static string LayerStride(string source, Random random) => EditLayer(source, random, name => name is "Conv2d" or "MaxPool2d" or "AvgPool2d",
        (_, arguments) => SetNamed(arguments, "Stride", Pick(Strides, random)));

    /// <summary>A convolution's or pooling's Padding, set or replaced.</summary>
    private static string LayerPadding(string source, Random random) => EditLayer(source, random, name => name is "Conv2d" or "MaxPool2d" or "AvgPool2d",
        (_, arguments) => SetNamed(arguments, "Padding", Pick(Paddings, random)));

    /// <summary>A convolution's channels or a dense layer's units.</summary>
    private static string LayerChannels(string source, Random random) => EditLayer(source, random, name => name is "Conv2d" or "Dense",
        (_, arguments) => SetPositional(arguments, 0, Pick(Widths, random)));

    /// <summary>The [Input]'s arguments: a flat size or an image shape (some not positive).</summary>
    private static string InputShape(string source, Random random) => EditLayer(source, random, name => name == "Input",
        (_, arguments) =>
        {
            arguments.Clear();
            arguments.Add(Pick(InputShapes, random));
        });

    /// <summary>A [ResidualBegin] or [ResidualEnd] deleted, doubled, or moved one line up or down; one inserted if there is none.</summary>
    private static string ResidualMarker(string source, Random random)
    {
        List<string> lines = [.. source.Split('\n')];
        int[] markers = LayerLines(lines, name => name is "ResidualBegin" or "ResidualEnd");
        if (markers.Length == 0)
            return InsertLine(source, random, Pick(new[] { "[ResidualBegin]", "[ResidualEnd]", "[ResidualEnd(Projection = true)]" }, random));
        int line = Pick(markers, random);
        switch (random.Next(4))
        {
            case 0:
                lines.RemoveAt(line);
                break;
            case 1:
                lines.Insert(line, lines[line]);
                break;
            default:
                int other = random.Next(2) == 0 ? line - 1 : line + 1;
                if (other >= 0 && other < lines.Count) (lines[line], lines[other]) = (lines[other], lines[line]);
                break;
        }
        return string.Join('\n', lines);
    }

    /// <summary>Projection = true added to a [ResidualEnd] without it, or removed from one with it.</summary>
    private static string ResidualProjection(string source, Random random) => EditLayer(source, random, name => name == "ResidualEnd",
        (_, arguments) =>
        {
            if (arguments.RemoveAll(a => a.StartsWith("Projection", StringComparison.Ordinal)) == 0) arguments.Add("Projection = true");
        });

    /// <summary>One random layer line removed, or every layer line from a random one on (a network cut short).</summary>
    private static string DropLayers(string source, Random random)
    {
        List<string> lines = [.. source.Split('\n')];
        int[] layers = LayerLines(lines, name => name != "Input");
        if (layers.Length == 0) return DeleteLine(source, random);
        int first = random.Next(layers.Length);
        int last = random.Next(2) == 0 ? first : layers.Length - 1;
        for (int i = last; i >= first; i--) lines.RemoveAt(layers[i]);
        return string.Join('\n', lines);
    }

    /// <summary>A layer attribute inserted before a random layer line (or after the last).</summary>
    private static string InsertLayer(string source, Random random) => InsertLine(source, random, Pick(InsertedLayers, random));

    /// <summary>Inserts <paramref name="attribute"/> at a layer line's position; a random token when the source has no layer line.</summary>
    private static string InsertLine(string source, Random random, string attribute)
    {
        List<string> lines = [.. source.Split('\n')];
        int[] layers = LayerLines(lines, _ => true);
        if (layers.Length == 0) return InsertToken(source, random);
        int choice = random.Next(layers.Length + 1);
        int at = choice < layers.Length ? layers[choice] : layers[^1] + 1;
        string indent = s_layerLine.Match(lines[layers[0]]).Groups["indent"].Value;
        lines.Insert(at, indent + attribute);
        return string.Join('\n', lines);
    }

    /// <summary>
    /// Rewrites the arguments of a random layer line whose attribute name satisfies <paramref name="which"/>; inserts a
    /// layer when there is none (another network seed), or replaces a number when the source has no layer line at all.
    /// </summary>
    private static string EditLayer(string source, Random random, Func<string, bool> which, Action<string, List<string>> edit)
    {
        string[] lines = source.Split('\n');
        int[] candidates = LayerLines(lines, which);
        if (candidates.Length == 0)
            return LayerLines(lines, _ => true).Length > 0 ? InsertLayer(source, random) : ReplaceNumber(source, random);
        int line = Pick(candidates, random);
        Match match = s_layerLine.Match(lines[line]);
        string name = match.Groups["name"].Value;
        List<string> arguments = SplitArguments(match.Groups["arguments"].Value);
        edit(name, arguments);
        lines[line] = $"{match.Groups["indent"].Value}[{name}({string.Join(", ", arguments)})]";
        return string.Join('\n', lines);
    }

    /// <summary>The indices of the lines that hold one layer attribute whose name satisfies <paramref name="which"/>.</summary>
    private static int[] LayerLines(IReadOnlyList<string> lines, Func<string, bool> which) =>
        Enumerable.Range(0, lines.Count).Where(i => s_layerLine.Match(lines[i]) is { Success: true } m && which(m.Groups["name"].Value)).ToArray();

    /// <summary>Splits an argument list at its top-level commas.</summary>
    private static List<string> SplitArguments(string text)
    {
        var arguments = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is '(' or '[') depth++;
            else if (text[i] is ')' or ']') depth--;
            else if (text[i] == ',' && depth == 0)
            {
                arguments.Add(text[start..i].Trim());
                start = i + 1;
            }
        }
        if (text.Trim().Length > 0) arguments.Add(text[start..].Trim());
        return arguments;
    }

    /// <summary>Replaces positional argument <paramref name="position"/> (a named one stays), or appends it when the list is shorter.</summary>
    private static void SetPositional(List<string> arguments, int position, string value)
    {
        int positional = arguments.TakeWhile(a => !a.Contains('=', StringComparison.Ordinal)).Count();
        if (position < positional) arguments[position] = value;
        else if (position == positional) arguments.Insert(position, value);
    }

    /// <summary>Sets the named property argument <paramref name="name"/> to <paramref name="value"/>, appending it if absent.</summary>
    private static void SetNamed(List<string> arguments, string name, string value)
    {
        int index = arguments.FindIndex(a => a.Split('=')[0].Trim() == name);
        if (index >= 0) arguments[index] = $"{name} = {value}";
        else arguments.Add($"{name} = {value}");
    }
}
