using System;
using System.Globalization;

namespace Landscape.Optimization;

/// <summary>
/// Adam (Kingma &amp; Ba 2015, Algorithm 1) with bias correction. With t the step count after increment:
/// m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ), θ ← θ − η m̂/(√v̂ + ε), elementwise.
/// </summary>
/// <remarks>
/// Adam has no fixed sharpness threshold: Cohen et al. (2022, "Adaptive gradient methods at the edge of stability")
/// show that it operates at 2/η on the <em>preconditioned</em> Hessian diag(√v̂ + ε)⁻¹·H, which this type does not
/// expose; <see cref="StabilityThreshold"/> returns NaN.
/// </remarks>
public sealed class Adam : IOptimizer
{
    /// <summary>The name of the first-moment buffer m in the <see cref="OptimizerState"/>.</summary>
    public const string FirstMomentBuffer = "m";

    /// <summary>The name of the second-moment buffer v in the <see cref="OptimizerState"/>.</summary>
    public const string SecondMomentBuffer = "v";

    /// <summary>Creates Adam with the given decay rates and ε (defaults as in the paper).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A β is not in [0, 1), or ε is not finite and positive.</exception>
    public Adam(double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        Beta1 = Hyperparameters.Momentum(beta1, nameof(beta1));
        Beta2 = Hyperparameters.Momentum(beta2, nameof(beta2));
        Epsilon = Hyperparameters.Positive(epsilon, nameof(epsilon));
    }

    /// <summary>The first-moment decay β₁ ∈ [0, 1).</summary>
    public double Beta1 { get; }

    /// <summary>The second-moment decay β₂ ∈ [0, 1).</summary>
    public double Beta2 { get; }

    /// <summary>The denominator offset ε &gt; 0, added to √v̂.</summary>
    public double Epsilon { get; }

    /// <summary><c>Adam(beta1=β₁, beta2=β₂, epsilon=ε)</c>, invariant culture, shortest round-trip digits.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"Adam(beta1={Beta1}, beta2={Beta2}, epsilon={Epsilon})");

    /// <summary>A state with two zeroed buffers, <see cref="FirstMomentBuffer"/> and <see cref="SecondMomentBuffer"/>.</summary>
    public OptimizerState CreateState(int parameterCount) => new(parameterCount, FirstMomentBuffer, SecondMomentBuffer);

    /// <summary>One Adam update in place (see the class summary); increments <see cref="OptimizerState.Step"/> first, so the first step uses t = 1.</summary>
    /// <exception cref="ArgumentException">The lengths differ, or the state lacks the moment buffers.</exception>
    /// <exception cref="ArgumentOutOfRangeException">η is negative, NaN or infinite.</exception>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient, double learningRate, OptimizerState state)
    {
        Hyperparameters.Shapes(parameters, gradient, state);
        Hyperparameters.LearningRate(learningRate);
        Span<double> m = state.Buffer(FirstMomentBuffer);
        Span<double> v = state.Buffer(SecondMomentBuffer);
        long t = state.Step + 1;
        double correction1 = 1.0 - Math.Pow(Beta1, t); // 1 − β₁ᵗ
        double correction2 = 1.0 - Math.Pow(Beta2, t); // 1 − β₂ᵗ
        double oneMinusBeta1 = 1.0 - Beta1, oneMinusBeta2 = 1.0 - Beta2;
        // One fused elementwise pass (three TensorPrimitives passes would need a scratch buffer for g²).
        for (int i = 0; i < parameters.Length; i++)
        {
            double g = gradient[i];
            double mi = Beta1 * m[i] + oneMinusBeta1 * g;
            double vi = Beta2 * v[i] + oneMinusBeta2 * (g * g);
            m[i] = mi;
            v[i] = vi;
            double mHat = mi / correction1;
            double vHat = vi / correction2;
            parameters[i] -= learningRate * mHat / (Math.Sqrt(vHat) + Epsilon);
        }
        state.Step = t;
    }

    /// <summary>NaN: Adam's edge-of-stability threshold applies to the preconditioned Hessian (see the remarks).</summary>
    /// <exception cref="ArgumentOutOfRangeException">η is negative, NaN or infinite.</exception>
    public double StabilityThreshold(double learningRate)
    {
        Hyperparameters.LearningRate(learningRate);
        return double.NaN;
    }

    /// <summary>The <see cref="Name"/>.</summary>
    public override string ToString() => Name;
}
