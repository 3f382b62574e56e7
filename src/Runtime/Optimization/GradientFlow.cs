using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics.Tensors;
using Landscape.Probes;

namespace Landscape.Optimization;

/// <summary>
/// Numerical gradient flow dθ/dt = −∇L(θ), the η → 0 limit of gradient descent, for comparing GD with the flow it
/// discretizes (Cohen et al. 2021, Appendix: the "gradient flow" runs).
/// </summary>
public static class GradientFlow
{
    /// <summary>
    /// Integrates dθ/dt = −∇L(θ) from t = 0 to <paramref name="time"/> with the classical fourth-order Runge–Kutta
    /// method, updating <paramref name="parameters"/> in place. With gᵢ the gradients at the stages,
    /// g₁ = ∇L(θ), g₂ = ∇L(θ − ½h g₁), g₃ = ∇L(θ − ½h g₂), g₄ = ∇L(θ − h g₃), θ ← θ − (h/6)(g₁ + 2g₂ + 2g₃ + g₄).
    /// </summary>
    /// <remarks>
    /// The step is h = min(α/λ_max, h_max) (h_max when λ_max ≤ 0), with the sharpness λ_max from
    /// <see cref="Hessian.TopEigenpairs(IModel, System.ReadOnlySpan{double}, Dataset, int, LanczosOptions?)"/> (k = 1) recomputed every <see cref="GradientFlowOptions.SharpnessEvery"/> steps
    /// and warm-started from the previous eigenvector; or a constant <see cref="GradientFlowOptions.FixedStep"/>. The last
    /// step is shortened so that the path ends at <paramref name="time"/> exactly. Deterministic: gradients and HVPs
    /// are bit-reproducible for any thread count and all vector algebra here is sequential.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The parameter length does not match the model, or a parameter is NaN or infinite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is negative or not finite, or an option is out of range.</exception>
    /// <exception cref="ArithmeticException">A loss or gradient is NaN or ±∞ (the message gives the time).</exception>
    /// <exception cref="InvalidOperationException">More than <see cref="GradientFlowOptions.MaxSteps"/> steps would be needed.</exception>
    public static GradientFlowResult Rk4(IModel model, Span<double> parameters, Dataset data, double time, GradientFlowOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (parameters.Length != model.ParameterCount)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"parameters has {parameters.Length} values; the model has {model.ParameterCount} parameters."), nameof(parameters));
        Landscape.Models.Check.Finite(parameters, nameof(parameters));
        if (!(time >= 0.0 && double.IsFinite(time)))
            throw new ArgumentOutOfRangeException(nameof(time), time, "The integration time must be finite and non-negative.");
        options ??= new GradientFlowOptions();
        options.Validate();
        LanczosOptions lanczos = options.Lanczos ?? new LanczosOptions();

        int n = parameters.Length;
        double[] g1 = new double[n], g2 = new double[n], g3 = new double[n], g4 = new double[n], stage = new double[n];
        var times = new List<double>();
        var losses = new List<double>();
        var sharpness = new List<double>();
        var steps = new List<double>();
        long gradients = 0, hvps = 0;
        int measurements = 0;
        double lambda = double.NaN;
        double[][]? previousVectors = null;

        double t = 0.0;
        for (int step = 0; t < time; step++)
        {
            if (step >= options.MaxSteps)
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Gradient flow needed more than {options.MaxSteps} RK4 steps to reach t = {time} (reached t = {t}); raise MaxSteps or Alpha, or use FixedStep."));

            double loss = Evaluate(model, parameters, data, g1, t);
            gradients++;
            double measured = double.NaN;
            double h;
            if (options.FixedStep is double fixedStep)
            {
                h = fixedStep;
            }
            else
            {
                if (step % options.SharpnessEvery == 0)
                {
                    LanczosOptions settings = options.WarmStart && previousVectors is not null ? lanczos with { WarmStart = previousVectors } : lanczos;
                    Eigenpairs top = Hessian.TopEigenpairs(model, parameters, data, 1, settings);
                    lambda = top.Values[0];
                    previousVectors = top.Vectors;
                    hvps += top.HvpCount;
                    measurements++;
                    measured = lambda;
                }
                h = lambda > 0.0 ? Math.Min(options.Alpha / lambda, options.MaxStep) : options.MaxStep;
            }

            bool last = h >= time - t;
            if (last) h = time - t;
            times.Add(t);
            losses.Add(loss);
            sharpness.Add(measured);
            steps.Add(h);

            // Stages: stage = θ − c·g, then g ← ∇L(stage).
            TensorPrimitives.MultiplyAdd<double>(g1, -0.5 * h, parameters, stage);
            Evaluate(model, stage, data, g2, t);
            TensorPrimitives.MultiplyAdd<double>(g2, -0.5 * h, parameters, stage);
            Evaluate(model, stage, data, g3, t);
            TensorPrimitives.MultiplyAdd<double>(g3, -h, parameters, stage);
            Evaluate(model, stage, data, g4, t);
            gradients += 3;

            // θ ← θ − (h/6)·((g₁ + g₄) + 2(g₂ + g₃)).
            TensorPrimitives.Add<double>(g1, g4, g1);
            TensorPrimitives.Add<double>(g2, g3, g2);
            TensorPrimitives.MultiplyAdd<double>(g2, 2.0, g1, g1);
            TensorPrimitives.MultiplyAdd<double>(g1, -h / 6.0, parameters, parameters);
            t = last ? time : t + h;
        }

        double finalLoss = model.Loss(parameters, data);
        if (!double.IsFinite(finalLoss))
            throw new ArithmeticException(string.Create(CultureInfo.InvariantCulture, $"The loss at t = {time} is {finalLoss}."));
        times.Add(t);
        losses.Add(finalLoss);
        sharpness.Add(double.NaN);
        return new GradientFlowResult(times.ToArray(), losses.ToArray(), sharpness.ToArray(), steps.ToArray(), gradients, hvps, measurements);
    }

    /// <summary>gradient = ∇L(θ); returns L(θ); throws if either is not finite (naming the step's start time).</summary>
    private static double Evaluate(IModel model, ReadOnlySpan<double> parameters, Dataset data, Span<double> gradient, double t)
    {
        double loss = model.Gradient(parameters, data, gradient);
        if (!double.IsFinite(loss) || !TensorPrimitives.IsFiniteAll<double>(gradient))
            throw new ArithmeticException(string.Create(CultureInfo.InvariantCulture, $"The loss or gradient in the RK4 step starting at t = {t} is NaN or infinite."));
        return loss;
    }
}
