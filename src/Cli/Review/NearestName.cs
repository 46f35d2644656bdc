namespace KvmSharp.Cli.Review;

/// <summary>The "did you mean" of a name that is not defined: the known name it most likely stands for.</summary>
/// <remarks>
/// In order: a name with the same words in another order (<c>KVM_CAP_STATS_BINARY_FD</c> for
/// <c>KVM_CAP_BINARY_STATS_FD</c>); a name with the same words and one more (<c>KVM_RUN_BUS_LOCK</c> for
/// <c>KVM_RUN_X86_BUS_LOCK</c>, <c>KVM_EXIT_PAPR</c> for <c>KVM_EXIT_PAPR_HCALL</c>), the shortest first; then the name
/// fewest single-character edits away, if that is at most a sixth of its length (at least 2):
/// <c>KVM_ARM_LOCK_MEMORY_READ</c> is 3 edits from <c>KVM_ARM_LOCK_MEM_READ</c>. Ties go to the first in the known
/// names' order.
/// </remarks>
internal static class NearestName
{
    public static string? Find(string name, IReadOnlyCollection<string> known)
    {
        var words = name.Split('_');
        var sorted = words.OrderBy(w => w, StringComparer.Ordinal).ToArray();
        var reordered = known.FirstOrDefault(k => k != name && k.Length == name.Length
            && k.Split('_').OrderBy(w => w, StringComparer.Ordinal).SequenceEqual(sorted, StringComparer.Ordinal));
        if (reordered is not null)
            return reordered;
        var longer = known.Where(k => k.Length > name.Length && OneWordMore(words, k.Split('_'))).OrderBy(k => k.Length).FirstOrDefault();
        if (longer is not null)
            return longer;

        var limit = Math.Max(2, name.Length / 6);
        string? best = null;
        var bestDistance = limit + 1;
        foreach (var candidate in known)
        {
            if (Math.Abs(candidate.Length - name.Length) >= bestDistance || candidate == name)
                continue;
            var distance = Distance(name, candidate, bestDistance);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    // Whether candidate is words with exactly one word put in somewhere (the first word, KVM, stays first).
    private static bool OneWordMore(string[] words, string[] candidate)
    {
        if (candidate.Length != words.Length + 1)
            return false;
        for (var skip = 1; skip < candidate.Length; skip++)
        {
            var same = true;
            for (int i = 0, j = 0; i < words.Length; i++, j++)
            {
                if (j == skip)
                    j++;
                if (words[i] != candidate[j])
                {
                    same = false;
                    break;
                }
            }
            if (same)
                return true;
        }
        return false;
    }

    // Levenshtein distance, giving up (returning the cap) once every path exceeds it.
    private static int Distance(string a, string b, int cap)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j] + 1, current[j - 1] + 1));
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin >= cap)
                return cap;
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
