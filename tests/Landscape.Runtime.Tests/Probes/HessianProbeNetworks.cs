using Landscape;

namespace Landscape.Tests.Probes;

/// <summary>The network used by the Hessian probe tests: 8-16-16-3 tanh, MSE (467 parameters).</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(8)]
[Dense(16, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Dense(3)]
public sealed partial class HessianProbeMse;

/// <summary>The cross-entropy variant: 8-16-16-3 tanh, softmax cross-entropy (467 parameters).</summary>
[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(8)]
[Dense(16, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Dense(3)]
public sealed partial class HessianProbeCe;
