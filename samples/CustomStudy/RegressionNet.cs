using System;
using Landscape;

namespace CustomStudy;

/// <summary>A 2-16-1 tanh network with squared error.</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(2)]
[Dense(16, Activation.Tanh)]
[Dense(1)]
public sealed partial class RegressionNet;

/// <summary>Examples of y = sin(3·x₁)·x₂ with x uniform on [−1, 1]², seeded.</summary>
internal static class RegressionData
{
    /// <summary><paramref name="count"/> examples drawn with <paramref name="seed"/>.</summary>
    public static Dataset Create(int count, int seed)
    {
        var random = new Random(seed);
        var inputs = new double[2 * count];
        var targets = new double[count];
        for (int i = 0; i < count; i++)
        {
            double x1 = 2 * random.NextDouble() - 1, x2 = 2 * random.NextDouble() - 1;
            inputs[2 * i] = x1;
            inputs[2 * i + 1] = x2;
            targets[i] = Math.Sin(3 * x1) * x2;
        }
        return new Dataset(inputs, targets, count);
    }
}
