using System.Globalization;
using System.Numerics.Tensors;

namespace Landscape.Experiments.Studies;

public sealed partial class LearningRateDecay
{
    /// <summary>The claims and measurements: the 1-D and 2-D objectives, the network, then the network's replicate seeds.</summary>
    private static void StateClaims(ExperimentContext context, LearningRateDecayPlan plan, LearningRateDecayResults results)
    {
        StateObjectiveClaims(context, plan, results.OneD);
        StateObjectiveClaims(context, plan, results.TwoD);
        StateNetworkClaims(context, plan, results.Network);
        StateReplicateMeasurements(context, plan, results);
    }

    /// <summary>One objective: the plateau at the predicted 2-cycle level, the drop after the decay, the steps to the target, the final loss.</summary>
    private static void StateObjectiveClaims(ExperimentContext context, LearningRateDecayPlan plan, ObjectiveOutcome o)
    {
        ObjectiveComparison c = o.Comparison;
        string label = c.Label;
        double etaBig = plan.LargeLearningRate, factor = plan.DecayFactor, targetLoss = plan.TargetLoss;
        int decayStep = plan.ObjectiveDecayStep;
        context.Measure($"{label}: η_big × coarse curvature (< 2: stable on the coarse scale)", etaBig * c.CoarseCurvature);
        context.Measure($"{label}: η_big × sharpness at the minimum (> 2: the fine well is unstable)", etaBig * c.FineCurvature);
        context.Measure($"{label}: η_small × sharpness at the minimum (< 2: the fine well is stable after the decay)", etaBig * factor * c.FineCurvature);
        context.Measure($"{label}: decay step", decayStep, "steps");

        context.Measure($"{label}: predicted plateau f(p*) from ∇f(p*) = (2/η_big)·p*", o.Cycle.Loss);
        context.Measure($"{label}: fine-scale part of the plateau, B·φ at p*", c.FineHeight(o.Cycle.Point));
        context.Measure($"{label}: |p*| (2-cycle amplitude)", TensorPrimitives.Norm<double>(o.Cycle.Point));
        context.Measure($"{label}: 2-cycle multiplier max|1 − η_big·h|² (< 1 attracts)", o.Cycle.Multiplier);
        context.ClaimWithin($"{label}: constant η_big settles on the fine-scale plateau (settled loss / predicted 2-cycle loss f(p*))",
            o.Settled / o.Cycle.Loss, 1 - PlateauTolerance, 1 + PlateauTolerance);

        context.Measure($"{label}: step-decay loss just before the decay", o.Before);
        context.Measure($"{label}: step-decay loss {ObjectiveDropWindow} steps after the decay", o.Decay.Loss[decayStep + ObjectiveDropWindow]);
        context.ClaimWithin($"{label}: the decay drops the loss {ObjectiveRequiredDrop.ToString(CultureInfo.InvariantCulture)}× within {ObjectiveDropWindow} steps (steps after the decay until L ≤ L(decay − 1)/{ObjectiveRequiredDrop.ToString(CultureInfo.InvariantCulture)}; −1: never)",
            o.Dropped, 0, ObjectiveDropWindow);

        context.Measure($"{label}: steps to loss ≤ {ExperimentContext.Format(targetLoss)}, step decay (−1: never)", o.DecaySteps, "steps");
        context.Measure($"{label}: steps to loss ≤ {ExperimentContext.Format(targetLoss)}, constant η_small (−1: never)", o.SmallSteps, "steps");
        context.ClaimWithin($"{label}: step decay reaches loss {ExperimentContext.Format(targetLoss)} sooner (its steps / constant η_small's steps{(o.SmallSteps < 0 ? ", which never got there: run length used" : "")})",
            o.StepRatio, 0, 0.5);

        context.Measure($"{label}: final loss, step decay", o.Decay.Loss[^1]);
        context.Measure($"{label}: final loss, constant η_big", o.Large.Loss[^1]);
        context.ClaimWithin($"{label}: step decay ends far below constant η_big (final loss ratio)", o.FinalRatio, 0, 1e-2);
    }

    /// <summary>The network at the run's seed: η_big from the measured curvatures, the edge of stability, the drop and who owns it, the target and the tail.</summary>
    private static void StateNetworkClaims(ExperimentContext context, LearningRateDecayPlan plan, NetworkOutcome o)
    {
        string f(double v) => ExperimentContext.Format(v);
        context.Measure("Network: λ_coarse, top curvature of the r = 1 group's share of the loss at initialization", o.CoarseCurvature);
        context.Measure($"Network: λ_fine, top curvature of the r = {f(plan.LargeMagnitude)} group's share of the loss at initialization", o.FineCurvature);
        context.Measure($"Network: η_big = {f(plan.NetworkInstability)}·2/λ_fine", o.EtaBig);
        context.Measure("Network: η_small = η_big × decay factor", o.EtaSmall);
        context.Measure("Network: η_small·λ_fine (< 2: the fine scale is stable after the decay)", o.EtaSmall * o.FineCurvature);
        context.Measure("Network: decay step", plan.NetworkDecayStep, "steps");

        context.ClaimWithin("Network: η_big is stable on the coarse (r = 1) scale (η_big·λ_coarse)", o.EtaBig * o.CoarseCurvature, 0, 2);
        context.ClaimWithin("Network: constant η_big is held at the edge of stability (mean sharpness over the second half × η_big/2)",
            o.EdgeRatio, NetworkOutcome.EdgeLower, NetworkOutcome.EdgeUpper);
        context.ClaimWithin("Network: constant η_big makes little progress late: its loss falls by less than 2× over the last quarter (geometric mean over [T/2, 3T/4) / over [3T/4, T))",
            o.LateWindowRatio, NetworkOutcome.LateLower, NetworkOutcome.LateUpper);
        context.Claim($"Network: the decay drops the loss (geometric mean over {NetworkBeforeWindow} steps before / loss {NetworkDropWindow} steps after)",
            o.Drop, $"≥ {f(NetworkOutcome.MinimumDrop)}", o.Drop >= NetworkOutcome.MinimumDrop);
        context.Claim($"Network: the drop belongs to the r = {f(plan.LargeMagnitude)} group (its loss before / after)",
            o.LargeGroupDrop, $"≥ {f(NetworkOutcome.MinimumLargeGroupDrop)}", o.LargeGroupDrop >= NetworkOutcome.MinimumLargeGroupDrop);
        context.Measure("Network: the r = 1 group's loss before / after the decay", o.SmallGroupDrop);
        context.Measure($"Network: target loss = step-decay loss {NetworkDropWindow} steps after the decay", o.TargetLoss);
        context.Measure("Network: steps to the target, step decay", o.DecaySteps, "steps");
        context.Measure("Network: steps to the target, constant η_small (−1: not within the run)", o.SmallSteps, "steps");
        context.ClaimWithin($"Network: step decay reaches the target sooner (its steps / constant η_small's steps{(o.SmallSteps < 0 ? ", which never got there: run length used" : "")})",
            o.StepRatio, 0, NetworkOutcome.MaximumStepRatio);
        context.ClaimWithin("Network: step decay ends below constant η_big (geometric-mean loss over the last 10%, ratio)",
            o.LateLossRatio, 0, NetworkOutcome.MaximumLateLossRatio);
    }

    /// <summary>The replicate seeds: their ratios as measurements (no verdicts), and on how many every relation holds.</summary>
    private static void StateReplicateMeasurements(ExperimentContext context, LearningRateDecayPlan plan, LearningRateDecayResults results)
    {
        if (plan.NetworkReplicates <= 0) return;
        int holding = 0;
        for (int r = 1; r <= results.Replicates.Count; r++)
        {
            NetworkOutcome replicate = results.Replicates[r - 1];
            if (replicate.AllHold) holding++;
            string label = string.Create(CultureInfo.InvariantCulture, $"Network replicate seed {context.Seed}+{r}");
            context.Measure($"{label}: loss drop after the decay", replicate.Drop);
            context.Measure($"{label}: steps-to-target ratio (step decay / constant η_small)", replicate.StepRatio);
            context.Measure($"{label}: late loss ratio (step decay / constant η_big)", replicate.LateLossRatio);
            context.Measure($"{label}: edge-of-stability ratio of constant η_big", replicate.EdgeRatio);
            context.Measure($"{label}: late-window ratio of constant η_big", replicate.LateWindowRatio);
            context.Measure($"{label}: the large group's drop after the decay", replicate.LargeGroupDrop);
        }
        context.Measure(string.Create(CultureInfo.InvariantCulture, $"Network: replicate seeds on which every network relation holds (of {plan.NetworkReplicates})"), holding);
    }
}
