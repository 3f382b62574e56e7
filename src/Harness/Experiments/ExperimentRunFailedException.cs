using System;

namespace Landscape.Experiments;

/// <summary>
/// The experiment threw. The run directory still holds a complete <c>manifest.json</c> (status <c>Failed</c>, the error)
/// and a <c>report.html</c> saying so; <see cref="Exception.InnerException"/> is what the experiment threw.
/// </summary>
public sealed class ExperimentRunFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExperimentRunFailedException(string experiment, string directory, Exception innerException)
        : base($"{experiment} failed: {innerException?.Message}", innerException)
    {
        Experiment = experiment;
        Directory = directory;
    }

    /// <summary>Creates the exception.</summary>
    public ExperimentRunFailedException() : base("The experiment failed.") { Experiment = ""; Directory = ""; }

    /// <summary>Creates the exception.</summary>
    public ExperimentRunFailedException(string message) : base(message) { Experiment = ""; Directory = ""; }

    /// <summary>Creates the exception.</summary>
    public ExperimentRunFailedException(string message, Exception innerException) : base(message, innerException) { Experiment = ""; Directory = ""; }

    /// <summary>The experiment that failed.</summary>
    public string Experiment { get; }

    /// <summary>The run directory holding the failure manifest and report.</summary>
    public string Directory { get; }

    /// <summary>The path of the failure report.</summary>
    public string ReportPath => System.IO.Path.Combine(Directory, ExperimentRunner.ReportFileName);
}
