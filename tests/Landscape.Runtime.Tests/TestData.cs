using System;
using System.IO;

namespace Landscape.Tests;

/// <summary>
/// Locates the repository's <c>data/</c> folder for tests: walks up from the test assembly's base directory to the
/// folder holding <c>Landscape.slnx</c>, so tests work from any build output path (local or a fresh CI clone).
/// </summary>
internal static class TestData
{
    /// <summary>The marker file that identifies the repository root.</summary>
    private const string SolutionFileName = "Landscape.slnx";

    private static readonly Lazy<string> s_repositoryRoot = new(FindRepositoryRoot);

    /// <summary>The repository root (the folder holding Landscape.slnx).</summary>
    public static string RepositoryRoot => s_repositoryRoot.Value;

    /// <summary>The repository's data folder.</summary>
    public static string DataDirectory => Path.Combine(RepositoryRoot, "data");

    /// <summary>The gzip-compressed MNIST test-set images (10,000 images of 28×28).</summary>
    public static string MnistTestImages => PathOf("mnist", "t10k-images-idx3-ubyte.gz");

    /// <summary>The gzip-compressed MNIST test-set labels (10,000 labels).</summary>
    public static string MnistTestLabels => PathOf("mnist", "t10k-labels-idx1-ubyte.gz");

    /// <summary>The path of a file under <c>data/</c>; throws if it does not exist, naming where it looked.</summary>
    public static string PathOf(params string[] parts)
    {
        string path = Path.Combine([DataDirectory, .. parts]);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Test data file '{path}' is missing; it is part of the repository (data/).", path);
        return path;
    }

    private static string FindRepositoryRoot()
    {
        string start = AppContext.BaseDirectory;
        for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No folder above '{start}' holds {SolutionFileName}; cannot locate the repository's data/ folder.");
    }
}
