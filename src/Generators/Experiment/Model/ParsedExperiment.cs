using Landscape.Generators.Common;

namespace Landscape.Generators.Experiment.Model;

/// <summary>
/// What the parser found on one [Experiment] class: the spec (null when invalid) with its diagnostics, and the name it
/// claims. The claim is kept apart from the spec because duplicate names can only be found across all experiments, and
/// its location must not be part of the spec (moving a declaration would otherwise regenerate the catalog).
/// </summary>
/// <param name="Result">The spec and the diagnostics of this declaration.</param>
/// <param name="Claim">The name the class claims, or null when the attribute has no usable name.</param>
internal sealed record ParsedExperiment(Result<ExperimentSpec> Result, ExperimentNameClaim? Claim);
