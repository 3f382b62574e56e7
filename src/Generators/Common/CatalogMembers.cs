using System.Collections.Generic;
using System.Linq;

namespace Landscape.Generators.Common;

/// <summary>
/// The members every generated catalog has (<c>ExperimentCatalog</c>, <c>NetworkCatalog</c>): <c>All</c>, one descriptor
/// per declaration from a private method each, and <c>Find(name)</c>; and the names of those methods.
/// </summary>
internal static class CatalogMembers
{
    /// <summary><c>All</c>: <paramref name="methods"/> called in order, then a blank line.</summary>
    public static void EmitAll(SourceWriter w, string descriptorType, string summary, IReadOnlyList<string> methods)
    {
        w.WriteLine($"/// <summary>{summary}</summary>");
        w.WriteLine($"public static global::System.Collections.Generic.IReadOnlyList<{descriptorType}> All {{ get; }} =");
        w.WriteLine("[");
        w.Indentation++;
        foreach (string method in methods) w.WriteLine(method + "(),");
        w.Indentation--;
        w.WriteLine("];");
        w.WriteLine();
    }

    /// <summary><c>Find</c>: the descriptor of <c>All</c> with a name (ordinal), or null; then a blank line.</summary>
    public static void EmitFind(SourceWriter w, string descriptorType, string noun)
    {
        w.WriteLine($"/// <summary>The {noun} named <paramref name=\"name\"/> (ordinal comparison), or null when there is none.</summary>");
        using (w.Block($"public static {descriptorType}? Find(string name)"))
        {
            using (w.Block($"foreach ({descriptorType} descriptor in All)"))
            {
                w.WriteLine("if (string.Equals(descriptor.Name, name, global::System.StringComparison.Ordinal)) return descriptor;");
            }
            w.WriteLine("return null;");
        }
        w.WriteLine();
    }

    /// <summary>
    /// The private method that builds each descriptor: <c>{SimpleName}Descriptor</c>, with the entry's position appended
    /// when two entries share a simple type name (in different namespaces or containing types).
    /// </summary>
    public static IReadOnlyList<string> DescriptorMethodNames(IReadOnlyList<string> simpleNames)
    {
        var counts = simpleNames.GroupBy(n => n, System.StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), System.StringComparer.Ordinal);
        return simpleNames.Select((n, i) => counts[n] == 1 ? n + "Descriptor" : n + "Descriptor" + Literals.Int(i)).ToList();
    }
}
