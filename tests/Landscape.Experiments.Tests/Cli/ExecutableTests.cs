using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Landscape.Experiments.Tests.Cli;

public sealed class ExecutableTests
{
    [Fact]
    public void The_built_landscape_executable_lists_experiments_and_networks()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "landscape.dll");
        Assert.True(File.Exists(dll), $"{dll} was not built next to the tests");
        var start = new ProcessStartInfo("dotnet", [dll, "list"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "landscape list did not finish");

        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}; stderr: {error}");
        // The executable lists exactly the assembly's catalogs (experiments, then networks), the same lines the in-process CLI prints.
        Assert.Equal(Landscape.Experiments.LandscapeCli.ListLines(ExperimentCatalog.All, Landscape.NetworkCatalog.All).Where(l => l.Length > 0),
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
        Assert.StartsWith(Landscape.Experiments.LandscapeCli.ListHeader.Split(' ')[0], output, StringComparison.Ordinal);
    }
}
