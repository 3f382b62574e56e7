namespace Landscape.Benchmarks;

/// <summary>P1: a small regression network, 20-100-1 tanh with mean squared error (overhead-bound).</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(20)]
[Dense(100, Activation.Tanh)]
[Dense(1)]
public sealed partial class P1Network;

/// <summary>P2: the MNIST network, 784-200-200-10 tanh with mean squared error on one-hot targets (GEMM-bound).</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(784)]
[Dense(200, Activation.Tanh)]
[Dense(200, Activation.Tanh)]
[Dense(10)]
public sealed partial class P2Network;
