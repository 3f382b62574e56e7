// CustomStudy: a study of one's own on the Landscape command line. The [Experiment] below becomes an entry of the
// generated ExperimentCatalog, and LandscapeCli gives it the same verbs, progress, claims table, run directory
// (tables, figures, manifest.json, report.html) and exit codes as the studies of the `landscape` tool:
//
//   dotnet run -- list
//   dotnet run -- describe step-size-sharpness
//   dotnet run -- run step-size-sharpness --learning-rates 0.5 1 --steps 300
using Landscape.Experiments;

return LandscapeCli.Run(args, ExperimentCatalog.All);
