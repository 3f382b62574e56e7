using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace Landscape.Testing;

/// <summary>
/// Launches <c>mpirun --oversubscribe -np N dotnet app.dll args…</c> as a child process (Open MPI, installed by .ci/run):
/// as root it adds <c>--allow-run-as-root</c>; <c>TERM=dumb</c> keeps terminal escapes out of the ranks' output.
/// </summary>
internal static class Mpirun
{
    /// <summary>The mpirun on PATH; fails the test with the install command when there is none.</summary>
    public static string Path
    {
        get
        {
            foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator))
            {
                string candidate = System.IO.Path.Combine(directory, "mpirun");
                if (directory.Length > 0 && File.Exists(candidate)) return candidate;
            }
            Assert.Fail("mpirun is not installed: install Open MPI ('apt-get install -y openmpi-bin'; .ci/run does it when it is missing).");
            return "";
        }
    }

    /// <summary>The start info of <paramref name="ranks"/> ranks of <c>dotnet <paramref name="dll"/> <paramref name="args"/></c>.</summary>
    public static ProcessStartInfo StartInfo(int ranks, string dll, IEnumerable<string> args)
    {
        Assert.True(File.Exists(dll), $"{dll} was not built");
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Environment.UserName == "root") start.ArgumentList.Add("--allow-run-as-root");
        foreach (string arg in new[] { "--oversubscribe", "-np", ranks.ToString(System.Globalization.CultureInfo.InvariantCulture), "dotnet", dll })
            start.ArgumentList.Add(arg);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        start.Environment["TERM"] = "dumb";
        start.Environment["NO_COLOR"] = "1";
        return start;
    }

    /// <summary>Runs to completion (at most <paramref name="timeout"/>, then the job is killed and the test fails); returns the exit code and both outputs.</summary>
    public static (int ExitCode, string Output, string Error) Run(TimeSpan timeout, int ranks, string dll, params string[] args)
    {
        using Process process = Process.Start(StartInfo(ranks, dll, args)) ?? throw new InvalidOperationException("could not start mpirun");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"mpirun -np {ranks} {System.IO.Path.GetFileName(dll)} {string.Join(' ', args)} did not finish within {timeout} (a hang?)");
        }
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
