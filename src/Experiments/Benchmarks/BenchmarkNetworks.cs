// The benchmark problems' networks P1–P4 (DESIGN.md §8), declared once: the `landscape` tool benches them
// (`landscape bench P2Network`), and bench/Landscape.Benchmarks compiles this same file (a linked Compile item) for its
// comparison with libtorch. Only the Runtime's attributes are used here, so both projects can build it.
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

/// <summary>
/// P3: LeNet-5 as in DESIGN.md §2b — tanh, average pooling, softmax cross-entropy on 1×28×28 MNIST images
/// (6@28×28 → 6@14×14 → 16@10×10 → 16@5×5 → 120 → 84 → 10).
/// </summary>
[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(1, 28, 28)]
[Conv2d(6, 5, Activation.Tanh, Padding = 2)]
[AvgPool2d(2)]
[Conv2d(16, 5, Activation.Tanh)]
[AvgPool2d(2)]
[Dense(120, Activation.Tanh)]
[Dense(84, Activation.Tanh)]
[Dense(10)]
public sealed partial class P3LeNet5;

/// <summary>
/// P4: ResNet8 as in DESIGN.md §2b — relu, He init, an identity block (16@28×28) and a projection block (32@14×14,
/// stride 2, 1×1 projection), global average pooling, softmax cross-entropy on 1×28×28 MNIST images.
/// </summary>
[Network(LossFunction.SoftmaxCrossEntropy)]
[Input(1, 28, 28)]
[Conv2d(16, 3, Activation.Relu, Padding = 1, Init = Init.He)]
[ResidualBegin]
[Conv2d(16, 3, Activation.Relu, Padding = 1, Init = Init.He)]
[Conv2d(16, 3, Padding = 1, Init = Init.He)]
[ResidualEnd(Activation.Relu)]
[ResidualBegin]
[Conv2d(32, 3, Activation.Relu, Stride = 2, Padding = 1, Init = Init.He)]
[Conv2d(32, 3, Padding = 1, Init = Init.He)]
[ResidualEnd(Activation.Relu, Projection = true)]
[GlobalAvgPool2d]
[Dense(10)]
public sealed partial class P4ResNet8;
