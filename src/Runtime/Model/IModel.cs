using System;

namespace Landscape;

/// <summary>
/// A differentiable scalar loss L(θ; data) over a flat float64 parameter vector θ — the contract every probe,
/// trainer and experiment consumes. Generated for <c>[Network]</c> and <c>[Objective]</c> declarations.
/// </summary>
/// <remarks>
/// Implementations are stateless and thread-safe; every method may be called concurrently from several threads.
/// Results are bit-identical for any <see cref="Parallelism.MaxThreads"/>.
/// </remarks>
public interface IModel
{
    /// <summary>The length of the parameter vector θ.</summary>
    int ParameterCount { get; }

    /// <summary>The ordered blocks that make up θ (weights, biases or named coordinates).</summary>
    ParameterLayout Layout { get; }

    /// <summary>Writes a seeded initial point into <paramref name="parameters"/>; the same seed gives the same bytes.</summary>
    void Initialize(Span<double> parameters, int seed);

    /// <summary>Computes L(θ) on <paramref name="data"/>.</summary>
    double Loss(ReadOnlySpan<double> parameters, Dataset data);

    /// <summary>Computes ∇L(θ) into <paramref name="gradient"/> and returns L(θ).</summary>
    double Gradient(ReadOnlySpan<double> parameters, Dataset data, Span<double> gradient);

    /// <summary>
    /// Computes the exact Hessian-vector product H(θ)·v into <paramref name="product"/> and returns L(θ); when
    /// <paramref name="gradient"/> is non-empty it also receives ∇L(θ), from the same pass.
    /// </summary>
    double HessianVectorProduct(ReadOnlySpan<double> parameters, Dataset data, ReadOnlySpan<double> direction,
                                Span<double> product, Span<double> gradient = default);

    /// <summary>Computes the per-example losses ℓᵢ, with L = mean ℓᵢ.</summary>
    void ExampleLosses(ReadOnlySpan<double> parameters, Dataset data, Span<double> losses);
}
