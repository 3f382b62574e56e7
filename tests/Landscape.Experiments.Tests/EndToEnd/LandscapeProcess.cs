using System;
using System.Diagnostics;
using System.IO;

namespace Landscape.Experiments.Tests.EndToEnd;

/// <summary>Runs the built <c>landscape</c> executable (copied next to the tests) as a child process.</summary>
internal static class LandscapeProcess
{
    /// <summary>The CLI's entry assembly.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "landscape.dll");

    /// <summary>Starts <c>dotnet landscape.dll args…</c> with NO_COLOR set and output redirected.</summary>
    public static Process Start(params string[] args)
    {
        Assert.True(File.Exists(Dll), $"{Dll} was not built next to the tests");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
    }

    /// <summary>Runs to completion (at most <paramref name="timeout"/>) and returns the exit code and both outputs.</summary>
    public static (int ExitCode, string Output, string Error) Run(TimeSpan timeout, params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"landscape {string.Join(' ', args)} did not finish within {timeout}");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
