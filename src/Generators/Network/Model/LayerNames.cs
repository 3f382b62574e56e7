using Landscape.Generators.Common;

namespace Landscape.Generators.Network.Model;

/// <summary>
/// How layers are named, in one place for the parser's messages, the parameter layout and the generated code's fields:
/// <c>dense1</c>, <c>conv0</c>, <c>maxpool0</c>, <c>avgpool1</c>, <c>globalavgpool0</c>, <c>residual0</c>, numbered per kind
/// from 0 in declaration order (a residual block by its <c>[ResidualBegin]</c>).
/// </summary>
internal static class LayerNames
{
    /// <summary>The name of layer number <paramref name="index"/> of <paramref name="kind"/>.</summary>
    public static string Of(LayerKind kind, int index) => kind switch
    {
        LayerKind.Dense => "dense",
        LayerKind.Conv2d => "conv",
        LayerKind.MaxPool2d => "maxpool",
        LayerKind.AvgPool2d => "avgpool",
        LayerKind.GlobalAvgPool2d => "globalavgpool",
        _ => "residual",
    } + Literals.Int(index);

    /// <summary>The prefix of a layer's generated constants and workspace fields: <c>conv1</c> → <c>Conv1</c>.</summary>
    public static string Field(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);
}
