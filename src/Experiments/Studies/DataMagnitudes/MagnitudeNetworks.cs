namespace Landscape.Experiments.Studies;

/// <summary>
/// The two-layer network of the data-magnitude construction, f(x) = Σⱼ aⱼ tanh(wⱼ·x) with d = 10 inputs, m = 20
/// hidden units and no biases. Parameters: dense0.weight [20×10] (the wⱼ, row by row) then dense1.weight [1×20] (the aⱼ).
/// </summary>
[Network(LossFunction.MeanSquaredError)]
[Input(10)]
[Dense(20, Activation.Tanh, Bias = false)]
[Dense(1, Bias = false)]
internal sealed partial class MagnitudeTanhNetwork;

/// <summary>The linear control f(x) = w·x on the same 10 inputs (dense0.weight [1×10], no bias): its loss is exactly quadratic.</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(10)]
[Dense(1, Bias = false)]
internal sealed partial class MagnitudeLinearModel;
