using System;
using System.Numerics.Tensors;
using Landscape.Numerics;

namespace Landscape.Experiments.Studies;

/// <summary>
/// A 10-20-1 tanh MLP with MSE loss for the network part of the learning-rate-decay study. The first layer starts at a
/// tenth of the LeCun scale, so pre-activations stay in tanh's near-linear regime for inputs of norm up to ~10 and the
/// curvature along the first-layer weights grows with the squared input magnitude (PAPER.md §4.4).
/// </summary>
[Network(LossFunction.MeanSquaredError)]
[Input(10)]
[Dense(20, Activation.Tanh, InitScale = 0.1)]
[Dense(1)]
public sealed partial class TwoMagnitudeMlp;

/// <summary>
/// Regression data whose inputs come in two magnitude groups: xᵢ = rᵢ·uᵢ with uᵢ uniform on the unit sphere of ℝ¹⁰, the
/// first half with rᵢ = 1 (the coarse-scale group) and the second half with rᵢ = R (the fine-scale group); targets are
/// the outputs of a random teacher <see cref="TwoMagnitudeMlp"/>, rescaled so the r = 1 group has unit RMS target.
/// </summary>
internal static class TwoMagnitudeData
{
    /// <summary>Builds the data set (the r = 1 group is examples [0, count/2), the r = R group the rest).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is below 4 or odd, or the magnitude is not above 1.</exception>
    public static Dataset Create(int count, double largeMagnitude, int seed)
    {
        if (count < 4 || count % 2 != 0) throw new ArgumentOutOfRangeException(nameof(count), count, "The example count must be even and at least 4 (two equal groups).");
        if (!(largeMagnitude > 1 && double.IsFinite(largeMagnitude))) throw new ArgumentOutOfRangeException(nameof(largeMagnitude), largeMagnitude, "The large magnitude must be finite and above 1.");
        var network = new TwoMagnitudeMlp();
        int d = 10;
        var inputs = new double[count * d];
        for (int i = 0; i < count; i++)
        {
            Span<double> x = inputs.AsSpan(i * d, d);
            CounterRandom.FillNormal(x, (ulong)(uint)seed, (ulong)i + 1, 1.0);
            double radius = i < count / 2 ? 1.0 : largeMagnitude;
            TensorPrimitives.Multiply(x, radius / TensorPrimitives.Norm<double>(x), x);
        }
        var teacher = new double[network.ParameterCount];
        network.Initialize(teacher, TeacherSeed(seed));
        var targets = new double[count];
        network.Predict(teacher, inputs, targets);
        double rms = Math.Sqrt(TensorPrimitives.SumOfSquares<double>(targets.AsSpan(0, count / 2)) / (count / 2));
        TensorPrimitives.Multiply(targets, 1.0 / rms, targets);
        return new Dataset(inputs, targets, count);
    }

    /// <summary>The seed of the teacher's weights.</summary>
    public static int TeacherSeed(int seed) => unchecked(seed * 3 + 1);

    /// <summary>The seed of the student's initial weights.</summary>
    public static int StudentSeed(int seed) => unchecked(seed * 3 + 2);
}
