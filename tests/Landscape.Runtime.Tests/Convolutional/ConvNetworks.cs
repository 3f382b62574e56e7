using Landscape.Tests.Reference;
using static Landscape.Tests.Reference.ReferenceGraphNetwork;

namespace Landscape.Tests.Convolutional;

// Generated networks with convolutional, pooling and residual layers, each declared twice: once with the attributes
// (the generator's input) and once as a ReferenceGraphNetwork (direct loops on an autodiff tape). Together they cover
// odd, non-square inputs, strides 1-3, padding 0-2, 1×1 and 5×5 kernels, pooling with and without padding, identity and
// projection shortcuts (convolutional and dense), every activation and both losses.

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(1, 9, 7)]
[Conv2d(3, 3, Activation.Tanh, Padding = 1)]
[AvgPool2d(2)]
[Conv2d(4, 2, Activation.Tanh)]
[MaxPool2d(2, Stride = 1, Padding = 1)]
[Dense(5, Activation.Tanh)]
[Dense(3)]
public partial class LeNetLike;

[Network(LossFunction.MeanSquaredError)]
[Input(2, 8, 10)]
[Conv2d(3, 5, Activation.Sigmoid, Stride = 3, Padding = 2)]
[Conv2d(2, 1, Activation.Gelu, Bias = false)]
[GlobalAvgPool2d]
[Dense(2)]
public partial class Strided;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(2, 6, 6)]
[Conv2d(3, 3, Activation.Softplus, Padding = 1)]
[ResidualBegin]
[Conv2d(3, 3, Activation.Tanh, Padding = 1)]
[Conv2d(3, 3, Padding = 1)]
[ResidualEnd(Activation.Tanh)]
[ResidualBegin]
[Conv2d(4, 3, Activation.Elu, Stride = 2, Padding = 1)]
[Conv2d(4, 3, Padding = 1)]
[ResidualEnd(Activation.Sin, Projection = true)]
[GlobalAvgPool2d]
[Dense(3)]
public partial class Residual;

[Network(LossFunction.MeanSquaredError)]
[Input(5)]
[Dense(4, Activation.Tanh)]
[ResidualBegin]
[Dense(4, Activation.Square)]
[ResidualEnd(Activation.Tanh)]
[ResidualBegin]
[Dense(3, Activation.Tanh)]
[ResidualEnd(Projection = true)]
[Dense(2)]
public partial class DenseResidual;

/// <summary>
/// The block starts at the input (its shortcut reads x, which has no delta), a max pooling inside the block with padding,
/// a 5×5 kernel with padding 2 and stride 3 in the projection's stride product, and a relu and square activation.
/// </summary>
[Network(LossFunction.MeanSquaredError)]
[Input(2, 7, 11)]
[ResidualBegin]
[Conv2d(3, 5, Activation.Relu, Padding = 2)]
[MaxPool2d(3, Stride = 3, Padding = 1)]
[ResidualEnd(Activation.Square, Projection = true)]
[AvgPool2d(2, Stride = 1, Padding = 1)]
[Conv2d(2, 1, Activation.Softplus, Stride = 2)]
[Dense(3)]
public partial class InputShortcut;

/// <summary>An identity block whose first layer is a pooling of a θ-dependent value, and average pooling with padding.</summary>
[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(3, 5, 5)]
[Conv2d(2, 3, Activation.Sin, Padding = 1, Init = Init.He)]
[ResidualBegin]
[AvgPool2d(3, Stride = 1, Padding = 1)]
[Conv2d(2, 1, Activation.Identity)]
[ResidualEnd(Activation.Relu)]
[MaxPool2d(2)]
[Dense(4, Activation.Elu)]
public partial class PoolingBlock;

/// <summary>
/// Pooling of the input itself (a value with no delta and no R-value, so the convolution after it has single patch matrices),
/// and windows that leave cells out: max pooling and a convolution whose stride exceeds their window, so some cells of their
/// θ-dependent inputs are in no window and must get zero deltas.
/// </summary>
[Network(LossFunction.MeanSquaredError)]
[Input(2, 10, 9)]
[MaxPool2d(2, Stride = 1)]
[Conv2d(3, 3, Activation.Tanh, Padding = 1)]
[MaxPool2d(2, Stride = 3)]
[Conv2d(2, 2, Activation.Sigmoid, Stride = 3)]
[Dense(2)]
public partial class PooledInput;

/// <summary>
/// An all-convolutional classifier whose output is a global average pooling (no dense head), after average pooling of the
/// input with padding and an average pooling whose stride exceeds its window.
/// </summary>
[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(1, 11, 8)]
[AvgPool2d(3, Stride = 2, Padding = 1)]
[Conv2d(4, 2, Activation.Softplus, Padding = 1)]
[AvgPool2d(2, Stride = 3)]
[Conv2d(3, 1, Activation.Tanh)]
[GlobalAvgPool2d]
public partial class GapHead;

/// <summary>
/// Shortcut variants: a stride-1 projection (a 1×1 convolution whose patch matrix is the block's θ-dependent input itself), a
/// block of one pooling layer, and a dense projection where the shapes are equal (Projection = true is not required there).
/// </summary>
[Network(LossFunction.MeanSquaredError)]
[Input(2, 5, 6)]
[Conv2d(2, 3, Activation.Gelu, Padding = 1)]
[ResidualBegin]
[Conv2d(3, 3, Activation.Tanh, Padding = 1)]
[ResidualEnd(Activation.Softplus, Projection = true)]
[ResidualBegin]
[AvgPool2d(3, Stride = 1, Padding = 1)]
[ResidualEnd(Activation.Tanh)]
[Dense(4, Activation.Sigmoid)]
[ResidualBegin]
[Dense(4, Activation.Tanh)]
[ResidualEnd(Projection = true)]
[Dense(2)]
public partial class Projections;

/// <summary>The reference twins of the networks above, by name.</summary>
internal static class ConvNetworks
{
    public static readonly string[] Names = [nameof(LeNetLike), nameof(Strided), nameof(Residual), nameof(DenseResidual), nameof(InputShortcut), nameof(PoolingBlock),
        nameof(PooledInput), nameof(GapHead), nameof(Projections)];

    public static IModel Create(string name) => name switch
    {
        nameof(LeNetLike) => new LeNetLike(),
        nameof(Strided) => new Strided(),
        nameof(Residual) => new Residual(),
        nameof(DenseResidual) => new DenseResidual(),
        nameof(InputShortcut) => new InputShortcut(),
        nameof(PoolingBlock) => new PoolingBlock(),
        nameof(PooledInput) => new PooledInput(),
        nameof(GapHead) => new GapHead(),
        nameof(Projections) => new Projections(),
        _ => throw new System.ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>The generated Predict of <paramref name="model"/> (not part of IModel).</summary>
    public static void Predict(IModel model, double[] theta, double[] inputs, double[] outputs)
    {
        switch (model)
        {
            case LeNetLike m: m.Predict(theta, inputs, outputs); break;
            case Strided m: m.Predict(theta, inputs, outputs); break;
            case Residual m: m.Predict(theta, inputs, outputs); break;
            case DenseResidual m: m.Predict(theta, inputs, outputs); break;
            case InputShortcut m: m.Predict(theta, inputs, outputs); break;
            case PoolingBlock m: m.Predict(theta, inputs, outputs); break;
            case PooledInput m: m.Predict(theta, inputs, outputs); break;
            case GapHead m: m.Predict(theta, inputs, outputs); break;
            case Projections m: m.Predict(theta, inputs, outputs); break;
            default: throw new System.ArgumentOutOfRangeException(nameof(model));
        }
    }

    public static ReferenceGraphNetwork Reference(string name) => name switch
    {
        nameof(LeNetLike) => new(new Shape(1, 9, 7, true), LossFunction.SoftmaxCrossEntropy,
            new ReferenceConv(3, 3, Activation.Tanh, Padding: 1), new ReferenceAvgPool(2), new ReferenceConv(4, 2, Activation.Tanh),
            new ReferenceMaxPool(2, Stride: 1, Padding: 1), new ReferenceDense(5, Activation.Tanh), new ReferenceDense(3)),
        nameof(Strided) => new(new Shape(2, 8, 10, true), LossFunction.MeanSquaredError,
            new ReferenceConv(3, 5, Activation.Sigmoid, Stride: 3, Padding: 2), new ReferenceConv(2, 1, Activation.Gelu, Bias: false),
            new ReferenceGlobalAvgPool(), new ReferenceDense(2)),
        nameof(Residual) => new(new Shape(2, 6, 6, true), LossFunction.SoftmaxCrossEntropy,
            new ReferenceConv(3, 3, Activation.Softplus, Padding: 1),
            new ReferenceResidualBegin(), new ReferenceConv(3, 3, Activation.Tanh, Padding: 1), new ReferenceConv(3, 3, Padding: 1), new ReferenceResidualEnd(Activation.Tanh),
            new ReferenceResidualBegin(), new ReferenceConv(4, 3, Activation.Elu, Stride: 2, Padding: 1), new ReferenceConv(4, 3, Padding: 1), new ReferenceResidualEnd(Activation.Sin, Projection: true),
            new ReferenceGlobalAvgPool(), new ReferenceDense(3)),
        nameof(DenseResidual) => new(new Shape(5, 1, 1, false), LossFunction.MeanSquaredError,
            new ReferenceDense(4, Activation.Tanh),
            new ReferenceResidualBegin(), new ReferenceDense(4, Activation.Square), new ReferenceResidualEnd(Activation.Tanh),
            new ReferenceResidualBegin(), new ReferenceDense(3, Activation.Tanh), new ReferenceResidualEnd(Projection: true),
            new ReferenceDense(2)),
        nameof(InputShortcut) => new(new Shape(2, 7, 11, true), LossFunction.MeanSquaredError,
            new ReferenceResidualBegin(), new ReferenceConv(3, 5, Activation.Relu, Padding: 2), new ReferenceMaxPool(3, Stride: 3, Padding: 1),
            new ReferenceResidualEnd(Activation.Square, Projection: true),
            new ReferenceAvgPool(2, Stride: 1, Padding: 1), new ReferenceConv(2, 1, Activation.Softplus, Stride: 2), new ReferenceDense(3)),
        nameof(PoolingBlock) => new(new Shape(3, 5, 5, true), LossFunction.SoftmaxCrossEntropy,
            new ReferenceConv(2, 3, Activation.Sin, Padding: 1),
            new ReferenceResidualBegin(), new ReferenceAvgPool(3, Stride: 1, Padding: 1), new ReferenceConv(2, 1), new ReferenceResidualEnd(Activation.Relu),
            new ReferenceMaxPool(2), new ReferenceDense(4, Activation.Elu)),
        nameof(PooledInput) => new(new Shape(2, 10, 9, true), LossFunction.MeanSquaredError,
            new ReferenceMaxPool(2, Stride: 1), new ReferenceConv(3, 3, Activation.Tanh, Padding: 1), new ReferenceMaxPool(2, Stride: 3),
            new ReferenceConv(2, 2, Activation.Sigmoid, Stride: 3), new ReferenceDense(2)),
        nameof(GapHead) => new(new Shape(1, 11, 8, true), LossFunction.SoftmaxCrossEntropy,
            new ReferenceAvgPool(3, Stride: 2, Padding: 1), new ReferenceConv(4, 2, Activation.Softplus, Padding: 1), new ReferenceAvgPool(2, Stride: 3),
            new ReferenceConv(3, 1, Activation.Tanh), new ReferenceGlobalAvgPool()),
        nameof(Projections) => new(new Shape(2, 5, 6, true), LossFunction.MeanSquaredError,
            new ReferenceConv(2, 3, Activation.Gelu, Padding: 1),
            new ReferenceResidualBegin(), new ReferenceConv(3, 3, Activation.Tanh, Padding: 1), new ReferenceResidualEnd(Activation.Softplus, Projection: true),
            new ReferenceResidualBegin(), new ReferenceAvgPool(3, Stride: 1, Padding: 1), new ReferenceResidualEnd(Activation.Tanh),
            new ReferenceDense(4, Activation.Sigmoid),
            new ReferenceResidualBegin(), new ReferenceDense(4, Activation.Tanh), new ReferenceResidualEnd(Projection: true),
            new ReferenceDense(2)),
        _ => throw new System.ArgumentOutOfRangeException(nameof(name)),
    };
}
