using KvmSharp.Generator.Diagnostics;

namespace KvmSharp.Cli.Review;

/// <summary>
/// The "did you mean" of a <c>KVM_*</c> name api.rst mentions and no header defines. Documentation slips are mostly
/// about words, not letters, so two word rules come before the shared edit-distance one (<see cref="NearestName"/>): a
/// name with the same words in another order (<c>KVM_CAP_STATS_BINARY_FD</c> for <c>KVM_CAP_BINARY_STATS_FD</c>), then
/// the shortest name with the same words and one more (<c>KVM_RUN_BUS_LOCK</c> for <c>KVM_RUN_X86_BUS_LOCK</c>,
/// <c>KVM_EXIT_PAPR</c> for <c>KVM_EXIT_PAPR_HCALL</c>); <c>KVM_ARM_LOCK_MEMORY_READ</c> finds
/// <c>KVM_ARM_LOCK_MEM_READ</c> by edits. Ties go to the first in the known names' order.
/// </summary>
internal static class MentionSuggestion
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
        return longer ?? NearestName.Find(name, known);
    }

    // Whether candidate is words with exactly one word put in somewhere after the first (KVM stays first).
    private static bool OneWordMore(string[] words, string[] candidate)
    {
        if (candidate.Length != words.Length + 1)
            return false;
        for (var skip = 1; skip < candidate.Length; skip++)
        {
            if (candidate.Take(skip).Concat(candidate.Skip(skip + 1)).SequenceEqual(words, StringComparer.Ordinal))
                return true;
        }
        return false;
    }
}
