// Test networks: every activation × both losses × depths 1–3 (and a few option variants), generated at build time by
// Landscape.Generators. Depth 1 puts the activation on the output layer; depth 2 uses it on the hidden layer with an
// identity output; depth 3 uses it on every layer, output included. Sizes are small so finite differences stay cheap.
using Landscape;

namespace Landscape.Tests.Networks;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(3, Activation.Identity)]
public sealed partial class IdentityMseDepth1;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(5, Activation.Identity)]
[Dense(3)]
public sealed partial class IdentityMseDepth2;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(5, Activation.Identity)]
[Dense(4, Activation.Identity)]
[Dense(3, Activation.Identity)]
public sealed partial class IdentityMseDepth3;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(3, Activation.Identity)]
public sealed partial class IdentityCeDepth1;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(5, Activation.Identity)]
[Dense(3)]
public sealed partial class IdentityCeDepth2;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(5, Activation.Identity)]
[Dense(4, Activation.Identity)]
[Dense(3, Activation.Identity)]
public sealed partial class IdentityCeDepth3;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(3, Activation.Tanh)]
public sealed partial class TanhMseDepth1;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(3)]
public sealed partial class TanhMseDepth2;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Tanh)]
[Dense(3, Activation.Tanh)]
public sealed partial class TanhMseDepth3;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(3, Activation.Tanh)]
public sealed partial class TanhCeDepth1;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(3)]
public sealed partial class TanhCeDepth2;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Tanh)]
[Dense(3, Activation.Tanh)]
public sealed partial class TanhCeDepth3;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(3, Activation.Relu)]
public sealed partial class ReluMseDepth1;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(5, Activation.Relu)]
[Dense(3)]
public sealed partial class ReluMseDepth2;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(5, Activation.Relu)]
[Dense(4, Activation.Relu)]
[Dense(3, Activation.Relu)]
public sealed partial class ReluMseDepth3;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(3, Activation.Relu)]
public sealed partial class ReluCeDepth1;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(5, Activation.Relu)]
[Dense(3)]
public sealed partial class ReluCeDepth2;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(5, Activation.Relu)]
[Dense(4, Activation.Relu)]
[Dense(3, Activation.Relu)]
public sealed partial class ReluCeDepth3;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(3, Activation.Sigmoid)]
public sealed partial class SigmoidMseDepth1;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(5, Activation.Sigmoid)]
[Dense(3)]
public sealed partial class SigmoidMseDepth2;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(5, Activation.Sigmoid)]
[Dense(4, Activation.Sigmoid)]
[Dense(3, Activation.Sigmoid)]
public sealed partial class SigmoidMseDepth3;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(3, Activation.Sigmoid)]
public sealed partial class SigmoidCeDepth1;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(5, Activation.Sigmoid)]
[Dense(3)]
public sealed partial class SigmoidCeDepth2;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(5, Activation.Sigmoid)]
[Dense(4, Activation.Sigmoid)]
[Dense(3, Activation.Sigmoid)]
public sealed partial class SigmoidCeDepth3;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(3, Activation.Softplus)]
public sealed partial class SoftplusMseDepth1;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(5, Activation.Softplus)]
[Dense(3)]
public sealed partial class SoftplusMseDepth2;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(5, Activation.Softplus)]
[Dense(4, Activation.Softplus)]
[Dense(3, Activation.Softplus)]
public sealed partial class SoftplusMseDepth3;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(3, Activation.Softplus)]
public sealed partial class SoftplusCeDepth1;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(5, Activation.Softplus)]
[Dense(3)]
public sealed partial class SoftplusCeDepth2;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(5, Activation.Softplus)]
[Dense(4, Activation.Softplus)]
[Dense(3, Activation.Softplus)]
public sealed partial class SoftplusCeDepth3;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(3, Activation.Gelu)]
public sealed partial class GeluMseDepth1;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(5, Activation.Gelu)]
[Dense(3)]
public sealed partial class GeluMseDepth2;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(5, Activation.Gelu)]
[Dense(4, Activation.Gelu)]
[Dense(3, Activation.Gelu)]
public sealed partial class GeluMseDepth3;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(3, Activation.Gelu)]
public sealed partial class GeluCeDepth1;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(5, Activation.Gelu)]
[Dense(3)]
public sealed partial class GeluCeDepth2;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(5, Activation.Gelu)]
[Dense(4, Activation.Gelu)]
[Dense(3, Activation.Gelu)]
public sealed partial class GeluCeDepth3;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(3, Activation.Elu)]
public sealed partial class EluMseDepth1;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(5, Activation.Elu)]
[Dense(3)]
public sealed partial class EluMseDepth2;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(5, Activation.Elu)]
[Dense(4, Activation.Elu)]
[Dense(3, Activation.Elu)]
public sealed partial class EluMseDepth3;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(3, Activation.Elu)]
public sealed partial class EluCeDepth1;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(5, Activation.Elu)]
[Dense(3)]
public sealed partial class EluCeDepth2;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(5, Activation.Elu)]
[Dense(4, Activation.Elu)]
[Dense(3, Activation.Elu)]
public sealed partial class EluCeDepth3;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(3, Activation.Square)]
public sealed partial class SquareMseDepth1;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(5, Activation.Square)]
[Dense(3)]
public sealed partial class SquareMseDepth2;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(5, Activation.Square)]
[Dense(4, Activation.Square)]
[Dense(3, Activation.Square)]
public sealed partial class SquareMseDepth3;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(3, Activation.Square)]
public sealed partial class SquareCeDepth1;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(5, Activation.Square)]
[Dense(3)]
public sealed partial class SquareCeDepth2;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(5, Activation.Square)]
[Dense(4, Activation.Square)]
[Dense(3, Activation.Square)]
public sealed partial class SquareCeDepth3;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(3, Activation.Sin)]
public sealed partial class SinMseDepth1;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(5, Activation.Sin)]
[Dense(3)]
public sealed partial class SinMseDepth2;

[Network(LossFunction.MeanSquaredError)]
[Input(4)]
[Dense(5, Activation.Sin)]
[Dense(4, Activation.Sin)]
[Dense(3, Activation.Sin)]
public sealed partial class SinMseDepth3;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(3, Activation.Sin)]
public sealed partial class SinCeDepth1;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(5, Activation.Sin)]
[Dense(3)]
public sealed partial class SinCeDepth2;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(5, Activation.Sin)]
[Dense(4, Activation.Sin)]
[Dense(3, Activation.Sin)]
public sealed partial class SinCeDepth3;

/// <summary>No biases, mixed activations, non-default initializations.</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(6)]
[Dense(7, Activation.Tanh, Bias = false, Init = Init.He)]
[Dense(5, Activation.Softplus, Init = Init.Xavier, InitScale = 0.5)]
[Dense(4, Activation.Sin, Bias = false)]
[Dense(2, Init = Init.Normal)]
public sealed partial class MixedNoBias;

/// <summary>Cross-entropy with a tanh output layer and wide hidden layer (exercises SIMD main loops and tails).</summary>
[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(11)]
[Dense(37, Activation.Gelu)]
[Dense(19, Activation.Elu)]
[Dense(10, Activation.Tanh)]
public sealed partial class WideClassifier;

/// <summary>
/// A hidden layer so wide that one example needs 540,009 doubles of workspace buffers: the chunk-size policy gives chunks of
/// 32 examples (and blocks of 32) instead of the default 512 / 64. Inputs and outputs are small, so calls stay fast.
/// </summary>
[Network(LossFunction.MeanSquaredError)]
[Input(3)]
[Dense(90000, Activation.Tanh)]
[Dense(2)]
public sealed partial class WideChunked;

/// <summary>The P1 benchmark shape: 20-100-1 tanh, MSE.</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(20)]
[Dense(100, Activation.Tanh)]
[Dense(1)]
public sealed partial class P1;

/// <summary>Zero initialization.</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(3)]
[Dense(4, Activation.Tanh, Init = Init.Zeros)]
[Dense(2)]
public sealed partial class ZeroInit;

/// <summary>Every test network with its name, for theories.</summary>
public static class TestNetworks
{
    /// <summary>activation × loss × depth networks plus the variants.</summary>
    public static IModel Create(string name) => name switch
    {
        nameof(IdentityMseDepth1) => new IdentityMseDepth1(),
        nameof(IdentityMseDepth2) => new IdentityMseDepth2(),
        nameof(IdentityMseDepth3) => new IdentityMseDepth3(),
        nameof(IdentityCeDepth1) => new IdentityCeDepth1(),
        nameof(IdentityCeDepth2) => new IdentityCeDepth2(),
        nameof(IdentityCeDepth3) => new IdentityCeDepth3(),
        nameof(TanhMseDepth1) => new TanhMseDepth1(),
        nameof(TanhMseDepth2) => new TanhMseDepth2(),
        nameof(TanhMseDepth3) => new TanhMseDepth3(),
        nameof(TanhCeDepth1) => new TanhCeDepth1(),
        nameof(TanhCeDepth2) => new TanhCeDepth2(),
        nameof(TanhCeDepth3) => new TanhCeDepth3(),
        nameof(ReluMseDepth1) => new ReluMseDepth1(),
        nameof(ReluMseDepth2) => new ReluMseDepth2(),
        nameof(ReluMseDepth3) => new ReluMseDepth3(),
        nameof(ReluCeDepth1) => new ReluCeDepth1(),
        nameof(ReluCeDepth2) => new ReluCeDepth2(),
        nameof(ReluCeDepth3) => new ReluCeDepth3(),
        nameof(SigmoidMseDepth1) => new SigmoidMseDepth1(),
        nameof(SigmoidMseDepth2) => new SigmoidMseDepth2(),
        nameof(SigmoidMseDepth3) => new SigmoidMseDepth3(),
        nameof(SigmoidCeDepth1) => new SigmoidCeDepth1(),
        nameof(SigmoidCeDepth2) => new SigmoidCeDepth2(),
        nameof(SigmoidCeDepth3) => new SigmoidCeDepth3(),
        nameof(SoftplusMseDepth1) => new SoftplusMseDepth1(),
        nameof(SoftplusMseDepth2) => new SoftplusMseDepth2(),
        nameof(SoftplusMseDepth3) => new SoftplusMseDepth3(),
        nameof(SoftplusCeDepth1) => new SoftplusCeDepth1(),
        nameof(SoftplusCeDepth2) => new SoftplusCeDepth2(),
        nameof(SoftplusCeDepth3) => new SoftplusCeDepth3(),
        nameof(GeluMseDepth1) => new GeluMseDepth1(),
        nameof(GeluMseDepth2) => new GeluMseDepth2(),
        nameof(GeluMseDepth3) => new GeluMseDepth3(),
        nameof(GeluCeDepth1) => new GeluCeDepth1(),
        nameof(GeluCeDepth2) => new GeluCeDepth2(),
        nameof(GeluCeDepth3) => new GeluCeDepth3(),
        nameof(EluMseDepth1) => new EluMseDepth1(),
        nameof(EluMseDepth2) => new EluMseDepth2(),
        nameof(EluMseDepth3) => new EluMseDepth3(),
        nameof(EluCeDepth1) => new EluCeDepth1(),
        nameof(EluCeDepth2) => new EluCeDepth2(),
        nameof(EluCeDepth3) => new EluCeDepth3(),
        nameof(SquareMseDepth1) => new SquareMseDepth1(),
        nameof(SquareMseDepth2) => new SquareMseDepth2(),
        nameof(SquareMseDepth3) => new SquareMseDepth3(),
        nameof(SquareCeDepth1) => new SquareCeDepth1(),
        nameof(SquareCeDepth2) => new SquareCeDepth2(),
        nameof(SquareCeDepth3) => new SquareCeDepth3(),
        nameof(SinMseDepth1) => new SinMseDepth1(),
        nameof(SinMseDepth2) => new SinMseDepth2(),
        nameof(SinMseDepth3) => new SinMseDepth3(),
        nameof(SinCeDepth1) => new SinCeDepth1(),
        nameof(SinCeDepth2) => new SinCeDepth2(),
        nameof(SinCeDepth3) => new SinCeDepth3(),
        nameof(MixedNoBias) => new MixedNoBias(),
        nameof(WideClassifier) => new WideClassifier(),
        nameof(WideChunked) => new WideChunked(),
        nameof(P1) => new P1(),
        nameof(ZeroInit) => new ZeroInit(),
        _ => throw new System.ArgumentException("Unknown test network " + name, nameof(name)),
    };

    /// <summary>The names of the activation × loss × depth grid and the variants.</summary>
    public static readonly string[] Names =
    [
        nameof(IdentityMseDepth1),
        nameof(IdentityMseDepth2),
        nameof(IdentityMseDepth3),
        nameof(IdentityCeDepth1),
        nameof(IdentityCeDepth2),
        nameof(IdentityCeDepth3),
        nameof(TanhMseDepth1),
        nameof(TanhMseDepth2),
        nameof(TanhMseDepth3),
        nameof(TanhCeDepth1),
        nameof(TanhCeDepth2),
        nameof(TanhCeDepth3),
        nameof(ReluMseDepth1),
        nameof(ReluMseDepth2),
        nameof(ReluMseDepth3),
        nameof(ReluCeDepth1),
        nameof(ReluCeDepth2),
        nameof(ReluCeDepth3),
        nameof(SigmoidMseDepth1),
        nameof(SigmoidMseDepth2),
        nameof(SigmoidMseDepth3),
        nameof(SigmoidCeDepth1),
        nameof(SigmoidCeDepth2),
        nameof(SigmoidCeDepth3),
        nameof(SoftplusMseDepth1),
        nameof(SoftplusMseDepth2),
        nameof(SoftplusMseDepth3),
        nameof(SoftplusCeDepth1),
        nameof(SoftplusCeDepth2),
        nameof(SoftplusCeDepth3),
        nameof(GeluMseDepth1),
        nameof(GeluMseDepth2),
        nameof(GeluMseDepth3),
        nameof(GeluCeDepth1),
        nameof(GeluCeDepth2),
        nameof(GeluCeDepth3),
        nameof(EluMseDepth1),
        nameof(EluMseDepth2),
        nameof(EluMseDepth3),
        nameof(EluCeDepth1),
        nameof(EluCeDepth2),
        nameof(EluCeDepth3),
        nameof(SquareMseDepth1),
        nameof(SquareMseDepth2),
        nameof(SquareMseDepth3),
        nameof(SquareCeDepth1),
        nameof(SquareCeDepth2),
        nameof(SquareCeDepth3),
        nameof(SinMseDepth1),
        nameof(SinMseDepth2),
        nameof(SinMseDepth3),
        nameof(SinCeDepth1),
        nameof(SinCeDepth2),
        nameof(SinCeDepth3),
        nameof(MixedNoBias),
        nameof(WideClassifier),
    ];
    /// <summary>The generated Predict of the named network (Predict is not part of IModel).</summary>
    public static PredictFunction Predictor(string name) => name switch
    {
        nameof(IdentityMseDepth1) => new IdentityMseDepth1().Predict,
        nameof(IdentityMseDepth2) => new IdentityMseDepth2().Predict,
        nameof(IdentityMseDepth3) => new IdentityMseDepth3().Predict,
        nameof(IdentityCeDepth1) => new IdentityCeDepth1().Predict,
        nameof(IdentityCeDepth2) => new IdentityCeDepth2().Predict,
        nameof(IdentityCeDepth3) => new IdentityCeDepth3().Predict,
        nameof(TanhMseDepth1) => new TanhMseDepth1().Predict,
        nameof(TanhMseDepth2) => new TanhMseDepth2().Predict,
        nameof(TanhMseDepth3) => new TanhMseDepth3().Predict,
        nameof(TanhCeDepth1) => new TanhCeDepth1().Predict,
        nameof(TanhCeDepth2) => new TanhCeDepth2().Predict,
        nameof(TanhCeDepth3) => new TanhCeDepth3().Predict,
        nameof(ReluMseDepth1) => new ReluMseDepth1().Predict,
        nameof(ReluMseDepth2) => new ReluMseDepth2().Predict,
        nameof(ReluMseDepth3) => new ReluMseDepth3().Predict,
        nameof(ReluCeDepth1) => new ReluCeDepth1().Predict,
        nameof(ReluCeDepth2) => new ReluCeDepth2().Predict,
        nameof(ReluCeDepth3) => new ReluCeDepth3().Predict,
        nameof(SigmoidMseDepth1) => new SigmoidMseDepth1().Predict,
        nameof(SigmoidMseDepth2) => new SigmoidMseDepth2().Predict,
        nameof(SigmoidMseDepth3) => new SigmoidMseDepth3().Predict,
        nameof(SigmoidCeDepth1) => new SigmoidCeDepth1().Predict,
        nameof(SigmoidCeDepth2) => new SigmoidCeDepth2().Predict,
        nameof(SigmoidCeDepth3) => new SigmoidCeDepth3().Predict,
        nameof(SoftplusMseDepth1) => new SoftplusMseDepth1().Predict,
        nameof(SoftplusMseDepth2) => new SoftplusMseDepth2().Predict,
        nameof(SoftplusMseDepth3) => new SoftplusMseDepth3().Predict,
        nameof(SoftplusCeDepth1) => new SoftplusCeDepth1().Predict,
        nameof(SoftplusCeDepth2) => new SoftplusCeDepth2().Predict,
        nameof(SoftplusCeDepth3) => new SoftplusCeDepth3().Predict,
        nameof(GeluMseDepth1) => new GeluMseDepth1().Predict,
        nameof(GeluMseDepth2) => new GeluMseDepth2().Predict,
        nameof(GeluMseDepth3) => new GeluMseDepth3().Predict,
        nameof(GeluCeDepth1) => new GeluCeDepth1().Predict,
        nameof(GeluCeDepth2) => new GeluCeDepth2().Predict,
        nameof(GeluCeDepth3) => new GeluCeDepth3().Predict,
        nameof(EluMseDepth1) => new EluMseDepth1().Predict,
        nameof(EluMseDepth2) => new EluMseDepth2().Predict,
        nameof(EluMseDepth3) => new EluMseDepth3().Predict,
        nameof(EluCeDepth1) => new EluCeDepth1().Predict,
        nameof(EluCeDepth2) => new EluCeDepth2().Predict,
        nameof(EluCeDepth3) => new EluCeDepth3().Predict,
        nameof(SquareMseDepth1) => new SquareMseDepth1().Predict,
        nameof(SquareMseDepth2) => new SquareMseDepth2().Predict,
        nameof(SquareMseDepth3) => new SquareMseDepth3().Predict,
        nameof(SquareCeDepth1) => new SquareCeDepth1().Predict,
        nameof(SquareCeDepth2) => new SquareCeDepth2().Predict,
        nameof(SquareCeDepth3) => new SquareCeDepth3().Predict,
        nameof(SinMseDepth1) => new SinMseDepth1().Predict,
        nameof(SinMseDepth2) => new SinMseDepth2().Predict,
        nameof(SinMseDepth3) => new SinMseDepth3().Predict,
        nameof(SinCeDepth1) => new SinCeDepth1().Predict,
        nameof(SinCeDepth2) => new SinCeDepth2().Predict,
        nameof(SinCeDepth3) => new SinCeDepth3().Predict,
        nameof(MixedNoBias) => new MixedNoBias().Predict,
        nameof(WideClassifier) => new WideClassifier().Predict,
        nameof(P1) => new P1().Predict,
        nameof(ZeroInit) => new ZeroInit().Predict,
        _ => throw new System.ArgumentException("Unknown test network " + name, nameof(name)),
    };
}

/// <summary>The signature of a generated Predict method.</summary>
public delegate void PredictFunction(System.ReadOnlySpan<double> parameters, System.ReadOnlySpan<double> inputs, System.Span<double> outputs);
