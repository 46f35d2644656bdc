using System.Text;

namespace KvmSharp.TestSupport.Mutation;

/// <summary>Writes a failing copy so that a reader can replay it and see the damaged lines.</summary>
internal static class FailureReport
{
    /// <param name="fromSeed">Whether the copy came from the mutator (and so replays from its seed) rather than hand-made edits.</param>
    public static string Describe(HeaderSet set, CopyOutcome outcome, bool fromSeed = true, int maxFailures = 5)
    {
        var report = new StringBuilder();
        report.AppendLine(fromSeed
            ? $"seed {outcome.Seed} ({outcome.Edits.Count} edits, replay: soak --arch {set.Request.Arch.Name} --seed {outcome.Seed} --count 1):"
            : $"hand-made copy ({outcome.Edits.Count} edits):");
        foreach (var failure in outcome.Failures.Take(maxFailures))
            report.AppendLine($"  {FirstLines(failure.ToString(), 6)}");
        if (outcome.Failures.Count > maxFailures)
            report.AppendLine($"  ... and {outcome.Failures.Count - maxFailures} more");
        foreach (var edit in outcome.Edits)
        {
            if (!set.Files.TryGetValue(edit.File, out var header))
                continue;
            report.AppendLine($"  edit {edit.Describe(header.Text)}");
            var (line, _) = HeaderEdit.LineAndColumn(header.Text, edit.Start);
            report.AppendLine($"    was: {HeaderEdit.Quote(LineAt(header.Text, line))}");
        }

        return report.ToString();
    }

    private static string LineAt(string text, int line)
    {
        var start = 0;
        for (var i = 1; i < line; i++)
            start = text.IndexOf('\n', start) + 1;
        var end = text.IndexOf('\n', start);
        var slice = end < 0 ? text[start..] : text[start..end];
        return slice.Length > 120 ? slice[..120] + "..." : slice;
    }

    // Stack traces are long; the first frames locate the defect.
    private static string FirstLines(string text, int count)
    {
        var lines = text.Split('\n');
        return string.Join("\n    ", lines.Take(count)) + (lines.Length > count ? "\n    ..." : "");
    }
}
