using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Landscape.Generators.Tests.Infrastructure;

/// <summary>
/// One span marked in test source: <c>[|text|]</c> (no ID) or <c>{|LSG0104:text|}</c> (with the expected diagnostic ID;
/// <c>{|LSG0001,LSG0004:text|}</c> marks the same span once per ID).
/// </summary>
internal sealed record MarkedSpan(string? Id, TextSpan Span);

/// <summary>
/// Strips span markup from test source (Roslyn-SDK style): <c>[|...|]</c> marks a span, <c>{|ID:...|}</c> marks the span of
/// an expected diagnostic with that ID (several IDs separated by commas). Markup may not nest; a malformed markup throws so a broken test cannot pass silently.
/// </summary>
internal static class SpanMarkup
{
    /// <summary>The source without markup, and the marked spans in order of appearance.</summary>
    public static (string Source, IReadOnlyList<MarkedSpan> Spans) Parse(string markup)
    {
        var source = new StringBuilder(markup.Length);
        var spans = new List<MarkedSpan>();
        int i = 0;
        while (i < markup.Length)
        {
            if (StartsWith(markup, i, "[|"))
            {
                int end = markup.IndexOf("|]", i + 2, StringComparison.Ordinal);
                if (end < 0) throw new FormatException($"Unclosed '[|' at {i}.");
                AddSpan([null], markup.Substring(i + 2, end - i - 2));
                i = end + 2;
            }
            else if (StartsWith(markup, i, "{|"))
            {
                int colon = markup.IndexOf(':', i + 2);
                int end = markup.IndexOf("|}", i + 2, StringComparison.Ordinal);
                if (colon < 0 || end < 0 || colon > end) throw new FormatException($"Malformed '{{|ID:...|}}' at {i}.");
                AddSpan(markup.Substring(i + 2, colon - i - 2).Split(','), markup.Substring(colon + 1, end - colon - 1));
                i = end + 2;
            }
            else
            {
                source.Append(markup[i]);
                i++;
            }
        }
        return (source.ToString(), spans);

        void AddSpan(string?[] ids, string text)
        {
            if (text.Contains("[|", StringComparison.Ordinal) || text.Contains("{|", StringComparison.Ordinal))
                throw new FormatException("Span markup cannot nest.");
            foreach (string? id in ids) spans.Add(new MarkedSpan(id?.Trim(), new TextSpan(source.Length, text.Length)));
            source.Append(text);
        }
    }

    private static bool StartsWith(string text, int index, string prefix) =>
        string.CompareOrdinal(text, index, prefix, 0, prefix.Length) == 0;
}
