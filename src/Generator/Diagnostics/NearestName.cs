namespace KvmSharp.Generator.Diagnostics;

/// <summary>
/// "Did you mean" for a name that is not one of the known ones: the nearest by edit distance, when it is near enough
/// to be a typo. Compiled into the analyzers too (a linked source: they do not reference the generator).
/// </summary>
internal static class NearestName
{
    /// <summary>The known name nearest to <paramref name="given"/>, or null when none is within a typo's distance.</summary>
    public static string? Find(string given, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Distance(given, candidate);
            if (distance < bestDistance)
                (best, bestDistance) = (candidate, distance);
        }
        // One edit in a short word, about a third of a long one: "nonee" finds "none", "frob" finds nothing.
        var allowed = Math.Max(1, given.Length / 3);
        return best is not null && bestDistance > 0 && bestDistance <= allowed ? best : null;
    }

    /// <summary><c>"; did you mean 'x'?"</c>, or empty when nothing is near.</summary>
    public static string Suggestion(string given, IEnumerable<string> known)
        => Find(given, known) is { } near ? $"; did you mean '{near}'?" : "";

    /// <summary>Levenshtein distance, case-sensitive (C names are).</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
