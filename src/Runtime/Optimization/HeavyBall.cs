using System;
using System.Globalization;
using System.Numerics.Tensors;

namespace Landscape.Optimization;

/// <summary>
/// Polyak's heavy-ball momentum in PyTorch's <c>SGD(momentum=β)</c> form: v ← β v + g, θ ← θ − η v, with v₀ = 0
/// (so the first step is plain gradient descent). This equals Polyak's θₜ₊₁ = θₜ − η gₜ + β(θₜ − θₜ₋₁); the step size
/// is not damped by (1 − β), so the effective step on a constant gradient is η/(1 − β).
/// </summary>
/// <remarks>
/// On a quadratic with Hessian eigenvalue λ the iteration is θₜ₊₁ = (1 + β − ηλ)θₜ − βθₜ₋₁, whose characteristic
/// polynomial z² − (1 + β − ηλ)z + β has both roots inside the unit circle iff 0 &lt; ηλ &lt; 2 + 2β; hence the
/// threshold (2 + 2β)/η.
/// </remarks>
public sealed class HeavyBall : IOptimizer
{
    /// <summary>The name of the velocity buffer v in the <see cref="OptimizerState"/>.</summary>
    public const string VelocityBuffer = "velocity";

    /// <summary>Creates heavy-ball momentum with coefficient <paramref name="beta"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="beta"/> is not in [0, 1).</exception>
    public HeavyBall(double beta) => Beta = Hyperparameters.Momentum(beta, nameof(beta));

    /// <summary>The momentum coefficient β ∈ [0, 1).</summary>
    public double Beta { get; }

    /// <summary><c>HeavyBall(beta=β)</c>, invariant culture, shortest round-trip digits.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"HeavyBall(beta={Beta})");

    /// <summary>A state with one zeroed buffer, <see cref="VelocityBuffer"/>.</summary>
    public OptimizerState CreateState(int parameterCount) => new(parameterCount, VelocityBuffer);

    /// <summary>v ← β v + g, then θ ← θ − η v, in place; increments <see cref="OptimizerState.Step"/>.</summary>
    /// <exception cref="ArgumentException">The lengths differ, or the state has no <see cref="VelocityBuffer"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">η is negative, NaN or infinite.</exception>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient, double learningRate, OptimizerState state)
    {
        Hyperparameters.Shapes(parameters, gradient, state);
        Hyperparameters.LearningRate(learningRate);
        Span<double> v = state.Buffer(VelocityBuffer);
        TensorPrimitives.MultiplyAdd<double>(v, Beta, gradient, v);                 // v = β·v + g
        TensorPrimitives.MultiplyAdd<double>(v, -learningRate, parameters, parameters); // θ = θ + (−η)·v
        state.Step++;
    }

    /// <summary>(2 + 2β)/η (+∞ at η = 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">η is negative, NaN or infinite.</exception>
    public double StabilityThreshold(double learningRate) => Hyperparameters.Threshold(2.0 + 2.0 * Beta, learningRate);

    /// <summary>The <see cref="Name"/>.</summary>
    public override string ToString() => Name;
}
