using Landscape;

namespace NetworkBench;

/// <summary>A 30-50-4 tanh regression network: 3,400 FLOPs per example for the loss, 7,200 for the gradient.</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(30)]
[Dense(50, Activation.Tanh)]
[Dense(4)]
public sealed partial class Regression30;

/// <summary>A small convolutional classifier on 1×12×12 images: a convolution, max pooling, a dense head.</summary>
[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(1, 12, 12)]
[Conv2d(4, 3, Activation.Relu, Padding = 1, Init = Init.He)]   // 4×12×12
[MaxPool2d(2)]                                                // 4×6×6
[Dense(10)]
public sealed partial class TinyConv;
