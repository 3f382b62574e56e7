using System;

namespace Landscape;

/// <summary>
/// Declares an experiment: a <c>partial</c> class implementing <see cref="Experiments.IExperiment"/> whose public
/// settable properties marked <see cref="SettingAttribute"/> are its command-line settings. The source generator adds
/// it to the assembly's <c>ExperimentCatalog</c> (name, summary, settings with type, default and description, and a
/// reflection-free factory binding <c>--setting value</c> pairs).
/// </summary>
/// <example><code>
/// [Experiment("edge-of-stability", Summary = "Sharpness rises to 2/η and hovers there under full-batch GD")]
/// public sealed partial class EdgeOfStability : IExperiment
/// {
///     [Setting("Learning rates for full-batch GD")] public double[] LearningRates { get; set; } = [0.02, 0.04];
///     [Setting("Steps per run")] public int Steps { get; set; } = 3000;
///     public ExperimentResult Run(ExperimentContext context) { ... }
/// }
/// </code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ExperimentAttribute(string name) : Attribute
{
    /// <summary>The command-line name: lower-case words joined by hyphens, e.g. <c>edge-of-stability</c>.</summary>
    public string Name { get; } = name;

    /// <summary>One line saying what the experiment shows (printed by <c>landscape list</c>).</summary>
    public string Summary { get; set; } = "";
}
