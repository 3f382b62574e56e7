using System;
using System.Linq;
using Landscape.Tests.Networks;
using static Landscape.Tests.Reference.ReferenceGraphNetwork;

namespace Landscape.Tests.Reference;

/// <summary>
/// The graph reference (direct loops on an autodiff tape) checked on its own, before anything is compared with it: against
/// the dense scalar reference, against finite differences, Hessian symmetry, and the PyTorch semantics it must follow
/// (output sizes, max-pooling ties, average pooling's divisor, residual shortcuts and the parameter order).
/// </summary>
public sealed class ReferenceGraphNetworkTests
{
    /// <summary>Two independent references of the same dense network: same formulas, different summation order only.</summary>
    private const double CrossReferenceTolerance = 1e-13;

    /// <summary>Central differences with h = 1e-5 (truncation ~h²·|L‴| and rounding ~ε|L|/h, both ≈ 1e-11 here).</summary>
    private const double FiniteDifferenceTolerance = 1e-6;

    /// <summary>uᵀHv and vᵀHu differ only by float64 rounding of a few thousand terms.</summary>
    private const double SymmetryTolerance = 1e-11;

    private const double Step = 1e-5;

    private static double[] Random(int count, int seed, double scale = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => scale * (2 * random.NextDouble() - 1)).ToArray();
    }

    private static Dataset Data(ReferenceGraphNetwork net, int count, int seed, bool oneHot = false)
    {
        double[] inputs = Random(count * net.Input.Size, seed);
        double[] targets = Random(count * net.Output.Size, seed + 1);
        if (oneHot)
        {
            Array.Clear(targets);
            for (int e = 0; e < count; e++) targets[e * net.Output.Size + e % net.Output.Size] = 1;
        }
        return new Dataset(inputs, targets, count);
    }

    /// <summary>Small networks covering every layer kind, odd shapes, strides 1–3, padding 0–2 and both shortcut kinds.</summary>
    private static ReferenceGraphNetwork Network(string name) => name switch
    {
        "lenet-like" => new(new Shape(1, 9, 7, true), LossFunction.SoftmaxCrossEntropy,
            new ReferenceConv(3, 3, Activation.Tanh, Padding: 1), new ReferenceAvgPool(2), new ReferenceConv(4, 2, Activation.Tanh),
            new ReferenceMaxPool(2, Stride: 1, Padding: 1), new ReferenceDense(5, Activation.Tanh), new ReferenceDense(3)),
        "strided" => new(new Shape(2, 8, 10, true), LossFunction.MeanSquaredError,
            new ReferenceConv(3, 5, Activation.Sigmoid, Stride: 3, Padding: 2), new ReferenceConv(2, 1, Activation.Gelu, Bias: false),
            new ReferenceGlobalAvgPool(), new ReferenceDense(2)),
        "residual" => new(new Shape(2, 6, 6, true), LossFunction.SoftmaxCrossEntropy,
            new ReferenceConv(3, 3, Activation.Softplus, Padding: 1),
            new ReferenceResidualBegin(), new ReferenceConv(3, 3, Activation.Tanh, Padding: 1), new ReferenceConv(3, 3, Padding: 1), new ReferenceResidualEnd(Activation.Tanh),
            new ReferenceResidualBegin(), new ReferenceConv(4, 3, Activation.Elu, Stride: 2, Padding: 1), new ReferenceConv(4, 3, Padding: 1), new ReferenceResidualEnd(Activation.Sin, Projection: true),
            new ReferenceGlobalAvgPool(), new ReferenceDense(3)),
        "dense-residual" => new(new Shape(5, 1, 1, false), LossFunction.MeanSquaredError,
            new ReferenceDense(4, Activation.Tanh),
            new ReferenceResidualBegin(), new ReferenceDense(4, Activation.Square), new ReferenceResidualEnd(Activation.Tanh),
            new ReferenceResidualBegin(), new ReferenceDense(3, Activation.Tanh), new ReferenceResidualEnd(Projection: true),
            new ReferenceDense(2)),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static TheoryData<string> Networks => new() { "lenet-like", "strided", "residual", "dense-residual" };

    [Fact]
    public void On_a_dense_network_it_agrees_with_the_scalar_dense_reference()
    {
        var model = new TanhMseDepth2(); // 4 → 5 tanh → 3, MSE
        var graph = new ReferenceGraphNetwork(new Shape(4, 1, 1, false), LossFunction.MeanSquaredError,
            new ReferenceDense(5, Activation.Tanh), new ReferenceDense(3));
        var dense = new ReferenceNetwork(model, LossFunction.MeanSquaredError, Activation.Tanh, Activation.Identity);
        Assert.Equal(model.ParameterCount, graph.ParameterCount);
        Assert.Equal(model.Layout.Select(b => (b.Name, b.Offset, b.Length)), graph.Blocks.Select(b => (b.Name, b.Offset, b.Length)));

        double[] theta = Random(graph.ParameterCount, 1), v = Random(graph.ParameterCount, 2);
        Dataset data = Data(graph, 9, 3);
        int p = graph.ParameterCount;
        double[] g1 = new double[p], h1 = new double[p], g2 = new double[p], h2 = new double[p];
        double l1 = graph.Evaluate(theta, data, v, g1, h1);
        double l2 = dense.Evaluate(theta, data, v, g2, h2);
        Assert.Equal(l2, l1, CrossReferenceTolerance);
        NumericAssert.Close(g1, g2, CrossReferenceTolerance, "gradient");
        NumericAssert.Close(h1, h2, CrossReferenceTolerance, "H·v");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Gradient_and_hvp_match_finite_differences_and_the_hessian_is_symmetric(string name)
    {
        ReferenceGraphNetwork net = Network(name);
        bool ce = name is "lenet-like" or "residual";
        Dataset data = Data(net, 3, 10, oneHot: ce);
        int p = net.ParameterCount;
        double[] theta = Random(p, 11, 0.5), u = Random(p, 12), v = Random(p, 13);
        double[] gradient = new double[p], hv = new double[p], hu = new double[p];
        net.Evaluate(theta, data, v, gradient, hv);
        net.Evaluate(theta, data, u, [], hu);

        // ∇L·u by central differences of L along u; H·v by central differences of ∇L along v.
        double[] plus = Shift(theta, u, Step), minus = Shift(theta, u, -Step);
        double directional = (net.Evaluate(plus, data, [], [], []) - net.Evaluate(minus, data, [], [], [])) / (2 * Step);
        Assert.True(Math.Abs(directional - Dot(gradient, u)) <= FiniteDifferenceTolerance * Math.Max(1, Math.Abs(directional)),
            $"{name}: ∇L·u = {Dot(gradient, u):R}, central difference {directional:R}");
        double[] gPlus = new double[p], gMinus = new double[p];
        net.Evaluate(Shift(theta, v, Step), data, [], gPlus, []);
        net.Evaluate(Shift(theta, v, -Step), data, [], gMinus, []);
        double[] fd = gPlus.Select((g, i) => (g - gMinus[i]) / (2 * Step)).ToArray();
        NumericAssert.Close(hv, fd, FiniteDifferenceTolerance, $"{name}: H·v vs differences of ∇L");

        double uHv = Dot(u, hv), vHu = Dot(v, hu);
        Assert.True(Math.Abs(uHv - vHu) <= SymmetryTolerance * Math.Max(1, Math.Abs(uHv)), $"{name}: uᵀHv = {uHv:R}, vᵀHu = {vHu:R}");
    }

    [Fact]
    public void Shapes_and_parameter_order_follow_pytorch()
    {
        ReferenceGraphNetwork net = Network("residual");
        Assert.Equal(["3×6×6", "3×6×6", "3×6×6", "3×6×6", "3×6×6", "3×6×6", "4×3×3", "4×3×3", "4×3×3", "4", "3"], net.Shapes.Select(s => s.ToString()));
        Assert.Equal(["conv0.weight", "conv0.bias", "conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "conv3.weight", "conv3.bias",
            "conv4.weight", "conv4.bias", "residual1.weight", "residual1.bias", "dense0.weight", "dense0.bias"], net.Blocks.Select(b => b.Name));
        Assert.Equal((4, 3), (net.Blocks[10].Rows, net.Blocks[10].Columns)); // the 1×1 projection: [out, in]
        Assert.Equal((3, 2 * 3 * 3), (net.Blocks[0].Rows, net.Blocks[0].Columns)); // a filter is a row: [out, in·k·k]
        Assert.Equal(3, Out(8, 5, 3, 2)); // ⌊(8 + 4 − 5)/3⌋ + 1
    }

    [Fact]
    public void Max_pooling_routes_the_gradient_to_the_first_maximum_of_each_window()
    {
        // One 1×2×4 input, all equal: each 2×2 window's first cell (row-major) takes the gradient.
        var net = new ReferenceGraphNetwork(new Shape(1, 2, 4, true), LossFunction.MeanSquaredError,
            new ReferenceConv(1, 1, Bias: false), new ReferenceMaxPool(2), new ReferenceDense(1, Bias: false));
        var data = new Dataset([1, 1, 1, 1, 1, 1, 1, 1], [0], 1);
        double[] theta = [1, 1, 1]; // conv weight, dense weights for the two pooled cells
        var gradient = new double[3];
        double loss = net.Evaluate(theta, data, [], gradient, []);
        Assert.Equal(2.0, loss); // ½ (1 + 1)²
        Assert.Equal(2.0 * 2, gradient[0]); // ∂/∂w_conv: each window passes one cell (value 1) times f = 2
        Assert.Equal([2.0, 2.0], gradient[1..]);
        // With a larger value later in a window, that value wins instead.
        Assert.Equal([2.0], net.Predict(theta, [1, 1, 1, 1, 1, 1, 1, 1]));
        Assert.Equal([6.0], net.Predict(theta, [1, 1, 1, 1, 1, 5, 1, 1]));
    }

    [Fact]
    public void Pattern_records_relu_signs_pooling_winners_and_elu_signs_and_depends_on_the_parameters_up_to_the_last_kink()
    {
        // A 1×2×4 input, a 1×1 ReLU convolution (weight 1: z = x), 2×2 max pooling, a dense ELU unit with weights (1, −1).
        var net = new ReferenceGraphNetwork(new Shape(1, 2, 4, true), LossFunction.MeanSquaredError,
            new ReferenceConv(1, 1, Activation.Relu, Bias: false), new ReferenceMaxPool(2), new ReferenceDense(1, Activation.Elu, Bias: false));
        double[] theta = [1, 1, -1], x = [1, -2, 3, 4, -1, 5, 0.5, 2];
        // ReLU signs in (c, h, w) order; window 0 holds (1, 0, 0, 5) and is won by cell 3, window 1 (3, 4, 0.5, 2) by cell 1;
        // the ELU input is 5 − 4 = 1 > 0.
        Assert.Equal([1, 0, 1, 1, 0, 1, 1, 1, 3, 1], net.Pattern(theta, x, Kinks.Gradient));
        Assert.Equal([1, 0, 1, 1, 0, 1, 1, 1, 3, 1, 1], net.Pattern(theta, x, Kinks.Hessian));
        Assert.Equal([1, 0, 1, 1, 0, 1, 1, 1, 3, 1, 0], net.Pattern([1, -1, 1], x, Kinks.Hessian));
        Assert.Equal(1, net.PatternParameters(Kinks.Gradient));
        Assert.Equal(3, net.PatternParameters(Kinks.Hessian));

        ReferenceGraphNetwork smooth = Network("strided");
        Assert.Equal(0, smooth.PatternParameters(Kinks.Hessian));
        Assert.Empty(smooth.Pattern(Random(smooth.ParameterCount, 1), Random(smooth.Input.Size, 2), Kinks.Hessian));
    }

    [Fact]
    public void Average_pooling_counts_the_padded_zeros()
    {
        // A 1×2×2 input of ones, 2×2 windows, stride 2, padding 1: every window holds one real 1 and three padded zeros.
        var net = new ReferenceGraphNetwork(new Shape(1, 2, 2, true), LossFunction.MeanSquaredError,
            new ReferenceAvgPool(2, Padding: 1), new ReferenceDense(1, Bias: false));
        Assert.Equal([(4, 1)], net.Blocks.Select(b => (b.Columns, b.Rows)));
        Assert.Equal([4 * 0.25], net.Predict([1, 1, 1, 1], [1, 1, 1, 1]));
    }

    [Fact]
    public void Invalid_networks_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new ReferenceGraphNetwork(new Shape(4, 1, 1, false), LossFunction.MeanSquaredError, new ReferenceConv(2, 1)));
        Assert.Throws<ArgumentException>(() => new ReferenceGraphNetwork(new Shape(1, 4, 4, true), LossFunction.MeanSquaredError, new ReferenceConv(2, 1)));
        Assert.Throws<ArgumentException>(() => new ReferenceGraphNetwork(new Shape(1, 4, 4, true), LossFunction.MeanSquaredError,
            new ReferenceResidualBegin(), new ReferenceConv(2, 1), new ReferenceResidualEnd(), new ReferenceGlobalAvgPool()));
    }

    private static double[] Shift(double[] theta, double[] d, double h) => theta.Select((t, i) => t + h * d[i]).ToArray();

    private static double Dot(double[] a, double[] b) => a.Select((x, i) => x * b[i]).Sum();
}
