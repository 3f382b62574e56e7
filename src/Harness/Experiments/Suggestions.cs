using System;
using System.Collections.Generic;

namespace Landscape.Experiments;

/// <summary>"Did you mean …?" for mistyped names: the closest candidate by edit distance, when close enough.</summary>
public static class Suggestions
{
    /// <summary>
    /// The candidate with the smallest Levenshtein distance to <paramref name="given"/>, or null when even that one
    /// differs in more than max(2, length/3) edits (then a suggestion would be noise).
    /// </summary>
    public static string? Closest(string given, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(candidates);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            int distance = Levenshtein(given, candidate);
            if (distance < bestDistance) (best, bestDistance) = (candidate, distance);
        }
        return bestDistance <= Math.Max(2, given.Length / 3) ? best : null;
    }

    /// <summary>The number of single-character insertions, deletions and substitutions turning a into b.</summary>
    public static int Levenshtein(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
