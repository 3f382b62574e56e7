using System.Reflection;

namespace Landscape.Experiments.CommandLine;

/// <summary>The program the command line runs in: its name (used in help texts) and its version (<c>--version</c>).</summary>
/// <param name="Name">The program's name as users type it (<c>landscape</c>, or the entry assembly's name).</param>
/// <param name="Version">The program's informational version.</param>
internal sealed record ProgramInfo(string Name, string Version)
{
    /// <summary>The <c>landscape</c> tool itself (also what in-process tests run as).</summary>
    public static ProgramInfo Landscape { get; } = new("landscape", LandscapeCli.Version);

    /// <summary>The <c>--version</c> line: <c>name version (Landscape version)</c>.</summary>
    public string VersionLine => $"{Name} {Version} (Landscape {LandscapeCli.Version})";

    /// <summary>This process's program: the entry assembly's name and informational version.</summary>
    public static ProgramInfo ForProcess()
    {
        Assembly? entry = Assembly.GetEntryAssembly();
        if (entry is null) return Landscape;
        string name = entry.GetName().Name is { Length: > 0 } n ? n : Landscape.Name;
        string version = entry.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? entry.GetName().Version?.ToString()
            ?? "unknown";
        return new ProgramInfo(name, version);
    }
}
