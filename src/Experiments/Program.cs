// The `landscape` command line: the studies of this assembly on the Landscape.Harness CLI host (see docs/cli.md).
return Landscape.Experiments.LandscapeCli.Run(args, Landscape.Experiments.ExperimentCatalog.All);
