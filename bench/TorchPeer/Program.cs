using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscape.Bench.TorchPeer;

/// <summary>
/// The libtorch peer of bench/Landscape.Benchmarks: reads P1.bin and P2.bin (data, θ, v, plane directions and our
/// reference values, written by `Landscape.Benchmarks export`), checks that libtorch's loss, autograd gradient and
/// double-backward H·v equal ours to 1e-10 relative (failing loudly otherwise), then times the five operations and
/// writes torchsharp.json. Usage: TorchPeer DIR [--quick].
/// </summary>
public static class Program
{
    private const int Threads = 2;
    private const double Tolerance = 1e-10;

    public static int Main(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: TorchPeer DIR [--quick]");
            return 2;
        }
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        string directory = args[0];
        bool quick = args.Contains("--quick");
        string load = LoadAverage();
        torch.set_num_threads(Threads);
        var operations = new List<Dictionary<string, object>>();
        var checks = new Dictionary<string, double>();
        foreach (string name in new[] { "P1", "P2" })
        {
            using var problem = new TorchProblem(Path.Combine(directory, name + ".bin"));
            problem.Verify(name, checks);
            foreach ((string operation, Func<double> body) in problem.Operations())
            {
                // The composites (Lanczos, plane) take seconds per call: --quick times them once (and P2's other operations 5 times).
                bool heavy = operation is "Lanczos" or "Plane";
                int repetitions = quick ? (heavy ? 1 : name == "P2" ? 5 : 20) : (heavy ? 20 : 30);
                int warmup = quick && heavy ? 0 : heavy ? 1 : 3;
                double median = Time(body, warmup, repetitions);
                Console.WriteLine(FormattableString.Invariant($"{name} {operation,-9} median {median / 1e6,10:F3} ms over {repetitions} runs"));
                operations.Add(new Dictionary<string, object>
                {
                    ["Problem"] = name,
                    ["Operation"] = operation,
                    ["MedianNanoseconds"] = median,
                    ["Samples"] = repetitions,
                    ["AllocatedBytes"] = -1L,
                });
            }
        }
        var result = new Dictionary<string, object>
        {
            ["Side"] = "torchsharp",
            ["Threads"] = torch.get_num_threads(),
            ["LoadAverage"] = load,
            ["Version"] = $"TorchSharp-cpu 0.107.0 (libtorch {torch.__version__}), {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}",
            ["Operations"] = operations,
            ["Checks"] = checks,
        };
        File.WriteAllText(Path.Combine(directory, "torchsharp.json"), JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    /// <summary>Median wall time (ns) of <paramref name="repetitions"/> calls after <paramref name="warmup"/> untimed ones.</summary>
    private static double Time(Func<double> body, int warmup, int repetitions)
    {
        double sink = 0;
        for (int i = 0; i < warmup; i++) sink += body();
        var times = new double[repetitions];
        for (int i = 0; i < repetitions; i++)
        {
            long start = Stopwatch.GetTimestamp();
            sink += body();
            times[i] = Stopwatch.GetElapsedTime(start).TotalNanoseconds;
        }
        if (double.IsNaN(sink)) throw new InvalidOperationException("An operation returned NaN.");
        Array.Sort(times);
        return repetitions % 2 == 1 ? times[repetitions / 2] : 0.5 * (times[repetitions / 2 - 1] + times[repetitions / 2]);
    }

    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "n/a";
    }
}

/// <summary>One exported problem as libtorch tensors: data, parameters (one leaf tensor per weight and bias), directions.</summary>
internal sealed class TorchProblem : IDisposable
{
    private readonly int[] _widths;
    private readonly int _n, _grid, _lanczosHvps, _count;
    private readonly Tensor _x, _y;
    private readonly double[] _theta, _v, _d1, _d2, _gridValues, _gradient, _hvp;
    private readonly double _loss;
    private readonly Tensor[] _parameters;   // W₁, b₁, W₂, b₂, … as leaves requiring grad
    private readonly Tensor[] _direction;    // v split like the parameters
    private readonly Tensor _thetaFlat, _d1Flat, _d2Flat;

    public TorchProblem(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.ASCII);
        string magic = Encoding.ASCII.GetString(reader.ReadBytes(8));
        if (magic != "LSBENCH1") throw new InvalidDataException($"'{path}' is not a benchmark problem file (magic '{magic}').");
        _widths = new int[reader.ReadInt32()];
        for (int i = 0; i < _widths.Length; i++) _widths[i] = reader.ReadInt32();
        _n = reader.ReadInt32();
        _grid = reader.ReadInt32();
        _lanczosHvps = reader.ReadInt32();
        _count = 0;
        for (int l = 1; l < _widths.Length; l++) _count += _widths[l] * _widths[l - 1] + _widths[l];
        double[] inputs = Read(reader, _n * _widths[0]);
        double[] targets = Read(reader, _n * _widths[^1]);
        _theta = Read(reader, _count);
        _v = Read(reader, _count);
        _d1 = Read(reader, _count);
        _d2 = Read(reader, _count);
        _gridValues = Read(reader, _grid);
        _loss = reader.ReadDouble();
        _gradient = Read(reader, _count);
        _hvp = Read(reader, _count);

        _x = torch.tensor(inputs, new long[] { _n, _widths[0] }, dtype: ScalarType.Float64);
        _y = torch.tensor(targets, new long[] { _n, _widths[^1] }, dtype: ScalarType.Float64);
        _parameters = Split(_theta, requiresGrad: true);
        _direction = Split(_v, requiresGrad: false);
        _thetaFlat = torch.tensor(_theta, dtype: ScalarType.Float64);
        _d1Flat = torch.tensor(_d1, dtype: ScalarType.Float64);
        _d2Flat = torch.tensor(_d2, dtype: ScalarType.Float64);
    }

    private static double[] Read(BinaryReader reader, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = reader.ReadDouble();
        return values;
    }

    /// <summary>Cuts a flat vector in our layout (per layer: weight [units × fan-in] row-major, then bias) into tensors.</summary>
    private Tensor[] Split(double[] flat, bool requiresGrad)
    {
        var tensors = new List<Tensor>();
        int offset = 0;
        for (int l = 1; l < _widths.Length; l++)
        {
            int units = _widths[l], fanIn = _widths[l - 1];
            tensors.Add(torch.tensor(flat.AsSpan(offset, units * fanIn).ToArray(), new long[] { units, fanIn }, dtype: ScalarType.Float64, requires_grad: requiresGrad));
            offset += units * fanIn;
            tensors.Add(torch.tensor(flat.AsSpan(offset, units).ToArray(), new long[] { units }, dtype: ScalarType.Float64, requires_grad: requiresGrad));
            offset += units;
        }
        return tensors.ToArray();
    }

    /// <summary>L = mean over examples of ½‖f(x) − y‖², f = tanh layers then a linear output layer.</summary>
    private Tensor Loss(IReadOnlyList<Tensor> parameters)
    {
        Tensor h = _x;
        int layers = _widths.Length - 1;
        for (int l = 0; l < layers; l++)
        {
            Tensor z = torch.nn.functional.linear(h, parameters[2 * l], parameters[2 * l + 1]);
            h = l < layers - 1 ? torch.tanh(z) : z;
        }
        return (h - _y).square().sum() * (0.5 / _n);
    }

    private double LossValue()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return Loss(_parameters).item<double>();
    }

    private (double Loss, Tensor[] Gradient) Gradient()
    {
        Tensor loss = Loss(_parameters);
        IList<Tensor> grads = torch.autograd.grad(new[] { loss }, _parameters);
        return (loss.item<double>(), grads.ToArray());
    }

    /// <summary>H·u by double backward: g = ∂L/∂θ with create_graph, then ∂(g·u)/∂θ.</summary>
    private Tensor[] Hvp(IReadOnlyList<Tensor> direction)
    {
        Tensor loss = Loss(_parameters);
        IList<Tensor> grads = torch.autograd.grad(new[] { loss }, _parameters, retain_graph: true, create_graph: true);
        Tensor dot = grads[0].mul(direction[0]).sum();
        for (int i = 1; i < grads.Count; i++) dot = dot + grads[i].mul(direction[i]).sum();
        return torch.autograd.grad(new[] { dot }, _parameters, retain_graph: true).ToArray();
    }

    private static double[] Flatten(IEnumerable<Tensor> tensors) => tensors.SelectMany(t => t.contiguous().data<double>().ToArray()).ToArray();

    /// <summary>Checks loss, gradient and H·v against ours; throws when any differs by more than 1e-10 relative.</summary>
    public void Verify(string name, Dictionary<string, double> checks)
    {
        using var scope = torch.NewDisposeScope();
        double lossError = Math.Abs(LossValue() - _loss) / Math.Abs(_loss);
        (double gradLoss, Tensor[] gradient) = Gradient();
        double gradLossError = Math.Abs(gradLoss - _loss) / Math.Abs(_loss);
        double gradientError = RelativeMax(Flatten(gradient), _gradient);
        double hvpError = RelativeMax(Flatten(Hvp(_direction)), _hvp);
        checks[$"{name} loss"] = Math.Max(lossError, gradLossError);
        checks[$"{name} gradient"] = gradientError;
        checks[$"{name} H·v"] = hvpError;
        Console.WriteLine(FormattableString.Invariant($"{name} check: loss {checks[$"{name} loss"]:E2}, gradient {gradientError:E2}, H·v {hvpError:E2} (relative, tolerance {1e-10:E0})"));
        foreach ((string check, double error) in new[] { ("loss", checks[$"{name} loss"]), ("gradient", gradientError), ("H·v", hvpError) })
        {
            if (!(error <= 1e-10))
                throw new InvalidOperationException(FormattableString.Invariant(
                    $"{name}: the libtorch {check} differs from Landscape's by {error:E3} relative (> 1e-10). One of the two is wrong; the benchmark refuses to time it."));
        }
    }

    private static double RelativeMax(double[] actual, double[] expected)
    {
        if (actual.Length != expected.Length) throw new InvalidOperationException($"length {actual.Length} vs {expected.Length}");
        double diff = 0, scale = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            diff = Math.Max(diff, Math.Abs(actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }
        return diff / scale;
    }

    /// <summary>The five timed operations (each returns a number so nothing is optimized away).</summary>
    public IEnumerable<(string, Func<double>)> Operations()
    {
        yield return ("Loss", LossValue);
        yield return ("Gradient", () =>
        {
            using var scope = torch.NewDisposeScope();
            return Gradient().Loss;
        });
        yield return ("HVP", () =>
        {
            using var scope = torch.NewDisposeScope();
            return Hvp(_direction)[0].sum().item<double>();
        });
        yield return ("Lanczos", Lanczos);
        yield return ("Plane", Plane);
    }

    /// <summary>
    /// Top-1 Lanczos with full (twice-applied) reorthogonalization from the start vector v: (HVPs − 1) Lanczos steps,
    /// then one more HVP for the Ritz pair's residual, like Landscape's Hessian.TopEigenpairs with the same options.
    /// </summary>
    private double Lanczos()
    {
        using var scope = torch.NewDisposeScope();
        int steps = _lanczosHvps - 1;
        var basis = new List<Tensor>();
        var alpha = new double[steps];
        var beta = new double[steps];
        Tensor q = torch.tensor(_v, dtype: ScalarType.Float64);
        q = q / q.norm();
        for (int j = 0; j < steps; j++)
        {
            basis.Add(q);
            Tensor w = torch.cat(Hvp(SplitTensor(q)).Select(t => t.detach().reshape(-1)).ToArray());
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
        Tensor hy = torch.cat(Hvp(SplitTensor(ritz)).Select(x => x.detach().reshape(-1)).ToArray());
        double residual = (hy - ritz * top).norm().item<double>();
        return top + 0 * residual;
    }

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

    /// <summary>The loss on the grid × grid plane θ + x·d₁ + y·d₂ (no autograd).</summary>
    private double Plane()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        double sum = 0;
        foreach (double a in _gridValues)
        {
            Tensor row = _thetaFlat + _d1Flat * a;
            foreach (double b in _gridValues)
            {
                using var inner = torch.NewDisposeScope();
                Tensor point = row + _d2Flat * b;
                sum += Loss(SplitTensor(point)).item<double>();
            }
        }
        return sum;
    }

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
