using System;
using Landscape.Tests.Reference;

namespace Landscape.Tests.Networks;

/// <summary>A test network with its reference description and a seeded random problem (parameters, data, directions).</summary>
internal sealed class NetworkCase
{
    private NetworkCase(string name, IModel model, LossFunction loss, Activation[] activations)
    {
        Name = name;
        Model = model;
        Loss = loss;
        Activations = activations;
        Reference = new ReferenceNetwork(model, loss, activations);
    }

    public string Name { get; }

    public IModel Model { get; }

    public LossFunction Loss { get; }

    public Activation[] Activations { get; }

    public ReferenceNetwork Reference { get; }

    /// <summary>Builds the case for a network of <see cref="TestNetworks"/>, deriving its activations from the naming scheme.</summary>
    public static NetworkCase For(string name)
    {
        IModel model = TestNetworks.Create(name);
        switch (name)
        {
            case nameof(MixedNoBias):
                return new(name, model, LossFunction.MeanSquaredError, [Activation.Tanh, Activation.Softplus, Activation.Sin, Activation.Identity]);
            case nameof(WideClassifier):
                return new(name, model, LossFunction.SoftmaxCrossEntropy, [Activation.Gelu, Activation.Elu, Activation.Tanh]);
            case nameof(WideChunked):
                return new(name, model, LossFunction.MeanSquaredError, [Activation.Tanh, Activation.Identity]);
            case nameof(P1):
                return new(name, model, LossFunction.MeanSquaredError, [Activation.Tanh, Activation.Identity]);
            case nameof(ZeroInit):
                return new(name, model, LossFunction.MeanSquaredError, [Activation.Tanh, Activation.Identity]);
        }
        // "{Activation}{Mse|Ce}Depth{d}"
        int depthAt = name.IndexOf("Depth", StringComparison.Ordinal);
        int depth = name[depthAt + 5] - '0';
        bool ce = name.Substring(0, depthAt).EndsWith("Ce", StringComparison.Ordinal);
        var activation = Enum.Parse<Activation>(name.Substring(0, depthAt - (ce ? 2 : 3)));
        Activation[] activations = depth switch
        {
            1 => [activation],
            2 => [activation, Activation.Identity],
            _ => [activation, activation, activation],
        };
        return new(name, model, ce ? LossFunction.SoftmaxCrossEntropy : LossFunction.MeanSquaredError, activations);
    }

    /// <summary>
    /// Seeded random data: Gaussian inputs; MSE targets Gaussian, CE targets one-hot (or soft targets for odd seeds, to
    /// exercise the general s = Σy formula).
    /// </summary>
    public Dataset Data(int count, int seed)
    {
        var random = new Random(seed);
        int inputs = InputSize, outputs = OutputSize;
        var x = new double[count * inputs];
        var y = new double[count * outputs];
        for (int i = 0; i < x.Length; i++) x[i] = Gaussian(random);
        for (int e = 0; e < count; e++)
        {
            if (Loss == LossFunction.MeanSquaredError)
            {
                for (int j = 0; j < outputs; j++) y[e * outputs + j] = Gaussian(random);
            }
            else if (seed % 2 == 0)
            {
                y[e * outputs + random.Next(outputs)] = 1;
            }
            else
            {
                double total = 0;
                for (int j = 0; j < outputs; j++) total += y[e * outputs + j] = random.NextDouble();
                for (int j = 0; j < outputs; j++) y[e * outputs + j] *= 0.8 / total; // soft targets summing to 0.8
            }
        }
        return new Dataset(x, y, count);
    }

    /// <summary>Seeded Gaussian vector of the parameter length, scaled by <paramref name="scale"/>.</summary>
    public double[] RandomVector(int seed, double scale = 1.0)
    {
        var random = new Random(seed);
        var v = new double[Model.ParameterCount];
        for (int i = 0; i < v.Length; i++) v[i] = scale * Gaussian(random);
        return v;
    }

    /// <summary>Parameters: the model's own initialization plus a seeded perturbation (so biases are non-zero too).</summary>
    public double[] Parameters(int seed)
    {
        var theta = new double[Model.ParameterCount];
        Model.Initialize(theta, seed);
        double[] noise = RandomVector(seed + 1000, 0.3);
        for (int i = 0; i < theta.Length; i++) theta[i] += noise[i];
        return theta;
    }

    public int InputSize => Model.Layout[0].Columns;

    public int OutputSize
    {
        get
        {
            ParameterLayout layout = Model.Layout;
            ParameterBlock last = layout[layout.Count - 1];
            return last.Rows;
        }
    }

    public override string ToString() => Name;

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
