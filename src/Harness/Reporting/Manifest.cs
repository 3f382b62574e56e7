using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Landscape.Experiments;

namespace Landscape.Reporting;

/// <summary>
/// The record of one run, written as <c>manifest.json</c> next to its tables: what ran (experiment, settings, seed,
/// profile, threads), on what (versions), when and for how long, how it ended, and what it found (claims,
/// measurements, files). The wall time lives here and only here: tables stay byte-identical across runs.
/// </summary>
public sealed record Manifest
{
    /// <summary>The experiment name.</summary>
    public required string Experiment { get; init; }

    /// <summary>The experiment's one-line summary.</summary>
    public string Summary { get; init; } = "";

    /// <summary>
    /// Every setting's value as command-line text, in declaration order: the values the run used (the experiment's
    /// properties when its <c>Run</c> returned, so a profile-dependent default appears as the value resolved).
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The master seed.</summary>
    public int Seed { get; init; }

    /// <summary>The profile (<c>Full</c>, <c>Quick</c> or <c>Test</c>).</summary>
    public Profile Profile { get; init; }

    /// <summary>The thread limit the run used (<see cref="Parallelism.MaxThreads"/>).</summary>
    public int Threads { get; init; }

    /// <summary>Whether the run continued from checkpoints (<c>--resume</c>).</summary>
    public bool Resumed { get; init; }

    /// <summary>Software and machine.</summary>
    public required ManifestVersions Versions { get; init; }

    /// <summary>When the run started (UTC).</summary>
    public DateTimeOffset Started { get; init; }

    /// <summary>Wall time of the whole run (experiment, tables, figures) in seconds.</summary>
    public double WallTimeSeconds { get; init; }

    /// <summary>How the run ended.</summary>
    public ExperimentStatus Status { get; init; }

    /// <summary>For <see cref="ExperimentStatus.Failed"/>: the exception type and message; otherwise null.</summary>
    public string? Error { get; init; }

    /// <summary>The claims in the order they were made.</summary>
    public IReadOnlyList<Claim> Claims { get; init; } = [];

    /// <summary>Quantities reported without a verdict.</summary>
    public IReadOnlyList<Measurement> Measurements { get; init; } = [];

    /// <summary>Files of the run relative to its directory (tables, figures, report), excluding the manifest itself.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>The manifest as indented JSON (UTF-8 text ending in a newline).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ManifestJsonContext.Default.Manifest) + "\n";

    /// <summary>Parses manifest JSON.</summary>
    /// <exception cref="InvalidDataException">The text is not a manifest.</exception>
    public static Manifest Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, ManifestJsonContext.Default.Manifest)
                ?? throw new InvalidDataException("The manifest is the JSON literal null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Not a valid manifest: {e.Message}", e);
        }
    }

    /// <summary>Writes the manifest to <paramref name="path"/>, atomically.</summary>
    public void Write(string path) => AtomicFile.WriteAllText(path, ToJson());

    /// <summary>Reads a manifest written by <see cref="Write"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a manifest (the message names the file).</exception>
    public static Manifest Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text = File.ReadAllText(path, Encoding.UTF8);
        try
        {
            return Parse(text);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }
}
