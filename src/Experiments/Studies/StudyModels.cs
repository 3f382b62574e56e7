// The studies' convolutional networks (E1 subquadratic-growth and E2 edge-of-stability, setting Architectures = lenet,
// resnet). Small by design: the studies train them for thousands of full-batch steps on 2 cores, so they read the
// 14×14 average-pooled MNIST image (the first layer) and keep few channels. tanh and one-hot MSE as the studies' MLPs,
// so that near-zero-loss minima are finite points and the edge of stability is Cohen et al.'s MSE setting.
using Landscape;

namespace Landscape.Experiments.Studies.StudyModels;

/// <summary>
/// LeNet-style tanh CNN: 1×28×28 → avgpool 2 → conv 4@5×5 pad 2, tanh → avgpool 2 → conv 8@3×3, tanh → dense 32, tanh →
/// dense 10; one-hot MSE. The readout starts small (InitScale 0.1), as the E2 MLPs' readout does.
/// </summary>
[Network(LossFunction.MeanSquaredError)]
[Input(1, 28, 28)]
[AvgPool2d(2)]
[Conv2d(4, 5, Activation.Tanh, Padding = 2)]
[AvgPool2d(2)]
[Conv2d(8, 3, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(10, InitScale = 0.1)]
public sealed partial class LeNetTanh;

/// <summary>
/// Residual tanh CNN: 1×28×28 → avgpool 2 → conv 4@3×3 stride 2 pad 1, tanh (4×7×7) → identity block [conv 4@3×3, tanh →
/// conv 4@3×3] + x, tanh → projection block [conv 8@3×3, tanh → conv 8@3×3] + 1×1 projection of x, tanh → dense 32,
/// tanh → dense 10; one-hot MSE. The readout starts small (InitScale 0.1), as the E2 MLPs' readout does.
/// </summary>
[Network(LossFunction.MeanSquaredError)]
[Input(1, 28, 28)]
[AvgPool2d(2)]
[Conv2d(4, 3, Activation.Tanh, Padding = 1, Stride = 2)]
[ResidualBegin]
[Conv2d(4, 3, Activation.Tanh, Padding = 1)]
[Conv2d(4, 3, Padding = 1)]
[ResidualEnd(Activation.Tanh)]
[ResidualBegin]
[Conv2d(8, 3, Activation.Tanh, Padding = 1)]
[Conv2d(8, 3, Padding = 1)]
[ResidualEnd(Activation.Tanh, Projection = true)]
[Dense(32, Activation.Tanh)]
[Dense(10, InitScale = 0.1)]
public sealed partial class ResNetTanh;
