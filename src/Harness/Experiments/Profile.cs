namespace Landscape.Experiments;

/// <summary>How much work an experiment does. Every profile measures every claim; they differ in problem sizes.</summary>
public enum Profile
{
    /// <summary>The full study as reported (minutes to tens of minutes per study on 2 cores).</summary>
    Full,

    /// <summary><c>--quick</c>: all the studies together in under five minutes on 2 cores, still showing every claim.</summary>
    Quick,

    /// <summary>The reduced profile the test suite runs: seconds per study, same claims.</summary>
    Test,
}
