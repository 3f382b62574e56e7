using System;
using System.CommandLine;

namespace Landscape.Experiments;

/// <summary>The verbs of the <c>landscape</c> command line.</summary>
internal static class Cli
{
    /// <summary>The column header printed by <c>landscape list</c>.</summary>
    public const string ListHeader = "NAME                      SUMMARY";

    /// <summary><c>landscape list</c>: the available studies, one per line under a header.</summary>
    public static Command ListCommand()
    {
        var command = new Command("list", "List the available studies.");
        command.SetAction(parseResult =>
        {
            // The studies (subquadratic-growth, edge-of-stability, learning-rate-decay, data-magnitudes) are not
            // implemented yet; the catalog is empty, so only the header is printed.
            parseResult.InvocationConfiguration.Output.WriteLine(ListHeader);
            return 0;
        });
        return command;
    }
}
