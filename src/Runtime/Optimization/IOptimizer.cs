using System;

namespace Landscape.Optimization;

/// <summary>
/// A first-order update rule θ ← θ − η·u(∇L, state). Implementations are stateless; all per-run state lives in an
/// <see cref="OptimizerState"/> so that a checkpoint can save and restore it exactly.
/// </summary>
public interface IOptimizer
{
    /// <summary>A short name with the hyperparameters, e.g. <c>HeavyBall(beta=0.9)</c>.</summary>
    string Name { get; }

    /// <summary>Creates the state for a parameter vector of length <paramref name="parameterCount"/> (zeroed buffers, step 0).</summary>
    OptimizerState CreateState(int parameterCount);

    /// <summary>
    /// Applies one update in place to <paramref name="parameters"/> using the gradient at the current parameters and the
    /// learning rate η of this step, and advances <paramref name="state"/> (including <see cref="OptimizerState.Step"/>).
    /// </summary>
    void Step(Span<double> parameters, ReadOnlySpan<double> gradient, double learningRate, OptimizerState state);

    /// <summary>
    /// The sharpness (top Hessian eigenvalue) above which this method diverges on a quadratic at learning rate η:
    /// 2/η for gradient descent, (2 + 2β)/η for heavy ball, (2 + 2β)/((1 + 2β)η) for Nesterov; NaN where no such
    /// threshold exists (Adam). Monitors plot it as the edge-of-stability line.
    /// </summary>
    double StabilityThreshold(double learningRate);
}
