namespace Landscape.Experiments.Display;

/// <summary>One row of the claims table: the experiment and one of its claims.</summary>
internal sealed record ClaimRow(string Experiment, Claim Claim);
