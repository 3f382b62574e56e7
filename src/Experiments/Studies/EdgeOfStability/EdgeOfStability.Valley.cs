using System;
using System.Collections.Generic;
using System.Linq;
using Landscape.Experiments.Studies.EdgeOfStabilityModels;
using Landscape.Optimization;

namespace Landscape.Experiments.Studies;

/// <summary>One learning rate of part (c): the GD run in the valley and what the claims read from it.</summary>
/// <param name="Eta">The learning rate η.</param>
/// <param name="Trajectory">The run, with columns <c>x</c>, <c>y</c> and the exact sharpness.</param>
/// <param name="Onset">The first step whose sharpness reaches 0.95·2/η (−1: never).</param>
/// <param name="LateFrom">The first step of the late phase.</param>
/// <param name="Late">The sharpness over the late phase.</param>
/// <param name="Deviation">The largest |λ_max/(2/η) − 1| over the late phase (NaN if any value is NaN).</param>
/// <param name="Increases">Steps whose loss is above the previous step's.</param>
internal sealed record ValleyRun(double Eta, Trajectory Trajectory, int Onset, int LateFrom, double[] Late, double Deviation, int Increases)
{
    /// <summary>2/η.</summary>
    public double Threshold => 2 / Eta;

    /// <summary>The exact sharpness at every step.</summary>
    public double[] Sharpness => Trajectory.Column(DenseSharpnessMonitor.Column);
}

/// <summary>
/// Part (c): on the curved valley A₀·e^{K·y}·ψ(x − M·y) − C·y, GD drifts along the floor into sharper regions
/// (progressive sharpening) until the sharpness reaches 2/η, then hovers there: the x-coordinate settles on a 2-cycle
/// whose pull on y balances the drift (PAPER.md §4.2, 2-D valley model). Sharpness is exact: the largest eigenvalue of
/// the dense 2×2 Hessian at every iterate.
/// </summary>
public sealed partial class EdgeOfStability
{
    /// <summary>The valley: sharpness 12 at y = 0, rising by e^{0.3·y}; floor x = 0.1·y; loss −0.05·y along it.</summary>
    private static readonly SharpeningValley Valley = new(A0: 12, K: 0.3, M: 0.1, C: 0.05);

    /// <summary>The learning rates (2/η = 20 and 40, both above the starting sharpness).</summary>
    private static readonly double[] ValleyLearningRates = [0.1, 0.05];

    /// <summary>The late phase, over which the hovering is judged: the last this fraction of the steps.</summary>
    internal const double ValleyLateFraction = 0.4;

    /// <summary>Runs part (c): GD in the valley at every learning rate, with the exact sharpness at every step.</summary>
    private static List<ValleyRun> RunValley(EdgeOfStabilityPlan plan)
    {
        int steps = plan.ValleySteps;
        var sharpness = new DenseSharpnessMonitor(2, Valley.Hessian);
        var runs = new List<ValleyRun>();
        foreach (double eta in ValleyLearningRates)
        {
            var trainer = new Trainer(Valley, Dataset.Empty, new GradientDescent(), LearningRate.Constant(eta));
            trainer.Monitors.Add(new CoordinateMonitor("x", "y"));
            trainer.Monitors.Add(sharpness);
            var run = trainer.Run(new double[2], steps);
            double threshold = 2 / eta;
            double[] loss = run.Loss, lambda = run.Column(DenseSharpnessMonitor.Column);

            int onset = Array.FindIndex(lambda, l => l >= 0.95 * threshold);
            int lateFrom = (int)Math.Round(steps * (1 - ValleyLateFraction));
            double[] late = lambda.Skip(lateFrom).ToArray();
            double deviation = late.Length == 0 ? double.NaN : late.Max(l => Math.Abs(l / threshold - 1));
            if (late.Any(double.IsNaN)) deviation = double.NaN;
            int increases = Enumerable.Range(1, loss.Length - 1).Count(i => loss[i] > loss[i - 1]);
            runs.Add(new ValleyRun(eta, run, onset, lateFrom, late, deviation, increases));
        }
        return runs;
    }
}
