using Landscape.Generators.Common;
using Landscape.Generators.Network.Graph;
using Landscape.Generators.Network.Rules;
using static Landscape.Generators.Network.RuntimeNames;

namespace Landscape.Generators.Network;

public sealed partial class NetworkGenerator
{
    private const string IPartialSums = PartialSumsInterface;

    /// <summary>
    /// The partial sums of a run of whole chunks for data-parallel evaluation (DESIGN §10): a second partial declaration
    /// implementing <c>IPartialSums</c> explicitly, so the network's public surface stays that of §2. Each method is the
    /// chunk loop with the deltas scaled by the caller's global count and the loss sum left undivided; the public Loss,
    /// Gradient and HessianVectorProduct call them with the dataset's own count and divide the loss sum by it. The same
    /// declaration builds a Hessian operator's fixed point over such a part (<c>IPartialFixedPoints</c>).
    /// </summary>
    private static void EmitPartialSums(SourceWriter w, LoweredNetwork network)
    {
        w.WriteLine();
        using (w.Block($"partial {network.Spec.TypeKeyword} {network.Spec.TypeName} : {PartialFixedPointsInterface}"))
        {
            w.WriteLine("/// <summary>Examples per chunk: a data-parallel shard starts at a multiple of it.</summary>");
            w.WriteLine($"int {IPartialSums}.ChunkSize => ChunkSize;");
            w.WriteLine();

            w.WriteLine("/// <summary>The tree sum of the per-example losses over the chunks of <paramref name=\"data\"/>, part of a dataset of <paramref name=\"count\"/> examples.</summary>");
            using (w.Block($"double {IPartialSums}.LossSum({ReadOnlySpan} parameters, {Dataset} data, int count)"))
            {
                EmitPartialSumsChecks(w);
                EmitChunkLoop(w, network, Pass.Values, chunkBody: static (_, _) => { }, perChunkLosses: null, scaleCount: "count");
            }
            w.WriteLine();

            w.WriteLine("/// <summary>The tree sum of the chunks' gradient partials (deltas scaled by 1/<paramref name=\"count\"/>); returns the loss sum.</summary>");
            using (w.Block($"double {IPartialSums}.GradientSum({ReadOnlySpan} parameters, {Dataset} data, int count, {Span} gradient)"))
            {
                EmitPartialSumsChecks(w);
                w.WriteLine($"{Check}.Length(gradient.Length, TotalParameters, nameof(gradient));");
                EmitChunkLoop(w, network, Pass.Gradient, chunkBody: EmitGradientChunk, perChunkLosses: null, scaleCount: "count");
            }
            w.WriteLine();

            w.WriteLine("/// <summary>The tree sums of the chunks' H·v (and, when <paramref name=\"gradient\"/> is not empty, gradient) partials; returns the loss sum.</summary>");
            using (w.Block($"double {IPartialSums}.HessianVectorProductSum({ReadOnlySpan} parameters, {Dataset} data, int count, {ReadOnlySpan} direction, {Span} product, {Span} gradient)"))
            {
                EmitPartialSumsChecks(w);
                w.WriteLine($$"""
                    {{Check}}.Length(direction.Length, TotalParameters, nameof(direction));
                    {{Check}}.Length(product.Length, TotalParameters, nameof(product));
                    if (!gradient.IsEmpty) {{Check}}.Length(gradient.Length, TotalParameters, nameof(gradient));
                    """);
                EmitChunkLoop(w, network, Pass.Hessian, chunkBody: EmitHessianChunk, perChunkLosses: null, scaleCount: "count");
            }
            w.WriteLine();

            w.WriteLine("/// <summary>The Hessian operator's fixed point on the chunks of <paramref name=\"data\"/>, part of a dataset of <paramref name=\"count\"/> examples: products scaled by 1/<paramref name=\"count\"/>, Loss the part's loss sum.</summary>");
            using (w.Block($"{FixedPointInterface} {PartialFixedPointsInterface}.CreateFixedPointPart({ReadOnlySpan} parameters, {Dataset} data, int count)"))
            {
                EmitPartialSumsChecks(w);
                w.WriteLine($"{Check}.Data(data, InputSize, OutputSize, nameof(data){ImageShapeArgument(network)});");
                w.WriteLine("return new FixedPoint(parameters, data, count, lossSum: true);");
            }
        }
    }

    /// <summary>The checks every partial-sums method starts with: θ's length, and a global count that covers the data.</summary>
    private static void EmitPartialSumsChecks(SourceWriter w)
    {
        w.WriteLine($"{Check}.Length(parameters.Length, TotalParameters, nameof(parameters));");
        w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(data);");
        w.WriteLine($"{Check}.Count(count, data.Count, nameof(count));");
    }

    /// <summary>The gradient pass's work after a chunk's blocks: its weight gradients into a fresh partial of the gradient tree.</summary>
    private static void EmitGradientChunk(SourceWriter writer, LoweredNetwork lowered)
    {
        var chunk = new ChunkContext(writer, lowered.Graph, lowered.Plan, Pass.Gradient);
        EmitChunkPartial(writer, "GradientTree", ChunkContext.GradientTarget, () =>
        {
            foreach (OpNode node in lowered.Graph.Nodes) OpRuleTable.For(node).WeightGradient(chunk, node);
        });
    }

    /// <summary>The HVP pass's work after a chunk's blocks: its H·v weight terms, and its weight gradients when a gradient is wanted.</summary>
    private static void EmitHessianChunk(SourceWriter writer, LoweredNetwork lowered)
    {
        var chunk = new ChunkContext(writer, lowered.Graph, lowered.Plan, Pass.Hessian);
        EmitChunkPartial(writer, "ProductTree", ChunkContext.ProductTarget, () =>
        {
            foreach (OpNode node in lowered.Graph.Nodes) OpRuleTable.For(node).WeightHessian(chunk, node);
        });
        using (writer.Block("if (!gradient.IsEmpty)"))
        {
            EmitChunkPartial(writer, "GradientTree", ChunkContext.GradientTarget, () =>
            {
                foreach (OpNode node in lowered.Graph.Nodes) OpRuleTable.For(node).WeightGradient(chunk, node);
            });
        }
    }
}
