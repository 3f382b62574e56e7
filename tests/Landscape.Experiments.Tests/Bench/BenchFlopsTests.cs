using System.Linq;
using Landscape.Benchmarks;

namespace Landscape.Experiments.Tests.Bench;

/// <summary>
/// The generated network catalog's FLOPs per example equal bench/'s analytic counts (Flops.Analytic.cs, the formulas of
/// BENCHMARKS.md) for the benchmark problems P1–P4, which the <c>landscape</c> tool declares and benches.
/// </summary>
public sealed class BenchFlopsTests
{
    public static TheoryData<string> Problems => new() { "P1Network", "P2Network", "P3LeNet5", "P4ResNet8" };

    [Theory]
    [MemberData(nameof(Problems))]
    public void GeneratedCounts_EqualBenchAnalyticCounts(string network)
    {
        NetworkDescriptor descriptor = Assert.IsType<NetworkDescriptor>(Landscape.NetworkCatalog.Find(network));
        OperationFlops analytic = network switch
        {
            "P1Network" => Flops.Dense(Flops.P1Widths, 1),
            "P2Network" => Flops.Dense(Flops.P2Widths, 1),
            "P3LeNet5" => Flops.Layered(Flops.P3Maps, 1),
            _ => Flops.Layered(Flops.P4Maps, 1),
        };
        Assert.Equal(analytic.Loss, descriptor.LossFlopsPerExample);
        Assert.Equal(analytic.Gradient, descriptor.GradientFlopsPerExample);
        Assert.Equal(analytic.Hvp, descriptor.HvpFlopsPerExample);
    }

    [Fact]
    public void TheToolBenchesTheStudiesNetworks_AndP1ToP4()
    {
        var names = Landscape.NetworkCatalog.All.Select(d => d.Name).ToHashSet();
        foreach (string name in new[] { "P1Network", "P2Network", "P3LeNet5", "P4ResNet8", "FcTanh32", "TwoMagnitudeMlp", "MagnitudeTanhNetwork" })
            Assert.Contains(name, names);
    }
}
