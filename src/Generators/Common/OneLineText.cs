using System.Text;

namespace Landscape.Generators.Common;

/// <summary>Text flattened to one line, for generated comments and for source snippets recorded in models.</summary>
internal static class OneLineText
{
    /// <summary>
    /// <paramref name="text"/> with every run of whitespace or control characters (line breaks, U+0085, U+2028 and
    /// U+2029 included) replaced by one space, and none at either end — safe inside a <c>//</c> comment.
    /// </summary>
    public static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029')
            {
                space = builder.Length > 0;
                continue;
            }
            if (space) builder.Append(' ');
            space = false;
            builder.Append(c);
        }
        return builder.ToString();
    }
}
