using System.Linq;
using Landscape.Generators.Common;
using Landscape.Generators.Network.Graph;
using Landscape.Generators.Network.Rules;
using static Landscape.Generators.Network.RuntimeNames;

namespace Landscape.Generators.Network;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// The network's side of <c>Hessian.Operator</c> (DESIGN §5): the two <c>IFixedPointModel</c> members, implemented
    /// explicitly so they cannot clash with the user's members, and the per-example size of the cache.
    /// </summary>
    private static void EmitFixedPointFactory(SourceWriter w, LoweredNetwork network)
    {
        long perExample = network.Plan.CacheBuffers.Sum(b => b.CacheBytesPerExample);
        w.WriteLine("/// <summary>Bytes a Hessian operator keeps per example: the arrays of <see cref=\"FixedPointChunk\"/>.</summary>");
        w.WriteLine($"private const long FixedPointBytesPerExample = {Literals.Long(perExample)};");
        w.WriteLine();
        w.WriteLine("/// <summary>The bytes a Hessian operator on <paramref name=\"data\"/> keeps: <see cref=\"FixedPointBytesPerExample\"/> per example.</summary>");
        using (w.Block($"long {FixedPointModel}.FixedPointBytes({Dataset} data)"))
        {
            w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(data);");
            w.WriteLine("return data.Count * FixedPointBytesPerExample;");
        }
        w.WriteLine();
        w.WriteLine("/// <summary>The Hessian at θ on <paramref name=\"data\"/>, keeping what its products share (see <see cref=\"FixedPoint\"/>).</summary>");
        using (w.Block($"{FixedPointInterface} {FixedPointModel}.CreateFixedPoint({ReadOnlySpan} parameters, {Dataset} data)"))
        {
            w.WriteLine($"{Check}.Length(parameters.Length, TotalParameters, nameof(parameters));");
            w.WriteLine($"{Check}.Data(data, InputSize, OutputSize, nameof(data){ImageShapeArgument(network)});");
            w.WriteLine("return new FixedPoint(parameters, data, data.Count, lossSum: false);");
        }
        w.WriteLine();
    }

    /// <summary>
    /// The operator's classes: <c>FixedPointChunk</c>, the arrays one chunk keeps (values with their R-halves, σ′, σ″,
    /// deltas with their R-halves, upstream deltas, probabilities, argmaxes), and <c>FixedPoint</c>, which builds them in one
    /// pass and then runs each product as R-steps over them, chunk by chunk into the same pairwise tree as the HVP.
    /// </summary>
    private static void EmitFixedPoint(SourceWriter w, LoweredNetwork network)
    {
        var buffers = network.Plan.CacheBuffers.ToList();
        w.WriteLine();
        w.WriteLine("/// <summary>What a Hessian operator keeps of one chunk of <c>rows</c> examples, laid out as the workspace's buffers (the stacked R-halves are the product's scratch).</summary>");
        using (w.Block("private sealed class FixedPointChunk"))
        {
            foreach (WorkspaceBuffer buffer in buffers)
                w.WriteLine($"public readonly {buffer.ElementType}[] {buffer.Name};" + (buffer.Comment is null ? "" : " // " + buffer.Comment));
            w.WriteLine();
            using (w.Block("public FixedPointChunk(int rows)"))
            {
                foreach (WorkspaceBuffer buffer in buffers)
                    w.WriteLine($"{buffer.Name} = new {buffer.ElementType}[{buffer.CacheLengthText}];");
            }
        }
        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine("/// The Hessian at a fixed θ (Hessian.Operator): one pass runs the forward and backward walks and keeps, per chunk, what the");
        w.WriteLine("/// HVP computes without the direction; each product then runs only the R-forward, the R-backward and the H·v weight");
        w.WriteLine("/// terms, with the same kernels on the same operands and the same chunk tree, so it equals HessianVectorProduct bit for");
        w.WriteLine("/// bit. It holds one workspace (θ and its packed weights) until disposed. Not thread-safe.");
        w.WriteLine("/// </summary>");
        using (w.Block($"private sealed class FixedPoint : {FixedPointInterface}"))
        {
            w.WriteLine($$"""
                private readonly Workspace _ws;
                private readonly FixedPointChunk?[] _chunks;
                private readonly {{Dataset}} _data;
                private bool _disposed;

                """);
            w.WriteLine("/// <summary>");
            w.WriteLine("/// Keeps the fixed point of θ on the data: the fixed-point pass over every chunk, with the deltas scaled by 1/<paramref name=\"count\"/>");
            w.WriteLine("/// (the data's own count, or the whole dataset's when the data is a data-parallel part), and the loss: the chunks' loss sums'");
            w.WriteLine("/// tree total, divided by <paramref name=\"count\"/> unless <paramref name=\"lossSum\"/>.");
            w.WriteLine("/// </summary>");
            using (w.Block($"public FixedPoint({ReadOnlySpan} parameters, {Dataset} data, int count, bool lossSum)"))
            {
                w.WriteLine($$"""
                    _data = data;
                    _ws = s_workspaces.Rent();
                    Workspace ws = _ws;
                    parameters.CopyTo(ws.Parameters);
                    ws.PackForward();
                    ws.PackBackward();
                    ws.Inputs = data.InputMemory;
                    ws.Targets = data.TargetMemory;
                    ws.Scale = 1.0 / count;
                    _chunks = new FixedPointChunk?[(data.Count + ChunkSize - 1) / ChunkSize];
                    ws.LossTree.Reset();
                    """);
                using (w.Block("for (int k = 0; k < _chunks.Length; k++)"))
                {
                    w.WriteLine($$"""
                        int rows = Enter(k);
                        {{WorkerPool}}.For({{ExampleBlocks}}.BlockCount(rows, BlockSize), ws.FixedPointBlock);
                        ws.LossTree.Next()[0] = {{ExampleBlocks}}.SumInOrder(ws.Losses.AsSpan(0, rows)); // the chunk's loss sum, in example order
                        ws.LossTree.Add();
                        """);
                }
                w.WriteLine("ws.Cache = null;");
                w.WriteLine("Loss = lossSum ? ws.LossTree.Total() : ws.LossTree.Total() / count;");
            }
            w.WriteLine();
            w.WriteLine("/// <summary>Points the workspace at chunk <paramref name=\"k\"/>: its examples and its kept arrays (made on first entry); returns its number of examples.</summary>");
            using (w.Block("private int Enter(int k)"))
            {
                w.WriteLine($$"""
                    int chunkStart = k * ChunkSize;
                    int rows = {{MathType}}.Min(ChunkSize, _data.Count - chunkStart);
                    _ws.Cache = _chunks[k] ??= new FixedPointChunk(rows);
                    _ws.ChunkStart = chunkStart;
                    _ws.Rows = rows;
                    return rows;
                    """);
            }
            w.WriteLine();
            w.WriteLine("/// <summary>L(θ), from the same per-example losses and tree as <c>Loss</c> (the loss sum for a data-parallel part).</summary>");
            w.WriteLine("public double Loss { get; }");
            w.WriteLine();
            w.WriteLine("/// <summary>The bytes of the kept chunks.</summary>");
            w.WriteLine("public long CacheBytes => _data.Count * FixedPointBytesPerExample;");
            w.WriteLine();
            w.WriteLine("/// <summary>product = H·direction: per chunk, the R-steps of its blocks, then its H·v weight terms into the product tree.</summary>");
            using (w.Block($"public void Multiply({ReadOnlySpan} direction, {Span} product)"))
            {
                w.WriteLine($$"""
                    global::System.ObjectDisposedException.ThrowIf(_disposed, this);
                    {{Check}}.Length(direction.Length, TotalParameters, nameof(direction));
                    {{Check}}.Length(product.Length, TotalParameters, nameof(product));
                    Workspace ws = _ws;
                    direction.CopyTo(ws.Direction); // read before the product is written, so the two may alias
                    ws.PackDirection();
                    {{ReadOnlySpan}} inputs = _data.Inputs;
                    ws.ProductTree.Reset();
                    """);
                using (w.Block("for (int k = 0; k < _chunks.Length; k++)"))
                {
                    w.WriteLine($$"""
                        int rows = Enter(k);
                        FixedPointChunk cache = _chunks[k]!;
                        {{WorkerPool}}.For({{ExampleBlocks}}.BlockCount(rows, BlockSize), ws.OperatorBlock);
                        {{ReadOnlySpan}} x = inputs.Slice(k * ChunkSize * InputSize, rows * InputSize);
                        """);
                    var chunk = new ChunkContext(w, network.Graph, network.Plan, Pass.Operator);
                    EmitChunkPartial(w, "ProductTree", ChunkContext.ProductTarget, () =>
                    {
                        foreach (OpNode node in network.Graph.Nodes) OpRuleTable.For(node).WeightHessian(chunk, node);
                    });
                }
                w.WriteLine("ws.Cache = null;");
                w.WriteLine("ws.ProductTree.Total(product);");
            }
            w.WriteLine();
            w.WriteLine("/// <summary>products[j] = H·directions[j] for <paramref name=\"count\"/> stacked directions, each the single product.</summary>");
            using (w.Block($"public void Multiply({ReadOnlySpan} directions, {Span} products, int count)"))
            {
                w.WriteLine($$"""
                    global::System.ArgumentOutOfRangeException.ThrowIfNegative(count);
                    {{Check}}.Length(directions.Length, count * TotalParameters, nameof(directions));
                    {{Check}}.Length(products.Length, count * TotalParameters, nameof(products));
                    for (int j = 0; j < count; j++)
                        Multiply(directions.Slice(j * TotalParameters, TotalParameters), products.Slice(j * TotalParameters, TotalParameters));
                    """);
            }
            w.WriteLine();
            w.WriteLine("/// <summary>Returns the workspace to the pool and drops the kept chunks.</summary>");
            using (w.Block("public void Dispose()"))
            {
                w.WriteLine($$"""
                    if (_disposed) return;
                    _disposed = true;
                    _ws.Inputs = default;
                    _ws.Targets = default;
                    _ws.Cache = null;
                    s_workspaces.Return(_ws);
                    """);
            }
        }
    }

    /// <summary>The image-shape argument of <c>Check.Data</c> for a spatial network (names the shape in its message), else empty.</summary>
    private static string ImageShapeArgument(LoweredNetwork network) =>
        network.Spec.InputImage is { } image && !network.DenseOnly ? $", {Literals.String(image.ToString())}" : "";
}
