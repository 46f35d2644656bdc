namespace KvmSharp.TestSupport.Mutation;

/// <summary>
/// Shrinks a failing copy to the fewest edits that still show the same defect, so a report names the
/// one change that breaks the front-end rather than four at once.
/// </summary>
internal static class FailureMinimizer
{
    /// <summary>
    /// Drops edits one at a time while the copy still fails with <paramref name="failed"/>'s first
    /// signature. Hangs are returned as they are: each try would cost a whole time-out.
    /// </summary>
    public static CopyOutcome Minimize(MutationRunner runner, CopyOutcome failed)
    {
        if (!failed.Failed || failed.Failures[0].Kind == FailureKind.Hang)
            return failed;
        var signature = failed.Failures[0].Signature;
        var smallest = failed;
        Minimize(failed.Edits, fewer =>
        {
            var outcome = runner.RunEdits(failed.Seed, fewer);
            if (!outcome.Failures.Any(f => f.Signature == signature))
                return false;
            smallest = outcome;
            return true;
        });
        return smallest;
    }

    /// <summary>
    /// The smallest subset of <paramref name="items"/> found by dropping one item at a time (last first)
    /// while <paramref name="stillFails"/> holds; for copies whose failure can only be seen from outside
    /// the process (crashes).
    /// </summary>
    public static IReadOnlyList<T> Minimize<T>(IReadOnlyList<T> items, Func<IReadOnlyList<T>, bool> stillFails)
    {
        var kept = items.ToList();
        for (var i = kept.Count - 1; i >= 0 && kept.Count > 1; i--)
        {
            var fewer = kept.Where((_, index) => index != i).ToArray();
            if (stillFails(fewer))
                kept.RemoveAt(i);
        }

        return kept;
    }
}
