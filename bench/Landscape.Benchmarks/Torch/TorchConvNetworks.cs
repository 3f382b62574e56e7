using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Landscape.Benchmarks;

/// <summary>
/// The base of the convolutional twins: the rows of a <see cref="Dataset"/> are reshaped to NCHW images, and the loss is
/// softmax cross-entropy with the one-hot (or soft) target rows, <c>cross_entropy(logits, targets)</c> with class
/// probabilities and mean reduction, which is ours: L = (1/n) Σᵢ −Σₖ yᵢₖ log softmax(f(xᵢ))ₖ.
/// </summary>
public abstract class TorchImageNetwork : TorchNetwork
{
    private readonly long _channels, _height, _width;

    /// <summary>A network on <paramref name="channels"/>×<paramref name="height"/>×<paramref name="width"/> images.</summary>
    protected TorchImageNetwork(int channels, int height, int width)
    {
        _channels = channels;
        _height = height;
        _width = width;
    }

    /// <inheritdoc/>
    public override Tensor Inputs(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.InputSize != _channels * _height * _width)
            throw new ArgumentException($"Expected rows of {_channels}×{_height}×{_width} = {_channels * _height * _width} values, got {data.InputSize}.", nameof(data));
        return torch.tensor(data.Inputs.ToArray(), new long[] { data.Count, _channels, _height, _width }, dtype: ScalarType.Float64);
    }

    /// <inheritdoc/>
    public override Tensor Loss(IReadOnlyList<Tensor> parameters, Tensor inputs, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        return F.cross_entropy(Logits(parameters, inputs), targets);
    }

    /// <summary>The logits [n, classes] of the images <paramref name="inputs"/> [n, C, H, W].</summary>
    protected abstract Tensor Logits(IReadOnlyList<Tensor> parameters, Tensor inputs);

    /// <summary><c>conv2d</c> with a square kernel, the same stride and zero padding on both axes.</summary>
    protected static Tensor Conv(Tensor x, Tensor weight, Tensor bias, long stride = 1, long padding = 0) =>
        F.conv2d(x, weight, bias, strides: [stride, stride], padding: [padding, padding]);
}

/// <summary>
/// P3's twin, LeNet-5 (DESIGN.md §2b): conv 6@5×5 pad 2 → tanh → avg_pool 2 → conv 16@5×5 → tanh → avg_pool 2 →
/// flatten → linear 120 → tanh → linear 84 → tanh → linear 10, softmax cross-entropy.
/// </summary>
public sealed class TorchLeNet5 : TorchImageNetwork
{
    /// <summary>The twin of <see cref="P3LeNet5"/>.</summary>
    public TorchLeNet5() : base(1, 28, 28)
    {
    }

    /// <inheritdoc/>
    public override IReadOnlyList<long[]> ParameterShapes { get; } =
    [
        [6, 1, 5, 5], [6],
        [16, 6, 5, 5], [16],
        [120, 400], [120],
        [84, 120], [84],
        [10, 84], [10],
    ];

    /// <inheritdoc/>
    public override string Description =>
        "LeNet-5: torch.nn.functional.conv2d(6@5×5, padding 2) → tanh → avg_pool2d(2) → conv2d(16@5×5) → tanh → avg_pool2d(2) → " +
        "flatten → linear(120) → tanh → linear(84) → tanh → linear(10), cross_entropy with one-hot probability targets (mean)";

    /// <inheritdoc/>
    protected override Tensor Logits(IReadOnlyList<Tensor> p, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(p);
        Tensor h = F.avg_pool2d(torch.tanh(Conv(x, p[0], p[1], padding: 2)), 2);
        h = F.avg_pool2d(torch.tanh(Conv(h, p[2], p[3])), 2);
        h = h.flatten(1);
        h = torch.tanh(F.linear(h, p[4], p[5]));
        h = torch.tanh(F.linear(h, p[6], p[7]));
        return F.linear(h, p[8], p[9]);
    }
}

/// <summary>
/// P4's twin, ResNet8 (DESIGN.md §2b): conv 16@3×3 → relu; block 1: relu(conv(relu(conv(x))) + x) at 16@28×28; block 2:
/// relu(conv(relu(conv_s2(x))) + proj(x)) at 32@14×14 with proj a 1×1 conv of stride 2 with bias; global average pooling
/// (adaptive_avg_pool2d to 1×1); linear 10; softmax cross-entropy. Every 3×3 conv has padding 1 and a bias. Parameters in
/// PyTorch's order: the projection after the block's two convolutions.
/// </summary>
public sealed class TorchResNet8 : TorchImageNetwork
{
    /// <summary>The twin of <see cref="P4ResNet8"/>.</summary>
    public TorchResNet8() : base(1, 28, 28)
    {
    }

    /// <inheritdoc/>
    public override IReadOnlyList<long[]> ParameterShapes { get; } =
    [
        [16, 1, 3, 3], [16],
        [16, 16, 3, 3], [16],
        [16, 16, 3, 3], [16],
        [32, 16, 3, 3], [32],
        [32, 32, 3, 3], [32],
        [32, 16, 1, 1], [32],
        [10, 32], [10],
    ];

    /// <inheritdoc/>
    public override string Description =>
        "ResNet8: torch.nn.functional.conv2d(16@3×3, padding 1) → relu → [relu(conv(relu(conv(x))) + x)] at 16@28×28 → " +
        "[relu(conv(relu(conv(x, stride 2))) + conv2d(x, 32@1×1, stride 2))] at 32@14×14 → adaptive_avg_pool2d(1) → " +
        "flatten → linear(10), cross_entropy with one-hot probability targets (mean)";

    /// <inheritdoc/>
    protected override Tensor Logits(IReadOnlyList<Tensor> p, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(p);
        Tensor h = F.relu(Conv(x, p[0], p[1], padding: 1));
        Tensor f = F.relu(Conv(h, p[2], p[3], padding: 1));
        f = Conv(f, p[4], p[5], padding: 1);
        h = F.relu(f + h);
        f = F.relu(Conv(h, p[6], p[7], stride: 2, padding: 1));
        f = Conv(f, p[8], p[9], padding: 1);
        h = F.relu(f + Conv(h, p[10], p[11], stride: 2));
        h = F.adaptive_avg_pool2d(h, [1, 1]).flatten(1);
        return F.linear(h, p[12], p[13]);
    }
}
