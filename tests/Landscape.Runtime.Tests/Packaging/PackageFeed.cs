using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Landscape.Tests.Packaging;

/// <summary>
/// Packs src/Runtime and src/Harness once, into a temporary folder feed, for every packaging test: each package gets a
/// unique prerelease version (so no stale copy can be picked up), and each consumer restores into a fresh
/// NUGET_PACKAGES folder with the machine's global packages folder as a read-only fallback (dependencies are found
/// without a download; the user's configured sources remain a backstop on a cold machine).
/// </summary>
/// <remarks>
/// Cost: one incremental build of Runtime, Harness and Generators in the test's configuration and two packs (~30–60 s on
/// two idle cores); each consumer then restores and builds a small project.
/// </remarks>
public sealed class PackageFeed : IDisposable
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Packs both packages.</summary>
    public PackageFeed()
    {
        System.IO.Directory.CreateDirectory(Feed);
        Configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var clock = Stopwatch.StartNew();
        foreach (string project in new[] { Path.Combine("src", "Runtime", "Landscape.Runtime.csproj"), Path.Combine("src", "Harness", "Landscape.Harness.csproj") })
        {
            Dotnet(TestData.RepositoryRoot, null, "pack", Path.Combine(TestData.RepositoryRoot, project), "-c", Configuration, "-o", Feed,
                $"-p:PackageVersion={Version}", "--disable-build-servers", "-nodeReuse:false");
        }
        PackSeconds = clock.Elapsed.TotalSeconds;
    }

    /// <summary>The temporary folder holding the feed, the consumers and their package folders.</summary>
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "landscape-pack-" + Guid.NewGuid().ToString("N"));

    /// <summary>The folder feed.</summary>
    public string Feed => Path.Combine(Directory, "feed");

    /// <summary>The version both packages were packed with (they version in lockstep).</summary>
    public string Version { get; } = "0.2.0-test" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The configuration the packages were built in (the tests' own).</summary>
    public string Configuration { get; }

    /// <summary>Seconds the two packs took.</summary>
    public double PackSeconds { get; }

    /// <summary>The path of the package <paramref name="id"/> in the feed (asserted to exist).</summary>
    public string Package(string id)
    {
        string package = Path.Combine(Feed, $"{id}.{Version}.nupkg");
        Assert.True(File.Exists(package), $"Expected {package}; the feed holds: {string.Join(", ", System.IO.Directory.GetFiles(Feed).Select(Path.GetFileName))}");
        return package;
    }

    /// <summary>
    /// Copies the sample <paramref name="sample"/> (its .cs and .csproj files) into a fresh folder with a nuget.config for
    /// the feed, builds it in Release against the packed version, and returns the path of its built assembly.
    /// </summary>
    public string BuildSample(string sample)
    {
        string source = Path.Combine(TestData.RepositoryRoot, "samples", sample);
        string target = Path.Combine(Directory, sample);
        System.IO.Directory.CreateDirectory(target);
        foreach (string file in System.IO.Directory.GetFiles(source).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal)))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(target, "nuget.config"), NuGetConfig(Feed, MachinePackagesFolder()));
        Dotnet(target, Environment, "build", Path.Combine(target, sample + ".csproj"), "-c", "Release", $"-p:LandscapeVersion={Version}",
            "--disable-build-servers", "-nodeReuse:false");
        return Path.Combine(target, "bin", "Release", "net10.0", sample + ".dll");
    }

    /// <summary>The environment of a consumer: its own NuGet packages folder.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(Directory, "packages") };

    /// <summary>Deletes the temporary folder.</summary>
    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    internal static string NuGetConfig(string feed, string? fallback) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="landscape-test-feed" value="{feed}" />
          </packageSources>
          {(fallback is null ? "" : $"<fallbackPackageFolders><add key=\"machine\" value=\"{fallback}\" /></fallbackPackageFolders>")}
        </configuration>
        """;

    /// <summary>The machine's global packages folder (NUGET_PACKAGES or ~/.nuget/packages), if it exists.</summary>
    private static string? MachinePackagesFolder()
    {
        string? folder = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(folder))
            folder = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return System.IO.Directory.Exists(folder) ? folder : null;
    }

    /// <summary>Runs the dotnet host with <paramref name="arguments"/>; fails with the output when it exits non-zero or times out.</summary>
    public static string Dotnet(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var (code, output, errors) = DotnetExit(workingDirectory, environment, arguments);
        Assert.True(code == 0, $"'dotnet {string.Join(' ', arguments)}' exited with {code}:\n{Tail(output)}\n{Tail(errors)}");
        return output;
    }

    /// <summary>Runs the dotnet host with <paramref name="arguments"/> and returns its exit code and both outputs.</summary>
    public static (int ExitCode, string Output, string Error) DotnetExit(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        string host = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        // The test host runs inside an MSBuild/VSTest environment; the child must build like a fresh shell.
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["NO_COLOR"] = "1";
        if (environment is not null)
            foreach ((string key, string value) in environment) start.Environment[key] = value;

        using var process = Process.Start(start)!;
        System.Threading.Tasks.Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        System.Threading.Tasks.Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(ProcessTimeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'dotnet {string.Join(' ', arguments)}' did not finish within {ProcessTimeout.TotalMinutes} minutes.");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The last 6,000 characters of <paramref name="text"/>.</summary>
    public static string Tail(string text) => text.Length <= 6000 ? text : "…" + text[^6000..];
}
