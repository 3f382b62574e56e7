// QuickStart: the smallest complete use of the Landscape.Runtime package. It declares a network and an objective, lets
// the package's source generator implement them, and prints the loss, the gradient, a Hessian-vector product and the
// top Hessian eigenvalue of each as key=value lines (invariant culture, round-trip format).
using System;
using System.Globalization;
using System.Numerics.Tensors;
using Landscape;
using Landscape.Probes;

// A 2-8-1 tanh network with squared error on 16 fixed examples of y = sin(3·x₁)·x₂.
var network = new TinyNet();
Dataset data = QuickStartData.Create();
var theta = new double[network.ParameterCount];
network.Initialize(theta, seed: 1);
Report("network", network, theta, data);

// Rosenbrock's function at its minimum (1, 1): loss 0, gradient 0, Hessian [[802, −400], [−400, 200]], whose top
// eigenvalue is 501 + √250601 ≈ 1001.600639.
var rosenbrock = new Rosenbrock(A: 1, B: 100);
Report("objective", rosenbrock, [1.0, 1.0], Dataset.Empty);

static void Report(string name, IModel model, double[] theta, Dataset data)
{
    var gradient = new double[model.ParameterCount];
    var product = new double[model.ParameterCount];
    double loss = model.Gradient(theta, data, gradient);
    var ones = new double[model.ParameterCount];
    Array.Fill(ones, 1.0);
    model.HessianVectorProduct(theta, data, ones, product);
    Eigenpairs top = Hessian.TopEigenpairs(model, theta, data, k: 1);
    Print($"{name}.parameters", model.ParameterCount);
    Print($"{name}.loss", loss);
    Print($"{name}.gradient_norm", TensorPrimitives.Norm<double>(gradient));
    Print($"{name}.hvp_ones_sum", TensorPrimitives.Sum<double>(product));
    Print($"{name}.top_eigenvalue", top.Values[0]);
}

static void Print(string key, double value) =>
    Console.WriteLine(key + "=" + value.ToString("R", CultureInfo.InvariantCulture));

/// <summary>A 2-8-1 tanh regression network (generated IModel).</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(2)]
[Dense(8, Activation.Tanh)]
[Dense(1)]
public sealed partial class TinyNet;

/// <summary>Rosenbrock's banana (A − x)² + B·(y − x²)² (generated IModel over the coordinates x, y).</summary>
public sealed partial record Rosenbrock(double A, double B)
{
    /// <summary>f(x, y).</summary>
    [Objective] public double Value(double x, double y) => (A - x) * (A - x) + B * (y - x * x) * (y - x * x);
}

/// <summary>The sample's training set.</summary>
public static class QuickStartData
{
    /// <summary>16 examples: x = (i/8 − 1, cos i), y = sin(3·x₁)·x₂.</summary>
    public static Dataset Create()
    {
        const int count = 16;
        var inputs = new double[count * 2];
        var targets = new double[count];
        for (int i = 0; i < count; i++)
        {
            inputs[2 * i] = i / 8.0 - 1;
            inputs[2 * i + 1] = Math.Cos(i);
            targets[i] = Math.Sin(3 * inputs[2 * i]) * inputs[2 * i + 1];
        }
        return new Dataset(inputs, targets, count);
    }
}
