using System;
using System.Globalization;
using System.Numerics.Tensors;

namespace Landscape.Optimization;

/// <summary>
/// Nesterov momentum in PyTorch's <c>SGD(momentum=β, nesterov=True)</c> form: v ← β v + g, θ ← θ − η (g + β v),
/// with v₀ = 0 and g the gradient at the current θ (the look-ahead is folded into the update rather than evaluating
/// the gradient at a shifted point).
/// </summary>
/// <remarks>
/// On a quadratic with eigenvalue λ, write a = ηλ and u = ηv: (θ, u) ↦ ((1 − a − aβ)θ − β²u, aθ + βu). The matrix has
/// trace 1 + β − a(1 + β) and determinant β(1 − a); its eigenvalues leave the unit circle through −1 when
/// 1 + trace + det = 2 + 2β − a(1 + 2β) = 0, so the method converges iff ηλ &lt; (2 + 2β)/(1 + 2β).
/// </remarks>
public sealed class Nesterov : IOptimizer
{
    /// <summary>The name of the velocity buffer v in the <see cref="OptimizerState"/>.</summary>
    public const string VelocityBuffer = "velocity";

    /// <summary>Creates Nesterov momentum with coefficient <paramref name="beta"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="beta"/> is not in [0, 1).</exception>
    public Nesterov(double beta) => Beta = Hyperparameters.Momentum(beta, nameof(beta));

    /// <summary>The momentum coefficient β ∈ [0, 1).</summary>
    public double Beta { get; }

    /// <summary><c>Nesterov(beta=β)</c>, invariant culture, shortest round-trip digits.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"Nesterov(beta={Beta})");

    /// <summary>A state with one zeroed buffer, <see cref="VelocityBuffer"/>.</summary>
    public OptimizerState CreateState(int parameterCount) => new(parameterCount, VelocityBuffer);

    /// <summary>v ← β v + g, then θ ← θ − η g − ηβ v, in place; increments <see cref="OptimizerState.Step"/>.</summary>
    /// <exception cref="ArgumentException">The lengths differ, or the state has no <see cref="VelocityBuffer"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">η is negative, NaN or infinite.</exception>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient, double learningRate, OptimizerState state)
    {
        Hyperparameters.Shapes(parameters, gradient, state);
        Hyperparameters.LearningRate(learningRate);
        Span<double> v = state.Buffer(VelocityBuffer);
        TensorPrimitives.MultiplyAdd<double>(v, Beta, gradient, v);                            // v = β·v + g
        TensorPrimitives.MultiplyAdd<double>(gradient, -learningRate, parameters, parameters);     // θ = θ − η·g
        TensorPrimitives.MultiplyAdd<double>(v, -learningRate * Beta, parameters, parameters);     // θ = θ − ηβ·v
        state.Step++;
    }

    /// <summary>(2 + 2β)/((1 + 2β)η) (+∞ at η = 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">η is negative, NaN or infinite.</exception>
    public double StabilityThreshold(double learningRate) =>
        Hyperparameters.Threshold((2.0 + 2.0 * Beta) / (1.0 + 2.0 * Beta), learningRate);

    /// <summary>The <see cref="Name"/>.</summary>
    public override string ToString() => Name;
}
