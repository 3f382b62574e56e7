using System;
using System.Threading;
using Landscape.Experiments;
using Landscape.Experiments.Display;

// The `landscape` command line (see docs/cli.md). Ctrl+C cancels the running experiment cleanly (exit code 130);
// a second Ctrl+C ends the process at once.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (cancellation.IsCancellationRequested) return;
    e.Cancel = true;
    cancellation.Cancel();
};
Console.OutputEncoding = System.Text.Encoding.UTF8;
return Cli.Run(args, Terminal.ForProcess(), ExperimentCatalog.All, cancellation.Token);
