using System;
using System.IO;
using System.Linq;
using System.Threading;
using Landscape.Reporting;

namespace Landscape.Experiments.Tests.EndToEnd;

/// <summary>
/// A training-heavy study killed with SIGKILL mid-run and continued with <c>--resume</c> produces the same tables and
/// the same claims as a run that was never interrupted.
/// </summary>
public sealed class InterruptionTests : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "landscape-kill-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void Sigkill_then_resume_reproduces_the_uninterrupted_run()
    {
        string[] common = ["run", "subquadratic-growth", "--profile", "test", "--seed", "5", "--threads", "2", "--out", _root];

        var reference = LandscapeProcess.Run(RunTimeout, [.. common, "--run", "reference"]);
        Assert.True(reference.ExitCode == 0, $"uninterrupted run exited {reference.ExitCode}: {reference.Error}");

        // Start the same run, wait for its first training checkpoint, and kill it (Process.Kill is SIGKILL on Unix).
        string killed = Path.Combine(_root, "subquadratic-growth", "killed");
        using (var process = LandscapeProcess.Start([.. common, "--run", "killed"]))
        {
            process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow + RunTimeout;
            string checkpoints = Path.Combine(killed, "checkpoints");
            while (!(Directory.Exists(checkpoints) && Directory.EnumerateFiles(checkpoints, "*.ckpt").Any()))
            {
                Assert.False(process.HasExited, $"the run ended (exit {(process.HasExited ? process.ExitCode : 0)}) before writing a checkpoint");
                Assert.True(DateTime.UtcNow < deadline, "no checkpoint appeared");
                Thread.Sleep(20);
            }
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        Assert.False(File.Exists(Path.Combine(killed, "manifest.json")), "the killed run must not have finished");
        Assert.Empty(Directory.EnumerateFiles(killed, "*.csv"));

        var resumed = LandscapeProcess.Run(RunTimeout, [.. common, "--run", "killed", "--resume"]);
        Assert.True(resumed.ExitCode == 0, $"resumed run exited {resumed.ExitCode}: {resumed.Error}");

        string referenceDirectory = Path.Combine(_root, "subquadratic-growth", "reference");
        var tables = Directory.EnumerateFiles(referenceDirectory).Select(Path.GetFileName)
            .Where(name => name!.EndsWith(".csv", StringComparison.Ordinal) || (name.EndsWith(".json", StringComparison.Ordinal) && name != "manifest.json"))
            .Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(tables);
        foreach (var table in tables)
            Assert.True(File.ReadAllBytes(Path.Combine(referenceDirectory, table!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(killed, table!))), $"{table} differs after resume");

        var expected = Manifest.Read(Path.Combine(referenceDirectory, "manifest.json"));
        var actual = Manifest.Read(Path.Combine(killed, "manifest.json"));
        Assert.True(actual.Resumed);
        Assert.Equal(ExperimentStatus.Passed, actual.Status);
        Assert.Equal(expected.Settings, actual.Settings);
        Assert.Equal(expected.Claims, actual.Claims);
        Assert.Equal(expected.Measurements, actual.Measurements);
        Assert.Equal(expected.Files, actual.Files);
    }
}
