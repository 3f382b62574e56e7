using System.Collections.Generic;
using Landscape.Generators.Common;
using Landscape.Generators.Network.Model;

namespace Landscape.Generators.Network;

/// <summary>
/// Derived facts about a <see cref="NetworkSpec"/> that the emitter needs (offsets, names, descriptions). Computed from
/// the spec alone, in the emit stage, so the cached spec stays minimal.
/// </summary>
internal sealed class NetworkShape
{
    /// <summary>Resolves the layers' parameter blocks (names, offset constants, offsets) and the descriptions of <paramref name="spec"/>.</summary>
    public NetworkShape(NetworkSpec spec)
    {
        Spec = spec;
        int offset = 0;
        var layers = new List<Layer>();
        var parameters = new List<ParameterEntry>();
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            LayerSpec layer = spec.Layers[l];
            string name = "dense" + Literals.Int(l);
            var weight = new ParameterEntry(name + ".weight", $"Dense{l}Weight", offset, layer.Units, layer.FanIn, false);
            offset += layer.Units * layer.FanIn;
            parameters.Add(weight);
            ParameterEntry? bias = null;
            if (layer.Bias)
            {
                bias = new ParameterEntry(name + ".bias", $"Dense{l}Bias", offset, layer.Units, 1, true);
                offset += layer.Units;
                parameters.Add(bias);
            }
            layers.Add(new Layer(l, name, layer, weight, bias));
        }
        Layers = layers;
        Parameters = parameters;
        ParameterCount = offset;
        Architecture = DescribeArchitecture();
    }

    /// <summary>The spec this shape is derived from.</summary>
    public NetworkSpec Spec { get; }

    /// <summary>The layers in order, with their parameter blocks.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>Every parameter block in layout order: per layer, the weight then the bias.</summary>
    public IReadOnlyList<ParameterEntry> Parameters { get; }

    /// <summary>The length of the parameter vector.</summary>
    public int ParameterCount { get; }

    /// <summary>Index of the output layer.</summary>
    public int Last => Layers.Count - 1;

    /// <summary>Outputs per example: the width of the last layer.</summary>
    public int OutputSize => Layers[Last].Spec.Units;

    /// <summary>The per-example loss in words.</summary>
    public string LossDescription => Spec.Loss == LossKind.MeanSquaredError
        ? "½‖f(x) − y‖²"
        : "−Σₖ yₖ log softmax(f(x))ₖ";

    /// <summary>
    /// The value of the generated <c>Architecture</c> constant: the declaration in one line, e.g.
    /// "784-200-200-10 tanh/tanh/identity, MSE" or "20-32-16-5 gelu/relu/sigmoid, softmax cross-entropy, no bias in dense1".
    /// </summary>
    public string Architecture { get; }

    /// <summary>"784-200-200-10 tanh/tanh/identity, mean squared error, 199,210 parameters".</summary>
    public string Describe()
    {
        string loss = Spec.Loss == LossKind.MeanSquaredError ? "mean squared error" : "softmax cross-entropy";
        return $"{WidthsAndActivations()}, {loss}, {Literals.Grouped(ParameterCount)} parameters";
    }

    /// <summary>An activation as the architecture names it, in lower case: "identity", "tanh", "relu", …, "sin".</summary>
    public static string ActivationName(ActivationKind activation) => activation.ToString().ToLowerInvariant();

    /// <summary>
    /// <see cref="Architecture"/>: <see cref="WidthsAndActivations"/>, the loss ("MSE" or "softmax cross-entropy"), and the
    /// layers declared with <c>Bias = false</c>: ", no bias" when no layer has one, else ", no bias in dense1, dense3".
    /// </summary>
    private string DescribeArchitecture()
    {
        string loss = Spec.Loss == LossKind.MeanSquaredError ? "MSE" : "softmax cross-entropy";
        var withoutBias = new List<string>();
        foreach (Layer layer in Layers)
        {
            if (layer.Bias is null) withoutBias.Add(layer.Name);
        }
        string bias = withoutBias.Count == 0 ? ""
            : withoutBias.Count == Layers.Count ? ", no bias"
            : ", no bias in " + string.Join(", ", withoutBias);
        return $"{WidthsAndActivations()}, {loss}{bias}";
    }

    /// <summary>
    /// "784-200-200-10 tanh/tanh/identity": the input size (an image input as "1×28×28") and each layer's units joined by
    /// '-', then each layer's activation joined by '/'.
    /// </summary>
    private string WidthsAndActivations()
    {
        var sizes = new List<string> { Spec.InputImage?.ToString() ?? Literals.Int(Spec.InputSize) };
        var activations = new List<string>();
        foreach (Layer layer in Layers)
        {
            sizes.Add(Literals.Int(layer.Spec.Units));
            activations.Add(ActivationName(layer.Spec.Activation));
        }
        return $"{string.Join("-", sizes)} {string.Join("/", activations)}";
    }

    /// <summary>The declaration restated in canonical attribute form (defaults omitted).</summary>
    public IEnumerable<string> DeclarationLines()
    {
        yield return $"[Network(LossFunction.{Spec.Loss})]";
        yield return Spec.InputImage is { } image
            ? $"[Input({Literals.Int(image.Channels)}, {Literals.Int(image.Height)}, {Literals.Int(image.Width)})]"
            : $"[Input({Literals.Int(Spec.InputSize)})]";
        foreach (Layer layer in Layers)
        {
            var arguments = new List<string> { Literals.Int(layer.Spec.Units) };
            if (layer.Spec.Activation != ActivationKind.Identity) arguments.Add($"Activation.{layer.Spec.Activation}");
            if (!layer.Spec.Bias) arguments.Add("Bias = false");
            if (layer.Spec.Init != InitKind.Default) arguments.Add($"Init = Init.{layer.Spec.Init}");
            if (layer.Spec.InitScale != 1.0) arguments.Add($"InitScale = {Literals.Double(layer.Spec.InitScale).TrimEnd('d')}");
            yield return $"[Dense({string.Join(", ", arguments)})]";
        }
        yield return $"partial {Spec.TypeKeyword} {Spec.TypeName}";
    }
}
