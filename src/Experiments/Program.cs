using System.CommandLine;
using Landscape.Experiments;

// The `landscape` command line. For now it lists the (not yet written) studies; `run` and `describe` arrive with the
// experiments issue. `--version` is provided by System.CommandLine's RootCommand.
var root = new RootCommand("Landscape: loss-landscape studies beyond the quadratic approximation.");
root.Subcommands.Add(Cli.ListCommand());
return root.Parse(args).Invoke();
