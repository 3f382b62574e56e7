using System;
using System.IO;

namespace Landscape.Generators.Tests.Infrastructure;

/// <summary>
/// Locates files of the repository at test time by walking up from the test assembly to the directory holding
/// Landscape.slnx (robust to a path-mapped build, where [CallerFilePath] is rewritten to "/_/").
/// </summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository root (the directory that contains Landscape.slnx).</summary>
    public static string Root => s_root.Value;

    /// <summary>The full path of <paramref name="relativePath"/> (forward slashes) under the repository root.</summary>
    public static string Combine(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Landscape.slnx"))) return directory.FullName;
        }
        throw new InvalidOperationException("Landscape.slnx not found above " + AppContext.BaseDirectory);
    }
}
