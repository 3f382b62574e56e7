using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Landscape.Experiments.CommandLine;

/// <summary>
/// Where runs go: <c>&lt;root&gt;/&lt;experiment&gt;/&lt;run&gt;</c>, where run is the <c>--run</c> name or a UTC
/// timestamp <c>yyyyMMdd-HHmmss</c> (with <c>-2</c>, <c>-3</c>, … appended if that directory already exists).
/// </summary>
internal static class RunDirectories
{
    /// <summary>The timestamp run name for <paramref name="utc"/>.</summary>
    public static string Timestamp(DateTime utc) => utc.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);

    /// <summary>Checks that <paramref name="run"/> is one directory name.</summary>
    /// <exception cref="UsageException">It is empty, '.', '..', or contains a path separator or an invalid character.</exception>
    public static void CheckRunName(string run)
    {
        if (string.IsNullOrWhiteSpace(run) || run is "." or ".." || run.IndexOfAny(['/', '\\']) >= 0 || run.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            throw new UsageException($"--run '{run}' is not a valid run name; give one directory name such as 'baseline' (no '/' or '\\').");
    }

    /// <summary>A fresh run directory for a new run named <paramref name="run"/> (a timestamp when null).</summary>
    public static string New(string root, string experiment, string? run, DateTime utcNow)
    {
        string parent = Path.Combine(root, experiment);
        if (run is not null) return Path.Combine(parent, run);
        string stem = Timestamp(utcNow);
        string candidate = Path.Combine(parent, stem);
        for (int suffix = 2; Directory.Exists(candidate); suffix++)
            candidate = Path.Combine(parent, stem + "-" + suffix.ToString(CultureInfo.InvariantCulture));
        return candidate;
    }

    /// <summary>
    /// The most recent run directory of <paramref name="experiment"/> under <paramref name="root"/> (latest write time
    /// of the directory or its <c>checkpoints</c> folder; ties broken by name), or null when there is none.
    /// </summary>
    public static string? MostRecent(string root, string experiment)
    {
        string parent = Path.Combine(root, experiment);
        if (!Directory.Exists(parent)) return null;
        return Directory.EnumerateDirectories(parent)
            .Select(d => (Path: d, Written: LastWrite(d)))
            .OrderByDescending(d => d.Written)
            .ThenByDescending(d => Path.GetFileName(d.Path), StringComparer.Ordinal)
            .Select(d => d.Path)
            .FirstOrDefault();
    }

    private static DateTime LastWrite(string directory)
    {
        var written = Directory.GetLastWriteTimeUtc(directory);
        string checkpoints = Path.Combine(directory, "checkpoints");
        if (Directory.Exists(checkpoints))
        {
            var inner = Directory.GetLastWriteTimeUtc(checkpoints);
            if (inner > written) written = inner;
        }
        return written;
    }
}
