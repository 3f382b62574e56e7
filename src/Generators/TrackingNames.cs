namespace Landscape.Generators;

/// <summary>Names of the tracked pipeline stages; the incrementality tests assert each one is cached after an unrelated edit.</summary>
internal static class TrackingNames
{
    /// <summary>[Network] declarations parsed into a Result of NetworkSpec.</summary>
    public const string ParseNetwork = nameof(ParseNetwork);

    /// <summary>The diagnostics of each [Network] declaration.</summary>
    public const string NetworkDiagnostics = nameof(NetworkDiagnostics);

    /// <summary>The valid NetworkSpecs that produce source.</summary>
    public const string NetworkSpecs = nameof(NetworkSpecs);

    /// <summary>Each valid network's entry of the network catalog (name, architecture, sizes, FLOPs per example).</summary>
    public const string NetworkCatalogEntries = nameof(NetworkCatalogEntries);

    /// <summary>The network catalog: every entry of the assembly, ordered by name.</summary>
    public const string NetworkCatalog = nameof(NetworkCatalog);

    /// <summary>[Objective] methods parsed into a Result of ObjectiveSpec.</summary>
    public const string ParseObjective = nameof(ParseObjective);

    /// <summary>The diagnostics of each [Objective] method.</summary>
    public const string ObjectiveDiagnostics = nameof(ObjectiveDiagnostics);

    /// <summary>The valid ObjectiveSpecs that produce source.</summary>
    public const string ObjectiveSpecs = nameof(ObjectiveSpecs);

    /// <summary>[Experiment] classes parsed into a Result of ExperimentSpec plus the name they claim.</summary>
    public const string ParseExperiment = nameof(ParseExperiment);

    /// <summary>The diagnostics of each [Experiment] class (its declaration and its settings).</summary>
    public const string ExperimentDiagnostics = nameof(ExperimentDiagnostics);

    /// <summary>The name each [Experiment] claims, with the location of the name argument.</summary>
    public const string ExperimentNames = nameof(ExperimentNames);

    /// <summary>The duplicate-name diagnostics, computed over all experiments of the assembly.</summary>
    public const string ExperimentNameDiagnostics = nameof(ExperimentNameDiagnostics);

    /// <summary>The valid ExperimentSpecs.</summary>
    public const string ExperimentSpecs = nameof(ExperimentSpecs);

    /// <summary>The catalog: every valid ExperimentSpec of the assembly, ordered by name.</summary>
    public const string ExperimentCatalog = nameof(ExperimentCatalog);

    /// <summary>[Setting] properties whose type has no [Experiment] (each gives a warning).</summary>
    public const string SettingsWithoutExperiment = nameof(SettingsWithoutExperiment);
}
