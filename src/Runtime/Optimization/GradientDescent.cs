using System;
using System.Numerics.Tensors;

namespace Landscape.Optimization;

/// <summary>
/// Plain (full-batch or minibatch) gradient descent θ ← θ − η g. It keeps no buffers; on a quadratic with top
/// Hessian eigenvalue λ it converges iff λ &lt; 2/η, since the top component is multiplied by 1 − ηλ each step.
/// </summary>
public sealed class GradientDescent : IOptimizer
{
    /// <summary>Always <c>GradientDescent</c>.</summary>
    public string Name => "GradientDescent";

    /// <inheritdoc/>
    public OptimizerState CreateState(int parameterCount) => new(parameterCount);

    /// <summary>θ ← θ − η g, in place; increments <see cref="OptimizerState.Step"/>.</summary>
    /// <exception cref="ArgumentException">The lengths of the parameters, gradient and state differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">η is negative, NaN or infinite.</exception>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient, double learningRate, OptimizerState state)
    {
        Hyperparameters.Shapes(parameters, gradient, state);
        Hyperparameters.LearningRate(learningRate);
        TensorPrimitives.MultiplyAdd<double>(gradient, -learningRate, parameters, parameters); // θ + (−η)·g
        state.Step++;
    }

    /// <summary>2/η (+∞ at η = 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">η is negative, NaN or infinite.</exception>
    public double StabilityThreshold(double learningRate) => Hyperparameters.Threshold(2.0, learningRate);

    /// <summary>The <see cref="Name"/>.</summary>
    public override string ToString() => Name;
}
