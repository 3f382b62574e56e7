using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Landscape.Testing;

namespace Landscape.Experiments.Tests.EndToEnd;

/// <summary>
/// The studies under real <c>mpirun --oversubscribe -np N landscape run …</c> (test profile, one thread per rank): the
/// tables are byte-identical to a one-process run, rank 0 alone prints and writes, a rank killed with SIGKILL or a study
/// that throws on one rank ends the job, and <c>--resume</c> afterwards completes with identical tables.
/// </summary>
public sealed class MpiStudyTests : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "landscape-mpi-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    // The MLP only: what is distributed is the same generated code path for every architecture, and the CNNs' test
    // profile would triple these runs (the one-process studies test the CNNs).
    private string[] Common(string study) => ["run", study, "--profile", "test", "--seed", "0", "--threads", "1", "--out", _root, "--architectures", "mlp"];

    /// <summary>The tables (CSV and JSON, not the manifest) of a run directory, by name.</summary>
    private static string[] Tables(string directory) => Directory.EnumerateFiles(directory).Select(Path.GetFileName)
        .Where(name => name!.EndsWith(".csv", StringComparison.Ordinal) || (name.EndsWith(".json", StringComparison.Ordinal) && name != "manifest.json"))
        .Order(StringComparer.Ordinal).ToArray()!;

    private static void AssertSameTables(string expected, string actual)
    {
        string[] names = Tables(expected);
        Assert.NotEmpty(names);
        Assert.Equal(names, Tables(actual));
        foreach (string name in names)
            Assert.True(File.ReadAllBytes(Path.Combine(expected, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, name))), $"{name} differs");
    }

    [Fact]
    public void EdgeOfStability_OnThreeRanks_WritesTheOneProcessTables()
    {
        var single = LandscapeProcess.Run(RunTimeout, [.. Common("edge-of-stability"), "--run", "single"]);
        Assert.True(single.ExitCode == 0, $"one process exited {single.ExitCode}: {single.Error}");
        var three = Mpirun.Run(RunTimeout, 3, LandscapeProcess.Dll, [.. Common("edge-of-stability"), "--run", "three"]);
        Assert.True(three.ExitCode == 0, $"-np 3 exited {three.ExitCode}: {three.Error}");
        AssertSameTables(Path.Combine(_root, "edge-of-stability", "single"), Path.Combine(_root, "edge-of-stability", "three"));
        // Rank 0 alone prints: one header line, one claims summary.
        Assert.Single(three.Output.Split('\n'), line => line.StartsWith("▶ edge-of-stability", StringComparison.Ordinal));
        Assert.Contains("ranks 3", three.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void SkipConnections_OnThreeRanks_WritesTheOneProcessTables()
    {
        // Its residual and plain CNNs go through context.Distribute like the MLPs above, and its λmax, λmin and growth
        // probes through the Hessian operator, which keeps every rank's fixed points under MPI. (No --architectures: the
        // study's networks are its own.)
        string[] common = ["run", "skip-connections", "--profile", "test", "--seed", "0", "--threads", "1", "--out", _root];
        var single = LandscapeProcess.Run(RunTimeout, [.. common, "--run", "single"]);
        Assert.True(single.ExitCode == 0, $"one process exited {single.ExitCode}: {single.Error}");
        var three = Mpirun.Run(RunTimeout, 3, LandscapeProcess.Dll, [.. common, "--run", "three"]);
        Assert.True(three.ExitCode == 0, $"-np 3 exited {three.ExitCode}: {three.Error}");
        AssertSameTables(Path.Combine(_root, "skip-connections", "single"), Path.Combine(_root, "skip-connections", "three"));
    }

    [Fact]
    public void SubquadraticGrowth_OnThreeRanks_AndAfterASigkilledRankAndResume_WritesTheOneProcessTables()
    {
        var single = LandscapeProcess.Run(RunTimeout, [.. Common("subquadratic-growth"), "--run", "single"]);
        Assert.True(single.ExitCode == 0, $"one process exited {single.ExitCode}: {single.Error}");
        string expected = Path.Combine(_root, "subquadratic-growth", "single");

        var three = Mpirun.Run(RunTimeout, 3, LandscapeProcess.Dll, [.. Common("subquadratic-growth"), "--run", "three"]);
        Assert.True(three.ExitCode == 0, $"-np 3 exited {three.ExitCode}: {three.Error}");
        AssertSameTables(expected, Path.Combine(_root, "subquadratic-growth", "three"));

        // Two ranks; once rank 0 has written a training checkpoint, SIGKILL rank 1: mpirun must end the job.
        string killed = Path.Combine(_root, "subquadratic-growth", "killed");
        using (Process job = Process.Start(Mpirun.StartInfo(2, LandscapeProcess.Dll, [.. Common("subquadratic-growth"), "--run", "killed"]))!)
        {
            job.StandardOutput.ReadToEndAsync();
            job.StandardError.ReadToEndAsync();
            string checkpoints = Path.Combine(killed, "checkpoints");
            var deadline = DateTime.UtcNow + RunTimeout;
            while (!(Directory.Exists(checkpoints) && Directory.EnumerateFiles(checkpoints, "*.ckpt").Any()))
            {
                Assert.False(job.HasExited, $"the job ended (exit {(job.HasExited ? job.ExitCode : 0)}) before writing a checkpoint");
                Assert.True(DateTime.UtcNow < deadline, "no checkpoint appeared");
                Thread.Sleep(20);
            }
            int rank1 = RankProcess(job.Id, 1);
            Process.GetProcessById(rank1).Kill(); // SIGKILL
            bool ended = job.WaitForExit(TimeSpan.FromMinutes(2));
            if (!ended) job.Kill(entireProcessTree: true);
            Assert.True(ended, "the job did not end after a rank was killed (a hang)");
            Assert.NotEqual(0, job.ExitCode);
        }
        Assert.False(File.Exists(Path.Combine(killed, "manifest.json")), "the killed run must not have finished");

        var resumed = Mpirun.Run(RunTimeout, 2, LandscapeProcess.Dll, [.. Common("subquadratic-growth"), "--run", "killed", "--resume"]);
        Assert.True(resumed.ExitCode == 0, $"the resumed job exited {resumed.ExitCode}: {resumed.Error}");
        Assert.Contains("resuming from", resumed.Output, StringComparison.Ordinal);
        AssertSameTables(expected, killed);
    }

    [Fact]
    public void AStudyThatThrowsOnOneRank_EndsTheJob()
    {
        // The probe program is a user's CLI host over its own experiment, which throws on rank 1 while rank 0 waits.
        string probe = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "Landscape.Mpi.Probe", "bin",
            new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name, "net10.0", "Landscape.Mpi.Probe.dll");
        var run = Mpirun.Run(TimeSpan.FromMinutes(3), 3, Path.GetFullPath(probe), "cli", "run", "rank-failure", "--out", _root, "--run", "failing");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("rank-failure failed on rank 1 of 3; ending the MPI job", run.Error, StringComparison.Ordinal);
        Assert.Contains("rank 1 fails on purpose", run.Error, StringComparison.Ordinal);
    }

    /// <summary>The process id of MPI rank <paramref name="rank"/> among the children of mpirun <paramref name="mpirun"/> (Linux /proc).</summary>
    private static int RankProcess(int mpirun, int rank)
    {
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out int pid)) continue;
            try
            {
                string stat = File.ReadAllText(Path.Combine(directory, "stat"));
                int parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                if (parent != mpirun) continue;
                string[] environment = File.ReadAllText(Path.Combine(directory, "environ")).Split('\0');
                if (environment.Contains($"OMPI_COMM_WORLD_RANK={rank}")) return pid;
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }
        Assert.Fail($"no rank {rank} among the children of mpirun {mpirun}");
        return -1;
    }
}
