namespace Landscape.Tests.Distributed;

/// <summary>A small tanh MSE network (default chunks of 512): thousands of examples make many chunks and stay fast.</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(5)]
[Dense(7, Activation.Tanh)]
[Dense(3)]
public sealed partial class ShardedMlp;

/// <summary>A small softmax cross-entropy classifier with two hidden layers.</summary>
[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(4)]
[Dense(6, Activation.Softplus)]
[Dense(5, Activation.Tanh)]
[Dense(3)]
public sealed partial class ShardedClassifier;

/// <summary>A small convolutional network: its weight terms are formed per block (the path with WantGradient).</summary>
[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(1, 5, 5)]
[Conv2d(2, 3, Activation.Tanh)]
[Dense(3)]
public sealed partial class ShardedConv;
