using System.Text.Json.Serialization;

namespace Landscape.Experiments;

/// <summary>How an experiment run ended (the <c>status</c> of <c>manifest.json</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExperimentStatus>))]
public enum ExperimentStatus
{
    /// <summary>Ran to the end and every claim holds.</summary>
    Passed,

    /// <summary>Ran to the end and at least one claim does not hold.</summary>
    ClaimsFailed,

    /// <summary>Cancelled before the end; tables and figures are not written.</summary>
    Cancelled,

    /// <summary>The experiment threw; the manifest's <c>error</c> says what happened. Tables and figures are not written.</summary>
    Failed,
}
