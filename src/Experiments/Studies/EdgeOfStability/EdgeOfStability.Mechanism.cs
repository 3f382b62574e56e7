using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics.Tensors;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

/// <summary>
/// What part (e) measured at one late step k of one network run: the sharpness at the iterates and at the midpoint, the
/// curvature along v₁ at the oscillation's distance (the 1-D subquadratic mechanism), and the sharpness gradient with the
/// two rates of Damian et al.'s self-stabilization.
/// </summary>
/// <param name="Step">k: the pair is θ_k, θ_{k+1}.</param>
/// <param name="AfterOnset">Whether k lies at or after the run's onset (only these enter the summaries).</param>
/// <param name="LambdaIterate">λmax(θ_k).</param>
/// <param name="LambdaMidpoint">λmax(m_k), m_k = (θ_k + θ_{k+1})/2.</param>
/// <param name="LambdaNext">λmax(θ_{k+1}).</param>
/// <param name="Amplitude">a = |(θ_{k+1} − θ_k)·v₁(m_k)|/2, the half-step along v₁.</param>
/// <param name="StepNorm">‖θ_{k+1} − θ_k‖.</param>
/// <param name="Curvatures">Per entry of <see cref="EdgeOfStability.CurvatureMultiples"/> s: v₁ᵀH(m_k + s·a·v₁)v₁ and v₁ᵀH(m_k − s·a·v₁)v₁, interleaved (+, −).</param>
/// <param name="SharpnessGradientNorm">‖∇λ‖ at m_k, with ∇λ = D³L(m_k)[v₁, v₁, ·] (central difference of H·v₁).</param>
/// <param name="ChangeAlongStep">∇λ·(θ_{k+1} − θ_k) from ∇λ.</param>
/// <param name="ChangeAlongStepLanczos">The same by differences of warm-started Lanczos: 2(λ(m_k + Δ/4) − λ(m_k − Δ/4)).</param>
/// <param name="SharpeningRate">−η ∇λ·∇L⊥(m_k): the change of λ per step that the gradient off v₁ drives (progressive sharpening when positive).</param>
/// <param name="StabilizationRate">η·½a²‖∇λ‖²: the decrease of λ per step that the oscillation's cubic term drives (self-stabilization).</param>
/// <param name="Hvps">Hessian-vector products this point took.</param>
internal sealed record MechanismPoint(long Step, bool AfterOnset, double LambdaIterate, double LambdaMidpoint, double LambdaNext, double Amplitude,
                                      double StepNorm, double[] Curvatures, double SharpnessGradientNorm, double ChangeAlongStep,
                                      double ChangeAlongStepLanczos, double SharpeningRate, double StabilizationRate, long Hvps)
{
    /// <summary>The curvature along v₁ averaged over both signs at s·a (the even part: what a quadratic keeps at λ(m)).</summary>
    public double MeanCurvature(int multiple) => 0.5 * (Curvatures[2 * multiple] + Curvatures[2 * multiple + 1]);

    /// <summary>
    /// (λ(m) − c̄(a)) / (λ(m) − 2/η): the share of the midpoint's excess over 2/η that the fall of the curvature at the
    /// iterates' distance removes. 1 or more: the curvature there is at or below 2/η, as the 1-D subquadratic mechanism
    /// has it; near 0: the oscillation is inside the quadratic region.
    /// </summary>
    public double CurvatureDropShare(double threshold) => (LambdaMidpoint - MeanCurvature(EdgeOfStability.AtAmplitude)) / (LambdaMidpoint - threshold);

    /// <summary>Stabilization rate / sharpening rate: 1 where the two balance, as self-stabilization has it at the edge.</summary>
    public double Balance => StabilizationRate / SharpeningRate;
}

/// <summary>Part (e) of one (architecture, η) run: the late points and their summaries.</summary>
/// <param name="Run">The run the points were taken from.</param>
/// <param name="Points">Every recorded late step, in order.</param>
internal sealed record MechanismRun(NetworkEdgeRun Run, IReadOnlyList<MechanismPoint> Points)
{
    /// <summary>The points at or after onset.</summary>
    public MechanismPoint[] Late { get; } = Points.Where(p => p.AfterOnset).ToArray();

    /// <summary>Median λ(m_k)/(2/η) over the late points (NaN if none).</summary>
    public double MidpointRatio => StudyGrowth.Median(Late.Select(p => p.LambdaMidpoint / Run.Threshold));

    /// <summary>Median curvature-drop share over the late points (NaN if none).</summary>
    public double CurvatureDropShare => StudyGrowth.Median(Late.Select(p => p.CurvatureDropShare(Run.Threshold)));

    /// <summary>
    /// The largest relative change of the curvature along v₁ over the late points: max over s ∈ [0.25a, 2a] and both
    /// signs of |v₁ᵀH(m_k ± s·a·v₁)v₁ / λ(m_k) − 1| (NaN if there are no late points).
    /// </summary>
    public double CurvatureSpread => Late.Length == 0 ? double.NaN : Late.Max(p => p.Curvatures.Max(c => Math.Abs(c / p.LambdaMidpoint - 1)));

    /// <summary>Late points whose midpoint is sharper than 2/η.</summary>
    public int AboveThreshold => Late.Count(p => p.LambdaMidpoint > Run.Threshold);

    /// <summary>
    /// Late points where the 1-D subquadratic mechanism operates: λ(m_k) &gt; 2/η and the curvature along v₁ averaged over
    /// ±a (the iterates' distance) at or below 2/η.
    /// </summary>
    public int SubquadraticallyStabilized => Late.Count(p => p.LambdaMidpoint > Run.Threshold && p.MeanCurvature(EdgeOfStability.AtAmplitude) <= Run.Threshold);

    /// <summary>
    /// The largest disagreement between the two estimates of the change of λ along the step, ∇λ·Δ from the third
    /// derivative and from differences of warm-started Lanczos, relative to the larger of the two (NaN if no late points).
    /// </summary>
    public double ChangeDisagreement => Late.Length == 0 ? double.NaN
        : Late.Max(p => Math.Abs(p.ChangeAlongStep - p.ChangeAlongStepLanczos) / Math.Max(Math.Abs(p.ChangeAlongStep), Math.Abs(p.ChangeAlongStepLanczos)));

    /// <summary>Median stabilization/sharpening balance over the late points with a positive sharpening rate (NaN if none).</summary>
    public double Balance => StudyGrowth.Median(Late.Where(p => p.SharpeningRate > 0).Select(p => p.Balance));

    /// <summary>Late points whose gradient off v₁ sharpens (positive sharpening rate).</summary>
    public int Sharpening => Late.Count(p => p.SharpeningRate > 0);
}

public sealed partial class EdgeOfStability
{
    /// <summary>The distances s·a (multiples of the half-step amplitude) at which the curvature along v₁ is taken.</summary>
    internal static readonly double[] CurvatureMultiples = [0.25, 0.5, 1, 2];

    /// <summary>The index of s = 1 (the iterates' own distance) in <see cref="CurvatureMultiples"/>.</summary>
    internal const int AtAmplitude = 2;

    /// <summary>
    /// Relative Lanczos tolerance of part (e). Tight, because λ is differenced between points a quarter step apart; the
    /// eigenvalue error of a converged Ritz value is of the order of the residual squared over the gap, far below that.
    /// </summary>
    private const double MechanismTolerance = 1e-10;

    /// <summary>
    /// The step h of the central difference [H(m + h v₁)v₁ − H(m − h v₁)v₁] / 2h for ∇λ = D³L[v₁, v₁, ·], relative to ‖m‖.
    /// Its rounding error ≈ ε‖Hv₁‖ / h is about 1e-12 of ‖∇λ‖ at the sizes the studies run (‖m‖ ≈ 10–50, ‖Hv₁‖ ≈ λ ≈
    /// 10–40, ‖∇λ‖ ≈ 20–40); its O(h²) truncation is checked by the second route to ∇λ·Δ, differences of warm-started
    /// Lanczos a quarter step apart, which agrees to 0.01–9% wherever λ₁ is well separated (mechanism.csv).
    /// </summary>
    private const double ThirdDerivativeStep = 1e-5;

    /// <summary>The late steps k at which part (e) records θ_k and θ_{k+1}: evenly spaced over the run's last half.</summary>
    internal static long[] MechanismSteps(int steps, int count)
    {
        var result = new long[count];
        for (int i = 0; i < count; i++) result[i] = steps / 2 + (long)(steps / 2 - 2) * (i + 1) / count;
        return result;
    }

    /// <summary>Part (e) at every recorded pair of one run.</summary>
    internal static MechanismRun MeasureMechanism(ExperimentContext context, IModel model, Dataset data, NetworkEdgeRun run,
                                                  IReadOnlyDictionary<long, double[]> iterates, IReadOnlyList<long> steps)
    {
        var points = new List<MechanismPoint>();
        long onsetStep = run.Onset < 0 ? long.MaxValue : run.Trajectory.Step[run.Onset];
        foreach (long k in steps)
        {
            if (!iterates.TryGetValue(k, out double[]? current) || !iterates.TryGetValue(k + 1, out double[]? next)) continue;
            points.Add(MeasurePoint(context, model, data, run.Eta, k, k >= onsetStep, current, next));
        }
        return new MechanismRun(run, points);
    }

    private static MechanismPoint MeasurePoint(ExperimentContext context, IModel model, Dataset data, double eta, long step, bool afterOnset,
                                               double[] current, double[] next)
    {
        int n = model.ParameterCount;
        var delta = new double[n];
        TensorPrimitives.Subtract<double>(next, current, delta);
        var midpoint = new double[n];
        for (int i = 0; i < n; i++) midpoint[i] = current[i] + 0.5 * delta[i];

        var options = new LanczosOptions { Tolerance = MechanismTolerance, MaxIterations = 300, Seed = context.Seed };
        long hvps = 0;
        double[] v;
        double lambdaMid;
        var gradient = new double[n];
        using (HessianOperator hessian = Hessian.Operator(model, midpoint, data))
        {
            Eigenpairs top = Hessian.TopEigenpairs(hessian, 1, options);
            hvps += top.HvpCount;
            lambdaMid = top.Values[0];
            v = top.Vectors[0];
            hessian.Gradient.CopyTo(gradient);
        }
        LanczosOptions warm = options with { WarmStart = [v] };
        double LambdaAt(double fraction)
        {
            var point = new double[n];
            for (int i = 0; i < n; i++) point[i] = midpoint[i] + fraction * delta[i];
            Eigenpairs pairs = Hessian.TopEigenpairs(model, point, data, 1, warm);
            hvps += pairs.HvpCount;
            return pairs.Values[0];
        }
        double lambdaIterate = LambdaAt(-0.5), lambdaNext = LambdaAt(0.5);
        double changeLanczos = 2 * (LambdaAt(0.25) - LambdaAt(-0.25));

        double amplitude = 0.5 * Math.Abs(TensorPrimitives.Dot<double>(delta, v));
        var product = new double[n];
        var shifted = new double[n];
        double CurvatureAt(double offset)
        {
            for (int i = 0; i < n; i++) shifted[i] = midpoint[i] + offset * v[i];
            model.HessianVectorProduct(shifted, data, v, product);
            hvps++;
            return TensorPrimitives.Dot<double>(v, product);
        }
        var curvatures = new double[2 * CurvatureMultiples.Length];
        for (int j = 0; j < CurvatureMultiples.Length; j++)
        {
            curvatures[2 * j] = CurvatureAt(CurvatureMultiples[j] * amplitude);
            curvatures[2 * j + 1] = CurvatureAt(-CurvatureMultiples[j] * amplitude);
        }

        // ∇λ = D³L[v₁, v₁, ·] by a central difference of H·v₁ along v₁.
        double h = ThirdDerivativeStep * Math.Max(1, TensorPrimitives.Norm<double>(midpoint));
        var plus = new double[n];
        var minus = new double[n];
        for (int i = 0; i < n; i++) shifted[i] = midpoint[i] + h * v[i];
        model.HessianVectorProduct(shifted, data, v, plus);
        for (int i = 0; i < n; i++) shifted[i] = midpoint[i] - h * v[i];
        model.HessianVectorProduct(shifted, data, v, minus);
        hvps += 2;
        var sharpnessGradient = new double[n];
        for (int i = 0; i < n; i++) sharpnessGradient[i] = (plus[i] - minus[i]) / (2 * h);

        double along = TensorPrimitives.Dot<double>(gradient, v);
        for (int i = 0; i < n; i++) gradient[i] -= along * v[i]; // ∇L⊥(m): the gradient off v₁
        double sharpnessGradientNorm = TensorPrimitives.Norm<double>(sharpnessGradient);
        double sharpening = -eta * TensorPrimitives.Dot<double>(sharpnessGradient, gradient);
        double stabilization = eta * 0.5 * amplitude * amplitude * sharpnessGradientNorm * sharpnessGradientNorm;
        return new MechanismPoint(step, afterOnset, lambdaIterate, lambdaMid, lambdaNext, amplitude, TensorPrimitives.Norm<double>(delta), curvatures,
                                  sharpnessGradientNorm, TensorPrimitives.Dot<double>(sharpnessGradient, delta), changeLanczos, sharpening, stabilization, hvps);
    }
}
