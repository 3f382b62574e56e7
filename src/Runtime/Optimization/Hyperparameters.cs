using System;
using System.Globalization;

namespace Landscape.Optimization;

/// <summary>Argument checks shared by the optimizers and schedules (messages name the argument and the allowed range).</summary>
internal static class Hyperparameters
{
    /// <summary>Throws unless 0 ≤ <paramref name="beta"/> &lt; 1 (a momentum or moment-decay coefficient).</summary>
    public static double Momentum(double beta, string name)
    {
        if (!(beta >= 0.0 && beta < 1.0))
            throw new ArgumentOutOfRangeException(name, beta, "A momentum coefficient must satisfy 0 ≤ β < 1.");
        return beta;
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and &gt; 0.</summary>
    public static double Positive(double value, string name)
    {
        if (!(value > 0.0 && double.IsFinite(value)))
            throw new ArgumentOutOfRangeException(name, value, "The value must be finite and positive.");
        return value;
    }

    /// <summary>Throws unless the learning rate η passed to a step is finite and ≥ 0.</summary>
    public static void LearningRate(double learningRate)
    {
        if (!(learningRate >= 0.0 && double.IsFinite(learningRate)))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be finite and non-negative.");
    }

    /// <summary>Throws unless the parameter, gradient and every state buffer have the same length.</summary>
    public static void Shapes(ReadOnlySpan<double> parameters, ReadOnlySpan<double> gradient, OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (gradient.Length != parameters.Length)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"gradient has {gradient.Length} values; parameters has {parameters.Length}."), nameof(gradient));
        for (int i = 0; i < state.Buffers.Length; i++)
        {
            if (state.Buffers[i].Length != parameters.Length)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"The state buffer '{state.BufferNames[i]}' has {state.Buffers[i].Length} values; parameters has {parameters.Length}."), nameof(state));
        }
    }

    /// <summary>2/η-style thresholds: <paramref name="numerator"/>/η for η ≥ 0 finite (+∞ at η = 0).</summary>
    public static double Threshold(double numerator, double learningRate)
    {
        LearningRate(learningRate);
        return numerator / learningRate;
    }
}
