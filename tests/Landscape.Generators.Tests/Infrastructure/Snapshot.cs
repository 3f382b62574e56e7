using System;
using System.IO;
using System.Text.RegularExpressions;

namespace Landscape.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated source with a checked-in <c>Snapshots/&lt;name&gt;.verified.cs</c>. Set LANDSCAPE_ACCEPT_SNAPSHOTS=1 to
/// (re)write the snapshots; a missing snapshot fails the test (in CI) after writing a <c>.received.cs</c> next to it.
/// Versions are scrubbed so a release does not rewrite every snapshot.
/// </summary>
internal static class Snapshot
{
    /// <summary>Asserts <paramref name="actual"/> equals the snapshot <paramref name="name"/>.</summary>
    public static void Match(string actual, string name)
    {
        // Found from the repository root, not [CallerFilePath]: CI builds map source paths to "/_/".
        string directory = RepositoryPaths.Combine("tests/Landscape.Generators.Tests/Snapshots");
        string verified = Path.GetFullPath(Path.Combine(directory, name + ".verified.cs"));
        string received = Path.ChangeExtension(verified, null).Replace(".verified", ".received") + ".cs";
        string scrubbed = Scrub(actual);
        bool accept = Environment.GetEnvironmentVariable("LANDSCAPE_ACCEPT_SNAPSHOTS") == "1";
        if (accept)
        {
            File.WriteAllText(verified, scrubbed);
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        if (!File.Exists(verified))
        {
            File.WriteAllText(received, scrubbed);
            Assert.Fail($"No snapshot {verified}. Wrote {received}; review it and rerun with LANDSCAPE_ACCEPT_SNAPSHOTS=1 to accept.");
        }
        string expected = File.ReadAllText(verified).Replace("\r\n", "\n");
        if (expected == scrubbed)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        File.WriteAllText(received, scrubbed);
        Assert.Fail($"Generated source differs from {verified} (first difference at {FirstDifference(expected, scrubbed)}). Wrote {received}; diff the two and rerun with LANDSCAPE_ACCEPT_SNAPSHOTS=1 to accept.");
    }

    /// <summary>Replaces the generator version in [GeneratedCode] with a fixed marker.</summary>
    public static string Scrub(string source) =>
        Regex.Replace(source, "GeneratedCode\\(\"Landscape.Generators\", \"[^\"]*\"\\)", "GeneratedCode(\"Landscape.Generators\", \"<VERSION>\")");

    private static string FirstDifference(string expected, string actual)
    {
        int line = 1;
        for (int i = 0; i < Math.Min(expected.Length, actual.Length); i++)
        {
            if (expected[i] != actual[i]) return $"line {line}";
            if (expected[i] == '\n') line++;
        }
        return $"line {line} (one text is a prefix of the other)";
    }
}
