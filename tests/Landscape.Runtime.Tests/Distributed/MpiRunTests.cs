using System;
using System.IO;
using System.Linq;
using Landscape.Testing;

namespace Landscape.Tests.Distributed;

/// <summary>
/// Outside code (tests/Landscape.Mpi.Probe) wrapping a network in DataParallelModel under real <c>mpirun -np 1…4</c>:
/// loss, gradient, H·v, the top-3 eigenpairs, a trace estimate and 25 heavy-ball steps are the same bits on every rank
/// count, equal to the plain network on the whole dataset in one process; a rank that throws ends the job.
/// </summary>
public sealed class MpiRunTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>The probe program, built by the same configuration as these tests.</summary>
    private static string Probe
    {
        get
        {
            string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<configuration>/net10.0
            return Path.Combine(TestData.RepositoryRoot, "tests", "Landscape.Mpi.Probe", "bin", configuration, "net10.0", "Landscape.Mpi.Probe.dll");
        }
    }

    /// <summary>The probe's result lines without the first ("ranks N").</summary>
    private static string[] Results(string output, int ranks)
    {
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 9 && lines[0] == $"ranks {ranks}", $"unexpected output:\n{output}");
        return lines[1..];
    }

    private static string[] Plain()
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet", [Probe, "plain"]) { RedirectStandardOutput = true })!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return Results(output, 1);
    }

    [Fact]
    public void DataParallelProbes_GiveThePlainBits_OnOneToFourRanks()
    {
        string[] plain = Plain();
        foreach ((int ranks, int threads) in new[] { (1, 1), (2, 1), (3, 1), (4, 1), (2, 2) })
        {
            var run = Mpirun.Run(Timeout, ranks, Probe, "threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(run.ExitCode == 0, $"-np {ranks} exited {run.ExitCode}: {run.Error}");
            string[] results = Results(run.Output, ranks);
            for (int i = 0; i < plain.Length; i++)
                Assert.True(plain[i] == results[i], $"-np {ranks}, {threads} threads: '{results[i]}' instead of '{plain[i]}'");
        }
    }

    [Fact]
    public void ARankThatThrows_EndsTheJob()
    {
        var run = Mpirun.Run(Timeout, 3, Probe, "fail-on-rank", "1");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("rank 1 fails on purpose", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("trajectory", run.Output, StringComparison.Ordinal);
    }
}
