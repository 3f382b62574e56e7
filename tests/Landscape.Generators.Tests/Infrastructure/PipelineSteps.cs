using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Landscape.Generators.Network.Model;
using Microsoft.CodeAnalysis;

namespace Landscape.Generators.Tests.Infrastructure;

/// <summary>Reads the tracked pipeline steps of a generator run (the specs the parser built, the run reasons of each step).</summary>
internal static class PipelineSteps
{
    /// <summary>Runs the generator once on <paramref name="compilation"/> and returns the specs of the valid networks, in pipeline order.</summary>
    public static IReadOnlyList<NetworkSpec> Specs(Compilation compilation)
    {
        GeneratorDriverRunResult result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult();
        return Outputs(result, TrackingNames.NetworkSpecs).Select(o => (NetworkSpec)o.Value).ToList();
    }

    /// <summary>Every output of the tracked step <paramref name="stepName"/> (empty when the step did not run), over all generators.</summary>
    public static IReadOnlyList<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorDriverRunResult result, string stepName)
    {
        Assert.All(result.Results, run => Assert.Null(run.Exception));
        return result.Results
            .SelectMany(run => run.TrackedSteps.TryGetValue(stepName, out ImmutableArray<IncrementalGeneratorRunStep> steps) ? steps : [])
            .SelectMany(s => s.Outputs)
            .ToList();
    }

    /// <summary>The run reasons of the tracked step <paramref name="stepName"/>.</summary>
    public static IReadOnlyList<IncrementalStepRunReason> Reasons(GeneratorDriverRunResult result, string stepName) =>
        Outputs(result, stepName).Select(o => o.Reason).ToList();

    /// <summary>The run reasons of the source outputs (the RegisterSourceOutput steps) of all generators.</summary>
    public static IReadOnlyList<IncrementalStepRunReason> SourceOutputReasons(GeneratorDriverRunResult result) =>
        result.Results.SelectMany(run => run.TrackedOutputSteps).SelectMany(kv => kv.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
}
