using Landscape.Generators.Common;

namespace Landscape.Generators.Experiment.Model;

/// <summary>An experiment name as written, by which type, and where (the attribute's name argument).</summary>
/// <param name="Name">The name as written.</param>
/// <param name="TypeName">The type's display name, e.g. <c>Samples.EdgeOfStability</c>.</param>
/// <param name="Location">The name argument.</param>
internal sealed record ExperimentNameClaim(string Name, string TypeName, LocationInfo? Location);
