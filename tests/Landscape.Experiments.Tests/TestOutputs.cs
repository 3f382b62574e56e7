namespace Landscape.Experiments.Tests;

/// <summary>
/// For tests that call a study's <c>Run</c> directly (without <see cref="ExperimentRunner"/>, so without figures and
/// reports): writes the tables the context collected, as the runner would, and returns the result.
/// </summary>
internal static class TestOutputs
{
    /// <summary>Writes every table of <paramref name="result"/> into <paramref name="context"/>'s directory.</summary>
    public static ExperimentResult WriteTables(this ExperimentResult result, ExperimentContext context)
    {
        foreach (ResultTable table in result.Tables) table.Write(context.OutputDirectory);
        return result;
    }
}
