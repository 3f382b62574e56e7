// The `landscape` command line: the studies and networks of this assembly (the studies' networks and the benchmark
// problems P1–P4) on the Landscape.Harness CLI host (see docs/cli.md).
return Landscape.Experiments.LandscapeCli.Run(args, Landscape.Experiments.ExperimentCatalog.All, Landscape.NetworkCatalog.All);
