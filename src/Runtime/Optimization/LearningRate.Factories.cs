using System;
using System.Globalization;

namespace Landscape.Optimization;

public abstract partial class LearningRate
{
    /// <summary>A constant schedule η(step) = <paramref name="eta"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="eta"/> is not finite and positive.</exception>
    public static LearningRate Constant(double eta) => new ConstantSchedule(Hyperparameters.Positive(eta, nameof(eta)));

    /// <summary>
    /// A step schedule η(step) = η₀·factorᵏ with k the number of milestones ≤ step (PyTorch's <c>MultiStepLR</c>; a
    /// milestone listed twice counts twice).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="at"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">η₀ or the factor is not finite and positive, or a milestone is negative.</exception>
    /// <exception cref="ArgumentException">The milestones are not sorted in non-decreasing order.</exception>
    public static LearningRate Step(double eta0, double factor, params int[] at)
    {
        Hyperparameters.Positive(eta0, nameof(eta0));
        Hyperparameters.Positive(factor, nameof(factor));
        ArgumentNullException.ThrowIfNull(at);
        for (int i = 0; i < at.Length; i++)
        {
            if (at[i] < 0) throw new ArgumentOutOfRangeException(nameof(at), at[i], "Milestones must be non-negative steps.");
            if (i > 0 && at[i] < at[i - 1])
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Milestones must be sorted: at[{i}] = {at[i]} < at[{i - 1}] = {at[i - 1]}."), nameof(at));
        }
        return new StepSchedule(eta0, factor, (int[])at.Clone());
    }

    /// <summary>An exponential schedule η(step) = η₀·decayˢᵗᵉᵖ (PyTorch's <c>ExponentialLR</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">η₀ or <paramref name="decay"/> is not finite and positive.</exception>
    public static LearningRate Exponential(double eta0, double decay) =>
        new ExponentialSchedule(Hyperparameters.Positive(eta0, nameof(eta0)), Hyperparameters.Positive(decay, nameof(decay)));

    /// <summary>
    /// Cosine annealing η(step) = η_min + ½(η₀ − η_min)(1 + cos(π·min(step, T)/T)), T = <paramref name="totalSteps"/>:
    /// η₀ at step 0, η_min from step T on.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">η₀ is not finite and positive, T &lt; 1, or η_min is not in [0, η₀].</exception>
    public static LearningRate Cosine(double eta0, int totalSteps, double etaMin = 0.0)
    {
        Hyperparameters.Positive(eta0, nameof(eta0));
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1);
        if (!(etaMin >= 0.0 && etaMin <= eta0))
            throw new ArgumentOutOfRangeException(nameof(etaMin), etaMin, "etaMin must satisfy 0 ≤ etaMin ≤ eta0.");
        return new CosineSchedule(eta0, totalSteps, etaMin);
    }

    /// <summary>
    /// A linear warmup in front of <paramref name="inner"/>: η(step) = ((step + 1)/S) · inner.At(step) for step &lt; S,
    /// S = <paramref name="steps"/>, and inner.At(step) from step S on. The ramp multiplies the inner schedule (it
    /// does not delay it), so step 0 uses inner.At(0)/S and step S − 1 uses inner.At(S − 1) exactly.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> &lt; 1.</exception>
    public static LearningRate Warmup(LearningRate inner, int steps)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        return new WarmupSchedule(inner, steps);
    }

    private static void CheckStep(long step) => ArgumentOutOfRangeException.ThrowIfNegative(step);

    /// <summary>η(step) = η.</summary>
    private sealed class ConstantSchedule(double eta) : LearningRate
    {
        public override double At(long step)
        {
            CheckStep(step);
            return eta;
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Constant(eta={eta})");
    }

    /// <summary>η(step) = η₀·factorᵏ, k = #{milestones ≤ step}.</summary>
    private sealed class StepSchedule(double eta0, double factor, int[] at) : LearningRate
    {
        public override double At(long step)
        {
            CheckStep(step);
            // Milestones are sorted: k is the index of the first milestone > step (upper bound).
            int lo = 0, hi = at.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (at[mid] <= step) lo = mid + 1; else hi = mid;
            }
            return eta0 * Math.Pow(factor, lo);
        }

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"Step(eta0={eta0}, factor={factor}, at=[{string.Join(", ", at)}])");
    }

    /// <summary>η(step) = η₀·decayˢᵗᵉᵖ.</summary>
    private sealed class ExponentialSchedule(double eta0, double decay) : LearningRate
    {
        public override double At(long step)
        {
            CheckStep(step);
            return eta0 * Math.Pow(decay, step);
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Exponential(eta0={eta0}, decay={decay})");
    }

    /// <summary>η(step) = η_min + ½(η₀ − η_min)(1 + cos(π·min(step, T)/T)).</summary>
    private sealed class CosineSchedule(double eta0, int totalSteps, double etaMin) : LearningRate
    {
        public override double At(long step)
        {
            CheckStep(step);
            double fraction = (double)Math.Min(step, totalSteps) / totalSteps;
            return etaMin + 0.5 * (eta0 - etaMin) * (1.0 + Math.Cos(Math.PI * fraction));
        }

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"Cosine(eta0={eta0}, totalSteps={totalSteps}, etaMin={etaMin})");
    }

    /// <summary>η(step) = (step + 1)/S · inner(step) for step &lt; S, else inner(step).</summary>
    private sealed class WarmupSchedule(LearningRate inner, int steps) : LearningRate
    {
        public override double At(long step)
        {
            CheckStep(step);
            double eta = inner.At(step);
            // The ratio is formed first so that it is exactly 1 at step S − 1.
            return step < steps ? (double)(step + 1) / steps * eta : eta;
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Warmup(steps={steps}, inner={inner})");
    }
}
