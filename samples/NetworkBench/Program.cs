// NetworkBench: one's own networks timed on the Landscape command line. The [Network] classes in Networks.cs become
// entries of the generated Landscape.NetworkCatalog, and LandscapeCli gives them the `bench` verb of the `landscape`
// tool (no experiments here, hence the empty list):
//
//   dotnet run -c Release -- list
//   dotnet run -c Release -- bench Regression30 --examples 1000
//   dotnet run -c Release -- bench --operations loss,gradient --threads 1
using Landscape;
using Landscape.Experiments;

return LandscapeCli.Run(args, [], NetworkCatalog.All);
