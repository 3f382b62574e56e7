namespace Landscape.Experiments;

/// <summary>An experiment: reads its settings (properties), runs, and reports tables, figures and claims.</summary>
public interface IExperiment
{
    /// <summary>Runs the experiment, writing through <paramref name="context"/>; returns <see cref="ExperimentContext.Result"/>.</summary>
    ExperimentResult Run(ExperimentContext context);
}
