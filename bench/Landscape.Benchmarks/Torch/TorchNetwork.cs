using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscape.Benchmarks;

/// <summary>
/// The libtorch twin of one of our networks: the same architecture and loss, written with TorchSharp's functional API
/// so it runs on parameter tensors cut from our θ. <see cref="TorchProblem"/> does the rest (autograd gradient,
/// double-backward H·v, Lanczos, plane slice) for any network. A convolutional network (P3, P4) derives from this:
/// its <see cref="ParameterShapes"/> are PyTorch's (<c>conv2d</c> weight [out, in, kh, kw], bias [out], <c>linear</c>
/// weight [out, in], bias [out]) in our layout's order, and its <see cref="Inputs"/> reshapes the rows to images.
/// </summary>
public abstract class TorchNetwork
{
    /// <summary>
    /// The shape of every parameter tensor, in our layout's order (layer by layer: weight row-major, then bias). Their
    /// element counts must equal the lengths of our layout's blocks, one for one (checked by <see cref="TorchProblem"/>).
    /// </summary>
    public abstract IReadOnlyList<long[]> ParameterShapes { get; }

    /// <summary>What libtorch computes, in words (for the report).</summary>
    public abstract string Description { get; }

    /// <summary>The input tensor of <paramref name="data"/>; by default its rows as [n, input size] float64.</summary>
    public virtual Tensor Inputs(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return torch.tensor(data.Inputs.ToArray(), new long[] { data.Count, data.InputSize }, dtype: ScalarType.Float64);
    }

    /// <summary>The target tensor of <paramref name="data"/>; by default its rows as [n, target size] float64.</summary>
    public virtual Tensor Targets(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return torch.tensor(data.Targets.ToArray(), new long[] { data.Count, data.TargetSize }, dtype: ScalarType.Float64);
    }

    /// <summary>L(θ): the mean loss over the examples (a scalar), differentiable in <paramref name="parameters"/>.</summary>
    public abstract Tensor Loss(IReadOnlyList<Tensor> parameters, Tensor inputs, Tensor targets);
}

/// <summary>
/// A dense network: <c>linear</c> layers, the hidden ones followed by an activation, the last one linear; the twin of a
/// generated <c>[Dense]</c> network. Parameters per layer: weight [units, fan-in], bias [units].
/// </summary>
public sealed class TorchMlp : TorchNetwork
{
    private readonly int[] _widths;
    private readonly Hidden _hidden;
    private readonly LossHead _loss;

    /// <summary>Activations of the hidden layers.</summary>
    public enum Hidden
    {
        /// <summary>tanh.</summary>
        Tanh,
    }

    /// <summary>Loss heads.</summary>
    public enum LossHead
    {
        /// <summary>Ours: L = (1/n) Σᵢ ½‖f(xᵢ) − yᵢ‖².</summary>
        MeanSquaredError,
    }

    /// <summary>A network with the given widths (input first), hidden activation and loss.</summary>
    public TorchMlp(int[] widths, Hidden hidden, LossHead loss)
    {
        ArgumentNullException.ThrowIfNull(widths);
        if (widths.Length < 2) throw new ArgumentException("Expected an input width and at least one layer.", nameof(widths));
        _widths = (int[])widths.Clone();
        _hidden = hidden;
        _loss = loss;
        var shapes = new List<long[]>();
        for (int l = 1; l < _widths.Length; l++)
        {
            shapes.Add([_widths[l], _widths[l - 1]]);
            shapes.Add([_widths[l]]);
        }
        ParameterShapes = shapes;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<long[]> ParameterShapes { get; }

    /// <inheritdoc/>
    public override string Description =>
        $"{string.Join('-', _widths)}: torch.nn.functional.linear, {_hidden.ToString().ToLowerInvariant()} hidden layers, " +
        (_loss == LossHead.MeanSquaredError ? "((f − y)²).sum() · 0.5 / n" : _loss.ToString());

    /// <inheritdoc/>
    public override Tensor Loss(IReadOnlyList<Tensor> parameters, Tensor inputs, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        Tensor h = inputs;
        int layers = _widths.Length - 1;
        for (int l = 0; l < layers; l++)
        {
            Tensor z = torch.nn.functional.linear(h, parameters[2 * l], parameters[2 * l + 1]);
            h = l < layers - 1 ? Activate(z) : z;
        }
        return _loss switch
        {
            LossHead.MeanSquaredError => (h - targets).square().sum() * (0.5 / inputs.shape[0]),
            _ => throw new InvalidOperationException($"Unknown loss head {_loss}."),
        };
    }

    private Tensor Activate(Tensor z) => _hidden switch
    {
        Hidden.Tanh => torch.tanh(z),
        _ => throw new InvalidOperationException($"Unknown activation {_hidden}."),
    };
}
