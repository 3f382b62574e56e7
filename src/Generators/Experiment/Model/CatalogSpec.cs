using Landscape.Generators.Common;

namespace Landscape.Generators.Experiment.Model;

/// <summary>The whole catalog: the valid experiments of the assembly, ordered by name, then type name (ordinal).</summary>
internal sealed record CatalogSpec(EquatableArray<ExperimentSpec> Experiments);
