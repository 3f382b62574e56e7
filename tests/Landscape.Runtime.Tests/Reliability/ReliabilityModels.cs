using System;

namespace Landscape.Tests.Reliability;

/// <summary>A 3-4-2 tanh network with squared error: 16 + 10 = 26 parameters.</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public sealed partial class ReliabilityNet;

/// <summary>A two-coordinate objective: the valley (1 + y²)(√(1 + x²) − 1) − y/2.</summary>
public sealed partial record ReliabilityValley(double A)
{
    /// <summary>f(x, y).</summary>
    [Objective] public double Value(double x, double y) => (1 + y * y) * (Math.Sqrt(1 + A * x * x) - 1) - 0.5 * y;
}

/// <summary>Shared inputs for the reliability tests.</summary>
internal static class ReliabilityFixtures
{
    /// <summary>Five examples of three inputs and two targets.</summary>
    public static Dataset Data()
    {
        var inputs = new double[5 * 3];
        var targets = new double[5 * 2];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = Math.Sin(i + 1);
        for (int i = 0; i < targets.Length; i++) targets[i] = Math.Cos(i);
        return new Dataset(inputs, targets, 5);
    }

    /// <summary>Seeded parameters of <see cref="ReliabilityNet"/>.</summary>
    public static double[] Parameters(IModel model)
    {
        var theta = new double[model.ParameterCount];
        model.Initialize(theta, seed: 3);
        return theta;
    }
}
