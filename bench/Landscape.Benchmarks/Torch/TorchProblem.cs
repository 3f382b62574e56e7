using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscape.Benchmarks;

/// <summary>
/// A <see cref="Problem"/> on the libtorch side: its data and θ as float64 tensors (θ cut into one leaf tensor per
/// block of our layout, shaped by the <see cref="TorchNetwork"/>), and the five operations the suite times — loss
/// (no autograd), loss + autograd gradient, double-backward H·v, top-1 Lanczos with the same number of HVPs, and the
/// plane slice (no autograd). Every operation runs inside a dispose scope, so nothing accumulates between calls.
/// </summary>
public sealed class TorchProblem : IDisposable
{
    private readonly Problem _problem;
    private readonly TorchNetwork _network;
    private readonly Tensor _x, _y;
    private readonly Tensor[] _parameters;   // leaves requiring grad, our layout's order
    private readonly Tensor[] _direction;    // v cut like the parameters
    private readonly Tensor _thetaFlat, _d1Flat, _d2Flat;

    /// <summary>Builds <paramref name="network"/>'s tensors for <paramref name="problem"/>; checks the shapes against our layout.</summary>
    /// <exception cref="InvalidOperationException">The network's parameter shapes do not tile our layout block for block.</exception>
    public TorchProblem(Problem problem, TorchNetwork network)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(network);
        _problem = problem;
        _network = network;
        CheckShapes(problem, network);
        _x = network.Inputs(problem.Data);
        _y = network.Targets(problem.Data);
        _parameters = Split(problem.Parameters, requiresGrad: true);
        _direction = Split(problem.Direction, requiresGrad: false);
        _thetaFlat = torch.tensor(problem.Parameters, dtype: ScalarType.Float64);
        _d1Flat = torch.tensor(problem.PlaneX, dtype: ScalarType.Float64);
        _d2Flat = torch.tensor(problem.PlaneY, dtype: ScalarType.Float64);
    }

    /// <summary>The network's description.</summary>
    public string Description => _network.Description;

    private static void CheckShapes(Problem problem, TorchNetwork network)
    {
        ParameterLayout layout = problem.Model.Layout;
        IReadOnlyList<long[]> shapes = network.ParameterShapes;
        string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"ours: {layout}; libtorch: {string.Join("; ", shapes.Select(s => "[" + string.Join('×', s) + "]"))}");
        if (shapes.Count != layout.Count)
            throw new InvalidOperationException($"{problem.Name}: the libtorch network has {shapes.Count} parameter tensors, our layout {layout.Count} blocks ({Describe()}).");
        for (int i = 0; i < shapes.Count; i++)
        {
            long elements = shapes[i].Aggregate(1L, (a, b) => a * b);
            if (elements != layout[i].Length)
                throw new InvalidOperationException($"{problem.Name}: libtorch parameter {i} has {elements} elements, our block '{layout[i].Name}' {layout[i].Length} ({Describe()}).");
        }
    }

    /// <summary>Cuts a flat vector in our layout into tensors of the network's shapes.</summary>
    private Tensor[] Split(double[] flat, bool requiresGrad)
    {
        IReadOnlyList<long[]> shapes = _network.ParameterShapes;
        var tensors = new Tensor[shapes.Count];
        int offset = 0;
        for (int i = 0; i < shapes.Count; i++)
        {
            int length = (int)shapes[i].Aggregate(1L, (a, b) => a * b);
            tensors[i] = torch.tensor(flat.AsSpan(offset, length).ToArray(), shapes[i], dtype: ScalarType.Float64, requires_grad: requiresGrad);
            offset += length;
        }
        return tensors;
    }

    /// <summary>Cuts a flat tensor in our layout into views of the parameters' shapes.</summary>
    private Tensor[] SplitTensor(Tensor flat)
    {
        var parts = new Tensor[_parameters.Length];
        long offset = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            long size = _parameters[i].numel();
            parts[i] = flat.narrow(0, offset, size).reshape(_parameters[i].shape);
            offset += size;
        }
        return parts;
    }

    private Tensor LossTensor(IReadOnlyList<Tensor> parameters) => _network.Loss(parameters, _x, _y);

    /// <summary>L(θ), without autograd.</summary>
    public double Loss()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return LossTensor(_parameters).item<double>();
    }

    /// <summary>L(θ) and ∇L(θ) by autograd; the gradient goes into <paramref name="gradient"/> in our layout when it is not empty.</summary>
    public double Gradient(Span<double> gradient = default)
    {
        using var scope = torch.NewDisposeScope();
        Tensor loss = LossTensor(_parameters);
        IList<Tensor> grads = torch.autograd.grad(new[] { loss }, _parameters);
        if (!gradient.IsEmpty) Flatten(grads, gradient);
        return loss.item<double>();
    }

    /// <summary>H(θ)·v by double backward (g = ∂L/∂θ with create_graph, then ∂(g·v)/∂θ) into <paramref name="product"/> when not empty; returns L(θ).</summary>
    public double HessianVectorProduct(Span<double> product = default)
    {
        using var scope = torch.NewDisposeScope();
        (double loss, Tensor[] hv) = Hvp(_direction);
        if (!product.IsEmpty) Flatten(hv, product);
        return loss;
    }

    /// <summary>H·u by double backward. Pass retain_graph with create_graph (TorchSharp aborts the process otherwise).</summary>
    private (double Loss, Tensor[] Product) Hvp(IReadOnlyList<Tensor> direction)
    {
        Tensor loss = LossTensor(_parameters);
        IList<Tensor> grads = torch.autograd.grad(new[] { loss }, _parameters, retain_graph: true, create_graph: true);
        Tensor dot = grads[0].mul(direction[0]).sum();
        for (int i = 1; i < grads.Count; i++) dot = dot + grads[i].mul(direction[i]).sum();
        Tensor[] product = torch.autograd.grad(new[] { dot }, _parameters, retain_graph: true).ToArray();
        return (loss.item<double>(), product);
    }

    private static void Flatten(IEnumerable<Tensor> tensors, Span<double> output)
    {
        int offset = 0;
        foreach (Tensor t in tensors)
        {
            double[] values = t.contiguous().data<double>().ToArray();
            values.CopyTo(output[offset..]);
            offset += values.Length;
        }
        if (offset != output.Length) throw new InvalidOperationException($"Flattened {offset} values into {output.Length}.");
    }

    /// <summary>
    /// Top-1 Lanczos with full (twice-applied) reorthogonalization from the start vector v: (HVPs − 1) Lanczos steps,
    /// then one more HVP for the Ritz pair's residual, like <see cref="Hessian.TopEigenpairs"/> with
    /// <see cref="Problem.LanczosOptions"/>. Returns the top Ritz value.
    /// </summary>
    public double Lanczos()
    {
        using var scope = torch.NewDisposeScope();
        int steps = Problem.LanczosHvps - 1;
        var basis = new List<Tensor>();
        var alpha = new double[steps];
        var beta = new double[steps];
        Tensor q = torch.tensor(_problem.Direction, dtype: ScalarType.Float64);
        q = q / q.norm();
        for (int j = 0; j < steps; j++)
        {
            basis.Add(q);
            Tensor w = torch.cat(Hvp(SplitTensor(q)).Product.Select(t => t.detach().reshape(-1)).ToArray());
            alpha[j] = w.dot(q).item<double>();
            Tensor qs = torch.stack(basis);
            for (int pass = 0; pass < 2; pass++) w = w - qs.t().matmul(qs.matmul(w));
            beta[j] = w.norm().item<double>();
            q = w / beta[j];
        }
        // Tridiagonal T (steps × steps) → top eigenpair; Ritz vector y = Q s; one HVP for the residual ‖Hy − λy‖.
        Tensor t = torch.zeros(steps, steps, dtype: ScalarType.Float64);
        for (int j = 0; j < steps; j++)
        {
            t[j, j] = torch.tensor(alpha[j], dtype: ScalarType.Float64);
            if (j + 1 < steps)
            {
                t[j, j + 1] = torch.tensor(beta[j], dtype: ScalarType.Float64);
                t[j + 1, j] = torch.tensor(beta[j], dtype: ScalarType.Float64);
            }
        }
        (Tensor values, Tensor vectors) = torch.linalg.eigh(t);
        double top = values[steps - 1].item<double>();
        Tensor ritz = torch.stack(basis).t().matmul(vectors[.., steps - 1]);
        Tensor hy = torch.cat(Hvp(SplitTensor(ritz)).Product.Select(x => x.detach().reshape(-1)).ToArray());
        double residual = (hy - ritz * top).norm().item<double>();
        return top + 0 * residual;
    }

    /// <summary>The losses on the grid × grid plane θ + a·d₁ + b·d₂ (no autograd); returns their sum.</summary>
    public double Plane()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        double sum = 0;
        foreach (double a in _problem.GridValues)
        {
            Tensor row = _thetaFlat + _d1Flat * a;
            foreach (double b in _problem.GridValues)
            {
                using var inner = torch.NewDisposeScope();
                Tensor point = row + _d2Flat * b;
                sum += LossTensor(SplitTensor(point)).item<double>();
            }
        }
        return sum;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _x.Dispose();
        _y.Dispose();
        foreach (Tensor t in _parameters) t.Dispose();
        foreach (Tensor t in _direction) t.Dispose();
        _thetaFlat.Dispose();
        _d1Flat.Dispose();
        _d2Flat.Dispose();
    }
}
