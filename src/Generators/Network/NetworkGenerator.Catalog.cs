using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Landscape.Generators.Common;
using Landscape.Generators.Network.Catalog;
using Landscape.Generators.Network.Graph;
using Landscape.Generators.Network.Model;
using Landscape.Generators.Network.Rules;
using Microsoft.CodeAnalysis.Text;

namespace Landscape.Generators.Network;

public sealed partial class NetworkGenerator
{
    /// <summary>The file name of the generated network catalog (one per assembly with networks).</summary>
    internal const string CatalogHintName = "NetworkCatalog.g.cs";

    // Runtime names used by the catalog, declared once and global::-qualified, so user types with the same simple names
    // (the catalog lives in the user's assembly) cannot capture them.
    private const string NetworkDescriptor = "global::" + KnownTypeNames.NetworkDescriptor;
    private const string LossFunction = "global::" + KnownTypeNames.LossFunction;
    private const string ReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";
    private const string StringComparison = "global::System.StringComparison";

    /// <summary>
    /// The catalog entry of <paramref name="spec"/>: the network lowered, its architecture and sizes, and its FLOPs per
    /// example counted over the op graph (<see cref="FlopCount"/>).
    /// </summary>
    internal static NetworkCatalogEntry CatalogEntry(NetworkSpec spec)
    {
        var network = new LoweredNetwork(spec);
        OpGraph graph = network.Graph;
        FlopCount flops = FlopCount.Of(graph);
        int[] shape = spec.InputImage is { } image ? [image.Channels, image.Height, image.Width] : [spec.InputSize];
        return new NetworkCatalogEntry(spec.TypeName.TrimStart('@'), spec.QualifiedName, spec.NotInCatalog, network.Architecture,
            graph.ParameterCount, shape.ToEquatableArray(), network.OutputSize, spec.Loss, flops.Loss, flops.Gradient, flops.Hvp,
            DescribeMaps(graph, flops));
    }

    /// <summary>"dense0 200×784* = 156,800; dense1 200×200 = 40,000 (I = 156,800, S = 40,000)": each map's GEMM per example, * on the maps in I.</summary>
    private static string DescribeMaps(OpGraph graph, FlopCount flops)
    {
        IEnumerable<string> maps = flops.Maps.Select(map =>
        {
            string positions = map.Positions > 1 ? "×" + Literals.Int(map.Positions) : "";
            string input = FlopCount.ReadsInput(graph, map) ? "*" : "";
            return $"{map.Op} {Literals.Int(map.Rows)}×{Literals.Int(map.Columns)}{positions}{input} = {Literals.Grouped(map.MultiplyAdds)}";
        });
        return $"{string.Join("; ", maps)} (I = {Literals.Grouped(flops.InputMultiplyAdds)}, S = {Literals.Grouped(flops.OtherMultiplyAdds)})";
    }

    /// <summary>The catalog model: the entries ordered by name, then qualified name (ordinal), so the output does not depend on file order.</summary>
    private static NetworkCatalogSpec Catalog(ImmutableArray<NetworkCatalogEntry> entries) => new(entries
        .OrderBy(e => e.Name, System.StringComparer.Ordinal)
        .ThenBy(e => e.QualifiedName, System.StringComparer.Ordinal)
        .ToEquatableArray());

    /// <summary>Generates <c>NetworkCatalog.g.cs</c> for the entries of <paramref name="catalog"/> (already sorted).</summary>
    internal static SourceText EmitCatalog(NetworkCatalogSpec catalog)
    {
        List<NetworkCatalogEntry> listed = catalog.Networks.Where(e => e.NotInCatalog is null).ToList();
        IReadOnlyList<string> names = CatalogNames(listed);
        IReadOnlyList<string> methods = DescriptorMethodNames(listed);
        var w = new SourceWriter();
        EmitCatalogHeader(w, catalog, listed, names);
        w.WriteLine("namespace Landscape;");
        w.WriteLine();
        w.WriteLine("/// <summary>The networks declared in this assembly with <c>[Network]</c>, ordered by name: what <c>landscape bench</c> times.</summary>");
        w.WriteLine($"[global::System.CodeDom.Compiler.GeneratedCode(\"Landscape.Generators\", \"{s_version}\")]");
        using (w.Block("internal static partial class NetworkCatalog"))
        {
            w.WriteLine("/// <summary>Every network of this assembly that <c>new T()</c> can create here, ordered by name (ordinal).</summary>");
            w.WriteLine($"public static {ReadOnlyList}<{NetworkDescriptor}> All {{ get; }} =");
            w.WriteLine("[");
            w.Indentation++;
            foreach (string method in methods) w.WriteLine(method + "(),");
            w.Indentation--;
            w.WriteLine("];");
            w.WriteLine();
            w.WriteLine("/// <summary>The network named <paramref name=\"name\"/> (ordinal comparison), or null when there is none.</summary>");
            using (w.Block($"public static {NetworkDescriptor}? Find(string name)"))
            {
                using (w.Block($"foreach ({NetworkDescriptor} descriptor in All)"))
                {
                    w.WriteLine($"if (string.Equals(descriptor.Name, name, {StringComparison}.Ordinal)) return descriptor;");
                }
                w.WriteLine("return null;");
            }
            for (int i = 0; i < listed.Count; i++)
            {
                w.WriteLine();
                EmitDescriptor(w, listed[i], names[i], methods[i]);
            }
        }
        return w.ToSourceText();
    }

    /// <summary>The header: what is counted and how, then each network with its maps and counts, then the networks left out and why.</summary>
    private static void EmitCatalogHeader(SourceWriter w, NetworkCatalogSpec catalog, List<NetworkCatalogEntry> listed, IReadOnlyList<string> names)
    {
        w.WriteLine("// <auto-generated/>");
        w.WriteLine("// Generated by Landscape.Generators (NetworkGenerator). Do not edit: change the declarations instead.");
        w.WriteLine("//");
        w.WriteLine($"// The [Network] classes of this assembly ({Literals.Int(listed.Count)}), by name, with the FLOPs of one example: 2 per multiply-add of");
        w.WriteLine("// each linear map (dense maps; convolutions as their im2col GEMMs, out-channels × in-channels·k·k at every output");
        w.WriteLine("// position; residual projections), nothing for activations, biases, pooling, residual adds and the loss head. With I");
        w.WriteLine("// the multiply-adds of the maps reading a value that does not depend on θ (marked *: no delta and no R-image there)");
        w.WriteLine("// and S those of the others: loss 2(I + S); gradient 2(2I + 3S) (forward, input deltas, weight gradients); HVP");
        w.WriteLine("// without gradient output 2(3I + 8S) (forward, R-forward, deltas, R-deltas, weight terms).");
        for (int i = 0; i < listed.Count; i++)
        {
            NetworkCatalogEntry entry = listed[i];
            w.WriteLine("//");
            w.WriteLine($"//   {names[i]} ({entry.QualifiedName}): {entry.Architecture}");
            w.WriteLine($"//     maps: {entry.Maps}");
            w.WriteLine($"//     per example: loss {Literals.Grouped(entry.LossFlops)}, gradient {Literals.Grouped(entry.GradientFlops)}, HVP {Literals.Grouped(entry.HvpFlops)} FLOPs");
        }
        foreach (NetworkCatalogEntry entry in catalog.Networks.Where(e => e.NotInCatalog is not null))
        {
            w.WriteLine("//");
            w.WriteLine($"//   Not listed: {entry.QualifiedName} {entry.NotInCatalog}, so 'new {entry.Name}()' cannot appear here.");
        }
        w.WriteLine("#nullable enable");
        w.WriteLine("#pragma warning disable CS1591 // every public member is documented; this guards members added later");
        w.WriteLine();
    }

    /// <summary>One network's descriptor; the architecture is the network's generated <c>Architecture</c> constant.</summary>
    private static void EmitDescriptor(SourceWriter w, NetworkCatalogEntry entry, string name, string method)
    {
        string shape = string.Join(", ", entry.InputShape.Select(e => Literals.Int(e)));
        string loss = entry.Loss == LossKind.MeanSquaredError ? "MeanSquaredError" : "SoftmaxCrossEntropy";
        w.WriteLine($"/// <summary>The descriptor of <see cref=\"{entry.QualifiedName}\"/>.</summary>");
        w.WriteLine($"private static {NetworkDescriptor} {method}() => new(");
        w.Indentation++;
        w.WriteLine($"name: {Literals.String(name)},");
        w.WriteLine($"architecture: {entry.QualifiedName}.Architecture,");
        w.WriteLine($"parameterCount: {Literals.Int(entry.ParameterCount)},");
        w.WriteLine($"inputShape: [{shape}],");
        w.WriteLine($"outputSize: {Literals.Int(entry.OutputSize)},");
        w.WriteLine($"loss: {LossFunction}.{loss},");
        w.WriteLine($"lossFlopsPerExample: {Literals.Long(entry.LossFlops)},");
        w.WriteLine($"gradientFlopsPerExample: {Literals.Long(entry.GradientFlops)},");
        w.WriteLine($"hvpFlopsPerExample: {Literals.Long(entry.HvpFlops)},");
        w.WriteLine($"create: static () => new {entry.QualifiedName}());");
        w.Indentation--;
    }

    /// <summary>
    /// The names the catalog gives: the class name, or the qualified name without <c>global::</c> when two listed networks
    /// share a class name (in different namespaces or containing types).
    /// </summary>
    private static IReadOnlyList<string> CatalogNames(List<NetworkCatalogEntry> listed)
    {
        var counts = listed.GroupBy(e => e.Name, System.StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), System.StringComparer.Ordinal);
        return listed.Select(e => counts[e.Name] == 1 ? e.Name : e.QualifiedName.Replace("global::", "").Replace("@", "")).ToList();
    }

    /// <summary><c>{Name}Descriptor</c>, with the network's position appended when two networks share a class name.</summary>
    private static IReadOnlyList<string> DescriptorMethodNames(List<NetworkCatalogEntry> listed)
    {
        var counts = listed.GroupBy(e => e.Name, System.StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), System.StringComparer.Ordinal);
        return listed.Select((e, i) => counts[e.Name] == 1 ? e.Name + "Descriptor" : e.Name + "Descriptor" + Literals.Int(i)).ToList();
    }
}
