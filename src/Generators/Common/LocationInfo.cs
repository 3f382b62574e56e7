using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Landscape.Generators.Common;

/// <summary>An equatable snapshot of a source location (a <see cref="Location"/> keeps the compilation alive and never compares equal across runs).</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    /// <summary>Snapshots <paramref name="location"/>, or returns null when it is not in source.</summary>
    public static LocationInfo? From(Location? location) =>
        location is { IsInSource: true } ? new LocationInfo(location.SourceTree!.FilePath, location.SourceSpan, location.GetLineSpan().Span) : null;

    /// <summary>Snapshots the location of <paramref name="node"/>.</summary>
    public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());

    /// <summary>Rebuilds a <see cref="Location"/> for reporting.</summary>
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
