using System;

namespace Landscape.Kernels;

/// <summary>
/// The loss heads of a network: per-example losses, the gradient with respect to the network outputs, and the
/// R-operator (directional derivative) of that gradient used by the exact Hessian-vector product.
/// Inputs are row-major blocks [rows × width]; <c>scale</c> multiplies every gradient (1/n for a mean over n examples).
/// </summary>
public static class LossHeads
{
    /// <summary>
    /// Mean squared error head: losses[r] = ½ Σⱼ (f[r,j] − y[r,j])² and, when <paramref name="gradient"/> is not empty,
    /// gradient[r,j] = scale · (f[r,j] − y[r,j]).
    /// </summary>
    public static void MeanSquaredError(ReadOnlySpan<double> outputs, ReadOnlySpan<double> targets, Span<double> losses,
                                        Span<double> gradient, int rows, int width, double scale)
    {
        CheckBlock(outputs, targets, losses, gradient, rows, width);
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<double> f = outputs.Slice(r * width, width);
            ReadOnlySpan<double> y = targets.Slice(r * width, width);
            double sum = 0;
            for (int j = 0; j < width; j++)
            {
                double e = f[j] - y[j];
                sum = Math.FusedMultiplyAdd(e, e, sum);
            }
            losses[r] = 0.5 * sum;
            if (!gradient.IsEmpty)
            {
                Span<double> g = gradient.Slice(r * width, width);
                for (int j = 0; j < width; j++) g[j] = scale * (f[j] - y[j]);
            }
        }
    }

    /// <summary>R-operator of the mean squared error gradient: rgradient = scale · R(f) (the output Hessian is the identity).</summary>
    public static void MeanSquaredErrorR(ReadOnlySpan<double> routputs, Span<double> rgradient, double scale)
    {
        if (rgradient.Length != routputs.Length)
            throw new ArgumentException($"rgradient has length {rgradient.Length}; expected {routputs.Length} (the length of routputs).", nameof(rgradient));
        System.Numerics.Tensors.TensorPrimitives.Multiply(routputs, scale, rgradient);
    }

    /// <summary>
    /// Softmax cross-entropy head with one-hot or soft targets: with s = Σⱼ y[r,j] and p = softmax(f[r,·]),
    /// losses[r] = −Σⱼ y[r,j] log p[j] = Σⱼ y[r,j] (lse(f) − f[r,j]); gradient[r,j] = scale · (s·p[j] − y[r,j]) when not empty;
    /// probabilities[r,j] = p[j] when not empty (needed by <see cref="SoftmaxCrossEntropyR"/>).
    /// </summary>
    /// <remarks>
    /// The loss is computed as (m − f[r,j]) + log1p(T) with m the row maximum and T = Σ over the non-maximal entries of
    /// exp(f − m), so a near-zero loss (a confident correct prediction) keeps full relative precision.
    /// </remarks>
    public static void SoftmaxCrossEntropy(ReadOnlySpan<double> outputs, ReadOnlySpan<double> targets, Span<double> losses,
                                           Span<double> gradient, Span<double> probabilities, int rows, int width, double scale)
    {
        CheckBlock(outputs, targets, losses, gradient, rows, width);
        if (!probabilities.IsEmpty && probabilities.Length < rows * width)
            throw new ArgumentException($"probabilities has length {probabilities.Length}; expected at least {rows * width}.", nameof(probabilities));
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<double> f = outputs.Slice(r * width, width);
            ReadOnlySpan<double> y = targets.Slice(r * width, width);
            int argMax = 0;
            for (int j = 1; j < width; j++)
                if (f[j] > f[argMax]) argMax = j;
            double m = f[argMax];
            double tail = 0; // T = Σ_{j ≠ argmax} exp(f_j − m), so Σ_j exp(f_j − m) = 1 + T
            for (int j = 0; j < width; j++)
                if (j != argMax) tail += Math.Exp(f[j] - m);
            double logNormalizer = LogOnePlus(tail); // log Σ_j exp(f_j − m)
            double loss = 0, mass = 0;
            for (int j = 0; j < width; j++)
            {
                if (y[j] == 0) continue;
                loss = Math.FusedMultiplyAdd(y[j], (m - f[j]) + logNormalizer, loss);
                mass += y[j];
            }
            losses[r] = loss;
            if (gradient.IsEmpty && probabilities.IsEmpty) continue;
            double inverse = 1 / (1 + tail);
            for (int j = 0; j < width; j++)
            {
                double p = Math.Exp(f[j] - m) * inverse;
                if (!probabilities.IsEmpty) probabilities[r * width + j] = p;
                if (!gradient.IsEmpty) gradient[r * width + j] = scale * (mass * p - y[j]);
            }
        }
    }

    /// <summary>
    /// R-operator of the softmax cross-entropy gradient: with s = Σⱼ y[r,j], rgradient[r,j] = scale · s · p[j] (R f[r,j] − Σₖ p[k] R f[r,k]),
    /// i.e. scale · s (diag p − p pᵀ) R f.
    /// </summary>
    public static void SoftmaxCrossEntropyR(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> targets, ReadOnlySpan<double> routputs,
                                            Span<double> rgradient, int rows, int width, double scale)
    {
        int length = rows * width;
        if (probabilities.Length < length || targets.Length < length || routputs.Length < length || rgradient.Length < length)
            throw new ArgumentException($"Every span must hold at least rows × width = {length} values.");
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<double> p = probabilities.Slice(r * width, width);
            ReadOnlySpan<double> rf = routputs.Slice(r * width, width);
            double mass = 0, mean = 0;
            for (int j = 0; j < width; j++)
            {
                mass += targets[r * width + j];
                mean = Math.FusedMultiplyAdd(p[j], rf[j], mean);
            }
            Span<double> rg = rgradient.Slice(r * width, width);
            for (int j = 0; j < width; j++) rg[j] = scale * mass * p[j] * (rf[j] - mean);
        }
    }

    /// <summary>log(1 + x) for x ≥ 0, accurate also for tiny x (Math has no Log1P): log(u)·x/(u − 1) with u = 1 + x (Goldberg's trick).</summary>
    private static double LogOnePlus(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    private static void CheckBlock(ReadOnlySpan<double> outputs, ReadOnlySpan<double> targets, Span<double> losses, Span<double> gradient, int rows, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        int length = rows * width;
        if (outputs.Length < length)
            throw new ArgumentException($"outputs has length {outputs.Length}; expected at least rows × width = {length}.", nameof(outputs));
        if (targets.Length < length)
            throw new ArgumentException($"targets has length {targets.Length}; expected at least rows × width = {length}.", nameof(targets));
        if (losses.Length < rows)
            throw new ArgumentException($"losses has length {losses.Length}; expected at least rows = {rows}.", nameof(losses));
        if (!gradient.IsEmpty && gradient.Length < length)
            throw new ArgumentException($"gradient has length {gradient.Length}; expected at least rows × width = {length}.", nameof(gradient));
    }
}
