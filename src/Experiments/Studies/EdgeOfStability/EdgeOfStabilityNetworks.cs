using Landscape;

namespace Landscape.Experiments.Studies.EdgeOfStabilityModels;

/// <summary>fc-tanh 784-16-16-10 with MSE (Cohen et al.'s fc-tanh, narrowed for the test profile).</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(784)]
[Dense(16, Activation.Tanh, InitScale = 0.5773502691896258)]
[Dense(16, Activation.Tanh, InitScale = 0.5773502691896258)]
[Dense(10, InitScale = 0.1)]
public sealed partial class FcTanh16;

/// <summary>fc-tanh 784-32-32-10 with MSE (the quick profile's network).</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(784)]
[Dense(32, Activation.Tanh, InitScale = 0.5773502691896258)]
[Dense(32, Activation.Tanh, InitScale = 0.5773502691896258)]
[Dense(10, InitScale = 0.1)]
public sealed partial class FcTanh32;

/// <summary>fc-tanh 784-64-64-10 with MSE (the full profile's network).</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(784)]
[Dense(64, Activation.Tanh, InitScale = 0.5773502691896258)]
[Dense(64, Activation.Tanh, InitScale = 0.5773502691896258)]
[Dense(10, InitScale = 0.1)]
public sealed partial class FcTanh64;

/// <summary>fc-tanh 784-200-200-10 with MSE: Cohen et al.'s fc-tanh at full width (setting <c>Width = 200</c>).</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(784)]
[Dense(200, Activation.Tanh, InitScale = 0.5773502691896258)]
[Dense(200, Activation.Tanh, InitScale = 0.5773502691896258)]
[Dense(10, InitScale = 0.1)]
public sealed partial class FcTanh200;
