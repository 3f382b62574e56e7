using System;
using System.Collections.Generic;
using System.Linq;

namespace Landscape.Tests.Reference;

/// <summary>
/// An independent reference for networks with dense, convolutional, pooling and residual layers: the forward pass written
/// as direct loops (convolution by its definition, pooling windows one by one, residual adds) on a <see cref="Tape"/>, and
/// the gradient and H·v by forward-over-reverse automatic differentiation of that forward pass. No im2col, no GEMM, no
/// blocking, no hand-written backward or R-operator: what it computes follows from the forward definitions alone.
/// </summary>
/// <remarks>
/// Parameter order is PyTorch's <c>model.parameters()</c> (DESIGN.md §2b): layer by layer in declaration order, weight then
/// bias; a convolution's weight is [out × in·k·k] row-major (= [out, in, kh, kw]); a residual block's projection comes after
/// the block's own layers. Names: <c>conv{i}</c>, <c>dense{j}</c>, <c>residual{k}</c>, counted per kind.
/// </remarks>
internal sealed class ReferenceGraphNetwork
{
    private readonly ReferenceLayer[] _layers;
    private readonly LossFunction _loss;
    private readonly List<Block> _blocks = [];
    private readonly List<Shape> _shapes = []; // the output shape of each layer
    private readonly int[] _patternParameters = new int[2]; // per Kinks value: see PatternParameters

    /// <summary>Which non-smooth points <see cref="Pattern"/> records.</summary>
    public enum Kinks
    {
        /// <summary>Where the gradient jumps (the loss has a kink): a ReLU input at 0, a tie for a max-pooling window's maximum.</summary>
        Gradient,

        /// <summary>Those, and where only the Hessian jumps: an ELU input at 0 (ELU is C¹; its second derivative steps from 1 to 0).</summary>
        Hessian,
    }

    /// <summary>A parameter block: its name, offset, rows and columns (biases have one column).</summary>
    public sealed record Block(string Name, int Offset, int Rows, int Columns)
    {
        /// <summary>Rows × columns.</summary>
        public int Length => Rows * Columns;
    }

    /// <summary>A value's shape: channels × height × width when spatial, a flat vector of <see cref="C"/> values otherwise.</summary>
    public readonly record struct Shape(int C, int H, int W, bool Spatial)
    {
        /// <summary>The number of values.</summary>
        public int Size => Spatial ? C * H * W : C;

        /// <inheritdoc/>
        public override string ToString() => Spatial ? $"{C}×{H}×{W}" : $"{C}";
    }

    /// <summary>Builds the network on an input of <paramref name="input"/>; throws for shapes that do not fit.</summary>
    public ReferenceGraphNetwork(Shape input, LossFunction loss, params ReferenceLayer[] layers)
    {
        Input = input;
        _loss = loss;
        _layers = layers;
        int offset = 0, conv = 0, dense = 0, residual = 0;
        void Add(string name, int rows, int columns)
        {
            _blocks.Add(new Block(name, offset, rows, columns));
            offset += rows * columns;
        }
        Shape shape = input;
        (Shape Entry, int Stride)? open = null; // the residual block being read (blocks do not nest)
        foreach (ReferenceLayer layer in layers)
        {
            switch (layer)
            {
                case ReferenceDense d:
                    Add($"dense{dense}.weight", d.Units, shape.Size);
                    if (d.Bias) Add($"dense{dense}.bias", d.Units, 1);
                    dense++;
                    shape = new Shape(d.Units, 1, 1, false);
                    break;
                case ReferenceConv c:
                    Require(shape.Spatial, "a convolution needs a spatial input");
                    Add($"conv{conv}.weight", c.Channels, shape.C * c.Kernel * c.Kernel);
                    if (c.Bias) Add($"conv{conv}.bias", c.Channels, 1);
                    conv++;
                    shape = new Shape(c.Channels, Out(shape.H, c.Kernel, c.Stride, c.Padding), Out(shape.W, c.Kernel, c.Stride, c.Padding), true);
                    if (open is { } convBlock) open = convBlock with { Stride = convBlock.Stride * c.Stride };
                    break;
                case ReferenceMaxPool or ReferenceAvgPool:
                    var (size, stride, padding) = Window(layer);
                    Require(shape.Spatial, "pooling needs a spatial input");
                    Require(2 * padding <= size, "pooling padding is at most half the window");
                    shape = new Shape(shape.C, Out(shape.H, size, stride, padding), Out(shape.W, size, stride, padding), true);
                    if (open is { } poolBlock) open = poolBlock with { Stride = poolBlock.Stride * stride };
                    break;
                case ReferenceGlobalAvgPool:
                    Require(shape.Spatial, "global average pooling needs a spatial input");
                    shape = new Shape(shape.C, 1, 1, false);
                    break;
                case ReferenceResidualBegin:
                    Require(open is null, "residual blocks do not nest");
                    open = (shape, 1);
                    break;
                case ReferenceResidualEnd end:
                    Require(open is not null, "ResidualEnd without ResidualBegin");
                    var (entry, product) = open!.Value;
                    open = null;
                    if (end.Projection)
                    {
                        if (entry.Spatial)
                        {
                            Require(shape.Spatial && Out(entry.H, 1, product, 0) == shape.H && Out(entry.W, 1, product, 0) == shape.W,
                                "the projection's stride reproduces the block's output size");
                            Add($"residual{residual}.weight", shape.C, entry.C);
                        }
                        else
                        {
                            Add($"residual{residual}.weight", shape.Size, entry.Size);
                        }
                        Add($"residual{residual}.bias", shape.Size / (shape.Spatial ? shape.H * shape.W : 1), 1);
                    }
                    else
                    {
                        Require(entry == shape, $"identity shortcut needs equal shapes ({entry} vs {shape})");
                    }
                    residual++;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(layers), layer, "Unknown reference layer.");
            }
            Require(shape.Size > 0 && shape.H > 0 && shape.W > 0, "every layer has a non-empty output");
            _shapes.Add(shape);
            // The parameters read so far (this layer's included) are all that a kink of this layer depends on.
            Activation? activation = layer switch { ReferenceDense d => d.Activation, ReferenceConv c => c.Activation, ReferenceResidualEnd e => e.Activation, _ => null };
            if (layer is ReferenceMaxPool || activation == Activation.Relu) _patternParameters[(int)Kinks.Gradient] = offset;
            if (layer is ReferenceMaxPool || activation is Activation.Relu or Activation.Elu) _patternParameters[(int)Kinks.Hessian] = offset;
        }
        Require(open is null, "every ResidualBegin is closed");
        Require(!shape.Spatial, "the output is flat");
        Output = shape;
        ParameterCount = offset;
    }

    /// <summary>The input shape.</summary>
    public Shape Input { get; }

    /// <summary>
    /// The <see cref="Pattern"/> with <paramref name="kinks"/> depends on θ[0 .. this) only: the parameters of the layers up to
    /// the last one with such a kink (a residual block's projection counts at its <c>ResidualEnd</c>); 0 for a smooth network.
    /// </summary>
    public int PatternParameters(Kinks kinks) => _patternParameters[(int)kinks];

    /// <summary>The loss head.</summary>
    public LossFunction Loss => _loss;

    /// <summary>The output shape (flat).</summary>
    public Shape Output { get; }

    /// <summary>The number of parameters.</summary>
    public int ParameterCount { get; }

    /// <summary>The parameter blocks in order.</summary>
    public IReadOnlyList<Block> Blocks => _blocks;

    /// <summary>The output shape of every layer, in order.</summary>
    public IReadOnlyList<Shape> Shapes => _shapes;

    /// <summary>⌊(n + 2P − K)/S⌋ + 1.</summary>
    public static int Out(int n, int kernel, int stride, int padding) => (n + 2 * padding - kernel) / stride + 1;

    /// <summary>Loss, gradient and H·v along <paramref name="direction"/> (gradient, direction and product may be empty).</summary>
    public double Evaluate(ReadOnlySpan<double> theta, Dataset data, ReadOnlySpan<double> direction, Span<double> gradient, Span<double> product)
    {
        if (theta.Length != ParameterCount) throw new ArgumentException($"θ has {theta.Length} values; the network has {ParameterCount}.", nameof(theta));
        if (data.InputSize != Input.Size || data.TargetSize != Output.Size)
            throw new ArgumentException($"Data of {data.InputSize} → {data.TargetSize}; the network maps {Input} → {Output}.", nameof(data));
        var tape = new Tape();
        var parameters = new int[ParameterCount];
        for (int i = 0; i < parameters.Length; i++) parameters[i] = tape.Leaf(new Dual(theta[i], direction.IsEmpty ? 0 : direction[i]));
        var losses = new List<int>(data.Count);
        for (int e = 0; e < data.Count; e++) losses.Add(ExampleLoss(tape, parameters, data.Input(e), data.Target(e)));
        int total = tape.Scale(tape.Sum(losses), 1.0 / data.Count);
        Dual[] adjoint = tape.Backward(total);
        for (int i = 0; i < ParameterCount; i++)
        {
            if (!gradient.IsEmpty) gradient[i] = adjoint[parameters[i]].V;
            if (!product.IsEmpty) product[i] = adjoint[parameters[i]].T;
        }
        return tape[total].V;
    }

    /// <summary>The network's output for one example.</summary>
    public double[] Predict(ReadOnlySpan<double> theta, ReadOnlySpan<double> input)
    {
        var tape = new Tape(recordsParents: false);
        int[] parameters = theta.ToArray().Select(t => tape.Leaf(t)).ToArray();
        return Forward(tape, parameters, input).Select(n => tape[n].V).ToArray();
    }

    /// <summary>
    /// Which piece of the piecewise-smooth network one example is on at θ: for every ReLU input whether it is positive and
    /// for every max-pooling window which cell wins (in forward order), and with <paramref name="kinks"/> =
    /// <see cref="Kinks.Hessian"/> also whether every ELU input is positive. Wherever the pattern stays the same, the
    /// loss is as smooth as its smooth layers; a finite difference between two points of equal pattern (and the points
    /// between them, for steps far smaller than the distance to a kink) never straddles one. Empty for a smooth network.
    /// </summary>
    public int[] Pattern(ReadOnlySpan<double> theta, ReadOnlySpan<double> input, Kinks kinks)
    {
        var tape = new Tape(recordsParents: false);
        int[] parameters = theta.ToArray().Select(t => tape.Leaf(t)).ToArray();
        var pattern = new List<int>();
        Forward(tape, parameters, input, (pattern, kinks));
        return pattern.ToArray();
    }

    private int ExampleLoss(Tape tape, int[] p, ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int[] f = Forward(tape, p, x);
        var terms = new List<int>();
        if (_loss == LossFunction.MeanSquaredError)
        {
            // ℓ = ½ Σ (f − y)²
            for (int j = 0; j < f.Length; j++)
            {
                int e = tape.Subtract(f[j], tape.Leaf(y[j]));
                terms.Add(tape.Scale(tape.Multiply(e, e), 0.5));
            }
            return tape.Sum(terms);
        }
        // ℓ = Σ_j y_j (lse(f) − f_j), lse(f) = m + log Σ exp(f − m) with the constant m = max f (for range only).
        double m = f.Max(n => tape[n].V);
        int mc = tape.Leaf(m);
        int lse = tape.Add(mc, tape.Log(tape.Sum(f.Select(n => tape.Exp(tape.Subtract(n, mc))).ToList())));
        for (int j = 0; j < f.Length; j++) terms.Add(tape.Scale(tape.Subtract(lse, f[j]), y[j]));
        return tape.Sum(terms);
    }

    /// <param name="pattern">Where to record the piece each ReLU, ELU and max-pooling window is on (see <see cref="Pattern"/>), or null.</param>
    private int[] Forward(Tape tape, int[] p, ReadOnlySpan<double> x, (List<int> Into, Kinks Kinks)? pattern = null)
    {
        int[] value = new int[x.Length];
        for (int i = 0; i < x.Length; i++) value[i] = tape.Leaf(x[i]);
        Shape shape = Input;
        int block = 0;
        (int[] Value, Shape Shape, int Stride)? entry = null;
        foreach (ReferenceLayer layer in _layers)
        {
            switch (layer)
            {
                case ReferenceDense d:
                {
                    Block w = _blocks[block++];
                    Block? b = d.Bias ? _blocks[block++] : null;
                    value = Activate(tape, DenseMap(tape, p, w, b, value), d.Activation, pattern);
                    shape = new Shape(d.Units, 1, 1, false);
                    break;
                }
                case ReferenceConv c:
                {
                    Block w = _blocks[block++];
                    Block? b = c.Bias ? _blocks[block++] : null;
                    (value, shape) = Convolve(tape, p, w, b, value, shape, c.Channels, c.Kernel, c.Stride, c.Padding);
                    value = Activate(tape, value, c.Activation, pattern);
                    if (entry is { } open) entry = open with { Stride = open.Stride * c.Stride };
                    break;
                }
                case ReferenceMaxPool or ReferenceAvgPool:
                {
                    var (size, stride, padding) = Window(layer);
                    (value, shape) = Pool(tape, value, shape, size, stride, padding, max: layer is ReferenceMaxPool, pattern?.Into);
                    if (entry is { } open) entry = open with { Stride = open.Stride * stride };
                    break;
                }
                case ReferenceGlobalAvgPool:
                {
                    var pooled = new int[shape.C];
                    int area = shape.H * shape.W;
                    for (int c = 0; c < shape.C; c++) pooled[c] = tape.Scale(tape.Sum(value.Skip(c * area).Take(area).ToList()), 1.0 / area);
                    value = pooled;
                    shape = new Shape(shape.C, 1, 1, false);
                    break;
                }
                case ReferenceResidualBegin:
                    entry = (value, shape, 1);
                    break;
                case ReferenceResidualEnd end:
                {
                    var (input, inputShape, stride) = entry!.Value;
                    int[] shortcut = input;
                    if (end.Projection)
                    {
                        Block w = _blocks[block++];
                        Block b = _blocks[block++];
                        shortcut = inputShape.Spatial
                            ? Convolve(tape, p, w, b, input, inputShape, shape.C, 1, stride, 0).Value
                            : DenseMap(tape, p, w, b, input);
                    }
                    value = Activate(tape, value.Select((v, i) => tape.Add(v, shortcut[i])).ToArray(), end.Activation, pattern);
                    entry = null;
                    break;
                }
            }
        }
        return value;
    }

    /// <summary>z_j = b_j + Σ_c W[j, c] x_c.</summary>
    private static int[] DenseMap(Tape tape, int[] p, Block w, Block? b, int[] x)
    {
        var z = new int[w.Rows];
        for (int j = 0; j < w.Rows; j++)
        {
            var terms = new List<int>(w.Columns + 1);
            if (b is not null) terms.Add(p[b.Offset + j]);
            for (int c = 0; c < w.Columns; c++) terms.Add(tape.Multiply(p[w.Offset + j * w.Columns + c], x[c]));
            z[j] = tape.Sum(terms);
        }
        return z;
    }

    /// <summary>z[o, i, j] = b[o] + Σ_{c, u, v} W[o, c, u, v] · x[c, i·S + u − P, j·S + v − P], zero outside the input.</summary>
    private static (int[] Value, Shape Shape) Convolve(Tape tape, int[] p, Block w, Block? b, int[] x, Shape s, int channels, int k, int stride, int padding)
    {
        int ho = Out(s.H, k, stride, padding), wo = Out(s.W, k, stride, padding);
        var z = new int[channels * ho * wo];
        for (int o = 0; o < channels; o++)
            for (int i = 0; i < ho; i++)
                for (int j = 0; j < wo; j++)
                {
                    var terms = new List<int>();
                    if (b is not null) terms.Add(p[b.Offset + o]);
                    for (int c = 0; c < s.C; c++)
                        for (int u = 0; u < k; u++)
                            for (int v = 0; v < k; v++)
                            {
                                int row = i * stride + u - padding, column = j * stride + v - padding;
                                if (row < 0 || row >= s.H || column < 0 || column >= s.W) continue;
                                int weight = w.Offset + o * w.Columns + (c * k + u) * k + v;
                                terms.Add(tape.Multiply(p[weight], x[(c * s.H + row) * s.W + column]));
                            }
                    z[(o * ho + i) * wo + j] = tape.Sum(terms);
                }
        return (z, new Shape(channels, ho, wo, true));
    }

    /// <summary>Max pooling (first maximum in row-major window order; padding never wins) or average pooling (÷ size²).</summary>
    private static (int[] Value, Shape Shape) Pool(Tape tape, int[] x, Shape s, int size, int stride, int padding, bool max, List<int>? pattern)
    {
        int ho = Out(s.H, size, stride, padding), wo = Out(s.W, size, stride, padding);
        var y = new int[s.C * ho * wo];
        for (int c = 0; c < s.C; c++)
            for (int i = 0; i < ho; i++)
                for (int j = 0; j < wo; j++)
                {
                    var window = new List<int>();
                    for (int u = 0; u < size; u++)
                        for (int v = 0; v < size; v++)
                        {
                            int row = i * stride + u - padding, column = j * stride + v - padding;
                            if (row >= 0 && row < s.H && column >= 0 && column < s.W) window.Add(x[(c * s.H + row) * s.W + column]);
                        }
                    int best = window[0];
                    foreach (int n in window)
                        if (tape[n].V > tape[best].V) best = n; // strictly greater: ties keep the first maximum
                    if (max) pattern?.Add(window.IndexOf(best));
                    y[(c * ho + i) * wo + j] = max ? best : tape.Scale(tape.Sum(window), 1.0 / (size * size));
                }
        return (y, new Shape(s.C, ho, wo, true));
    }

    private static int[] Activate(Tape tape, int[] z, Activation activation, (List<int> Into, Kinks Kinks)? pattern)
    {
        if (pattern is { } record && (activation == Activation.Relu || (activation == Activation.Elu && record.Kinks == Kinks.Hessian)))
            record.Into.AddRange(z.Select(n => tape[n].V > 0 ? 1 : 0));
        return activation == Activation.Identity
            ? z
            : z.Select(n => tape.Apply(n, v => ReferenceActivations.Sigma(activation, v), v => ReferenceActivations.SigmaPrime(activation, v),
                v => ReferenceActivations.SigmaSecond(activation, v))).ToArray();
    }

    private static (int Size, int Stride, int Padding) Window(ReferenceLayer layer) => layer switch
    {
        ReferenceMaxPool m => (m.Size, m.Stride == 0 ? m.Size : m.Stride, m.Padding),
        ReferenceAvgPool a => (a.Size, a.Stride == 0 ? a.Size : a.Stride, a.Padding),
        _ => throw new ArgumentOutOfRangeException(nameof(layer)),
    };

    private static void Require(bool condition, string what)
    {
        if (!condition) throw new ArgumentException($"Invalid reference network: {what}.");
    }
}
