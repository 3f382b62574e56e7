using System.Text;

namespace Landscape.Generators.Experiment;

/// <summary>
/// The command-line spelling of names. A property name becomes its setting name by splitting it into words and joining
/// them, lower-cased, with hyphens. A new word starts
/// <list type="bullet">
/// <item>at an upper-case letter that follows a lower-case letter or a digit (<c>LearningRates</c> → <c>learning-rates</c>,
/// <c>MaxT</c> → <c>max-t</c>, <c>Layer2Width</c> → <c>layer2-width</c>);</item>
/// <item>at the last upper-case letter of a run of capitals that is followed by a lower-case letter (an acronym ends
/// there: <c>HVPCount</c> → <c>hvp-count</c>, <c>IOStream</c> → <c>io-stream</c>);</item>
/// <item>after any character that is not a letter or digit, which is dropped (<c>max_steps</c> → <c>max-steps</c>).</item>
/// </list>
/// Digits stay with the word before them (<c>L2Penalty</c> → <c>l2-penalty</c>, <c>Top5</c> → <c>top5</c>).
/// </summary>
internal static class KebabCase
{
    /// <summary>The kebab-case form of <paramref name="identifier"/> (empty when it has no letter or digit).</summary>
    public static string From(string identifier)
    {
        var builder = new StringBuilder(identifier.Length + 4);
        bool newWord = false;
        for (int i = 0; i < identifier.Length; i++)
        {
            char c = identifier[i];
            if (!char.IsLetterOrDigit(c))
            {
                newWord = builder.Length > 0;
                continue;
            }
            if (i > 0 && char.IsUpper(c))
            {
                char previous = identifier[i - 1];
                bool afterLowerOrDigit = char.IsLower(previous) || char.IsDigit(previous);
                bool endsAcronym = char.IsUpper(previous) && i + 1 < identifier.Length && char.IsLower(identifier[i + 1]);
                if (afterLowerOrDigit || endsAcronym) newWord = builder.Length > 0;
            }
            if (newWord) builder.Append('-');
            newWord = false;
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    /// <summary>
    /// Whether <paramref name="name"/> is lower-case kebab case, <c>^[a-z][a-z0-9]*(-[a-z0-9]+)*$</c>: ASCII lower-case
    /// letters and digits, words joined by single hyphens, starting with a letter.
    /// </summary>
    public static bool IsValid(string? name)
    {
        if (name is null || name.Length == 0 || name[0] is < 'a' or > 'z') return false;
        for (int i = 1; i < name.Length; i++)
        {
            char c = name[i];
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9')) continue;
            // A hyphen must join two words: not last, not doubled.
            if (c == '-' && i + 1 < name.Length && name[i + 1] != '-') continue;
            return false;
        }
        return true;
    }
}
