namespace Landscape.Tests.Convolutional;

// The two networks of DESIGN.md §2b, declared exactly as written there (the contract's example of a LeNet and a ResNet).

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(1, 28, 28)]                                   // channels, height, width
[Conv2d(6, 5, Activation.Tanh, Padding = 2)]         // 6 filters of 5×5 → 6×28×28
[AvgPool2d(2)]                                       // → 6×14×14
[Conv2d(16, 5, Activation.Tanh)]                     // → 16×10×10
[AvgPool2d(2)]                                       // → 16×5×5
[Dense(120, Activation.Tanh)]                        // flattens (c, h, w) → 400 → 120
[Dense(84, Activation.Tanh)]
[Dense(10)]
public partial class LeNet5;

[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(1, 28, 28)]
[Conv2d(16, 3, Activation.Relu, Padding = 1, Init = Init.He)]
[ResidualBegin]
[Conv2d(16, 3, Activation.Relu, Padding = 1, Init = Init.He)]
[Conv2d(16, 3, Padding = 1, Init = Init.He)]
[ResidualEnd(Activation.Relu)]                       // relu(F(x) + x)
[ResidualBegin]
[Conv2d(32, 3, Activation.Relu, Stride = 2, Padding = 1, Init = Init.He)]
[Conv2d(32, 3, Padding = 1, Init = Init.He)]
[ResidualEnd(Activation.Relu, Projection = true)]    // relu(F(x) + P(x)), P a 1×1 convolution with stride 2
[GlobalAvgPool2d]
[Dense(10)]
public partial class ResNet8;
