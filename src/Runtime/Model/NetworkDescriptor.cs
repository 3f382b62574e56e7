using System;
using System.Collections.Generic;
using System.Globalization;
using Landscape.Numerics;

namespace Landscape;

/// <summary>
/// A network in a catalog: its name, architecture, sizes, the FLOPs of one example for the loss, the gradient and the
/// Hessian-vector product, and a reflection-free factory. Instances are created by the generated
/// <c>Landscape.NetworkCatalog</c> of the assembly that declares the networks; <c>landscape bench</c> times them.
/// </summary>
/// <remarks>
/// FLOPs count 2 per multiply-add of the GEMMs (a convolution as its im2col GEMM); activations, biases, pooling, residual
/// adds and the loss head are not counted. With I the multiply-adds of the maps whose input does not depend on θ (the
/// first layer: it needs neither an input delta nor an R-value) and S those of the others: loss = 2(I + S), gradient =
/// 2(2I + 3S) (forward, input deltas, weight gradients), HVP without gradient output = 2(3I + 8S) (forward, R-forward,
/// deltas, R-deltas, weight terms).
/// </remarks>
public sealed class NetworkDescriptor
{
    private readonly Func<IModel> _create;
    private readonly int[] _inputShape;

    /// <summary>Creates a descriptor (called by generated code).</summary>
    /// <param name="name">The network class's name.</param>
    /// <param name="architecture">The generated <c>Architecture</c> constant ("784-200-200-10 tanh/tanh/identity, MSE").</param>
    /// <param name="parameterCount">The length of θ.</param>
    /// <param name="inputShape">One example's input: <c>[size]</c> for <c>[Input(size)]</c>, <c>[channels, height, width]</c> for an image.</param>
    /// <param name="outputSize">Outputs per example (the width of the targets).</param>
    /// <param name="loss">The loss function (cross-entropy targets are one-hot rows).</param>
    /// <param name="lossFlopsPerExample">FLOPs of L(θ) per example.</param>
    /// <param name="gradientFlopsPerExample">FLOPs of L(θ) and ∇L(θ) per example.</param>
    /// <param name="hvpFlopsPerExample">FLOPs of H(θ)·v (without the gradient output) per example.</param>
    /// <param name="create">Creates the network.</param>
    public NetworkDescriptor(string name, string architecture, int parameterCount, IReadOnlyList<int> inputShape, int outputSize,
        LossFunction loss, long lossFlopsPerExample, long gradientFlopsPerExample, long hvpFlopsPerExample, Func<IModel> create)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentOutOfRangeException.ThrowIfLessThan(parameterCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        if (inputShape.Count is not (1 or 3))
            throw new ArgumentException($"An input shape has 1 (size) or 3 (channels, height, width) extents, not {inputShape.Count}.", nameof(inputShape));
        _inputShape = new int[inputShape.Count];
        long size = 1;
        for (int i = 0; i < inputShape.Count; i++)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(inputShape[i], 1, nameof(inputShape));
            _inputShape[i] = inputShape[i];
            size *= inputShape[i];
        }
        Name = name;
        Architecture = architecture ?? "";
        ParameterCount = parameterCount;
        InputSize = checked((int)size);
        OutputSize = outputSize;
        Loss = loss;
        LossFlopsPerExample = lossFlopsPerExample;
        GradientFlopsPerExample = gradientFlopsPerExample;
        HvpFlopsPerExample = hvpFlopsPerExample;
        _create = create ?? throw new ArgumentNullException(nameof(create));
    }

    /// <summary>The network class's name (what <c>landscape bench</c> takes).</summary>
    public string Name { get; }

    /// <summary>The declaration in one line, e.g. "784-200-200-10 tanh/tanh/identity, MSE".</summary>
    public string Architecture { get; }

    /// <summary>The length of the parameter vector θ.</summary>
    public int ParameterCount { get; }

    /// <summary>One example's input: <c>[size]</c>, or <c>[channels, height, width]</c> for an image (stored in (c, h, w) order).</summary>
    public IReadOnlyList<int> InputShape => _inputShape;

    /// <summary>Input values per example (the product of <see cref="InputShape"/>).</summary>
    public int InputSize { get; }

    /// <summary>Outputs per example.</summary>
    public int OutputSize { get; }

    /// <summary>The loss function.</summary>
    public LossFunction Loss { get; }

    /// <summary>FLOPs of <see cref="IModel.Loss"/> per example.</summary>
    public long LossFlopsPerExample { get; }

    /// <summary>FLOPs of <see cref="IModel.Gradient"/> (loss and gradient) per example.</summary>
    public long GradientFlopsPerExample { get; }

    /// <summary>FLOPs of <see cref="IModel.HessianVectorProduct"/> without the gradient output, per example.</summary>
    public long HvpFlopsPerExample { get; }

    /// <summary>"784" or "1×28×28".</summary>
    public string InputShapeText => string.Join("×", Array.ConvertAll(_inputShape, e => e.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Creates the network.</summary>
    public IModel Create() => _create();

    /// <summary>
    /// <paramref name="count"/> seeded synthetic examples of the network's shapes: inputs N(0, 1); targets N(0, 1) for mean
    /// squared error, one-hot rows of a uniformly drawn class for cross-entropy. A pure function of (count, seed).
    /// </summary>
    public Dataset SyntheticData(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var inputs = new double[checked(count * InputSize)];
        var targets = new double[checked(count * OutputSize)];
        // Streams 0 and 1 of the seed: inputs, then targets.
        CounterRandom.FillNormal(inputs, (ulong)seed, 0, 1.0);
        if (Loss == LossFunction.MeanSquaredError)
        {
            CounterRandom.FillNormal(targets, (ulong)seed, 1, 1.0);
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                int label = Math.Min(OutputSize - 1, (int)(CounterRandom.Uniform((ulong)seed, 1, (ulong)i) * OutputSize));
                targets[i * OutputSize + label] = 1.0;
            }
        }
        return new Dataset(inputs, targets, count);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Architecture}";
}
