using System.Collections.Generic;
using System.Globalization;
using Landscape.Generators.Common;
using Landscape.Generators.Network.Model;

namespace Landscape.Generators.Network;

/// <summary>
/// Derived facts about a <see cref="NetworkSpec"/> that the emitter needs (offsets, names, descriptions). Computed from
/// the spec alone, in the emit stage, so the cached spec stays minimal.
/// </summary>
internal sealed class NetworkShape
{
    public NetworkShape(NetworkSpec spec)
    {
        Spec = spec;
        int offset = 0;
        var layers = new List<Layer>();
        var parameters = new List<ParameterEntry>();
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            LayerSpec layer = spec.Layers[l];
            var weight = new ParameterEntry($"dense{l}.weight", $"Dense{l}Weight", offset, layer.Units, layer.FanIn, false);
            offset += layer.Units * layer.FanIn;
            parameters.Add(weight);
            ParameterEntry? bias = null;
            if (layer.Bias)
            {
                bias = new ParameterEntry($"dense{l}.bias", $"Dense{l}Bias", offset, layer.Units, 1, true);
                offset += layer.Units;
                parameters.Add(bias);
            }
            layers.Add(new Layer(l, layer, weight, bias));
        }
        Layers = layers;
        Parameters = parameters;
        ParameterCount = offset;
    }

    public NetworkSpec Spec { get; }

    public IReadOnlyList<Layer> Layers { get; }

    public IReadOnlyList<ParameterEntry> Parameters { get; }

    public int ParameterCount { get; }

    /// <summary>Index of the output layer.</summary>
    public int Last => Layers.Count - 1;

    public int OutputSize => Layers[Last].Spec.Units;

    /// <summary>The per-example loss in words.</summary>
    public string LossDescription => Spec.Loss == LossKind.MeanSquaredError
        ? "½‖f(x) − y‖²"
        : "−Σₖ yₖ log softmax(f(x))ₖ";

    /// <summary>"784-200-200-10 tanh/tanh/identity, mean squared error, 199,210 parameters".</summary>
    public string Describe()
    {
        var sizes = new List<string> { Spec.InputSize.ToString(CultureInfo.InvariantCulture) };
        var activations = new List<string>();
        foreach (Layer layer in Layers)
        {
            sizes.Add(layer.Spec.Units.ToString(CultureInfo.InvariantCulture));
            activations.Add(layer.Spec.Activation.ToString().ToLowerInvariant());
        }
        string loss = Spec.Loss == LossKind.MeanSquaredError ? "mean squared error" : "softmax cross-entropy";
        return $"{string.Join("-", sizes)} {string.Join("/", activations)}, {loss}, {Literals.Grouped(ParameterCount)} parameters";
    }

    /// <summary>The declaration restated in canonical attribute form (defaults omitted).</summary>
    public IEnumerable<string> DeclarationLines()
    {
        yield return $"[Network(LossFunction.{Spec.Loss})]";
        yield return $"[Input({Literals.Int(Spec.InputSize)})]";
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
