using System;
using System.Collections.Generic;
using System.Linq;

using static Landscape.Experiments.Studies.StudyText;

namespace Landscape.Experiments.Studies;

/// <summary>
/// Residual tanh CNN, two blocks: 1×28×28 MNIST averaged to 1×7×7, a 3×3 stem of 8 channels, two residual blocks of two
/// 3×3 convolutions (8 channels, identity shortcuts, tanh after the sum), a linear readout; one-hot MSE (6,346 parameters).
/// </summary>
[Network(LossFunction.MeanSquaredError)]
[Input(1, 28, 28)]
[AvgPool2d(4)]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[ResidualBegin]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[Conv2d(8, 3, Padding = 1)]
[ResidualEnd(Activation.Tanh)]
[ResidualBegin]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[Conv2d(8, 3, Padding = 1)]
[ResidualEnd(Activation.Tanh)]
[Dense(10)]
internal sealed partial class SkipResNet2;

/// <summary><see cref="SkipResNet2"/> with its shortcuts removed: the same six weight layers, tanh after every convolution.</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(1, 28, 28)]
[AvgPool2d(4)]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[Dense(10)]
internal sealed partial class SkipPlain2;

/// <summary>The deeper residual tanh CNN: as <see cref="SkipResNet2"/> with four residual blocks (ten weight layers, 8,682 parameters).</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(1, 28, 28)]
[AvgPool2d(4)]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[ResidualBegin]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[Conv2d(8, 3, Padding = 1)]
[ResidualEnd(Activation.Tanh)]
[ResidualBegin]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[Conv2d(8, 3, Padding = 1)]
[ResidualEnd(Activation.Tanh)]
[ResidualBegin]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[Conv2d(8, 3, Padding = 1)]
[ResidualEnd(Activation.Tanh)]
[ResidualBegin]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[Conv2d(8, 3, Padding = 1)]
[ResidualEnd(Activation.Tanh)]
[Dense(10)]
internal sealed partial class SkipResNet4;

/// <summary><see cref="SkipResNet4"/> with its shortcuts removed: the same ten weight layers, tanh after every convolution.</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(1, 28, 28)]
[AvgPool2d(4)]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[Dense(10)]
internal sealed partial class SkipPlain4;

/// <summary>
/// The residual/plain pairs the skip-connections study trains, by the depth its <c>Depths</c> setting names (the number
/// of residual blocks). The two networks of a pair have the same layers and parameter layout; only the shortcuts differ.
/// </summary>
internal static class SkipNetworks
{
    /// <summary>One network of a pair: its name (for tables), its generated architecture description, and a factory.</summary>
    internal sealed record Variant(string Name, string Architecture, Func<IModel> Create);

    /// <summary>A residual network and its plain twin at one depth.</summary>
    internal sealed record Pair(int Depth, Variant Residual, Variant Plain)
    {
        /// <summary>The residual network first, then the plain one.</summary>
        public IReadOnlyList<Variant> Both => [Residual, Plain];
    }

    /// <summary>Every available pair, shallowest first.</summary>
    public static IReadOnlyList<Pair> All { get; } =
    [
        new(2, new("resnet-2", SkipResNet2.Architecture, () => new SkipResNet2()), new("plain-2", SkipPlain2.Architecture, () => new SkipPlain2())),
        new(4, new("resnet-4", SkipResNet4.Architecture, () => new SkipResNet4()), new("plain-4", SkipPlain4.Architecture, () => new SkipPlain4())),
    ];

    /// <summary>The pair with <paramref name="depth"/> residual blocks.</summary>
    /// <exception cref="ArgumentException">No pair has that depth; the message lists the depths there are (and names the setting).</exception>
    public static Pair WithDepth(int depth) =>
        All.FirstOrDefault(p => p.Depth == depth)
        ?? throw new ArgumentException(Invariant($"Depths lists {depth}; the available depths (residual blocks) are {string.Join(", ", All.Select(p => p.Depth))}."), "Depths");
}
