// Test-local optimizers, schedules, models and monitors for the Trainer tests. They are named TrainerTest… so that they
// never collide with the library's own GradientDescent, HeavyBall and LearningRate factories.
using System;
using System.Collections.Generic;
using System.Globalization;
using Landscape;
using Landscape.Optimization;

namespace Landscape.Tests.Optimization;

/// <summary>θ ← θ − η∇L; threshold 2/η.</summary>
internal sealed class TrainerTestGradientDescent : IOptimizer
{
    public string Name => "TrainerTestGradientDescent";

    public OptimizerState CreateState(int parameterCount) => new(parameterCount);

    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient, double learningRate, OptimizerState state)
    {
        for (int i = 0; i < parameters.Length; i++) parameters[i] -= learningRate * gradient[i];
        state.Step++;
    }

    public double StabilityThreshold(double learningRate) => 2 / learningRate;
}

/// <summary>Heavy ball: v ← βv + ∇L, θ ← θ − ηv; threshold (2 + 2β)/η. Its buffer exercises optimizer-state checkpoints.</summary>
internal sealed class TrainerTestHeavyBall(double beta) : IOptimizer
{
    public string Name => string.Create(CultureInfo.InvariantCulture, $"TrainerTestHeavyBall(beta={beta})");

    public OptimizerState CreateState(int parameterCount) => new(parameterCount, "velocity");

    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient, double learningRate, OptimizerState state)
    {
        double[] v = state.Buffer("velocity");
        for (int i = 0; i < parameters.Length; i++)
        {
            v[i] = beta * v[i] + gradient[i];
            parameters[i] -= learningRate * v[i];
        }
        state.Step++;
    }

    public double StabilityThreshold(double learningRate) => (2 + 2 * beta) / learningRate;
}

/// <summary>η(t) = η₀.</summary>
internal sealed class TrainerTestConstantRate(double eta) : LearningRate
{
    public override double At(long step) => eta;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"TrainerTestConstantRate(eta={eta})");
}

/// <summary>η(t) = η₀ / (1 + t/τ), a schedule whose every value differs.</summary>
internal sealed class TrainerTestDecayingRate(double eta, double tau) : LearningRate
{
    public override double At(long step) => eta / (1 + step / tau);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"TrainerTestDecayingRate(eta={eta}, tau={tau})");
}

/// <summary>L(θ) = ½ Σ λᵢθᵢ² (data ignored): ∇L = λ ⊙ θ, H = diag(λ).</summary>
internal sealed class TrainerTestQuadratic(params double[] curvatures) : IModel
{
    public int ParameterCount => curvatures.Length;

    public ParameterLayout Layout { get; } = new(new ParameterBlock("theta", 0, curvatures.Length, curvatures.Length, 1, ParameterKind.Coordinate));

    public void Initialize(Span<double> parameters, int seed) => parameters.Fill(1);

    public double Loss(ReadOnlySpan<double> parameters, Dataset data)
    {
        double sum = 0;
        for (int i = 0; i < curvatures.Length; i++) sum += 0.5 * curvatures[i] * parameters[i] * parameters[i];
        return sum;
    }

    public double Gradient(ReadOnlySpan<double> parameters, Dataset data, Span<double> gradient)
    {
        for (int i = 0; i < curvatures.Length; i++) gradient[i] = curvatures[i] * parameters[i];
        return Loss(parameters, data);
    }

    public double HessianVectorProduct(ReadOnlySpan<double> parameters, Dataset data, ReadOnlySpan<double> direction,
                                       Span<double> product, Span<double> gradient = default)
    {
        for (int i = 0; i < curvatures.Length; i++) product[i] = curvatures[i] * direction[i];
        return gradient.IsEmpty ? Loss(parameters, data) : Gradient(parameters, data, gradient);
    }

    public void ExampleLosses(ReadOnlySpan<double> parameters, Dataset data, Span<double> losses) => losses.Fill(Loss(parameters, data));
}

/// <summary>Wraps a model; from gradient call <paramref name="nanFrom"/> on, gradient component 0 is NaN (the loss stays finite).</summary>
internal sealed class TrainerTestNaNGradient(IModel inner, int nanFrom) : IModel
{
    private int _calls;

    public int ParameterCount => inner.ParameterCount;

    public ParameterLayout Layout => inner.Layout;

    public void Initialize(Span<double> parameters, int seed) => inner.Initialize(parameters, seed);

    public double Loss(ReadOnlySpan<double> parameters, Dataset data) => inner.Loss(parameters, data);

    public double Gradient(ReadOnlySpan<double> parameters, Dataset data, Span<double> gradient)
    {
        double loss = inner.Gradient(parameters, data, gradient);
        if (_calls++ >= nanFrom) gradient[0] = double.NaN;
        return loss;
    }

    public double HessianVectorProduct(ReadOnlySpan<double> parameters, Dataset data, ReadOnlySpan<double> direction,
                                       Span<double> product, Span<double> gradient = default) =>
        inner.HessianVectorProduct(parameters, data, direction, product, gradient);

    public void ExampleLosses(ReadOnlySpan<double> parameters, Dataset data, Span<double> losses) => inner.ExampleLosses(parameters, data, losses);
}

/// <summary>Copies θ, the batch and the step of every observed step (adds no columns); optionally cancels at a step.</summary>
internal sealed class TrainerTestRecorder(System.Threading.CancellationTokenSource? cancelAt = null, long cancelStep = -1) : ITrainingMonitor
{
    public List<long> Steps { get; } = [];

    public List<double[]> Parameters { get; } = [];

    public List<Dataset> Batches { get; } = [];

    public List<bool> FullBatch { get; } = [];

    public IReadOnlyList<string> Columns => [];

    public void Observe(TrainingContext context, Span<double> values)
    {
        Steps.Add(context.Step);
        Parameters.Add(context.Parameters.ToArray());
        Batches.Add(context.Batch);
        FullBatch.Add(context.IsFullBatch);
        if (context.Step == cancelStep) cancelAt?.Cancel();
    }
}
